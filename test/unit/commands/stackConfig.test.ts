import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCommand } from "../../../lib/commands/cli";
import { ConfigError } from "../../../lib/config/source";
import { loadStack, parseOverrides, printNotes, readStackConfig, stackConfigSource } from "../../../lib/commands/stackConfig";
import { captureIo } from "../support/captureIo";
import { webService } from "../../../lib/spec";
import { PROJECT_DIR } from "../../../lib/commands/schema";

describe("stack config reader", () => {
  it("GIVEN Pulumi.dev.yaml THEN values are qualified strings and overrides win", () => {
    const config = readStackConfig(PROJECT_DIR, "dev", ["apiMaxTasks=9", "aws:region=us-east-1"]);
    expect(config.project).toBe("payment-platform");
    expect(config.notes).toEqual([]);
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

  describe("GIVEN a stack file js-yaml cannot read as a stack", () => {
    const project = (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-yaml-"));
      for (const [name, text] of Object.entries({ "Pulumi.yaml": "name: payment-platform\n", ...files })) {
        fs.writeFileSync(path.join(dir, name), text);
      }
      return dir;
    };
    const problemOf = (dir: string, stack = "dev") => {
      try {
        readStackConfig(dir, stack);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error("no error");
    };

    it("WHEN Pulumi.<stack>.yaml is not valid YAML THEN a ConfigError names the file and the line (counted from 1), and the runner exits 2 without a stack trace", async () => {
      const dir = project({ "Pulumi.dev.yaml": "config:\n  payment-platform:apiCpu: [256\n  payment-platform:apiMemory: 512\n" });
      const file = path.join(dir, "Pulumi.dev.yaml");
      expect(problemOf(dir)).toEqual([`${file} is not valid YAML: line 3: missed comma between flow collection entries`]);
      const io = captureIo();
      expect(await runCommand(async () => (loadStack(dir, "dev", []), 0), [], io)).toBe(2);
      expect(io.stderr).toEqual([
        `Invalid stack configuration:\n  - ${file} is not valid YAML: line 3: missed comma between flow collection entries`,
      ]);
    });

    it("WHEN Pulumi.yaml is not valid YAML THEN the ConfigError names Pulumi.yaml and its line", () => {
      const dir = project({ "Pulumi.yaml": "name: payment-platform\nname: again\n", "Pulumi.dev.yaml": "config: {}\n" });
      expect(problemOf(dir)).toEqual([`${path.join(dir, "Pulumi.yaml")} is not valid YAML: line 2: duplicated mapping key`]);
    });

    it.each([
      ["config:\n  - payment-platform:apiCpu\n", "config must be a mapping of keys to values, got a list"],
      ["config: apiCpu=256\n", 'config must be a mapping of keys to values, got "apiCpu=256"'],
      ["- config\n", "the file must be a mapping of keys to values, got a list"],
      ["just text\n", 'the file must be a mapping of keys to values, got "just text"'],
    ])("WHEN the stack file is %j THEN the ConfigError names the file and says what must be a mapping", (text, problem) => {
      const dir = project({ "Pulumi.dev.yaml": text });
      expect(problemOf(dir)).toEqual([`${path.join(dir, "Pulumi.dev.yaml")}: ${problem}`]);
    });

    it("WHEN the stack file cannot be read at all (a directory) THEN the read error is not dressed up as a config problem", () => {
      const dir = project({});
      fs.mkdirSync(path.join(dir, "Pulumi.dev.yaml"));
      expect(() => readStackConfig(dir, "dev")).toThrow(expect.objectContaining({ code: "EISDIR" }));
    });
  });

  it("GIVEN an override without = THEN it is rejected with an example", () => {
    expect(() => parseOverrides("p", ["apiMaxTasks"])).toThrow(
      '--config "apiMaxTasks": expected key=value, for example --config environmentSuffix=dev',
    );
    expect(() => parseOverrides("p", ["=1"])).toThrow(ConfigError);
  });
});

describe("secret values in a stack file", () => {
  const EXAMPLE_SECRETS = "DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
  /** A project whose stack "s" has the given config lines under `config:`. */
  function projectWith(lines: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: payment-platform\n");
    fs.writeFileSync(
      path.join(dir, "Pulumi.s.yaml"),
      ["config:", "  payment-platform:environmentSuffix: dev", ...lines.map((l) => `  ${l}`), ""].join("\n"),
    );
    return dir;
  }
  const secure = (key: string) => [`${key}:`, "  secure: AAABAKz0bm90LWRlY3J5cHRhYmxl"];

  it("GIVEN a declared key stored as a secret WHEN the stack is read THEN it is planned with the key's example and a note says so", () => {
    const dir = projectWith(secure("payment-platform:apiSecrets"));
    const config = readStackConfig(dir, "s");
    expect(config.values).toEqual({
      "payment-platform:environmentSuffix": "dev",
      "payment-platform:apiSecrets": EXAMPLE_SECRETS,
    });
    expect(config.notes).toEqual([
      `payment-platform:apiSecrets is a secret in Pulumi.s.yaml and cannot be decrypted offline: planned with the example value ${EXAMPLE_SECRETS} (pass --config apiSecrets=<value> to plan with another); pulumi up reads the real value.`,
    ]);
    const { spec, notes } = loadStack(dir, "s", []);
    expect(webService(spec).secrets).toEqual({ DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" });
    expect(notes).toEqual(config.notes);
  });

  it("GIVEN a declared key stored as a secret without the project prefix WHEN the stack is read THEN it is qualified and planned with its example", () => {
    const dir = projectWith(secure("alarmEmail"));
    const config = readStackConfig(dir, "s");
    expect(config.values).toEqual({
      "payment-platform:environmentSuffix": "dev",
      "payment-platform:alarmEmail": "oncall@example.com",
    });
    expect(config.notes).toEqual([
      "payment-platform:alarmEmail is a secret in Pulumi.s.yaml and cannot be decrypted offline: planned with the example value oncall@example.com (pass --config alarmEmail=<value> to plan with another); pulumi up reads the real value.",
    ]);
  });

  it("GIVEN an undeclared key of the project stored as a secret WHEN the stack is resolved THEN the key is kept and the unknown-key check refuses it", () => {
    const dir = projectWith(secure("payment-platform:apiSecret"));
    const config = readStackConfig(dir, "s");
    expect(config.values).toEqual({
      "payment-platform:environmentSuffix": "dev",
      "payment-platform:apiSecret": "(secret)",
    });
    expect(config.notes).toEqual([]);
    expect(stackConfigSource(config).keys()).toEqual(["environmentSuffix", "apiSecret"]);
    let error: unknown;
    try {
      loadStack(dir, "s", []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(["unknown key apiSecret; did you mean apiSecrets?"]);
  });

  it("GIVEN another namespace's secret WHEN the stack is read THEN it is skipped with a note and the stack still resolves", () => {
    const dir = projectWith(secure("datadog:apiKey"));
    const config = readStackConfig(dir, "s");
    expect(config.values).toEqual({ "payment-platform:environmentSuffix": "dev" });
    expect(config.notes).toEqual(["datadog:apiKey is a secret in Pulumi.s.yaml; the offline commands do not read it."]);
    const { spec, notes } = loadStack(dir, "s", []);
    expect(spec.environmentSuffix).toBe("dev");
    expect(notes).toEqual(config.notes);
  });

  it("GIVEN a secret and a --config override of the same key WHEN the stack is read THEN the override is planned and there is no note", () => {
    const dir = projectWith(secure("payment-platform:apiSecrets"));
    const override = "API_TOKEN=arn:aws:ssm:us-east-1:123456789012:parameter/api-token";
    const config = readStackConfig(dir, "s", [`apiSecrets=${override}`]);
    expect(config.values).toEqual({
      "payment-platform:environmentSuffix": "dev",
      "payment-platform:apiSecrets": override,
    });
    expect(config.notes).toEqual([]);
    expect(webService(loadStack(dir, "s", [`apiSecrets=${override}`]).spec).secrets).toEqual({
      API_TOKEN: "arn:aws:ssm:us-east-1:123456789012:parameter/api-token",
    });
  });
});

describe("stack config source", () => {
  it("GIVEN values of the project, of aws and of another namespace WHEN its keys are listed THEN they are the project's keys only, unqualified, overrides included", () => {
    const source = stackConfigSource({
      project: "payment-platform",
      stack: "s",
      values: {
        "aws:region": "us-east-1",
        "payment-platform:environmentSuffix": "dev",
        "other:apiMaxTasks": "3",
        "payment-platform:apiMaxTasks": "9",
      },
      notes: [],
    });
    expect(source.keys()).toEqual(["environmentSuffix", "apiMaxTasks"]);
    expect([source.get("apiMaxTasks"), source.get("region"), source.awsRegion()]).toEqual(["9", undefined, "us-east-1"]);
  });

  it("GIVEN Pulumi.dev.yaml and an override WHEN its keys are listed THEN the file's project keys come first, then the override's", () => {
    const source = stackConfigSource(readStackConfig(PROJECT_DIR, "dev", ["apiMaxTasks=9", "aws:region=us-east-1"]));
    expect(source.keys()).toEqual(["environment", "environmentSuffix", "apiMaxTasks"]);
  });

  it("GIVEN no values WHEN its keys are listed THEN there are none", () => {
    expect(stackConfigSource({ project: "p", stack: "s", values: {}, notes: [] }).keys()).toEqual([]);
  });
});

describe("printNotes", () => {
  it("GIVEN two notes WHEN printed THEN each goes to stderr as one `note:` line, in order, and nothing to stdout", () => {
    const io = captureIo();
    printNotes(io, ["a is a secret", "b is a secret"]);
    expect([io.stdout, io.stderr]).toEqual([[], ["note: a is a secret", "note: b is a secret"]]);
  });

  it("GIVEN no notes THEN nothing is printed", () => {
    const io = captureIo();
    printNotes(io, []);
    expect([io.stdout, io.stderr]).toEqual([[], []]);
  });
});
