/**
 * `npm run rightsize -- --metrics <file.csv> [--stack dev] [--config key=value]... [--json]`
 * `npm run rightsize -- --from-cloudwatch --cluster <name> --service <name> [--days 14] [--stack dev] [--json]`
 * The recommended API task size from measured utilization, its monthly savings and the config lines.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { REGION } from "../aws/timings";
import { configKeyOfSetting } from "../config/settingKeys";
import { monthlyCostUsd } from "../models/cost/estimate";
import { CostFunction } from "../models/search/optimizer";
import { RightsizeFinding, RightsizeResult, rightsize, TaskMetricSample } from "../models/search/rightsize";
import { PlatformSpec, webService } from "../spec";
import { Command, parseFlags, UsageError } from "./cli";
import { MAX_DAYS, readContainerInsights } from "./containerInsights";
import { dollars as usd, plural } from "../format";
import { roundTo } from "../models/round";
import { p99Text } from "./plan/sloWords";
import { readTaskMetricsCsv } from "./metricsCsv";
import { PROJECT_DIR } from "./schema";
import { loadStack, printNotes, STACK_OPTIONS } from "./stackConfig";

export const RIGHTSIZE_USAGE = `usage: npm run rightsize -- --metrics <file.csv> [--stack <name>] [--config key=value]... [--json]
       npm run rightsize -- --from-cloudwatch --cluster <name> --service <name> [--days 14] [--stack <name>] [--json]
  --metrics          per-task utilization CSV: ${"timestamp,taskId,cpuUtilizedUnits,cpuReservedUnits,memoryUtilizedMiB,memoryReservedMiB"}
  --from-cloudwatch  read the service's Container Insights metrics instead (us-east-1)
  --days             window for --from-cloudwatch, 1-${MAX_DAYS} (default 14)
  --stack            stack whose Pulumi.<name>.yaml gives the CPU target and the cost model's inputs (default: dev)
  --config           override one config value for this run (repeatable)
  --json             print the result as JSON`;

export const DEFAULT_DAYS = 14;

export interface RightsizeCommandDeps {
  costOf: CostFunction;
  projectDir?: string;
  now?: () => Date;
}

interface RightsizeArgs {
  metrics?: string;
  fromCloudWatch: boolean;
  cluster?: string;
  service?: string;
  days: number;
  stack: string;
  overrides: string[];
  json: boolean;
  help: boolean;
}

function usage(message: string): UsageError {
  return new UsageError(`${message}\n${RIGHTSIZE_USAGE}`);
}

export function parseRightsizeArgs(argv: string[]): RightsizeArgs {
  const values = parseFlags(
    argv,
    {
      metrics: { type: "string" },
      "from-cloudwatch": { type: "boolean", default: false },
      cluster: { type: "string" },
      service: { type: "string" },
      days: { type: "string", default: String(DEFAULT_DAYS) },
      ...STACK_OPTIONS,
      json: { type: "boolean", default: false },
    },
    RIGHTSIZE_USAGE,
  );
  const args: RightsizeArgs = {
    metrics: values.metrics,
    fromCloudWatch: values["from-cloudwatch"] as boolean,
    cluster: values.cluster,
    service: values.service,
    days: Number(values.days),
    stack: values.stack as string,
    overrides: values.config as string[],
    json: values.json as boolean,
    help: values.help as boolean,
  };
  if (args.help) return args;
  if ((args.metrics === undefined) === !args.fromCloudWatch)
    throw usage("give exactly one of --metrics <file.csv> and --from-cloudwatch");
  if (args.fromCloudWatch && (args.cluster === undefined || args.service === undefined))
    throw usage("--from-cloudwatch needs --cluster <name> and --service <name>");
  if (!Number.isInteger(args.days) || args.days < 1 || args.days > MAX_DAYS)
    throw usage(`--days must be a whole number from 1 to ${MAX_DAYS}, got "${values.days}"`);
  return args;
}

/** `pulumi config set` for the size the result changes. */
export function rightsizeConfigLines(spec: PlatformSpec, result: RightsizeResult): string[] {
  const web = webService(spec);
  const { recommended } = result;
  return [
    ...(recommended.cpu !== web.cpu
      ? [`pulumi config set --stack ${spec.stack} ${configKeyOfSetting("cpu")} ${recommended.cpu}`]
      : []),
    ...(recommended.memory !== web.memory
      ? [`pulumi config set --stack ${spec.stack} ${configKeyOfSetting("memory")} ${recommended.memory}`]
      : []),
  ];
}

