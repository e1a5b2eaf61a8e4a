/**
 * The reference image's tag (lib/infra/serviceImage.ts): ECR refuses to push an existing tag to an
 * immutable repository, so the tag must change with every build input and with nothing else.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REFERENCE_IMAGE_TAG } from "../../../lib/commands/golden";
import { imageTag, referenceImageTag } from "../../../lib/infra/serviceImage";

function context(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "image-context-"));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe("reference image tag", () => {
  const files = { Dockerfile: "FROM scratch\n", "src/main.ts": "export {};\n", "package.json": "{}\n" };

  it("GIVEN the same files in two folders THEN the tag is the same, app- and 20 hex digits (no timestamps, no paths)", () => {
    const a = imageTag(context(files), "ARM64");
    expect(a).toMatch(/^app-[0-9a-f]{20}$/);
    expect(imageTag(context(files), "ARM64")).toBe(a);
  });

  it("GIVEN one changed byte, a renamed file or another platform THEN the tag changes", () => {
    const tag = imageTag(context(files), "ARM64");
    expect(imageTag(context({ ...files, "src/main.ts": "export {}; \n" }), "ARM64")).not.toBe(tag);
    expect(
      imageTag(context({ Dockerfile: files.Dockerfile, "src/index.ts": files["src/main.ts"], "package.json": "{}\n" }), "ARM64"),
    ).not.toBe(tag);
    expect(imageTag(context(files), "X86_64")).not.toBe(tag);
  });

  it("GIVEN a file whose permission bits change THEN the tag changes (docker-build's context hash covers modes, and would rebuild)", () => {
    const dir = context(files);
    const tag = imageTag(dir, "ARM64");
    fs.chmodSync(path.join(dir, "src", "main.ts"), 0o755);
    expect(imageTag(dir, "ARM64")).not.toBe(tag);
  });

  it("GIVEN node_modules and dist in the folder THEN they do not change the tag (they are not in the build context)", () => {
    const tag = imageTag(context(files), "ARM64");
    expect(imageTag(context({ ...files, "node_modules/x/index.js": "1", "dist/main.js": "2" }), "ARM64")).toBe(tag);
  });

  it("GIVEN the repository's app/ THEN the program tags the image with its tag, which the golden files name rather than print (it depends on the clone's umask)", () => {
    expect(referenceImageTag("ARM64")).toBe(imageTag(path.join(__dirname, "..", "..", "..", "app"), "ARM64"));
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "golden", "resources-dev.json"), "utf8")) as {
      type: string;
      inputs: { tags?: string[] };
    }[];
    const image = golden.find((r) => r.type === "docker-build:index:Image")!;
    expect(image.inputs.tags).toEqual([
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service-dev:${REFERENCE_IMAGE_TAG}`,
    ]);
  });
});
