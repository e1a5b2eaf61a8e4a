/**
 * The default dev and prod stacks (lib/config/, as resolveSpec builds them) against the SLO
 * model and the optimizer: both meet the target, and each is its own optimizer's winner in the
 * neighbourhood of its settings. Their numbers change whenever the defaults or the model do: the
 * searches and neighbours below are built from the stack's own settings, the costs are compared
 * against the golden plan documents (test/golden/plan-<stack>.json), and the rest (EXPECTED) are
 * regression values; the model's mechanics are tested on the pinned legacy stacks (fixtures.ts).
 *
 * The optimizer runs on a search restricted around the defaults (the full default search costs
 * 50,000 to 150,000 candidates per stack and tens of seconds; `npm run optimize` runs it). What a
 * restricted run proves is said at aroundDefaults; the cheaper neighbours that change one setting
 * are then checked one by one, each by name, with the check it fails.
 */
import { configLinesFor } from "../../../../lib/commands/optimize";
import { formatSloReport } from "../../../../lib/commands/plan/sloText";
import { monthlyCostUsd } from "../../../../lib/models/cost/estimate";
import { hourlyLatency, worstHour } from "../../../../lib/models/slo/hourly";
import {
  DEFAULT_SEARCH,
  OptimizeOptions,
  OptimizeResult,
  WebSettings,
  applySettings,
  changedSettings,
  optimize,
  settingsOf,
  stepScalingFor,
} from "../../../../lib/models/search/optimizer";
import { SCENARIOS, SCENARIO_NAMES, ScenarioResult, runScenario } from "../../../../lib/models/slo/scenarios";
import { buildSloReport } from "../../../../lib/models/slo/sloReport";
import { steadyStateChecks } from "../../../../lib/models/slo/steadyStates";
import { validMemoryFor } from "../../../../lib/aws/fargateSizes";
import { PlatformSpec } from "../../../../lib/spec";
import { goldenPlan } from "../cost/fixtures";
import { devSpec, prodSpec } from "./fixtures";

const SIZES = DEFAULT_SEARCH.cpuValues;
const baseFloor = (spec: PlatformSpec) => (spec.environment === "prod" ? spec.network.availabilityZoneCount : 0);

/**
 * The default search around a stack's settings: its size, minimum and on-demand base; its target
 * and 5 and 10 above it (a lower target runs at least as many tasks every hour: it cannot cost
 * less); every weight pair and step-scaling choice of the default search; the stack's maximum and
 * the larger one the search sizes; ARM64 only (in the latency model a task's speed does not depend
 * on the architecture, and the cost model never prices ARM64 above X86_64 for the same size:
 * test/unit/models/cost/properties.test.ts); no spike-headroom minimum; no runner-ups (simulated
 * after the winner, they cannot change it). It proves that no combination of those targets, weights
 * and step-scaling choices cheaper than the defaults passes; the neighbours test adds the one-step
 * moves of size, minimum, base and maximum; only the full default search covers the rest.
 */
function aroundDefaults(spec: PlatformSpec): OptimizeOptions {
  const s = settingsOf(spec);
  return {
    cpuValues: [s.cpu],
    architectures: ["ARM64"],
    cpuTargets: [0, 5, 10].map((d) => s.cpuTargetPercent + d).filter((t) => DEFAULT_SEARCH.cpuTargets.includes(t)),
    minTasks: [s.minTasks],
    onDemandBases: [s.onDemandBase],
    spikeHeadroomMinimum: false,
    runnerUps: 0,
  };
}

/** The stack's settings with some changed. The step-scaling policy follows the target as `auto` does. */
function neighbour(spec: PlatformSpec, change: Partial<WebSettings>): PlatformSpec {
  const current = settingsOf(spec);
  const target = change.cpuTargetPercent ?? current.cpuTargetPercent;
  const auto = stepScalingFor({ evaluationPeriods: 1, marginPercent: 10, addPercent: 200 }, target);
  const memory =
    change.cpu === undefined ? current.memory : (validMemoryFor(change.cpu).find((m) => m >= current.memory) as number);
  return applySettings(spec, { ...current, memory, stepScaling: auto, ...change });
}

