import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { runCommand, UsageError } from "../../../lib/commands/cli";
import {
  createSchemaCommand,
  PROJECT_DIR,
  renderConfigTable,
  renderPulumiYaml,
  SCHEMA_USAGE,
  schemaCommand,
  TABLE_END,
  TABLE_START,
  withConfigTable,
} from "../../../lib/commands/schema";
import { declaredKeys } from "../../../lib/config/declaredKeys";
import { defaultFor } from "../../../lib/config/keyTable";
import { PLATFORM_KEYS } from "../../../lib/config/platformKeys";
import { captureIo } from "../support/captureIo";
import { describeCommandLineConventions } from "../support/commandConventions";

const DECLARED = declaredKeys();
const declared = (key: string) => DECLARED.find((d) => d.key === key)!;

/** A project whose generated files are stale. */
function staleProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: stale\n");
  fs.writeFileSync(path.join(dir, "README.md"), `# Demo\n${TABLE_START}\nold table\n${TABLE_END}\nend\n`);
  return dir;
}
const filesOf = (dir: string) => ["Pulumi.yaml", "README.md"].map((f) => fs.readFileSync(path.join(dir, f), "utf8"));

describe("Pulumi.yaml config schema", () => {
  it("GIVEN the key table WHEN Pulumi.yaml is rendered THEN the committed file is identical (run `npm run schema -- --write` after changing keys)", () => {
    expect(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")).toBe(renderPulumiYaml());
  });

  it("GIVEN the rendered schema THEN every key has a type and description, and only uniform defaults are declared", () => {
    const doc = yaml.load(renderPulumiYaml()) as {
      name: string;
      main: string;
      config: Record<string, { type: string; description: string; default?: unknown }>;
    };
    expect([doc.name, doc.main]).toEqual(["payment-platform", "index.ts"]);
    expect(Object.keys(doc.config)).toEqual(DECLARED.map((k) => k.key));
    expect(doc.config.containerPort).toEqual({
      type: "integer",
      description: PLATFORM_KEYS.containerPort.description,
      default: 8080,
    });
    expect(doc.config.availabilityZoneCount.default).toBeUndefined();
    expect(doc.config.availabilityZoneCount.description).toContain("Default: dev 2, staging 2, prod 3.");
    expect(doc.config.environmentSuffix).toEqual({ type: "string", description: PLATFORM_KEYS.environmentSuffix.description });
    expect(doc.config.workerCpu).toEqual({
      type: "integer",
      description: `${declared("workerCpu").description} Default: dev 256, staging 256, prod 512.`,
    });
    expect(doc.config.apiDesiredTasks).toEqual({ type: "integer", description: declared("apiDesiredTasks").description });
  });

  it("GIVEN the declared keys WHEN looked up THEN each name is declared once, a service key has its per-environment default, and a misspelled platform key does not compile", () => {
    expect(new Set(DECLARED.map((d) => d.key)).size).toBe(DECLARED.length);
    expect(defaultFor(declared("apiCpu"), "prod")).toBe(512);
    expect(defaultFor(declared("workerCpu"), "prod")).toBe(512);
    expect(defaultFor(declared("apiDesiredTasks"), "prod")).toBeUndefined();
    // @ts-expect-error -- PLATFORM_KEYS is typed by its table: a misspelled key is a tsc error, not a runtime lookup.
    expect(PLATFORM_KEYS.containerPrt).toBeUndefined();
  });
});

describe("README config table", () => {
  it("GIVEN the key table WHEN the README table is rendered THEN the committed README has it (run `npm run schema -- --write`)", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    expect(withConfigTable(readme)).toBe(readme);
  });

  it("GIVEN the table THEN every key has a row with its per-environment defaults", () => {
    const rows = renderConfigTable().split("\n");
    expect(rows).toHaveLength(DECLARED.length + 2);
    expect(rows).toContain(
      "| `environmentSuffix` | string | required | required | required | " + PLATFORM_KEYS.environmentSuffix.description + " |",
    );
    expect(rows.find((r) => r.startsWith("| `availabilityZoneCount`"))).toMatch(
      /^\| `availabilityZoneCount` \| integer \| `2` \| `2` \| `3` \|/,
    );
    expect(rows.find((r) => r.startsWith("| `workerCpu`"))).toMatch(/^\| `workerCpu` \| integer \| `256` \| `256` \| `512` \|/);
    for (const unset of [
      "apiSecrets",
      "workerSecrets",
      "apiInternalCallers",
      "apiDesiredTasks",
      "workerDesiredTasks",
      "certificateArn",
    ]) {
      expect(rows.find((r) => r.startsWith(`| \`${unset}\` |`))).toBe(
        `| \`${unset}\` | ${declared(unset).type} | unset | unset | unset | ${declared(unset).description.replace(/\|/g, "\\|")} |`,
      );
    }
  });

  it("GIVEN the environment key WHEN its README row is rendered THEN each column shows its own environment", () => {
    expect(
      renderConfigTable()
        .split("\n")
        .filter((r) => r.startsWith("| `environment` |")),
    ).toEqual([`| \`environment\` | string | \`dev\` | \`staging\` | \`prod\` | ${PLATFORM_KEYS.environment.description} |`]);
    expect(defaultFor(PLATFORM_KEYS.environment, "prod")).toBe("dev");
  });

  it("GIVEN a README without markers THEN it says which markers are missing", () => {
    expect(() => withConfigTable("# no table")).toThrow(`README.md must contain the markers ${TABLE_START} and ${TABLE_END}`);
  });
});

