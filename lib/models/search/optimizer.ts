/**
 * The cheapest API settings that meet the SLO: searches task size, architecture, CPU target,
 * minimum tasks (a short list plus, per size and target, the minimum that holds the spike's capacity),
 * maximum, on-demand base and capacity-provider weights; keeps the candidates whose diurnal
 * day never exceeds the target and whose spike, Spot-reclaim and AZ-loss scenarios pass; ranks
 * them by the injected cost function (the cost model's monthly USD), so this module does not
 * depend on lib/cost.
 *
 * Why it is fast:
 * - memory is not in the latency model, so each CPU size takes its smallest valid memory at or
 *   above the app's current memory (more would only cost more);
 * - a candidate whose steady-state p99 misses the target in any hour of the week is dropped
 *   analytically, before any simulation (that alone removes every undersized or overloaded size),
 *   and so is one whose maximum is below the capacity the spike's scaleOutSeconds waits for;
 * - the rest are costed and simulated cheapest first, stopping once the winner and runner-ups are
 *   found; each scenario's result is cached under only the settings it depends on (architecture
 *   and memory change none; the capacity-provider split matters only to the Spot reclaim), and the
 *   short scenarios run before the 24-hour one so a failing candidate costs little.
 */
import { validMemoryFor } from "../../aws/fargateSizes";
import {
  AUTO_STEP_SCALING,
  CpuArchitecture,
  MAX_CPU_TARGET_PERCENT,
  MAX_TASKS_PER_SERVICE,
  PlatformSpec,
  ServiceSizing,
  StepScalingSpec,
  stepAboveTarget,
  webService,
  withWebService,
} from "../../spec";
import { SteadyStateCheck, steadyStateChecks } from "../slo/steadyStates";
import { webVcpuDemand } from "../../spec/workload";
import { requestPolicyTasks, steadyStateTasks } from "../fleet/steadyState";
import { roundTo } from "../round";
import { hourlyLatency, peakHour } from "../slo/hourly";
import {
  capacityNeededBy,
  peakOf,
  ScenarioName,
  scenario,
  SCENARIOS,
  ScenarioResult,
  SCENARIO_NAMES,
  SPIKE_FACTOR,
  runScenario,
} from "../slo/scenarios";

export type CostFunction = (spec: PlatformSpec) => number;

export interface WeightPair {
  onDemandWeight: number;
  spotWeight: number;
}

export interface OptimizeOptions {
  /** Fargate CPU units to try (default 256-4096: up to 4 vCPU). */
  cpuValues?: readonly number[];
  architectures?: readonly CpuArchitecture[];
  /** CPU target-tracking targets (percent) to try. */
  cpuTargets?: readonly number[];
  minTasks?: readonly number[];
  /**
   * Also try, for each size and target, the minimum that keeps the spike's capacity in service
   * before it starts (spikeHeadroomMinTasks; default true).
   */
  spikeHeadroomMinimum?: boolean;
  onDemandBases?: readonly number[];
  weights?: readonly WeightPair[];
  /** Step-scaling policies to try beside target tracking (null: none), each relative to the candidate's CPU target. */
  stepScalings?: readonly (StepScalingChoice | null)[];
  /** Smallest memory the app may get (default: its current apiMemory). */
  minMemoryMiB?: number;
  /** How many passing candidates to report after the winner. */
  runnerUps?: number;
  /** Milliseconds clock for the elapsed-time statistic. */
  now?: () => number;
  /** Told as each candidate is costed and as each is simulated, for a progress line. */
  onProgress?: (progress: OptimizeProgress) => void;
}

/** Where the search is: costing every candidate (steady-state p99 and price), then simulating the cheapest. */
export interface OptimizeProgress {
  phase: "costing" | "simulating";
  done: number;
  total: number;
  scenarioRuns: number;
}

/**
 * A step-scaling policy relative to a candidate's CPU target: one step from `marginPercent` above the
 * target (at most 100%) adding `addPercent` of the desired count after `evaluationPeriods` datapoints.
 */
export interface StepScalingChoice {
  evaluationPeriods: number;
  marginPercent: number;
  addPercent: number;
}

/** The policy a choice makes for a CPU target; null when its threshold would be above 100% CPU. */
export function stepScalingFor(choice: StepScalingChoice | null, cpuTargetPercent: number): StepScalingSpec | null {
  if (choice === null || cpuTargetPercent + choice.marginPercent > 100) return null;
  return stepAboveTarget(cpuTargetPercent, choice.marginPercent, choice.addPercent, choice.evaluationPeriods);
}

