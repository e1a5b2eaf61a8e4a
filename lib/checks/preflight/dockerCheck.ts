/**
 * Docker with buildx where `pulumi up` runs, when the stack builds the reference image (a service
 * without an image key): @pulumi/docker-build builds app/ with buildx and pushes it (decision 0005).
 * Without a reachable engine the preview and the first deploy fail at the image.
 */
import { usesReferenceImage } from "../../spec";
import { fail, Finding, pass } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { PreflightContext } from "./preflightContext";

const INSTALL =
  "install Docker with the buildx plugin where `pulumi up` runs (Docker Desktop includes it; on Linux the docker-buildx-plugin package of Docker's repositories: https://github.com/docker/buildx#installing), or set containerImage and workerImage to images you build yourself";

export const dockerCheck: CheckDefinition<PreflightContext> = {
  id: "local.docker",
  title: "Docker with buildx",
  failureClass: "account",
  permissions: [],
  async run({ spec, docker }) {
    if (!usesReferenceImage(spec)) {
      return [pass("docker", "not needed: every service sets its own image", "not checked")];
    }
    const [buildx, engine] = await Promise.all([
      docker(["buildx", "version"]),
      docker(["info", "--format", "{{.ServerVersion}}"]),
    ]);
    const findings: Finding[] = [
      buildx.ok
        ? pass("docker buildx version", "buildx installed (the stack builds the reference image from app/)", buildx.output)
        : fail(
            "docker buildx version",
            "buildx installed (the stack builds the reference image from app/)",
            buildx.error,
            INSTALL,
          ),
      engine.ok
        ? pass("docker info", "a reachable Docker engine", `server ${engine.output}`)
        : fail(
            "docker info",
            "a reachable Docker engine",
            engine.error,
            "start the Docker engine (Docker Desktop, or `sudo systemctl start docker`) and let this user reach it (the docker group, or DOCKER_HOST)",
          ),
    ];
    return findings;
  },
};