describe("npm run schema: checks by default, writes only with --write", () => {
  it.each([[[]], [["--check"]]])(
    "GIVEN the committed files WHEN run with %j THEN they match and nothing is written",
    async (argv) => {
      const io = captureIo();
      expect(await schemaCommand(argv, io)).toBe(0);
      expect(io.stdout).toEqual(["Pulumi.yaml and the README config table match lib/config/"]);
    },
  );

  it.each([[[]], [["--check"]]])(
    "GIVEN a project whose generated files are stale WHEN run with %j THEN exit 1 names them and nothing is written; WHEN run with --write THEN the check passes",
    async (argv) => {
      const dir = staleProject();
      const before = filesOf(dir);
      const command = createSchemaCommand(dir);
      const io = captureIo();
      expect(await command(argv, io)).toBe(1);
      expect(io.stderr).toEqual([
        `out of date (run npm run schema -- --write): ${path.join(dir, "Pulumi.yaml")}, ${path.join(dir, "README.md")}`,
      ]);
      expect(filesOf(dir)).toEqual(before);
      expect(await command(["--write"], io)).toBe(0);
      expect(io.stdout).toEqual([
        `wrote ${path.join(dir, "Pulumi.yaml")} and the config table of ${path.join(dir, "README.md")}`,
      ]);
      expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toBe(renderPulumiYaml());
      expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe(
        `# Demo\n${TABLE_START}\n${renderConfigTable()}\n${TABLE_END}\nend\n`,
      );
      expect(await command(argv, io)).toBe(0);
    },
  );
});

describe("npm run schema arguments", () => {
  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--chek"], "Unknown option '--chek'"],
    [["--writ"], "Unknown option '--writ'"],
    [["--write", "--chek"], "Unknown option '--chek'"],
    [["--check", "--write"], "give one of --check and --write"],
    [["--check", "--bogus"], "Unknown option '--bogus'"],
    [["check"], "Unexpected argument 'check'. This command does not take positional arguments"],
  ])(
    "GIVEN %j WHEN running THEN it is refused with the usage, the runner exits 2 and nothing is written",
    async (argv, reason) => {
      const dir = staleProject();
      const before = filesOf(dir);
      const command = createSchemaCommand(dir);
      await expect(command(argv, captureIo())).rejects.toThrow(new UsageError(`${reason}\n${SCHEMA_USAGE}`));
      const io = captureIo();
      expect(await runCommand(command, argv, io)).toBe(2);
      expect(io.stderr).toEqual([`${reason}\n${SCHEMA_USAGE}`]);
      expect(io.stdout).toEqual([]);
      expect(filesOf(dir)).toEqual(before);
    },
  );

  it.each([[["--help"]], [["-h"]], [["--check", "--help"]], [["--write", "-h"]]])(
    "GIVEN %j WHEN running THEN the usage is printed, it exits 0 and nothing is checked or written",
    async (argv) => {
      const dir = staleProject();
      const before = filesOf(dir);
      const io = captureIo();
      expect(await createSchemaCommand(dir)(argv, io)).toBe(0);
      expect(io.stdout).toEqual([SCHEMA_USAGE]);
      expect(io.stderr).toEqual([]);
      expect(filesOf(dir)).toEqual(before);
    },
  );
});

describeCommandLineConventions("schema", () => createSchemaCommand("/nonexistent"), SCHEMA_USAGE);
