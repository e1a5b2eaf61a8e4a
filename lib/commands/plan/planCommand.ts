/**
 * `npm run plan -- [--stack dev] [--format table|json|markdown] [--config key=value ...]`: what would
 * be deployed, offline.
 */
import { Command, Io, UsageError } from "../cli";
import { parseStackCommandArgs, printNotes, StackCommandArgs } from "../stackConfig";
import { percent } from "../../format";
import { PROJECT_DIR } from "../schema";
import { buildPlan, PlanDocument } from "./planDocument";
import { planExitCode } from "./planExitCode";
import { formatPlanMarkdown } from "./planMarkdown";
import { formatPlanSummary } from "./planSummary";

export const PLAN_FORMATS = ["table", "json", "markdown"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export const PLAN_USAGE = `usage: npm run plan -- [--stack <name>] [--format table|json|markdown] [--json] [--config key=value]...
Prints what the stack would deploy, its monthly cost against the baseline, and its latency, offline.
Exit codes: 0 ok, 2 invalid config or arguments, 3 savings below minSavingsPercent, 4 p99 SLO missed.
  --stack   stack whose Pulumi.<name>.yaml to read (default: dev)
  --format  table: the readable summary (default); json: the plan document;
            markdown: verdict and GitHub-flavoured tables, for a pull-request comment
  --json    the same as --format json
  --config  override one config value for this run (repeatable)`;

export interface PlanArgs extends StackCommandArgs {
  format: PlanFormat;
}

const isFormat = (value: string): value is PlanFormat => (PLAN_FORMATS as readonly string[]).includes(value);

/** The stack command flags, plus `--format <name>` or `--format=<name>` (`--json` is `--format json`). */
export function parsePlanArgs(argv: string[]): PlanArgs {
  const rest: string[] = [];
  let format: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--format=")) format = argv[i].slice("--format=".length);
    else if (argv[i] === "--format") format = argv[++i] ?? "";
    else rest.push(argv[i]);
  }
  const args = parseStackCommandArgs(rest, PLAN_USAGE);
  if (format === undefined) return { ...args, format: args.json ? "json" : "table" };
  if (!isFormat(format)) {
    throw new UsageError(`--format "${format}": expected one of ${PLAN_FORMATS.join(", ")}\n${PLAN_USAGE}`);
  }
  if (args.json && format !== "json") {
    throw new UsageError(`--json is --format json: it cannot be combined with --format ${format}\n${PLAN_USAGE}`);
  }
  return { ...args, json: format === "json", format };
}

function render(format: PlanFormat, plan: Awaited<ReturnType<typeof buildPlan>>): string {
  if (format === "json") return JSON.stringify(plan.document, null, 2);
  return format === "markdown" ? formatPlanMarkdown(plan.document, plan.spec) : formatPlanSummary(plan.document, plan.spec);
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
    io.out(render(args.format, plan));
    return targetsExitCode(plan.document, io);
  };

export const planCommand: Command = createPlanCommand();

/**
 * Exit 3 when the stack misses its savings target, 4 when it misses the p99 SLO (cost first: both
 * are reported), with the reasons on stderr.
 */
export function targetsExitCode(document: PlanDocument, io: Io): number {
  const { cost, slo } = document;
  if (!slo.meetsTarget) {
    const failed = slo.scenarios.filter((s) => !s.passed).map((s) => s.name);
    io.err(
      `SLO missed: p99 must stay under ${slo.targetP99Ms} ms (peak hour p99 ${slo.peak.p99Ms === null ? "unbounded" : `${slo.peak.p99Ms.toFixed(1)} ms`}; failing scenarios: ${failed.join(", ") || "none"}). ` +
        "Run `npm run optimize` for the cheapest settings that pass.",
    );
  }
  if (!cost.meetsTarget) {
    io.err(
      `cost target missed: this stack saves ${percent(cost.savingsPercent)} against the baseline, below minSavingsPercent ${cost.minSavingsPercent}%. ` +
        "The savings waterfall in the plan shows which levers are not pulled; change those settings (or, with a reason, minSavingsPercent).",
    );
  }
  return planExitCode(document);
}
