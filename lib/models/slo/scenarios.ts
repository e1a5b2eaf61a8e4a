/**
 * The four stress scenarios the SLO model runs through the simulation, all from the stack's own
 * workload profile, and the pass/fail rule of each (the bars are argued in docs/slo-model.md).
 *
 * - diurnal: one weekday, midnight to midnight, on the continuous version of the hourly profile;
 *   passes when p99 never exceeds the target.
 * - spike: at the weekday peak, traffic triples within 60 s and stays 30 minutes; passes when
 *   enough tasks for the tripled load at the CPU target serve within 120 s of the spike's start
 *   (scaleOutSeconds) and p99 is back under the target within 180 s of it.
 * - spot-reclaim: at the peak every Spot task gets its 2-minute warning at once and Spot capacity
 *   is gone for 10 minutes (ECS does not fall back to on-demand, so Spot replacements wait);
 *   passes when p99 stays under the target or is back under it within 180 s.
 * - az-loss: at the peak the tasks of one AZ (spread evenly) stop and the AZ is unusable for
 *   30 minutes; replacements go to the other AZs; same bar as spot-reclaim.
 */
import { vcpuOf } from "../../aws/fargateSizes";
import { PlatformSpec, webService } from "../../spec";
import { rpsByHourOfWeek, webVcpuDemand, weekdayRps } from "../../spec/workload";
import { cpuPolicyTasks } from "../fleet/steadyState";
import { webMinTasksForHour, webTasksForHour } from "../fleet/webTaskCount";
import { roundTo } from "../round";
import { DEFAULT_STEP_SECONDS, SimulationInput, SimulationResult, simulate } from "./simulation";

export type ScenarioName = "diurnal" | "spike" | "spot-reclaim" | "az-loss";

// Scenario shapes (x3 within 60 s for 30 minutes, Spot back after 10 minutes, AZ out 30 minutes) and
// the pass bars are argued in docs/slo-model.md, "Why these bars".

/** Steady state before the disturbance: long enough for the alarms to hold a full datapoint history. */
export const WARM_UP_SECONDS = 300;
/** Observation after the disturbance ends, so the scale-in that follows is part of the run. */
export const OBSERVE_AFTER_SECONDS = 1200;
export const SPIKE_FACTOR = 3;
export const SPIKE_RAMP_SECONDS = 60;
export const SPIKE_HOLD_SECONDS = 1800;
export const SPOT_OUTAGE_SECONDS = 600;
export const AZ_OUTAGE_SECONDS = 1800;
/** Pass bars (docs/slo-model.md, "The bars"). */
export const MAX_SCALE_OUT_SECONDS = 120;
export const MAX_RECOVERY_SECONDS = 180;

const DAY_SECONDS = 86400;

export interface Scenario {
  name: ScenarioName;
  input: SimulationInput;
  /** When the disturbance starts; null for the diurnal day, which has none. */
  eventAt: number | null;
  /** The request rate after the disturbance (the tripled peak for the spike); null for the diurnal day. */
  newLoadRps: number | null;
  /**
   * When the disturbance's worst steady state is sampled, and the load-balancer nodes then (one per
   * AZ that is up): the Spot-reclaim floor (the on-demand tasks alone, at the warning, before any
   * replacement) and the AZ loss (the surviving tasks behind one node fewer, at the failure) at the
   * event, the spike's plateau at the last step before it ends; null for the diurnal day.
   */
  worstStateAt: { at: number; nodes: number } | null;
}

/** A steady state: the load, tasks in service and load-balancer nodes (steadyStates.ts re-checks its p99). */
export interface SteadyState {
  rps: number;
  tasks: number;
  nodes: number;
}

export interface ScenarioResult {
  name: ScenarioName;
  /**
   * Seconds from the disturbance until the healthy tasks in service are enough for the new load at
   * the CPU target (capacityNeededFor); 0: enough at onset; null: never within the run, or no disturbance.
   */
  scaleOutSeconds: number | null;
  worstP99Ms: number;
  minutesOverSlo: number;
  /** Seconds from the disturbance until p99 is back under the target for good (0: never over); null: not recovered, or no disturbance. */
  recoverySeconds: number | null;
  passed: boolean;
  /** The disturbance's worst steady state (Scenario.worstStateAt); null for the diurnal day. */
  worstState: SteadyState | null;
}

/** The weekday peak: the first hour of the week with the highest rate, and that rate. */
export function peakOf(spec: PlatformSpec): { hourOfWeek: number; rps: number } {
  const rates = rpsByHourOfWeek(spec.workload);
  const rps = Math.max(...rates);
  return { hourOfWeek: rates.indexOf(rps), rps };
}

