/**
 * The offline plan as a user runs it: summary, JSON document, overrides, and clear errors.
 */
import type { Io } from "../../../lib/commands/cli";
import { runCommand } from "../../../lib/commands/cli";
import { createPlanCommand, parsePlanArgs, planCommand, PLAN_USAGE } from "../../../lib/commands/plan/planCommand";
import type { buildPlan, PlanDocument } from "../../../lib/commands/plan/planDocument";
import * as planHtml from "../../../lib/commands/plan/planHtml";
import { ansiPaint } from "../../../lib/commands/colors";
import type { PlanDiff } from "../../../lib/commands/plan/planDiff";
import { resolveSpec } from "../../../lib/stackSpec";
import { mapSource } from "../support/configSource";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { captureIo } from "../support/captureIo";
import { goldenPlan } from "../support/runPlatform";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

const GOLDEN = join(__dirname, "..", "..", "golden");

/**
 * Runs `npm run plan -- <argv>` in fresh modules (a real plan installs the mock engine, which is one
 * per module registry); returns the exit code and what was printed.
 */
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
      "policies",
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
      /^SLO missed: p99 must stay under 200 ms \(peak hour p99 [\d.]+ ms; failing scenarios: diurnal; steady states over the target in the routing simulation: none\)\. Run `npm run optimize`/,
    );
  });
});

describe("npm run plan: SLO reasons", () => {
  it("GIVEN a plan whose peak hour is overloaded and no scenario or steady state fails WHEN run THEN exit 4 says the peak p99 is unbounded and none fails", async () => {
    const build = goldenBuild([]);
    const overloaded: typeof buildPlan = async (...args) => {
      const plan = await build(...args);
      Object.assign(plan.document.slo, { meetsTarget: false, peak: { ...plan.document.slo.peak, p99Ms: null } });
      return plan;
    };
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", overloaded), [], io)).toBe(4);
    expect(io.stderr.at(-1)).toBe(
      "SLO missed: p99 must stay under 200 ms (peak hour p99 overloaded (requests time out at the ALB idle timeout); failing scenarios: none; steady states over the target in the routing simulation: none). Run `npm run optimize` for the cheapest settings that pass.",
    );
  });

  it("GIVEN a plan whose peak and spike steady states fail the routing simulation WHEN run THEN exit 4 names both, and no scenario", async () => {
    const build = goldenBuild([]);
    const states: typeof buildPlan = async (...args) => {
      const plan = await build(...args);
      plan.document.slo.meetsTarget = false;
      for (const s of plan.document.slo.steadyStates) if (s.name === "peak" || s.name === "spike") s.passed = false;
      return plan;
    };
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", states), [], io)).toBe(4);
    expect(io.stderr.at(-1)).toMatch(
      /; failing scenarios: none; steady states over the target in the routing simulation: peak, spike\)\. Run `npm run optimize` for the cheapest settings that pass\.$/,
    );
  });
});

