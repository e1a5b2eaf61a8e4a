/**
 * `npm run optimize -- [--stack dev] [--config key=value]... [--json]`: the cheapest API settings
 * that meet the SLO for a stack, offline. Exit 0 with a winner, 4 when no searched setting meets
 * the SLO (lib/commands/cli.ts exit codes).
 */
import { PLATFORM_KEYS } from "../config/platformKeys";
import { configKeyOfSetting, stepScalingConfig, stepScalingPairs } from "../config/settingKeys";
import { monthlyCostUsd } from "../models/cost/estimate";
import {
  changedSettings,
  CostFunction,
  OptimizeOptions,
  OptimizeResult,
  RankedCandidate,
  WebSettings,
  optimize,
  settingsOf,
} from "../models/search/optimizer";
import { ScenarioResult } from "../models/slo/scenarios";
import { SteadyStateCheck } from "../models/slo/steadyStates";
import { PlatformSpec } from "../spec";
import { Command } from "./cli";
import { dollars as usd, plural, seconds as secondsOr, signedDollars } from "../format";
import { progressLine } from "./progress";
import { minutesOver, p99Text, scenarioP99 } from "./plan/sloWords";
import { PROJECT_DIR } from "./schema";
import { loadStack, parseStackCommandArgs, printNotes } from "./stackConfig";

export const OPTIMIZE_USAGE = `usage: npm run optimize -- [--stack <name>] [--config key=value]... [--json]
  --stack   stack whose Pulumi.<name>.yaml to read (default: dev)
  --config  override one config value for this run (repeatable)
  --json    print the result as JSON`;

export const SLO_MISSED_EXIT_CODE = 4;

export interface OptimizeCommandDeps {
  /** Monthly USD of a spec (the cost model). */
  costOf: CostFunction;
  /** Where Pulumi.yaml and the stack files are (default: the repository root). */
  projectDir?: string;
  /** Search space overrides (tests use a small one). */
  search?: OptimizeOptions;
  /** Milliseconds clock of the progress line (default Date.now). */
  clock?: () => number;
}

const seconds = (value: number | null) => secondsOr(value, "n/a");

/** The config keys and values of one setting. */
function configValues(settings: WebSettings, setting: keyof WebSettings): [string, string][] {
  if (setting === "stepScaling") return Object.entries(stepScalingConfig(settings.stepScaling, settings.cpuTargetPercent));
  return [[configKeyOfSetting(setting), String(settings[setting])]];
}

/**
 * The keys the winner's settings leave without effect, which the stack must drop (the config rules
 * refuse them): the evaluation periods when step scaling goes off and the stack sets them.
 */
export function keysToRemove(settings: WebSettings, isSet: (key: string) => boolean): string[] {
  const periods = PLATFORM_KEYS.stepScalingEvaluationPeriods.key;
  return settings.stepScaling === null && isSet(periods) ? [periods] : [];
}

/** `pulumi config set` for every config value the winner changes, and `rm` for the keys it leaves without effect. */
export function configLinesFor(spec: PlatformSpec, settings: WebSettings, removed: readonly string[] = []): string[] {
  const changed = changedSettings(spec, settings);
  const current = new Map(changed.flatMap((setting) => configValues(settingsOf(spec), setting)));
  // The steps line is printed whenever the policy changes: "auto" read back from the resolved spec
  // cannot tell an unset key from a literal "45:200" in the stack file, which would then stay.
  const steps = PLATFORM_KEYS.stepScalingSteps.key;
  return [
    ...changed.flatMap((setting) =>
      configValues(settings, setting)
        .filter(([key, value]) => key === steps || current.get(key) !== value)
        .map(([key, value]) => `pulumi config set --stack ${spec.stack} ${key} ${value}`),
    ),
    ...removed.map((key) => `pulumi config rm --stack ${spec.stack} ${key}`),
  ];
}

export function describeSettings(s: WebSettings): string {
  return [
    `${s.cpu / 1024} vCPU / ${s.memory} MiB ${s.cpuArchitecture}`,
    `CPU target ${s.cpuTargetPercent}%`,
    `tasks min ${s.minTasks} / max ${s.maxTasks}`,
    `on-demand base ${s.onDemandBase}, weights FARGATE ${s.onDemandWeight} / FARGATE_SPOT ${s.spotWeight}`,
    s.stepScaling === null
      ? "no step scaling"
      : `step scaling ${stepScalingPairs(s.stepScaling)} after ${plural(s.stepScaling.evaluationPeriods, "datapoint")}`,
  ].join(", ");
}

function scenarioSummary(scenarios: ScenarioResult[], steadyStates: SteadyStateCheck[]): string {
  const failedStates = steadyStates.filter((s) => !s.passed).map((s) => s.name);
  const states =
    failedStates.length === 0
      ? "every steady state passes the routing simulation"
      : `routing simulation FAILS ${failedStates.join(", ")}`;
  return [...scenarios.map((s) => `${s.name} ${s.passed ? "pass" : "FAIL"}`), states].join(", ");
}

