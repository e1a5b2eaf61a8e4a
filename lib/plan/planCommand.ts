/**
 * `npm run plan -- [--stack dev] [--json] [--config key=value ...]`: what would be deployed, offline.
 */
import { parseArgs } from "util";
import { Command, UsageError } from "../cli/run";
import { buildPlan } from "./planDocument";
import { formatPlanSummary } from "./planSummary";

export const PLAN_USAGE = `usage: npm run plan -- [--stack <name>] [--json] [--config key=value]...
  --stack   stack whose Pulumi.<name>.yaml to read (default: dev)
  --json    print the plan document as JSON instead of the summary
  --config  override one config value for this run (repeatable)`;

export function parsePlanArgs(argv: string[]): { stack: string; json: boolean; overrides: string[]; help: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", default: "dev" },
        json: { type: "boolean", default: false },
        config: { type: "string", multiple: true, default: [] },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return { stack: values.stack!, json: values.json!, overrides: values.config!, help: values.help! };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${PLAN_USAGE}`);
  }
}

export const planCommand: Command = async (argv, io) => {
  const args = parsePlanArgs(argv);
  if (args.help) {
    io.out(PLAN_USAGE);
    return 0;
  }
  const plan = await buildPlan(args.stack, args.overrides);
  io.out(args.json ? JSON.stringify(plan.document, null, 2) : formatPlanSummary(plan.document, plan.spec));
  return 0;
};