export const DEFAULT_SEARCH = {
  cpuValues: [256, 512, 1024, 2048, 4096],
  architectures: ["ARM64", "X86_64"] as CpuArchitecture[],
  /** Every 5% from 20% up to the highest target the config accepts. */
  cpuTargets: Array.from({ length: (MAX_CPU_TARGET_PERCENT - 20) / 5 + 1 }, (_, i) => 20 + 5 * i),
  minTasks: [1, 2, 3, 4, 5, 6],
  spikeHeadroomMinimum: true,
  onDemandBases: [0, 1, 2, 3, 4, 5, 6],
  weights: [
    { onDemandWeight: 1, spotWeight: 0 },
    { onDemandWeight: 1, spotWeight: 1 },
    { onDemandWeight: 1, spotWeight: 3 },
    { onDemandWeight: 0, spotWeight: 1 },
  ] as WeightPair[],
  // None, or one step 10 points above the target (stepScalingSteps auto's margin) after one or two
  // datapoints, doubling or tripling the desired count (the spike triples the load: docs/slo-model.md).
  stepScalings: [
    null,
    ...[1, 2].flatMap((evaluationPeriods) =>
      [100, AUTO_STEP_SCALING.addPercent].map((addPercent) => ({
        evaluationPeriods,
        marginPercent: AUTO_STEP_SCALING.marginPercent,
        addPercent,
      })),
    ),
  ] as (StepScalingChoice | null)[],
  runnerUps: 3,
};

/** The settings the optimizer chooses: the web service's size, counts and capacity, its off-hours minimum, the architecture, its step scaling. */
export type WebSettings = ServiceSizing & {
  cpuArchitecture: CpuArchitecture;
  offHoursMinTasks: number;
  stepScaling: StepScalingSpec | null;
};

export interface RankedCandidate {
  settings: WebSettings;
  monthlyUsd: number;
  /** Steady-state p99 at the weekday peak. */
  peakP99Ms: number;
  scenarios: ScenarioResult[];
  /** Its steady states re-checked by the routing simulation (all passed). */
  steadyStates: SteadyStateCheck[];
}

export interface OptimizeResult {
  current: {
    settings: WebSettings;
    monthlyUsd: number;
    peakP99Ms: number | null;
    scenarios: ScenarioResult[];
    steadyStates: SteadyStateCheck[];
    passed: boolean;
  };
  winner: RankedCandidate | null;
  runnerUps: RankedCandidate[];
  /**
   * prunedAnalytically: dropped unsimulated (steady-state p99 over the target, or a maximum below the
   * spike's capacity); rejectedByRoutingSimulation: passed every scenario, failed a steady state's re-check.
   */
  stats: {
    candidates: number;
    prunedAnalytically: number;
    costed: number;
    scenarioRuns: number;
    rejectedByRoutingSimulation: number;
    elapsedMs: number;
  };
}

export function settingsOf(spec: PlatformSpec): WebSettings {
  const api = webService(spec);
  return {
    cpu: api.cpu,
    memory: api.memory,
    cpuArchitecture: spec.cpuArchitecture,
    cpuTargetPercent: api.cpuTargetPercent,
    minTasks: api.minTasks,
    desiredTasks: api.desiredTasks,
    maxTasks: api.maxTasks,
    onDemandBase: api.onDemandBase,
    onDemandWeight: api.onDemandWeight,
    spotWeight: api.spotWeight,
    offHoursMinTasks: api.offHoursMinTasks,
    stepScaling: spec.scaling.stepScaling,
  };
}

export function applySettings(spec: PlatformSpec, s: WebSettings): PlatformSpec {
  const { cpuArchitecture, stepScaling, ...web } = s;
  return { ...withWebService(spec, (api) => ({ ...api, ...web })), cpuArchitecture, scaling: { ...spec.scaling, stepScaling } };
}

/** The settings of `settings` that differ from the stack's current ones, in settingsOf's order (the order the lines print in). */
export function changedSettings(spec: PlatformSpec, settings: WebSettings): (keyof WebSettings)[] {
  const current = settingsOf(spec);
  // JSON compares the step-scaling policy by value; every other setting is a number or a string.
  return (Object.keys(current) as (keyof WebSettings)[]).filter(
    (key) => JSON.stringify(settings[key]) !== JSON.stringify(current[key]),
  );
}

/**
 * The larger maximum a candidate may need: room for the first scale-out from a saturated CPU metric
 * (desired x 100 / target) and for the spike's load at the target of each policy (which is also the
 * capacity the spike's scaleOutSeconds waits for). The cost model bills steady-state tasks, so a
 * higher maximum costs nothing until traffic uses it.
 */