/** One line: each steady state's simulated p99 (all passed, or the candidate would not be listed). */
function steadyStateSummary(steadyStates: SteadyStateCheck[]): string {
  return `  routing simulation: ${steadyStates.map((s) => `${s.name} ${p99Text(s.simulatedP99Ms)}`).join(", ")}`;
}

function candidateLines(label: string, c: RankedCandidate, currentUsd: number, idleTimeoutSeconds: number): string[] {
  const delta = signedDollars(c.monthlyUsd - currentUsd);
  return [
    `${label}: ${describeSettings(c.settings)}`,
    `  ${usd(c.monthlyUsd)}/month (${delta === usd(0) ? "the same as" : `${delta} vs`} current), peak p99 ${c.peakP99Ms} ms`,
    ...c.scenarios.map(
      (s) =>
        `  ${s.name}: worst p99 ${scenarioP99(s, idleTimeoutSeconds)}, ${minutesOver(s.minutesOverSlo)} over target, scale-out ${seconds(s.scaleOutSeconds)}, recovery ${seconds(s.recoverySeconds)}`,
    ),
    steadyStateSummary(c.steadyStates),
  ];
}

export function formatOptimizeResult(spec: PlatformSpec, result: OptimizeResult & { configLines: string[] }): string {
  const { current, winner, stats } = result;
  const lines = [
    `Optimizer for ${spec.project} / ${spec.stack}: ${stats.candidates} candidates, ${stats.prunedAnalytically} dropped unsimulated (steady-state p99, or a maximum below the spike's capacity), ${stats.costed} costed, ${stats.scenarioRuns} scenario runs, ${plural(stats.rejectedByRoutingSimulation, "passing candidate")} rejected by the routing simulation, ${(stats.elapsedMs / 1000).toFixed(1)} s`,
    `Current: ${describeSettings(current.settings)}`,
    `  ${usd(current.monthlyUsd)}/month, peak p99 ${p99Text(current.peakP99Ms)}; ${scenarioSummary(current.scenarios, current.steadyStates)}`,
  ];
  if (winner === null) {
    return [...lines, `No searched setting meets the ${spec.slo.targetP99Ms} ms p99 target in every scenario.`].join("\n");
  }
  const idle = spec.loadBalancer.idleTimeoutSeconds;
  lines.push(...candidateLines("Winner", winner, current.monthlyUsd, idle));
  result.runnerUps.forEach((c, i) => lines.push(...candidateLines(`Runner-up ${i + 1}`, c, current.monthlyUsd, idle)));
  lines.push(
    result.configLines.length > 0 ? "Apply with:" : "The current settings are already the cheapest that pass.",
    ...result.configLines.map((l) => `  ${l}`),
  );
  return lines.join("\n");
}

/** The command with its cost function injected. */
export function createOptimizeCommand(deps: OptimizeCommandDeps): Command {
  return async (argv, io) => {
    const args = parseStackCommandArgs(argv, OPTIMIZE_USAGE);
    if (args.help) {
      io.out(OPTIMIZE_USAGE);
      return 0;
    }
    const projectDir = deps.projectDir ?? PROJECT_DIR;
    const { spec, notes, values } = loadStack(projectDir, args.stack, args.overrides);
    printNotes(io, notes);
    // The search takes seconds: a terminal sees where it is, a pipe and --json get nothing.
    const line = progressLine(args.json ? undefined : io.progress, deps.clock);
    const optimized = optimize(spec, deps.costOf, {
      ...deps.search,
      onProgress: (p) =>
        line.update(() =>
          p.phase === "costing"
            ? `optimizing ${spec.stack}: costing candidate ${p.done} of ${p.total}`
            : `optimizing ${spec.stack}: simulating the scenarios of candidate ${p.done} of ${p.total} in price order (${plural(p.scenarioRuns, "scenario run")})`,
        ),
    });
    line.done();
    const { winner } = optimized;
    const removed = winner === null ? [] : keysToRemove(winner.settings, (key) => `${spec.project}:${key}` in values);
    if (winner !== null) {
      // The printed lines must give a valid stack: resolve it once more with them applied.
      const applied = (Object.keys(settingsOf(spec)) as (keyof WebSettings)[]).flatMap((setting) =>
        configValues(winner.settings, setting).map(([key, value]) => `${key}=${value}`),
      );
      loadStack(projectDir, args.stack, [...args.overrides, ...applied], removed);
    }
    const result = { ...optimized, configLines: winner ? configLinesFor(spec, winner.settings, removed) : [] };
    io.out(args.json ? JSON.stringify(result, null, 2) : formatOptimizeResult(spec, result));
    return winner === null ? SLO_MISSED_EXIT_CODE : 0;
  };
}

export const optimizeCommand: Command = createOptimizeCommand({ costOf: monthlyCostUsd });