/** The neighbours that could undercut the defaults, by name: each changes one thing toward cheaper (or keeps the cost). */
function neighbours(spec: PlatformSpec): [string, Partial<WebSettings>][] {
  const s = settingsOf(spec);
  const smaller = SIZES[SIZES.indexOf(s.cpu) - 1];
  const list: [string, Partial<WebSettings> | null][] = [
    ["target +5", { cpuTargetPercent: s.cpuTargetPercent + 5 }],
    ["target +10", { cpuTargetPercent: s.cpuTargetPercent + 10 }],
    [`${smaller} CPU`, { cpu: smaller }],
    ["no step scaling", { stepScaling: null }],
    [
      "step adding 100%",
      { stepScaling: stepScalingFor({ evaluationPeriods: 1, marginPercent: 10, addPercent: 100 }, s.cpuTargetPercent) },
    ],
    [
      "step after 2 datapoints",
      { stepScaling: stepScalingFor({ evaluationPeriods: 2, marginPercent: 10, addPercent: 200 }, s.cpuTargetPercent) },
    ],
    ["1:3 on-demand/Spot", s.spotWeight === 3 ? null : { onDemandWeight: 1, spotWeight: 3 }],
    ["all Spot beyond the base", { onDemandWeight: 0, spotWeight: 1 }],
    [
      "minimum -1",
      s.minTasks - 1 >= Math.max(1, baseFloor(spec))
        ? {
            minTasks: s.minTasks - 1,
            desiredTasks: s.minTasks - 1,
            onDemandBase: Math.min(s.onDemandBase, s.minTasks - 1),
            offHoursMinTasks: Math.min(s.offHoursMinTasks, s.minTasks - 1),
          }
        : null,
    ],
    ["base -1", s.onDemandBase - 1 >= baseFloor(spec) ? { onDemandBase: s.onDemandBase - 1 } : null],
    ["maximum -1", { maxTasks: s.maxTasks - 1 }],
  ];
  return list.filter((entry): entry is [string, Partial<WebSettings>] => entry[1] !== null);
}

/** The optimizer's scenario order (lib/models/slo/scenarios.ts searchRank). */
const SEARCH_ORDER = [...SCENARIOS].sort((a, b) => a.searchRank - b.searchRank).map((d) => d.name);

/**
 * What a neighbour costs more than the stack (USD a month, to the cent) and the first check it
 * fails in the optimizer's order: "hours" (some hour over the target), a scenario, "steady state
 * <name>" (the routing simulation's re-check), or "none".
 */
function judged(spec: PlatformSpec, other: PlatformSpec): [number, string] {
  const extraUsd = Math.round((monthlyCostUsd(other) - monthlyCostUsd(spec)) * 100) / 100;
  const hours = hourlyLatency(other);
  if (!hours.every((h) => h.p99Ms !== null && h.p99Ms <= other.slo.targetP99Ms)) return [extraUsd, "hours"];
  const scenarios: ScenarioResult[] = [];
  for (const name of SEARCH_ORDER) {
    const run = runScenario(other, name);
    if (!run.passed) return [extraUsd, name];
    scenarios.push(run);
  }
  const state = steadyStateChecks(other, hours, scenarios).find((c) => !c.passed);
  return [extraUsd, state === undefined ? "none" : `steady state ${state.name}`];
}

/** "0.5 vCPU ARM64, 40% target with a step at 50% adding 200%, min 3 / max 38, on-demand base 3 then 1:3 Spot". */
function described(spec: PlatformSpec): string {
  const s = settingsOf(spec);
  const step =
    s.stepScaling === null
      ? "no step scaling"
      : `a step at ${s.stepScaling.steps[0].fromCpuPercent}% adding ${s.stepScaling.steps[0].addPercent}%`;
  return `${s.cpu / 1024} vCPU ${s.cpuArchitecture}, ${s.cpuTargetPercent}% target with ${step}, min ${s.minTasks} / max ${s.maxTasks}, on-demand base ${s.onDemandBase} then ${s.onDemandWeight}:${s.spotWeight} on-demand/Spot`;
}

interface Expected {
  peak: { rps: number; tasks: number; utilization: number; p99Ms: number | null };
  worstHour: { hourOfWeek: number; rps: number; tasks: number; utilization: number; p99Ms: number | null };
  text: string[];
  stats: Partial<OptimizeResult["stats"]>;
  /** [neighbour, USD a month more than the defaults, the first check it fails]. */
  neighbours: [string, number, string][];
}