export function maxTasksFor(spec: PlatformSpec, cpu: number, cpuTargetPercent: number, minTasks: number): number {
  const peak = peakOf(spec);
  const web = webService(spec);
  const perMinute = web.requestsPerTargetPerMinute;
  const tasksFor = (rps: number) =>
    steadyStateTasks(
      webVcpuDemand(spec.workload, rps),
      cpu / 1024,
      cpuTargetPercent,
      minTasks,
      MAX_TASKS_PER_SERVICE,
      requestPolicyTasks(rps, perMinute),
    );
  const atPeak = tasksFor(peak.rps);
  const forSpike = tasksFor(peak.rps * SPIKE_FACTOR);
  return Math.min(MAX_TASKS_PER_SERVICE, Math.max(web.maxTasks, forSpike, Math.ceil((atPeak * 100) / cpuTargetPercent)));
}

/**
 * The minimum that holds the spike's capacity (the healthy tasks its scaleOutSeconds waits for:
 * the tripled peak at the CPU target) in service before the spike starts. Target tracking cannot
 * reach that capacity within the 120-s bar (docs/slo-model.md, "Why the spike needs headroom"), so
 * below this minimum only the request-count policy could hold enough tasks at the peak.
 */
export function spikeHeadroomMinTasks(spec: PlatformSpec, cpu: number, cpuTargetPercent: number): number {
  const sized = withWebService(spec, (web) => ({ ...web, cpu, cpuTargetPercent }));
  return Math.min(MAX_TASKS_PER_SERVICE, capacityNeededBy(sized, scenario(sized, "spike")) as number);
}

