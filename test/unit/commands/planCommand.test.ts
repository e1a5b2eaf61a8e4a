/**
 * The offline plan as a user runs it: summary, JSON document, overrides, and clear errors.
 */
import type { Io } from "../../../lib/commands/cli";
import { runCommand } from "../../../lib/commands/cli";
import { createPlanCommand, parsePlanArgs, PLAN_USAGE } from "../../../lib/commands/plan/planCommand";
import type { buildPlan, PlanDocument } from "../../../lib/commands/plan/planDocument";
import { resolveSpec } from "../../../lib/stackSpec";
import { mapSource } from "../support/configSource";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { captureIo } from "../support/captureIo";
import { goldenPlan } from "../support/runPlatform";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

const GOLDEN = join(__dirname, "..", "..", "golden");

/** Runs `npm run plan -- <argv>` in fresh modules; returns the exit code and what was printed. */
async function plan(argv: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo>; warnings: string[] }> {
  const io = captureIo();
  // `pulumi.log.warn` prints through console.warn under the mock engine: keep it for assertions.
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  let code = -1;
  await jest.isolateModulesAsync(async () => {
    const { runCommand } = await import("../../../lib/commands/cli");
    const { planCommand } = await import("../../../lib/commands/plan/planCommand");
    code = await runCommand(planCommand, argv, io as Io);
  });
  const warnings = warn.mock.calls.map((c) => String(c[0]));
  warn.mockRestore();
  return { code, io, warnings };
}

/** The golden plan of a stack, as the offline plan would build it (without planning). */
function goldenBuild(calls: unknown[][]): typeof buildPlan {
  const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
  const configs: Record<string, Record<string, string>> = {
    dev: { environment: "dev", environmentSuffix: "dev" },
    prod: { environment: "prod", environmentSuffix: "prod", certificateArn: CERT, alarmEmail: "payments-oncall@example.com" },
  };
  return async (stack, overrides, projectDir) => {
    calls.push([stack, overrides, projectDir]);
    const document: PlanDocument = JSON.parse(readFileSync(join(GOLDEN, `plan-${stack}.json`), "utf8"));
    const spec = resolveSpec(mapSource(configs[stack]), { project: "payment-platform", stack });
    return { document, spec, notes: [`${stack} note`], registrations: [] };
  };
}

describe("npm run plan (printing and exit codes, over the golden plans)", () => {
  it("GIVEN no flags WHEN run THEN it plans dev from the project directory and prints exactly the golden dev summary, notes on stderr", async () => {
    const calls: unknown[][] = [];
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", goldenBuild(calls)), [], io)).toBe(0);
    expect(calls).toEqual([["dev", [], "/project"]]);
    expect(`${io.stdout.join("\n")}\n`).toBe(readFileSync(join(GOLDEN, "plan-dev.txt"), "utf8"));
    expect(io.stderr).toEqual(["note: dev note"]);
  });

  it("GIVEN --stack prod --json and overrides WHEN run THEN it passes them on and prints exactly the golden plan document, whose sections follow the contract", async () => {
    const calls: unknown[][] = [];
    const io = captureIo();
    expect(
      await runCommand(createPlanCommand("/project", goldenBuild(calls)), ["--stack", "prod", "--json", "--config", "a=1"], io),
    ).toBe(0);
    expect(calls).toEqual([["prod", ["a=1"], "/project"]]);
    const document = JSON.parse(io.stdout.join(""));
    expect(document).toEqual(JSON.parse(readFileSync(join(GOLDEN, "plan-prod.json"), "utf8")));
    expect(Object.keys(document)).toEqual([
      "project",
      "stack",
      "environmentSuffix",
      "region",
      "resources",
      "outputs",
      "cost",
      "slo",
      "warnings",
    ]);
    expect(document.resources[0]).toEqual({
      type: "payment:platform:PaymentPlatform",
      name: "payment-platform-prod",
      parent: null,
    });
    expect(document.resources).toContainEqual({
      type: "aws:ecs/cluster:Cluster",
      name: "ecs-cluster-prod",
      parent: "cluster-prod",
    });
    const waterfall = document.cost.levers.reduce((sum: number, l: { monthlyUsdSaved: number }) => sum + l.monthlyUsdSaved, 0);
    expect(waterfall).toBeCloseTo(document.cost.savingsUsd, 9);
  });

  it("GIVEN a plan whose SLO scenarios fail WHEN run THEN exit 4 names them after the output", async () => {
    const build = goldenBuild([]);
    const failing: typeof buildPlan = async (...args) => {
      const plan = await build(...args);
      plan.document.slo.meetsTarget = false;
      plan.document.slo.scenarios[0].passed = false;
      return plan;
    };
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", failing), [], io)).toBe(4);
    expect(io.stderr.at(-1)).toMatch(
      /^SLO missed: p99 must stay under 200 ms \(peak hour p99 [\d.]+ ms; failing scenarios: diurnal\)\. Run `npm run optimize`/,
    );
  });
});