/** Regression values (the scenarios and the routing simulation are seeded); regenerate them when the defaults move. */
const EXPECTED: Record<"prod" | "dev", Expected> = {
  prod: {
    peak: {
      rps: 250,
      tasks: 15,
      utilization: 0.3333,
      p99Ms: 193.2,
    },
    worstHour: {
      hourOfWeek: 9,
      rps: 250,
      tasks: 15,
      utilization: 0.3333,
      p99Ms: 193.2,
    },
    text: [
      "SLO model: p99 target 200 ms",
      "  weekday peak: 250 rps on 15 tasks, utilization 33.3%, p99 193.2 ms",
      "  worst hour: Mon 09:00 US Eastern (America/New_York), 250 rps on 15 tasks, p99 193.2 ms",
      "  PASS diurnal      worst p99 195.2 ms, 0 minutes over target, scale-out n/a, recovery n/a",
      "  PASS spike        worst p99 overloaded (requests time out at the ALB idle timeout), 1.6 minutes over target, scale-out 105 s, recovery 105 s",
      "  PASS spot-reclaim worst p99 205.4 ms, 2.1 minutes over target, scale-out 125 s, recovery 125 s",
      "  PASS az-loss      worst p99 199.9 ms, 0 minutes over target, scale-out 40 s, recovery 0 s",
      "  routing: per-node least outstanding requests: 3 load-balancer nodes (one per enabled AZ), each routing to the target with the fewest requests it has outstanding there, counted through the downstream phase",
      "  steady states, re-checked by the routing simulation:",
      "    PASS peak         250 rps on 15 tasks, 3 nodes, utilization 33.3%: p99 189.6 ms simulated (approximation 193.2 ms)",
      "    PASS worst-hour   250 rps on 15 tasks, 3 nodes, utilization 33.3%: p99 189.6 ms simulated (approximation 193.2 ms)",
      "    PASS spot-reclaim 250 rps on 10 tasks, 3 nodes, utilization 50%: p99 196 ms simulated (approximation 205.4 ms)",
      "    PASS az-loss      250 rps on 10 tasks, 2 nodes, utilization 50%: p99 193.2 ms simulated (approximation 199.9 ms)",
      "    PASS spike        750 rps on 43 tasks, 3 nodes, utilization 34.9%: p99 189.9 ms simulated (approximation 194.1 ms)",
      "  meets target: yes",
    ],
    stats: {
      candidates: 60,
      prunedAnalytically: 0,
      costed: 60,
      scenarioRuns: 25,
      rejectedByRoutingSimulation: 3,
    },
    neighbours: [
      ["target +5", -8.38, "steady state spot-reclaim"],
      ["target +10", -10.64, "spike"],
      ["256 CPU", -4.68, "hours"],
      ["no step scaling", -0.3, "spike"],
      ["step adding 100%", 0, "spike"],
      ["step after 2 datapoints", 0, "spike"],
      ["1:3 on-demand/Spot", -6.13, "steady state spot-reclaim"],
      ["all Spot beyond the base", -15.78, "spot-reclaim"],
      ["minimum -1", -1.56, "steady state spot-reclaim"],
      ["base -1", -1.56, "steady state spot-reclaim"],
      ["maximum -1", 0, "spike"],
    ],
  },
  dev: {
    peak: {
      rps: 250,
      tasks: 8,
      utilization: 0.3125,
      p99Ms: 163.1,
    },
    worstHour: {
      hourOfWeek: 127,
      rps: 32.5,
      tasks: 1,
      utilization: 0.325,
      p99Ms: 167,
    },
    text: [
      "SLO model: p99 target 200 ms",
      "  weekday peak: 250 rps on 8 tasks, utilization 31.3%, p99 163.1 ms",
      "  worst hour: Sat 07:00 US Eastern (America/New_York), 32.5 rps on 1 task, p99 167 ms",
      "  PASS diurnal      worst p99 170 ms, 0 minutes over target, scale-out n/a, recovery n/a",
      "  PASS spike        worst p99 219.9 ms, 0.8 minutes over target, scale-out 105 s, recovery 105 s",
      "  PASS spot-reclaim worst p99 171.5 ms, 0 minutes over target, scale-out 105 s, recovery 0 s",
      "  PASS az-loss      worst p99 169.5 ms, 0 minutes over target, scale-out 40 s, recovery 0 s",
      "  routing: per-node least outstanding requests: 2 load-balancer nodes (one per enabled AZ), each routing to the target with the fewest requests it has outstanding there, counted through the downstream phase",
      "  steady states, re-checked by the routing simulation:",
      "    PASS peak         250 rps on 8 tasks, 2 nodes, utilization 31.3%: p99 162 ms simulated (approximation 163.1 ms)",
      "    PASS worst-hour   32.5 rps on 1 task, 2 nodes, utilization 32.5%: p99 167.4 ms simulated (approximation 167 ms)",
      "    PASS spot-reclaim 250 rps on 4 tasks, 2 nodes, utilization 62.5%: p99 171.4 ms simulated (approximation 171.5 ms)",
      "    PASS az-loss      250 rps on 4 tasks, 1 node, utilization 62.5%: p99 170.8 ms simulated (approximation 169.5 ms)",
      "    PASS spike        750 rps on 22 tasks, 2 nodes, utilization 34.1%: p99 162 ms simulated (approximation 163.4 ms)",
      "  meets target: yes",
    ],
    stats: {
      candidates: 60,
      prunedAnalytically: 0,
      costed: 60,
      scenarioRuns: 30,
      rejectedByRoutingSimulation: 5,
    },
    neighbours: [
      ["target +5", -4.49, "steady state spot-reclaim"],
      ["target +10", -14.39, "steady state spot-reclaim"],
      ["512 CPU", 7.62, "spike"],
      ["no step scaling", -0.3, "spike"],
      ["step adding 100%", 0, "spike"],
      ["step after 2 datapoints", 0, "spike"],
      ["1:3 on-demand/Spot", -14.72, "steady state spot-reclaim"],
      ["all Spot beyond the base", -39.6, "spot-reclaim"],
      ["maximum -1", 0, "none"],
    ],
  },
};