/** Every combination the configuration rules allow (config.ts: base <= min, prod base >= AZs, weights not both 0). */
export function candidateSettings(spec: PlatformSpec, options: OptimizeOptions = {}): WebSettings[] {
  const o = { ...DEFAULT_SEARCH, ...options };
  const web = webService(spec);
  const minMemory = options.minMemoryMiB ?? web.memory;
  const baseFloor = spec.environment === "prod" ? spec.network.availabilityZoneCount : 0;
  // Distinct policies per target (a choice whose threshold passes 100% is "none" again).
  const stepPolicies = (target: number): (StepScalingSpec | null)[] => {
    const policies = o.stepScalings.map((choice) => stepScalingFor(choice, target));
    return policies.filter((p, i) => policies.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
  };
  const candidates: WebSettings[] = [];
  for (const cpu of o.cpuValues) {
    const memory = validMemoryFor(cpu).find((m) => m >= minMemory);
    if (memory === undefined) continue;
    for (const cpuArchitecture of o.architectures)
      for (const cpuTargetPercent of o.cpuTargets)
        for (const minTasks of new Set([
          ...o.minTasks,
          ...(o.spikeHeadroomMinimum ? [spikeHeadroomMinTasks(spec, cpu, cpuTargetPercent)] : []),
        ])) {
          // The stack's own maximum first: at equal cost the earlier candidate wins, so the
          // maximum changes only when the current one fails a scenario the larger one passes.
          const maxima = new Set([Math.max(web.maxTasks, minTasks), maxTasksFor(spec, cpu, cpuTargetPercent, minTasks)]);
          const offHoursMinTasks = Math.min(web.offHoursMinTasks, minTasks);
          for (const maxTasks of maxima) {
            const desiredTasks = Math.min(maxTasks, Math.max(minTasks, web.desiredTasks));
            for (const onDemandBase of o.onDemandBases.filter((b) => b >= baseFloor && b <= minTasks))
              for (const w of o.weights.filter((pair) => pair.onDemandWeight + pair.spotWeight > 0))
                for (const stepScaling of stepPolicies(cpuTargetPercent))
                  candidates.push({
                    cpu,
                    memory,
                    cpuArchitecture,
                    cpuTargetPercent,
                    minTasks,
                    maxTasks,
                    desiredTasks,
                    onDemandBase,
                    ...w,
                    offHoursMinTasks,
                    stepScaling,
                  });
          }
        }
  }
  return candidates;
}

/** Steady-state p99 at the peak, or null when some hour of the week misses the target. */
function analyticPeakP99(spec: PlatformSpec): number | null {
  const hours = hourlyLatency(spec);
  const target = spec.slo.targetP99Ms;
  if (!hours.every((h) => h.p99Ms !== null && h.p99Ms <= target)) return null;
  return peakHour(hours).p99Ms;
}

const round1 = (value: number) => roundTo(value, 1);

/** The registry's scenarios in the order the search tries them. */
const SEARCH_ORDER: readonly ScenarioName[] = [...SCENARIOS].sort((a, b) => a.searchRank - b.searchRank).map((s) => s.name);

/** A scenario's result depends only on these settings (architecture and memory change none). */
/** What the hours' steady state depends on: the size, the target and the counts (not step scaling, a transient policy). */
function hoursKey(s: WebSettings): string {
  return [s.cpu, s.cpuTargetPercent, s.minTasks, s.maxTasks, s.offHoursMinTasks].join("/");
}

function cacheKey(s: WebSettings, name: ScenarioName): string {
  const latency = [hoursKey(s), JSON.stringify(s.stepScaling)];
  const placement = SCENARIOS.find((d) => d.name === name)!.dependsOnPlacement
    ? [s.onDemandBase, s.onDemandWeight, s.spotWeight]
    : [];
  return [name, ...latency, ...placement].join("/");
}

export function optimize(spec: PlatformSpec, costOf: CostFunction, options: OptimizeOptions = {}): OptimizeResult {
  const now = options.now ?? Date.now;
  const started = now();
  const runnerUpCount = options.runnerUps ?? DEFAULT_SEARCH.runnerUps;
  const cache = new Map<string, ScenarioResult>();
  let scenarioRuns = 0;
  const scenarioFor = (settings: WebSettings, candidate: PlatformSpec, name: ScenarioName): ScenarioResult => {
    const key = cacheKey(settings, name);
    const cached = cache.get(key);
    if (cached) return cached;
    scenarioRuns += 1;
    const result = runScenario(candidate, name);
    cache.set(key, result);
    return result;
  };

  const all = candidateSettings(spec, options);
  // Thousands of candidates share a few (size, target) pairs; each headroom builds the spike scenario.
  const headroom = new Map<string, number>();
  const headroomFor = (cpu: number, target: number): number => {
    const key = `${cpu}/${target}`;
    if (!headroom.has(key)) headroom.set(key, spikeHeadroomMinTasks(spec, cpu, target));
    return headroom.get(key)!;
  };
  const feasible: { settings: WebSettings; candidate: PlatformSpec; peakP99Ms: number; monthlyUsd: number; index: number }[] = [];
  const peakByLatency = new Map<string, number | null>();
  const progress = (phase: OptimizeProgress["phase"], done: number, total: number) =>
    options.onProgress?.({ phase, done, total, scenarioRuns });
  all.forEach((settings, index) => {
    progress("costing", index + 1, all.length);
    // The spike's capacity cannot come into service above the maximum: such a candidate fails it.
    if (settings.maxTasks < headroomFor(settings.cpu, settings.cpuTargetPercent)) return;
    const candidate = applySettings(spec, settings);
    const key = hoursKey(settings);
    if (!peakByLatency.has(key)) peakByLatency.set(key, analyticPeakP99(candidate));
    const peakP99Ms = peakByLatency.get(key) as number | null;
    if (peakP99Ms !== null) feasible.push({ settings, candidate, peakP99Ms, monthlyUsd: costOf(candidate), index });
  });
  feasible.sort((a, b) => a.monthlyUsd - b.monthlyUsd || a.index - b.index);

  const passing: RankedCandidate[] = [];
  let rejectedByRoutingSimulation = 0;
  for (const [done, f] of feasible.entries()) {
    if (passing.length > runnerUpCount) break;
    progress("simulating", done + 1, feasible.length);
    const results = new Map<ScenarioName, ScenarioResult>();
    const passedAll = SEARCH_ORDER.every((name) => {
      const result = scenarioFor(f.settings, f.candidate, name);
      results.set(name, result);
      return result.passed;
    });
    if (!passedAll) continue;
    const scenarios = SCENARIO_NAMES.map((name) => results.get(name) as ScenarioResult);
    // The approximation passed it: the routing simulation decides (steadyStates.ts).
    const steadyStates = steadyStateChecks(f.candidate, hourlyLatency(f.candidate), scenarios);
    if (steadyStates.every((s) => s.passed))
      passing.push({ settings: f.settings, monthlyUsd: f.monthlyUsd, peakP99Ms: round1(f.peakP99Ms), scenarios, steadyStates });
    else rejectedByRoutingSimulation += 1;
  }

  const currentScenarios = SCENARIO_NAMES.map((name) => runScenario(spec, name));
  const currentHours = hourlyLatency(spec);
  const currentPeak = peakHour(currentHours).p99Ms;
  const currentStates = steadyStateChecks(spec, currentHours, currentScenarios);

  const winner = passing[0] ?? null;
  return {
    current: {
      settings: settingsOf(spec),
      monthlyUsd: costOf(spec),
      peakP99Ms: currentPeak === null ? null : round1(currentPeak),
      scenarios: currentScenarios,
      steadyStates: currentStates,
      passed: analyticPeakP99(spec) !== null && currentScenarios.every((s) => s.passed) && currentStates.every((s) => s.passed),
    },
    winner,
    runnerUps: passing.slice(1),
    stats: {
      candidates: all.length,
      prunedAnalytically: all.length - feasible.length,
      costed: feasible.length,
      scenarioRuns,
      rejectedByRoutingSimulation,
      elapsedMs: now() - started,
    },
  };
}
