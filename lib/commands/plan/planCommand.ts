/**
 * `npm run plan -- [--stack dev] [--format table|json|markdown|html] [--config key=value ...]`: what would
 * be deployed, offline; with `--compare key=value ...` or `--compare-stack <name>`, what a change does.
 */
import { Command, Io, parseFlags, UsageError } from "../cli";
import type { Paint } from "../colors";
import { printNotes, STACK_OPTIONS, StackCommandArgs } from "../stackConfig";
import { PROJECT_DIR } from "../schema";
import { buildPlan, Plan } from "./planDocument";
import { targetsExitCode } from "./planExitCode";
import { diffPlans } from "./planDiff";
import { formatPlanDiff } from "./planDiffText";
import { formatPlanHtml } from "./planHtml";
import { formatPlanMarkdown } from "./planMarkdown";
import { formatPlanSummary } from "./planSummary";

export const PLAN_FORMATS = ["table", "json", "markdown", "html"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export const PLAN_USAGE = `usage: npm run plan -- [--stack <name>] [--format table|json|markdown|html] [--json] [--config key=value]...
                      [--compare key=value]... | [--compare-stack <name>]
Prints what the stack would deploy, its monthly cost against the baseline, and its latency, offline.
Exit codes: 0 ok, 1 unexpected failure, 2 invalid config or arguments, 3 savings below minSavingsPercent, 4 p99 SLO missed,
10 a mandatory policy of policy/ violated (10 wins over 3, and 3 over 4).
  --stack          stack whose Pulumi.<name>.yaml to read (default: dev)
  --format         table: the readable summary (default); json: the plan document;
                   markdown: verdict and GitHub-flavoured tables, for a pull-request comment;
                   html: one self-contained page with the verdict, charts (SVG) and tables
  --json           the same as --format json
  --config         override one config value for this run (repeatable)
  --compare        compare with the same stack and --config values plus this one (repeatable)
  --compare-stack  compare with another stack, with the same --config values
                   A comparison prints the diff (table, or the diff document with --json) and exits
                   with the compared configuration's exit code.`;

export interface PlanArgs extends StackCommandArgs {
  format: PlanFormat;
  /** `--compare key=value` values, in order: the compared side adds them to the `--config` ones. */
  compare: string[];
  /** `--compare-stack <name>`: the compared side is that stack with the same `--config` values. */
  compareStack?: string;
}

/** The formats a comparison prints in: the diff as text, or the diff document. */
const COMPARE_FORMATS: readonly PlanFormat[] = ["table", "json"];

const isFormat = (value: string): value is PlanFormat => (PLAN_FORMATS as readonly string[]).includes(value);

const PLAN_OPTIONS = {
  ...STACK_OPTIONS,
  json: { type: "boolean" as const, default: false },
  format: { type: "string" as const },
  compare: { type: "string" as const, multiple: true as const, default: [] as string[] },
  "compare-stack": { type: "string" as const },
};

/**
 * The stack command flags, plus `--format <name>` (`--json` is `--format json`), `--compare
 * key=value` (repeatable) and `--compare-stack <name>`. A flag where a value belongs (`--compare
 * --json`) is refused by the parser, which asks for `--compare=<value>` if that was meant.
 */
export function parsePlanArgs(argv: string[]): PlanArgs {
  const values = parseFlags(argv, PLAN_OPTIONS, PLAN_USAGE);
  const { compare, "compare-stack": compareStack } = values;
  const args = { stack: values.stack, overrides: values.config, json: values.json, help: values.help, compare, compareStack };
  const usage = (message: string) => new UsageError(`${message}\n${PLAN_USAGE}`);
  for (const value of compare) {
    if (value.indexOf("=") < 1) throw usage(`--compare "${value}": expected key=value, for example --compare natGateways=perAz`);
  }
  if (compareStack === "") throw usage("--compare-stack needs a stack name, for example --compare-stack prod");
  if (argv.filter((arg) => arg === "--compare-stack" || arg.startsWith("--compare-stack=")).length > 1) {
    throw usage("--compare-stack is given twice: compare with one stack at a time");
  }
  if (compare.length > 0 && compareStack !== undefined) {
    throw usage(
      "--compare and --compare-stack cannot be combined: compare with the same stack plus values (--compare key=value) or with another stack (--compare-stack <name>, which takes your --config values too)",
    );
  }
  const format = values.format ?? (args.json ? "json" : "table");
  if (!isFormat(format)) throw usage(`--format "${format}": expected one of ${PLAN_FORMATS.join(", ")}`);
  if (args.json && format !== "json") throw usage(`--json is --format json: it cannot be combined with --format ${format}`);
  if ((compare.length > 0 || compareStack !== undefined) && !COMPARE_FORMATS.includes(format)) {
    const flag = compare.length > 0 ? "--compare" : "--compare-stack";
    throw usage(
      `--format ${format} cannot be combined with ${flag}: a comparison prints as --format table (the diff, the default) or --json (the diff document); drop ${flag} for the ${format} of one plan`,
    );
  }
  return { ...args, json: format === "json", format };
}

/** The plan in the asked format; `paint` colours the table's verdict words on a colour terminal. */
async function render(format: PlanFormat, plan: Plan, paint: Paint | undefined): Promise<string> {
  switch (format) {
    case "json":
      return JSON.stringify(plan.document, null, 2);
    case "markdown":
      return formatPlanMarkdown(plan.document, plan.spec);
    case "html":
      return formatPlanHtml(plan.document, plan.spec);
    default:
      return formatPlanSummary(plan.document, plan.spec, paint);
  }
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
    if (args.compare.length > 0 || args.compareStack !== undefined) return compare(args, projectDir, build, io);
    const plan = await build(args.stack, args.overrides, projectDir);
    // The report first, then what stderr adds: on a terminal the verdict stays the first thing read.
    io.out(await render(args.format, plan, io.paint));
    printNotes(io, plan.notes);
    for (const warning of plan.document.warnings) io.err(`WARNING: ${warning}`);
    return targetsExitCode(plan.document, io);
  };

/**
 * `--compare` / `--compare-stack`: plans both sides one after the other (the mock engine is one per
 * process), prints the diff, and exits with the compared side's code and reasons, as a plan of it would.
 */
async function compare(args: PlanArgs, projectDir: string, build: typeof buildPlan, io: Io): Promise<number> {
  const overrides = [...args.overrides, ...args.compare];
  const before = await build(args.stack, args.overrides, projectDir);
  const after = await build(args.compareStack ?? args.stack, overrides, projectDir);
  const diff = diffPlans({ ...before, overrides: args.overrides }, { ...after, overrides });
  io.out(args.format === "json" ? JSON.stringify(diff, null, 2) : formatPlanDiff(diff));
  // Both sides of one stack read the same file: say each note and warning once.
  printNotes(io, [...new Set([...before.notes, ...after.notes])]);
  for (const warning of new Set([...before.document.warnings, ...after.document.warnings])) io.err(`WARNING: ${warning}`);
  return targetsExitCode(after.document, io);
}

export const planCommand: Command = createPlanCommand();
