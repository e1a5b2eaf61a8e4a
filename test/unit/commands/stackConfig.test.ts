import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../../lib/stackSpec";
import { parseOverrides, readStackConfig, stackConfigSource } from "../../../lib/commands/stackConfig";
import { PROJECT_DIR } from "../../../lib/commands/schema";

describe("stack config reader", () => {
  it("GIVEN Pulumi.dev.yaml THEN values are qualified strings and overrides win", () => {
    const config = readStackConfig(PROJECT_DIR, "dev", ["apiMaxTasks=9", "aws:region=us-east-1"]);
    expect(config.project).toBe("payment-platform");
    expect(config.values).toMatchObject({
      "aws:region": "us-east-1",
      "payment-platform:environment": "dev",
      "payment-platform:environmentSuffix": "dev",
      "payment-platform:apiMaxTasks": "9",
    });
    const source = stackConfigSource(config);
    expect([source.get("environmentSuffix"), source.get("missing"), source.awsRegion()]).toEqual(["dev", undefined, "us-east-1"]);
  });

  it("GIVEN YAML numbers, booleans and an empty config THEN they become strings, or nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: demo\n");
    fs.writeFileSync(path.join(dir, "Pulumi.a.yaml"), "config:\n  demo:apiMaxTasks: 7\n  highResolutionMetrics: false\n");
    fs.writeFileSync(path.join(dir, "Pulumi.b.yaml"), "");
    expect(readStackConfig(dir, "a").values).toEqual({ "demo:apiMaxTasks": "7", "demo:highResolutionMetrics": "false" });
    expect(readStackConfig(dir, "b").values).toEqual({});
  });

  it("GIVEN a stack without a file THEN a ConfigError says how to create it", () => {
    expect(() => readStackConfig(PROJECT_DIR, "nope")).toThrow(ConfigError);
    expect(() => readStackConfig(PROJECT_DIR, "nope")).toThrow(
      /Pulumi\.nope\.yaml not found in .*: create it with "pulumi stack init" and "pulumi config set", or pass --stack dev or --stack prod/,
    );
  });

  it("GIVEN an override without = THEN it is rejected with an example", () => {
    expect(() => parseOverrides("p", ["apiMaxTasks"])).toThrow(
      '--config "apiMaxTasks": expected key=value, for example --config environmentSuffix=dev',
    );
    expect(() => parseOverrides("p", ["=1"])).toThrow(ConfigError);
  });
});