function atPeak(
  spec: PlatformSpec,
  name: ScenarioName,
  durationSeconds: number,
  rpsFactor: (t: number) => number,
  events: SimulationInput["events"],
  worstStateAt: { at: number; nodes: number },
): Scenario {
  const peak = peakOf(spec);
  const minimum = webMinTasksForHour(spec, peak.hourOfWeek);
  return {
    name,
    eventAt: WARM_UP_SECONDS,
    newLoadRps: peak.rps * rpsFactor(WARM_UP_SECONDS + SPIKE_RAMP_SECONDS),
    worstStateAt,
    input: {
      durationSeconds,
      rps: (t) => peak.rps * rpsFactor(t),
      initialTasks: webTasksForHour(spec, peak.hourOfWeek, peak.rps),
      minTasksAt: () => minimum,
      events,
    },
  };
}

export function diurnalScenario(spec: PlatformSpec): Scenario {
  // The minimum of each hour of the day (and of the next midnight, where the run ends), computed
  // once: the simulation asks for it every step.
  const minimums = Array.from({ length: 25 }, (_, hour) => webMinTasksForHour(spec, hour));
  return {
    name: "diurnal",
    eventAt: null,
    newLoadRps: null,
    worstStateAt: null,
    input: {
      durationSeconds: DAY_SECONDS,
      // weekdayRps evaluates hour h at h + 0.5: shifting by half an hour gives the continuous curve
      // through the hourly values (linear ramps, flat night and business hours).
      rps: (t) => weekdayRps(spec.workload, t / 3600 - 0.5),
      initialTasks: webTasksForHour(spec, 0),
      minTasksAt: (t) => minimums[Math.floor(t / 3600)],
    },
  };
}

export function spikeScenario(spec: PlatformSpec): Scenario {
  const start = WARM_UP_SECONDS;
  const end = start + SPIKE_RAMP_SECONDS + SPIKE_HOLD_SECONDS;
  const extra = SPIKE_FACTOR - 1;
  const factor = (t: number) => {
    if (t < start) return 1;
    if (t < start + SPIKE_RAMP_SECONDS) return 1 + (extra * (t - start)) / SPIKE_RAMP_SECONDS;
    if (t < end) return SPIKE_FACTOR;
    return Math.max(1, SPIKE_FACTOR - (extra * (t - end)) / SPIKE_RAMP_SECONDS);
  };
  const nodes = spec.network.availabilityZoneCount;
  // The plateau: the last step before the load starts to fall.
  return atPeak(spec, "spike", end + SPIKE_RAMP_SECONDS + OBSERVE_AFTER_SECONDS, factor, [], {
    at: end - DEFAULT_STEP_SECONDS,
    nodes,
  });
}

export function spotReclaimScenario(spec: PlatformSpec): Scenario {
  const start = WARM_UP_SECONDS;
  return atPeak(
    spec,
    "spot-reclaim",
    start + SPOT_OUTAGE_SECONDS + OBSERVE_AFTER_SECONDS,
    () => 1,
    [
      { at: start, kind: "spotInterruption" },
      { at: start + SPOT_OUTAGE_SECONDS, kind: "spotCapacityRestored" },
    ],
    { at: start, nodes: spec.network.availabilityZoneCount },
  );
}

export function azLossScenario(spec: PlatformSpec): Scenario {
  const start = WARM_UP_SECONDS;
  return atPeak(
    spec,
    "az-loss",
    start + AZ_OUTAGE_SECONDS + OBSERVE_AFTER_SECONDS,
    () => 1,
    [
      // AZ 0 holds the most tasks: tasks are placed round-robin from AZ 0.
      { at: start, kind: "azFailure", az: 0 },
      { at: start + AZ_OUTAGE_SECONDS, kind: "azRestored", az: 0 },
    ],
    { at: start, nodes: spec.network.availabilityZoneCount - 1 },
  );
}

/**
 * Healthy tasks the new load needs at the CPU target: ceil(demand / (taskVcpu x target)), rounded
 * as the steady state rounds it (lib/models/fleet/steadyState.ts) but not clamped to the maximum, so
 * a maximum too low for the load means the capacity is never reached.
 */
export function capacityNeededFor(spec: PlatformSpec, rps: number): number {
  const web = webService(spec);
  return cpuPolicyTasks(webVcpuDemand(spec.workload, rps), vcpuOf(web.cpu), web.cpuTargetPercent);
}

/** What a finished run measured, before its scenario's pass rule judges it. */
export interface ScenarioOutcome {
  /** Steps whose p99 was over the target. */
  stepsOverTarget: number;
  scaleOutSeconds: number | null;
  recoverySeconds: number | null;
}