/** Runs `npm run plan -- <argv>` where it stops before planning (bad input, --help): no fresh modules needed. */
async function refused(argv: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo> }> {
  const io = captureIo();
  return { code: await runCommand(planCommand, argv, io), io };
}

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
    const code = await runCommand(createPlanCommand(dir), ["--stack", "typo"], io);
    expect([code, io.stdout]).toEqual([2, []]);
    expect(io.stderr).toEqual(["Invalid stack configuration:\n  - unknown key logRetentionDay; did you mean logRetentionDays?"]);
  });

  it("GIVEN a misspelled key on the command line WHEN run THEN exit 2 with the did-you-mean message, nothing planned and no stack trace", async () => {
    const { code, io } = await refused(["--config", "apiCPU=512"]);
    expect([code, io.stdout]).toEqual([2, []]);
    expect(io.stderr).toEqual(["Invalid stack configuration:\n  - unknown key apiCPU; did you mean apiCpu?"]);
  });

  it("GIVEN environmentSuffix=Bad_Suffix WHEN run THEN exit 2 with the validation message and no stack trace", async () => {
    const { code, io } = await refused(["--config", "environmentSuffix=Bad_Suffix"]);
    expect(code).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      'Invalid stack configuration:\n  - environmentSuffix = "Bad_Suffix": must be 1-20 lowercase letters, digits or single inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters). Example: pulumi config set environmentSuffix dev',
    ]);
  });

  it("GIVEN an unknown flag WHEN run THEN exit 2 with the usage", async () => {
    const { code, io } = await refused(["--stak", "dev"]);
    expect(code).toBe(2);
    expect(io.stderr[0]).toContain("Unknown option '--stak'");
    expect(io.stderr[0]).toContain(PLAN_USAGE);
  });

  it("GIVEN --help WHEN run THEN the usage is printed", async () => {
    const { code, io } = await refused(["--help"]);
    expect([code, io.stdout]).toEqual([0, [PLAN_USAGE]]);
  });

  it("GIVEN flags WHEN parsed THEN defaults and repeats are kept", () => {
    expect(parsePlanArgs([])).toEqual({
      stack: "dev",
      json: false,
      overrides: [],
      help: false,
      format: "table",
      compare: [],
      compareStack: undefined,
    });
    expect(parsePlanArgs(["--config", "a=1", "--config", "b=2", "--json"])).toEqual({
      stack: "dev",
      json: true,
      overrides: ["a=1", "b=2"],
      help: false,
      format: "json",
      compare: [],
      compareStack: undefined,
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
    [["--format", "pdf"], '--format "pdf": expected one of table, json, markdown, html'],
    [["--format"], "Option '--format <value>' argument missing"],
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
    const { cost } = goldenPlan("prod");
    expect(io.stdout[0]).toContain(
      `| **Total per month** | $${cost.baseline.monthlyUsd.toFixed(2)} | $${cost.optimized.monthlyUsd.toFixed(2)} | -$${cost.savingsUsd.toFixed(2)} (saved) |`,
    );
    expect(io.stderr[0]).toBe("note: prod note");
    expect(io.stderr.slice(1).every((line) => line.startsWith("WARNING: "))).toBe(true);
  });

  it("GIVEN --format html WHEN run THEN it prints formatPlanHtml of the plan's document and spec (the page itself is tested in planHtml.test.ts)", async () => {
    const io = captureIo();
    const html = jest.spyOn(planHtml, "formatPlanHtml").mockResolvedValue("<!doctype html><p>report</p>");
    expect(await runCommand(createPlanCommand("/project", goldenBuild([])), ["--format", "html"], io)).toBe(0);
    expect(html).toHaveBeenCalledTimes(1);
    expect(html.mock.calls[0][0].stack).toBe("dev");
    expect(html.mock.calls[0][1].stack).toBe("dev");
    expect(io.stdout).toEqual(["<!doctype html><p>report</p>"]);
    html.mockRestore();
  });

  it("GIVEN an Io that paints (a colour terminal) WHEN the table is printed THEN its verdict words are painted, and the markdown is not", async () => {
    const painted = { ...captureIo(), paint: ansiPaint };
    await runCommand(createPlanCommand("/project", goldenBuild([])), [], painted);
    expect(painted.stdout[0]).toContain(`  p99 latency (target 200 ms): ${ansiPaint("met", "good")}`);
    const markdown = { ...captureIo(), paint: ansiPaint };
    await runCommand(createPlanCommand("/project", goldenBuild([])), ["--format", "markdown"], markdown);
    expect(markdown.stdout[0]).not.toContain("\u001b[");
  });

  it("GIVEN --help WHEN the usage is read THEN it lists the four formats", () => {
    expect(PLAN_USAGE).toContain("[--format table|json|markdown|html]");
  });
});

