/**
 * `npm run plan -- [--stack dev] [--json] [--config key=value ...]`: what would be deployed, offline.
 */
import { Command, Io } from "../cli";
import { parseStackCommandArgs, printNotes, StackCommandArgs } from "../stackConfig";
import { percent } from "../../format";
import { PROJECT_DIR } from "../schema";
import { buildPlan, PlanDocument } from "./planDocument";
import { formatPlanSummary } from "./planSummary";

export const PLAN_USAGE = `usage: npm run plan -- [--stack <name>] [--json] [--config key=value]...
Prints what the stack would deploy, its monthly cost against the baseline, and its latency, offline.
Exit codes: 0 ok, 2 invalid config or arguments, 3 savings below minSavingsPercent, 4 p99 SLO missed.
  --stack   stack whose Pulumi.<name>.yaml to read (default: dev)
  --json    print the plan document as JSON instead of the summary
  --config  override one config value for this run (repeatable)`;

export function parsePlanArgs(argv: string[]): StackCommandArgs {
  return parseStackCommandArgs(argv, PLAN_USAGE);
}

/**
 * The plan command over the stack files of `projectDir` (tests point it at a copy); `build` is the
 * offline plan itself, injectable so the printing and exit codes can be tested without planning.
 */
export const createPlanCommand =
  (projectDir: string = PROJECT_DIR, build: typeof buildPlan = buildPlan): Command =>
  async (argv, io) => {
    const args = parsePlanArgs(argv);
    if (args.help) {
      io.out(PLAN_USAGE);
      return 0;
    }
    const plan = await build(args.stack, args.overrides, projectDir);
    printNotes(io, plan.notes);
    for (const warning of plan.document.warnings) io.err(`WARNING: ${warning}`);
    io.out(args.json ? JSON.stringify(plan.document, null, 2) : formatPlanSummary(plan.document, plan.spec));
    return targetsExitCode(plan.document, io);
  };

export const planCommand: Command = createPlanCommand();

/**
 * Exit 3 when the stack misses its savings target, 4 when it misses the p99 SLO (cost first: both
 * are reported), with the reasons on stderr.
 */
export function targetsExitCode(document: PlanDocument, io: Io): number {
  const { cost, slo } = document;
  let code = 0;
  if (!slo.meetsTarget) {
    const failed = slo.scenarios.filter((s) => !s.passed).map((s) => s.name);
    io.err(
      `SLO missed: p99 must stay under ${slo.targetP99Ms} ms (peak hour p99 ${slo.peak.p99Ms === null ? "unbounded" : `${slo.peak.p99Ms.toFixed(1)} ms`}; failing scenarios: ${failed.join(", ") || "none"}). ` +
        "Run `npm run optimize` for the cheapest settings that pass.",
    );
    code = 4;
  }
  if (!cost.meetsTarget) {
    io.err(
      `cost target missed: this stack saves ${percent(cost.savingsPercent)} against the baseline, below minSavingsPercent ${cost.minSavingsPercent}%. ` +
        "The savings waterfall in the plan shows which levers are not pulled; change those settings (or, with a reason, minSavingsPercent).",
    );
    code = 3;
  }
  return code;
}
