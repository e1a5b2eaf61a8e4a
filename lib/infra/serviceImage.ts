/**
 * The reference payment service's image: an ECR repository the stack owns and the image built from
 * app/ with Docker buildx and pushed to it (docs/decisions/0005-reference-image-build.md). Created
 * only when some service runs the reference container (no image key set); the task definitions
 * reference the image by digest, so a task runs exactly the bytes that were pushed.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "./aws";
import * as dockerBuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import type { CpuArchitecture } from "../aws/fargateSizes";
import { IMAGES_KEPT, lifecyclePolicy } from "../design/imageRepository";
import { physicalName, withSuffix } from "../spec/names";
import type { PlatformSpec } from "../spec";

/** The build context, relative to the project directory where `pulumi up` runs (Pulumi.yaml's directory). */
export const APP_CONTEXT = "app";
/** The same folder from this file, wherever the program is started from: the tag is hashed from it. */
const APP_DIR = path.resolve(__dirname, "..", "..", APP_CONTEXT);
/** Folders of app/ that are not part of the image (app/.dockerignore excludes them too). */
const NOT_IN_CONTEXT = new Set(["node_modules", "dist"]);

const DOCKER_PLATFORM: Record<CpuArchitecture, dockerBuild.Platform> = {
  ARM64: "linux/arm64",
  X86_64: "linux/amd64",
};

/** Every file of the build context, relative to it, sorted: what the image is built from. */
function contextFiles(dir: string, relative = ""): string[] {
  return fs
    .readdirSync(path.join(dir, relative), { withFileTypes: true })
    .filter((entry) => !NOT_IN_CONTEXT.has(entry.name))
    .flatMap((entry) => {
      const file = path.posix.join(relative, entry.name);
      return entry.isDirectory() ? contextFiles(dir, file) : [file];
    })
    .sort();
}

/**
 * The image tag: a hash of everything the build depends on (each context file's path, permission
 * bits and bytes, and the platform). The repository's tags are immutable and ECR refuses to push a
 * tag that exists, even with the same digest (https://github.com/aws/containers-roadmap/issues/2380),
 * so whenever docker-build decides to rebuild, the tag must be new. docker-build rebuilds when its
 * context hash changes, and that hash covers each file's mode as well as its bytes
 * (pulumi-docker-build provider/internal/context.go), so the tag covers both. No timestamps: two
 * clones with the same umask compute the same tag.
 */
export function imageTag(contextDir: string, architecture: CpuArchitecture): string {
  const hash = crypto.createHash("sha256").update(DOCKER_PLATFORM[architecture]);
  for (const file of contextFiles(contextDir)) {
    const full = path.join(contextDir, file);
    hash.update(`\0${file}\0${(fs.statSync(full).mode & 0o777).toString(8)}\0`).update(fs.readFileSync(full));
  }
  return `app-${hash.digest("hex").slice(0, 20)}`;
}

/** The reference image's tag: app/ built for the stack's architecture. */
export const referenceImageTag = (architecture: CpuArchitecture): string => imageTag(APP_DIR, architecture);

export class ServiceImage extends pulumi.ComponentResource {
  /** `<repository URL>@sha256:<digest>` */
  readonly imageUri: pulumi.Output<string>;
  readonly repositoryArn: pulumi.Output<string>;

  constructor(spec: PlatformSpec, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:compute:ServiceImage", withSuffix("service-image", suffix), {}, opts);
    const child = { parent: this };
    const repositoryName = physicalName("imageRepository", suffix);

    const repository = new aws.ecr.Repository(
      repositoryName,
      {
        name: repositoryName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        // AES256 (ECR's default, S3-managed keys): the image holds code, not cardholder data, and a
        // KMS-encrypted repository would need the stack key in every puller's grant.
        encryptionConfigurations: [{ encryptionType: "AES256" }],
        // Destroyable with its images (a repository with images cannot be deleted otherwise).
        forceDelete: true,
      },
      child,
    );
    new aws.ecr.LifecyclePolicy(
      withSuffix("service-image-lifecycle", suffix),
      { repository: repository.name, policy: JSON.stringify(lifecyclePolicy(IMAGES_KEPT)) },
      child,
    );

    // Credentials for the push, in memory only (docker-build does not touch ~/.docker/config.json).
    const token = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId }, child);
    const image = new dockerBuild.Image(
      withSuffix("service-image", suffix),
      {
        context: { location: APP_CONTEXT },
        dockerfile: { location: `${APP_CONTEXT}/Dockerfile` },
        platforms: [DOCKER_PLATFORM[spec.cpuArchitecture]],
        tags: [pulumi.interpolate`${repository.repositoryUrl}:${referenceImageTag(spec.cpuArchitecture)}`],
        push: true,
        // A preview builds too (without pushing) once the repository exists, so a broken Dockerfile
        // fails `pulumi preview`, not `up`; the first preview of a stack cannot (its tags are unknown).
        buildOnPreview: true,
        // The registry given by the repository URL, as in docker-build's ECR example (https://www.pulumi.com/registry/packages/docker-build/api-docs/image/).
        registries: [{ address: repository.repositoryUrl, username: token.userName, password: token.password }],
      },
      child,
    );

    this.imageUri = pulumi.interpolate`${repository.repositoryUrl}@${image.digest}`;
    this.repositoryArn = repository.arn;
    this.registerOutputs({ imageUri: this.imageUri });
  }
}