function describeDefaultStack(name: "prod" | "dev", spec: PlatformSpec): void {
  const expected = EXPECTED[name];
  const report = buildSloReport(spec);
  const search = aroundDefaults(spec);
  let result: OptimizeResult;
  beforeAll(() => {
    result = optimize(spec, monthlyCostUsd, search);
  });

  it(`GIVEN ${name}'s defaults (${described(spec)}) WHEN building the SLO report THEN every hour, scenario and re-checked steady state meets the 200 ms target`, () => {
    expect(report.targetP99Ms).toBe(200);
    expect(report.scenarios.map((s) => [s.name, s.passed])).toEqual(SCENARIO_NAMES.map((n) => [n, true]));
    expect(report.hourly.every((h) => h.p99Ms !== null && h.p99Ms <= 200)).toBe(true);
    expect(report.steadyStates.every((s) => s.passed)).toBe(true);
    expect(report.meetsTarget).toBe(true);
  });

  it(`GIVEN ${name}'s defaults WHEN reading the peak and the worst hour THEN the peak is ${expected.peak.rps} rps on ${expected.peak.tasks} tasks at p99 ${expected.peak.p99Ms} ms and the worst hour ${expected.worstHour.rps} rps on ${expected.worstHour.tasks} at ${expected.worstHour.p99Ms} ms`, () => {
    expect(report.peak).toEqual(expected.peak);
    expect(worstHour(report.hourly)).toEqual(expected.worstHour);
  });

  it(`GIVEN ${name}'s defaults WHEN formatting the report THEN each scenario's and steady state's numbers are shown`, () => {
    expect(formatSloReport(report, spec.loadBalancer.idleTimeoutSeconds)).toBe(expected.text.join("\n"));
  });

  it(`GIVEN ${name}'s defaults and the cost model WHEN optimizing around them THEN the winner is these settings at the golden ${name} plan's monthly cost and there is nothing to apply`, () => {
    expect(result.current.passed).toBe(true);
    expect(result.winner?.settings).toEqual(settingsOf(spec));
    expect(result.winner?.monthlyUsd).toBe(result.current.monthlyUsd);
    expect(result.current.monthlyUsd).toBeCloseTo(goldenPlan(name).cost.optimized.monthlyUsd, 9);
    expect(changedSettings(spec, result.winner!.settings)).toEqual([]);
    expect(configLinesFor(spec, result.winner!.settings)).toEqual([]);
    expect(result.stats).toMatchObject(expected.stats);
  });

  it(`GIVEN ${name}'s neighbours that change one setting toward cheaper WHEN judging each THEN none cheaper than the defaults passes: each fails a named check or costs at least as much`, () => {
    const judgedAll = neighbours(spec).map(([label, change]) => [label, ...judged(spec, neighbour(spec, change))]);
    expect(judgedAll).toEqual(expected.neighbours);
    expect(judgedAll.filter(([, extraUsd, failed]) => failed === "none" && (extraUsd as number) < 0)).toEqual([]);
  });
}

describe("the default prod stack", () => describeDefaultStack("prod", prodSpec()));
describe("the default dev stack", () => describeDefaultStack("dev", devSpec()));