describe("npm run plan --compare / --compare-stack (over the golden plans)", () => {
  /** The golden build, where a plan with natGateways=perAz misses the savings target as the real one does. */
  function comparingBuild(calls: unknown[][]): typeof buildPlan {
    const build = goldenBuild(calls);
    return async (stack, overrides, projectDir) => {
      const plan = await build(stack, overrides, projectDir);
      if (overrides.includes("natGateways=perAz")) plan.document.cost.meetsTarget = false;
      return plan;
    };
  }

  it("GIVEN --compare-stack prod WHEN run THEN it plans dev then prod, prints the diff verdict first, both sides' notes and the warnings once, and exits with prod's code", async () => {
    const calls: unknown[][] = [];
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", comparingBuild(calls)), ["--compare-stack", "prod"], io)).toBe(0);
    expect(calls).toEqual([
      ["dev", [], "/project"],
      ["prod", [], "/project"],
    ]);
    const prod = JSON.parse(readFileSync(join(GOLDEN, "plan-prod.json"), "utf8")) as PlanDocument;
    expect(io.stderr).toEqual(["note: dev note", "note: prod note", ...prod.warnings.map((w) => `WARNING: ${w}`)]);
    expect(io.stdout).toHaveLength(1);
    const lines = io.stdout[0].split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "Diff of two plans, computed offline: nothing was deployed",
      "  before: dev",
      "  after:  prod (the compared configuration)",
      "",
      "Verdict",
    ]);
    expect(lines).toContain("  Exit code of the compared configuration: 0: savings and p99 targets met (the same as dev)");
    expect(lines).toContain("  network.natGateways: single -> perAz");
  });

  it("GIVEN --compare natGateways=perAz with a --config value WHEN run THEN the compared side adds it to the --config values, and the command exits 3 with that side's reason", async () => {
    const calls: unknown[][] = [];
    const io = captureIo();
    const argv = ["--config", "a=1", "--compare", "natGateways=perAz"];
    expect(await runCommand(createPlanCommand("/project", comparingBuild(calls)), argv, io)).toBe(3);
    expect(calls).toEqual([
      ["dev", ["a=1"], "/project"],
      ["dev", ["a=1", "natGateways=perAz"], "/project"],
    ]);
    expect(io.stderr[0]).toBe("note: dev note");
    expect(io.stderr).toHaveLength(2);
    expect(io.stderr[1]).toMatch(
      /^cost target missed: this stack saves [\d.]+% against the baseline, below minSavingsPercent 40%\./,
    );
    expect(io.stdout[0]).toContain("\n  after:  dev with a=1, natGateways=perAz (the compared configuration)\n");
    expect(io.stdout[0]).toContain(
      "\n  Exit code of the compared configuration: 3: savings below the 40% target (dev with a=1 exits 0: savings and p99 targets met)\n",
    );
  });

  it.each([[["--json"]], [["--format", "json"]]])(
    "GIVEN --compare-stack prod %j WHEN run THEN it prints the diff document, whose sections follow the README",
    async (format) => {
      const io = captureIo();
      const argv = ["--stack", "prod", "--compare-stack=dev", ...format];
      expect(await runCommand(createPlanCommand("/project", comparingBuild([])), argv, io)).toBe(0);
      const diff = JSON.parse(io.stdout.join("")) as PlanDiff;
      expect(Object.keys(diff)).toEqual(["before", "after", "resources", "settings", "cost", "slo"]);
      expect([diff.before.label, diff.after.label, diff.before.exitCode, diff.after.exitCode]).toEqual(["prod", "dev", 0, 0]);
      expect(diff.resources.byType).toContainEqual({ type: "aws:ec2/natGateway:NatGateway", before: 3, after: 1, delta: -2 });
      expect(diff.settings).toContainEqual({ path: "network.natGateways", before: "perAz", after: "single" });
    },
  );

  it("GIVEN --compare in both spellings and --compare-stack inline WHEN parsed THEN the values are kept in order", () => {
    expect(parsePlanArgs(["--compare", "a=1", "--compare=b=2=3", "--config", "c=4"])).toMatchObject({
      overrides: ["c=4"],
      compare: ["a=1", "b=2=3"],
      compareStack: undefined,
      format: "table",
    });
    expect(parsePlanArgs(["--compare-stack=prod", "--json"])).toMatchObject({
      compare: [],
      compareStack: "prod",
      format: "json",
    });
  });

  it.each([
    [
      ["--compare", "a=1", "--compare-stack", "prod"],
      "--compare and --compare-stack cannot be combined: compare with the same stack plus values (--compare key=value) or with another stack (--compare-stack <name>, which takes your --config values too)",
    ],
    [["--compare"], "Option '--compare <value>' argument missing"],
    [
      ["--compare", "--json"],
      "Option '--compare' argument is ambiguous.\nDid you forget to specify the option argument for '--compare'?\nTo specify an option argument starting with a dash use '--compare=-XYZ'.",
    ],
    [["--compare="], '--compare "": expected key=value, for example --compare natGateways=perAz'],
    [["--compare-stack"], "Option '--compare-stack <value>' argument missing"],
    [["--compare-stack="], "--compare-stack needs a stack name, for example --compare-stack prod"],
    [["--compare", "natGateways"], '--compare "natGateways": expected key=value, for example --compare natGateways=perAz'],
    [["--compare", "=perAz"], '--compare "=perAz": expected key=value, for example --compare natGateways=perAz'],
    [
      ["--compare-stack", "prod", "--compare-stack", "staging"],
      "--compare-stack is given twice: compare with one stack at a time",
    ],
    [
      ["--compare-stack", "prod", "--format", "markdown"],
      "--format markdown cannot be combined with --compare-stack: a comparison prints as --format table (the diff, the default) or --json (the diff document); drop --compare-stack for the markdown of one plan",
    ],
    [
      ["--compare", "a=1", "--format=markdown"],
      "--format markdown cannot be combined with --compare: a comparison prints as --format table (the diff, the default) or --json (the diff document); drop --compare for the markdown of one plan",
    ],
  ])("GIVEN %j WHEN run THEN exit 2 with the reason and the usage, nothing planned", async (argv, reason) => {
    const io = captureIo();
    expect(await runCommand(createPlanCommand("/project", unreachable), argv, io)).toBe(2);
    expect([io.stdout, io.stderr]).toEqual([[], [`${reason}\n${PLAN_USAGE}`]]);
  });

  it("GIVEN --help WHEN the usage is read THEN it names both compare flags, that they take the --config values, and the exit code", () => {
    expect(PLAN_USAGE).toContain("[--compare key=value]... | [--compare-stack <name>]");
    expect(PLAN_USAGE).toContain("--compare-stack  compare with another stack, with the same --config values");
    expect(PLAN_USAGE).toContain("exits\n                   with the compared configuration's exit code.");
  });
});

describeCommandLineConventions("plan", () => createPlanCommand("/nonexistent", unreachable), PLAN_USAGE);
