import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { CONFIG_KEYS, defaultFor, keyDefinition } from "../../../lib/config/platformKeys";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import {
  createSchemaCommand,
  renderConfigTable,
  renderPulumiYaml,
  schemaCommand,
  TABLE_END,
  TABLE_START,
  withConfigTable,
} from "../../../lib/commands/schema";
import { captureIo } from "../support/captureIo";

describe("Pulumi.yaml config schema", () => {
  it("GIVEN the key table WHEN Pulumi.yaml is rendered THEN the committed file is identical (run `npm run schema` after changing keys)", () => {
    expect(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")).toBe(renderPulumiYaml());
  });

  it("GIVEN the rendered schema THEN every key has a type and description, and only uniform defaults are declared", () => {
    const doc = yaml.load(renderPulumiYaml()) as {
      name: string;
      main: string;
      config: Record<string, { type: string; description: string; default?: unknown }>;
    };
    expect([doc.name, doc.main]).toEqual(["payment-platform", "index.ts"]);
    expect(Object.keys(doc.config)).toEqual(CONFIG_KEYS.map((k) => k.key));
    expect(doc.config.containerPort).toEqual({
      type: "integer",
      description: keyDefinition("containerPort").description,
      default: 8080,
    });
    expect(doc.config.availabilityZoneCount.default).toBeUndefined();
    expect(doc.config.availabilityZoneCount.description).toContain("Default: dev 2, staging 2, prod 3.");
    expect(doc.config.environmentSuffix).toEqual({ type: "string", description: keyDefinition("environmentSuffix").description });
  });

  it("GIVEN an unknown key THEN keyDefinition throws", () => {
    expect(() => keyDefinition("nope")).toThrow('unknown config key "nope"');
    expect(defaultFor(keyDefinition("apiCpu"), "prod")).toBe(512);
  });
});

describe("README config table", () => {
  it("GIVEN the key table WHEN the README table is rendered THEN the committed README has it (run `npm run schema`)", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    expect(withConfigTable(readme)).toBe(readme);
  });

  it("GIVEN the table THEN every key has a row with its per-environment defaults", () => {
    const rows = renderConfigTable().split("\n");
    expect(rows).toHaveLength(CONFIG_KEYS.length + 2);
    expect(rows).toContain(
      "| `environmentSuffix` | string | required | required | required | " +
        keyDefinition("environmentSuffix").description +
        " |",
    );
    expect(rows.find((r) => r.startsWith("| `availabilityZoneCount`"))).toMatch(
      /^\| `availabilityZoneCount` \| integer \| `2` \| `2` \| `3` \|/,
    );
    expect(rows.find((r) => r.startsWith("| `apiSecrets`"))).toMatch(/\| empty \| empty \| empty \|/);
    expect(rows.find((r) => r.startsWith("| `certificateArn`"))).toMatch(/\| unset \| unset \| unset \|/);
  });

  it("GIVEN a README without markers THEN it says which markers are missing", () => {
    expect(() => withConfigTable("# no table")).toThrow(`README.md must contain the markers ${TABLE_START} and ${TABLE_END}`);
  });
});

describe("npm run schema -- --check", () => {
  it("GIVEN the committed files WHEN checked THEN they match and nothing is written", async () => {
    const io = captureIo();
    expect(await schemaCommand(["--check"], io)).toBe(0);
    expect(io.stdout).toEqual(["Pulumi.yaml and the README config table match lib/configKeys.ts"]);
  });

  it("GIVEN a project whose generated files are stale WHEN checked THEN exit 1 names them; WHEN regenerated THEN the check passes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: stale\n");
    fs.writeFileSync(path.join(dir, "README.md"), `# Demo\n${TABLE_START}\nold table\n${TABLE_END}\nend\n`);
    const command = createSchemaCommand(dir);
    const io = captureIo();
    expect(await command(["--check"], io)).toBe(1);
    expect(io.stderr).toEqual([
      `out of date (run npm run schema): ${path.join(dir, "Pulumi.yaml")}, ${path.join(dir, "README.md")}`,
    ]);
    expect(await command([], io)).toBe(0);
    expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toBe(renderPulumiYaml());
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe(
      `# Demo\n${TABLE_START}\n${renderConfigTable()}\n${TABLE_END}\nend\n`,
    );
    expect(await command(["--check"], io)).toBe(0);
  });
});