describe("npm run plan (the real offline plan)", () => {
  it("GIVEN --config overrides that miss the savings target WHEN run THEN they apply to this run only, and exit 3 gives the reason with the stack's own estimate", async () => {
    const { code, io, warnings } = await plan([
      "--config",
      "minSavingsPercent=50",
      "--config",
      "healthCheckPath=/ready",
      "--config",
      "environmentSuffix=pr-7",
    ]);
    const { baselineMonthlyUsd, optimizedMonthlyUsd, savingsPercent } = goldenPlan("dev").outputs.costEstimate as Record<
      string,
      number
    >;
    expect(code).toBe(3);
    const text = io.stdout.join("\n");
    expect(text).toContain('suffix "pr-7"');
    expect(text).toContain("  health check /ready every 10 s");
    expect(warnings).toEqual([
      `warning: [runtime] Estimated savings ${savingsPercent.toFixed(1)}% are below minSavingsPercent 50% (baseline ${baselineMonthlyUsd.toFixed(2)} USD, this stack ${optimizedMonthlyUsd.toFixed(2)} USD per month). Run \`npm run plan\` for the line items and the savings waterfall.`,
    ]);
    expect(io.stderr.at(-1)).toBe(
      `cost target missed: this stack saves ${savingsPercent.toFixed(1)}% against the baseline, below minSavingsPercent 50%. The savings waterfall in the plan shows which levers are not pulled; change those settings (or, with a reason, minSavingsPercent).`,
    );
  });

  it("GIVEN a stack file with a misspelled key WHEN planned THEN exit 2 names the key and the closest declared one, nothing planned", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    copyFileSync(join(__dirname, "..", "..", "..", "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    writeFileSync(
      join(dir, "Pulumi.typo.yaml"),
      "config:\n  payment-platform:environmentSuffix: typo\n  payment-platform:logRetentionDay: 14\n  aws:region: us-east-1\n",
    );
    const io = captureIo();
    let code = -1;
    await jest.isolateModulesAsync(async () => {
      const { runCommand } = await import("../../../lib/commands/cli");
      const { createPlanCommand } = await import("../../../lib/commands/plan/planCommand");
      code = await runCommand(createPlanCommand(dir), ["--stack", "typo"], io);
    });
    expect([code, io.stdout]).toEqual([2, []]);
    expect(io.stderr).toEqual(["Invalid stack configuration:\n  - unknown key logRetentionDay; did you mean logRetentionDays?"]);
  });

  it("GIVEN a misspelled key on the command line WHEN run THEN exit 2 with the did-you-mean message, nothing planned and no stack trace", async () => {
    const { code, io } = await plan(["--config", "apiCPU=512"]);
    expect([code, io.stdout]).toEqual([2, []]);
    expect(io.stderr).toEqual(["Invalid stack configuration:\n  - unknown key apiCPU; did you mean apiCpu?"]);
  });

  it("GIVEN environmentSuffix=Bad_Suffix WHEN run THEN exit 2 with the validation message and no stack trace", async () => {
    const { code, io } = await plan(["--config", "environmentSuffix=Bad_Suffix"]);
    expect(code).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      'Invalid stack configuration:\n  - environmentSuffix = "Bad_Suffix": must be 1-20 lowercase letters, digits or single inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters). Example: pulumi config set environmentSuffix dev',
    ]);
  });

  it("GIVEN an unknown flag WHEN run THEN exit 2 with the usage", async () => {
    const { code, io } = await plan(["--stak", "dev"]);
    expect(code).toBe(2);
    expect(io.stderr[0]).toContain("Unknown option '--stak'");
    expect(io.stderr[0]).toContain(PLAN_USAGE);
  });

  it("GIVEN --help WHEN run THEN the usage is printed", async () => {
    const { code, io } = await plan(["--help"]);
    expect([code, io.stdout]).toEqual([0, [PLAN_USAGE]]);
  });

  it("GIVEN flags WHEN parsed THEN defaults and repeats are kept", () => {
    expect(parsePlanArgs([])).toEqual({ stack: "dev", json: false, overrides: [], help: false, format: "table" });
    expect(parsePlanArgs(["--config", "a=1", "--config", "b=2", "--json"])).toEqual({
      stack: "dev",
      json: true,
      overrides: ["a=1", "b=2"],
      help: false,
      format: "json",
    });
  });

  it("GIVEN --format in either spelling WHEN parsed THEN it is kept, and --json is --format json", () => {
    expect(parsePlanArgs(["--format", "markdown", "--stack", "prod"])).toMatchObject({
      stack: "prod",
      format: "markdown",
      json: false,
    });
    expect(parsePlanArgs(["--format=table"])).toMatchObject({ format: "table", json: false });
    expect(parsePlanArgs(["--format", "json", "--json"])).toMatchObject({ format: "json", json: true });
  });

  it.each([
    [["--format", "html"], '--format "html": expected one of table, json, markdown'],
    [["--format"], '--format "": expected one of table, json, markdown'],
    [["--json", "--format=markdown"], "--json is --format json: it cannot be combined with --format markdown"],
  ])("GIVEN %j WHEN run THEN exit 2 with the reason and the usage", async (argv, reason) => {
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", goldenBuild([])), argv, io)).toBe(2);
    expect(io.stderr).toEqual([`${reason}\n${PLAN_USAGE}`]);
    expect(io.stdout).toEqual([]);
  });

  it("GIVEN --stack prod --format markdown WHEN run THEN it prints the markdown of the plan, warnings on stderr, exit code as before", async () => {
    const io = captureIo();
    expect(
      await runCommand(createPlanCommand("/project", goldenBuild([])), ["--stack", "prod", "--format", "markdown"], io),
    ).toBe(0);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0].split("\n")[0]).toBe(
      "- **Stack:** `prod` (payment-platform, us-east-1), computed offline: nothing was deployed",
    );
    expect(io.stdout[0]).toContain("| **Total per month** | $648.92 | $374.01 | -$274.91 (saved) |");
    expect(io.stderr[0]).toBe("note: prod note");
    expect(io.stderr.slice(1).every((line) => line.startsWith("WARNING: "))).toBe(true);
  });

  it("GIVEN --help WHEN the usage is read THEN it lists the three formats", () => {
    expect(PLAN_USAGE).toContain("[--format table|json|markdown]");
  });
});

describeCommandLineConventions("plan", () => createPlanCommand("/nonexistent", unreachable), PLAN_USAGE);
