/**
 * The golden plan outputs (test/golden/): a fresh offline plan of dev, staging and prod must render
 * exactly the committed files. After a deliberate change: `npm run golden -- --update`, then review
 * the diff.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCommand } from "../../../lib/commands/cli";
import { documentFiles } from "../../../lib/commands/docBlocks";
import { createGoldenCommand, GOLDEN_USAGE, GoldenFile } from "../../../lib/commands/golden";
import { captureIo } from "../support/captureIo";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

describe("golden plan outputs", () => {
  it("GIVEN the committed test/golden/ WHEN dev, staging and prod are planned afresh THEN the nine files (plan document, summary and resources of each) and the generated document blocks match byte for byte, and no stack warns", async () => {
    const io = captureIo();
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    let code = -1;
    await jest.isolateModulesAsync(async () => {
      const golden = await import("../../../lib/commands/golden");
      const cli = await import("../../../lib/commands/cli");
      code = await cli.runCommand(golden.goldenCommand, [], io);
    });
    // pulumi.log.warn prints through console.warn under the mock engine: no shipped stack warns.
    const warnings = warn.mock.calls.length;
    warn.mockRestore();
    expect(warnings).toBe(0);
    // Nine plan files, and every README/docs file that holds a generated block.
    const root = path.resolve(__dirname, "..", "..", "..");
    const documents = documentFiles(root).filter((f) => fs.readFileSync(path.join(root, f), "utf8").includes("<!-- golden:"));
    expect(documents).toContain("README.md");
    expect([code, io.stderr]).toEqual([0, []]);
    expect(io.stdout).toEqual([`${9 + documents.length} golden files and documents match a fresh plan of dev, staging, prod`]);
  });

  describe("GIVEN a project directory and a renderer that returns two files", () => {
    const rendered: GoldenFile[] = [
      { file: path.join("test", "golden", "plan-a.json"), content: "{}\n" },
      { file: path.join("test", "golden", "plan-a.txt"), content: "a\n" },
    ];
    const render = async () => rendered;
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "golden-"));
    });

    it("WHEN the files are missing THEN check exits 1 naming both and writes nothing", async () => {
      const io = captureIo();
      expect(await runCommand(createGoldenCommand(dir, render), [], io)).toBe(1);
      expect(io.stderr).toEqual([
        `golden files differ from a fresh plan: ${rendered[0].file}, ${rendered[1].file} (npm run golden -- --update, then review git diff)`,
      ]);
      expect(fs.existsSync(path.join(dir, "test"))).toBe(false);
    });

    it("WHEN --update runs and one file is then hand-edited THEN update wrote both, and check names only the edited one", async () => {
      const update = captureIo();
      expect(await runCommand(createGoldenCommand(dir, render), ["--update"], update)).toBe(0);
      expect(update.stdout).toEqual([`wrote ${rendered[0].file}, ${rendered[1].file}`]);
      expect(rendered.map((f) => fs.readFileSync(path.join(dir, f.file), "utf8"))).toEqual(["{}\n", "a\n"]);
      fs.writeFileSync(path.join(dir, rendered[1].file), "edited\n");
      const check = captureIo();
      expect(await runCommand(createGoldenCommand(dir, render), [], check)).toBe(1);
      expect(check.stderr[0]).toContain(`differ from a fresh plan: ${rendered[1].file} (`);
    });

    it("WHEN --help or a misspelled flag is given THEN it prints the usage (exit 0) or refuses with it (exit 2), writing nothing", async () => {
      const help = captureIo();
      const wrong = captureIo();
      expect(await runCommand(createGoldenCommand(dir, render), ["--help"], help)).toBe(0);
      expect(await runCommand(createGoldenCommand(dir, render), ["--updat"], wrong)).toBe(2);
      expect([help.stdout, wrong.stderr]).toEqual([[GOLDEN_USAGE], [`Unknown option '--updat'\n${GOLDEN_USAGE}`]]);
      expect(fs.existsSync(path.join(dir, "test"))).toBe(false);
    });
  });
});

describeCommandLineConventions("golden", () => createGoldenCommand("/nonexistent", unreachable), GOLDEN_USAGE);