const FINDING_WORDS: Readonly<Record<RightsizeFinding, string>> = {
  "over-provisioned": "more than the samples need",
  "under-provisioned": "less than the samples need",
  optimal: "the recommended size",
};

function riskLines(risk: RightsizeResult["risk"]): string[] {
  const p99 = p99Text(risk.p99Ms === null ? null : roundTo(risk.p99Ms, 1));
  const verdict = risk.meetsTarget ? "within" : "MISSES";
  return [
    `  risk: p99 ${p99} at the observed peak (${roundTo(risk.peak.rps, 1)} rps on ${plural(risk.tasks, "task")}), ${verdict} the ${risk.targetP99Ms} ms target`,
    `    assuming ${risk.assumption}`,
  ];
}

export function formatRightsizeResult(result: RightsizeResult & { configLines: string[] }): string {
  const { window: w, measured, configured, observed, needed, recommended, confidence } = result;
  const savings = result.monthlySavingsUsd;
  const versus = `${usd(result.recommendedMonthlyUsd)}/month vs ${usd(result.currentMonthlyUsd)} at the configured size`;
  const why = confidence.reasons.length === 0 ? "" : ` (${confidence.reasons.join("; ")})`;
  return [
    `Right-sizing from ${plural(w.samples, "sample")} of ${plural(w.tasks, "task")}, ${w.from} to ${w.to}`,
    `  configured size: ${configured.cpu} CPU units / ${configured.memory} MiB (measured on ${measured.cpu} / ${measured.memory})`,
    `  observed: CPU p95 ${observed.cpuP95Units.toFixed(1)} units (max ${observed.cpuMaxUnits.toFixed(1)}), memory peak ${observed.memoryPeakMiB.toFixed(0)} MiB`,
    `  needed: ${needed.cpuUnits.toFixed(0)} CPU units (p95 / CPU target), ${needed.memoryMiB.toFixed(0)} MiB (peak + 25%)`,
    `Recommended: ${recommended.cpu} CPU units / ${recommended.memory} MiB`,
    `  finding: ${result.finding} (the configured ${configured.cpu} CPU / ${configured.memory} MiB is ${FINDING_WORDS[result.finding]})`,
    `  confidence: ${confidence.level}${why}`,
    ...riskLines(result.risk),
    savings < 0
      ? `  ${versus}: COSTS ${usd(-savings)}/month MORE than the configured size`
      : `  ${versus}: saves ${usd(savings)}/month`,
    ...(result.largerBecause === null ? [] : [`  why larger: ${result.largerBecause}`]),
    ...result.notes.map((n) => `  note: ${n}`),
    ...(result.configLines.length > 0
      ? ["Apply with:", ...result.configLines.map((l) => `  ${l}`)]
      : ["The stack config already has this size."]),
  ].join("\n");
}

export function createRightsizeCommand(deps: RightsizeCommandDeps): Command {
  return async (argv, io) => {
    const args = parseRightsizeArgs(argv);
    if (args.help) {
      io.out(RIGHTSIZE_USAGE);
      return 0;
    }
    const { spec, notes } = loadStack(deps.projectDir ?? PROJECT_DIR, args.stack, args.overrides);
    printNotes(io, notes);
    let samples: TaskMetricSample[];
    if (args.metrics !== undefined) {
      samples = readTaskMetricsCsv(args.metrics);
    } else {
      const client = new CloudWatchClient({ region: REGION });
      const end = deps.now ? deps.now() : new Date();
      samples = await readContainerInsights(client, {
        cluster: args.cluster as string,
        service: args.service as string,
        days: args.days,
        end,
      });
    }
    const sized = rightsize(spec, samples, deps.costOf);
    const result = { ...sized, configLines: rightsizeConfigLines(spec, sized) };
    // A low-confidence recommendation is still advice: the exit code stays 0 and the warnings say why.
    if (args.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      for (const warning of result.warnings) io.err(`WARNING: ${warning}`);
      io.out(formatRightsizeResult(result));
    }
    return 0;
  };
}

export const rightsizeCommand: Command = createRightsizeCommand({ costOf: monthlyCostUsd });