/** One scenario: how its load is built, the rule it must pass, and what the optimizer needs to know of it. */
export interface ScenarioDefinition {
  name: ScenarioName;
  build(spec: PlatformSpec): Scenario;
  passes(outcome: ScenarioOutcome): boolean;
  /** Whether the capacity-provider split changes its result (part of the optimizer's cache key). */
  dependsOnPlacement: boolean;
  /** Order of the optimizer's search: cheap, likely-failing scenarios first, the 24-hour day last. */
  searchRank: number;
}

const recovered = (o: ScenarioOutcome) => o.recoverySeconds !== null && o.recoverySeconds <= MAX_RECOVERY_SECONDS;

/** The scenario registry, in report order: the simulation, the SLO report and the optimizer read it. */
export const SCENARIOS: readonly ScenarioDefinition[] = [
  { name: "diurnal", build: diurnalScenario, passes: (o) => o.stepsOverTarget === 0, dependsOnPlacement: false, searchRank: 3 },
  {
    name: "spike",
    build: spikeScenario,
    passes: (o) => recovered(o) && o.scaleOutSeconds !== null && o.scaleOutSeconds <= MAX_SCALE_OUT_SECONDS,
    dependsOnPlacement: false,
    searchRank: 0,
  },
  { name: "spot-reclaim", build: spotReclaimScenario, passes: recovered, dependsOnPlacement: true, searchRank: 1 },
  { name: "az-loss", build: azLossScenario, passes: recovered, dependsOnPlacement: false, searchRank: 2 },
];

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

export function scenarioDefinition(name: ScenarioName): ScenarioDefinition {
  return SCENARIOS.find((s) => s.name === name)!;
}

export function scenario(spec: PlatformSpec, name: ScenarioName): Scenario {
  return scenarioDefinition(name).build(spec);
}

/** The healthy tasks a scenario's scaleOutSeconds waits for (the new load at the CPU target); null without a disturbance. */
export function capacityNeededBy(spec: PlatformSpec, run: Scenario): number | null {
  return run.newLoadRps === null ? null : capacityNeededFor(spec, run.newLoadRps);
}

/** Measures a finished simulation against the scenario's bar. */
export function evaluateScenario(spec: PlatformSpec, run: Scenario, result: SimulationResult): ScenarioResult {
  const target = spec.slo.targetP99Ms;
  const { steps, stepSeconds } = result;
  const over = steps.filter((s) => s.p99Ms > target);
  const worstP99Ms = roundTo(
    steps.reduce((worst, s) => Math.max(worst, s.p99Ms), 0),
    1,
  );
  const minutesOverSlo = roundTo((over.length * stepSeconds) / 60, 2);
  let scaleOutSeconds: number | null = null;
  let recoverySeconds: number | null = null;
  if (run.eventAt !== null) {
    const eventAt = run.eventAt;
    const needed = capacityNeededBy(spec, run) as number;
    const enough = steps.find((s) => s.time >= eventAt && s.inService >= needed);
    scaleOutSeconds = enough === undefined ? null : enough.time - eventAt;
    const overAfter = over.filter((s) => s.time >= eventAt);
    const lastStep = steps[steps.length - 1];
    if (overAfter.length === 0) recoverySeconds = 0;
    else if (overAfter[overAfter.length - 1] !== lastStep)
      recoverySeconds = overAfter[overAfter.length - 1].time + stepSeconds - eventAt;
  }
  const passed = scenarioDefinition(run.name).passes({ stepsOverTarget: over.length, scaleOutSeconds, recoverySeconds });
  return {
    name: run.name,
    scaleOutSeconds,
    worstP99Ms,
    minutesOverSlo,
    recoverySeconds,
    passed,
    worstState: worstState(run, result),
  };
}

/** The disturbance's worst steady state: the last step at or before Scenario.worstStateAt.at. */
function worstState(run: Scenario, result: SimulationResult): SteadyState | null {
  if (run.worstStateAt === null) return null;
  const { at, nodes } = run.worstStateAt;
  const step = result.steps.filter((s) => s.time <= at).pop() as SimulationResult["steps"][number];
  return { rps: step.rps, tasks: step.inService, nodes };
}

/** Builds, simulates and evaluates one scenario. */
export function runScenario(spec: PlatformSpec, name: ScenarioName): ScenarioResult {
  const run = scenario(spec, name);
  return evaluateScenario(spec, run, simulate(spec, run.input));
}

export function runScenarios(spec: PlatformSpec): ScenarioResult[] {
  return SCENARIO_NAMES.map((name) => runScenario(spec, name));
}
