import {
  SCENARIO_NAMES,
  azLossScenario,
  diurnalScenario,
  evaluateScenario,
  peakOf,
  runScenario,
  runScenarios,
  scenario,
  spikeScenario,
  spotReclaimScenario,
} from "../../../lib/capacity/scenarios";
import { SimulationResult } from "../../../lib/capacity/simulation";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

describe("scenario definitions", () => {
  it("GIVEN the default workload WHEN finding the peak THEN it is Monday 09:00 at 250 rps", () => {
    expect(peakOf(legacyProdSpec())).toEqual({ hourOfWeek: 9, rps: 250 });
  });

  it("GIVEN the diurnal day WHEN reading its rate THEN it follows the hourly profile continuously: night 25, ramp 137.5 at 08:00, peak 250", () => {
    const { input, eventAt } = diurnalScenario(legacyProdSpec());
    expect(eventAt).toBeNull();
    expect(input.durationSeconds).toBe(86400);
    expect([0, 8 * 3600, 9.5 * 3600, 23 * 3600].map((t) => input.rps(t))).toEqual([25, 137.5, 250, 25]);
    expect(input.initialTasks).toBe(3);
  });

  it("GIVEN dev's scheduled scaling WHEN reading the diurnal minimum THEN it is offHoursMinTasks at night and apiMinTasks from 07:00", () => {
    const { input } = diurnalScenario(legacyDevSpec({ apiMinTasks: "2", apiDesiredTasks: "2" }));
    expect([0, 7 * 3600, 20 * 3600].map((t) => input.minTasksAt?.(t))).toEqual([1, 2, 1]);
  });

  it("GIVEN the spike WHEN reading its rate THEN it triples linearly over 60 s from 300 s, holds 30 minutes, and falls back over 60 s", () => {
    const { input, eventAt } = spikeScenario(legacyProdSpec());
    expect(eventAt).toBe(300);
    expect(input.durationSeconds).toBe(300 + 60 + 1800 + 60 + 1200);
    expect([0, 330, 360, 2100, 2190, 2220, 3000].map((t) => input.rps(t))).toEqual([250, 500, 750, 750, 500, 250, 250]);
    expect(input.minTasksAt?.(0)).toBe(3);
  });

  it("GIVEN the Spot reclaim WHEN reading its events THEN Spot is gone from 300 s for 10 minutes", () => {
    expect(spotReclaimScenario(legacyProdSpec()).input.events).toEqual([
      { at: 300, kind: "spotInterruption" },
      { at: 900, kind: "spotCapacityRestored" },
    ]);
  });

  it("GIVEN the AZ loss WHEN reading its events THEN AZ 0 is gone from 300 s for 30 minutes", () => {
    expect(azLossScenario(legacyProdSpec()).input.events).toEqual([
      { at: 300, kind: "azFailure", az: 0 },
      { at: 2100, kind: "azRestored", az: 0 },
    ]);
  });

  it("GIVEN a scenario name WHEN building it THEN the matching builder runs", () => {
    expect(SCENARIO_NAMES.map((name) => scenario(legacyProdSpec(), name).name)).toEqual([
      "diurnal",
      "spike",
      "spot-reclaim",
      "az-loss",
    ]);
  });
});

describe("legacy prod (60% CPU target)", () => {
  const results = runScenarios(legacyProdSpec());

  it("GIVEN legacy prod WHEN running the diurnal day THEN p99 never exceeds 200 ms (worst 140.7 ms)", () => {
    expect(results[0]).toEqual({
      name: "diurnal",
      scaleOutSeconds: null,
      worstP99Ms: 140.7,
      minutesOverSlo: 0,
      recoverySeconds: null,
      passed: true,
    });
  });

  it("GIVEN legacy prod WHEN traffic triples THEN tasks serve at 120 s but the second scale-out and the backlog take p99 295 s to recover: fail", () => {
    expect(results[1]).toEqual({
      name: "spike",
      scaleOutSeconds: 120,
      worstP99Ms: 60000,
      minutesOverSlo: 4.5,
      recoverySeconds: 295,
      passed: false,
    });
  });

  it("GIVEN legacy prod WHEN Spot is reclaimed THEN the 5 on-demand tasks are saturated until a 6th serves at 140 s: pass", () => {
    expect(results[2]).toEqual({
      name: "spot-reclaim",
      scaleOutSeconds: 140,
      worstP99Ms: 60000,
      minutesOverSlo: 2.33,
      recoverySeconds: 140,
      passed: true,
    });
  });

  it("GIVEN legacy prod WHEN an AZ is lost THEN 6 tasks hold p99 at 152.6 ms until replacements serve at 60 s: pass", () => {
    expect(results[3]).toEqual({
      name: "az-loss",
      scaleOutSeconds: 60,
      worstP99Ms: 152.6,
      minutesOverSlo: 0,
      recoverySeconds: 0,
      passed: true,
    });
  });
});

describe("legacy dev (4 tasks of 0.25 vCPU, all Spot)", () => {
  it("GIVEN legacy dev (4 tasks of 0.25 vCPU at most) WHEN running every scenario THEN all fail and none recovers", () => {
    const results = runScenarios(legacyDevSpec());
    expect(results.map((r) => [r.name, r.passed, r.recoverySeconds])).toEqual([
      ["diurnal", false, null],
      ["spike", false, null],
      ["spot-reclaim", false, null],
      ["az-loss", false, null],
    ]);
    // All-Spot: the replacements wait the 10-minute outage, then launch and health checks.
    expect(results[2].scaleOutSeconds).toBe(660);
  });
});

describe("evaluation edge cases", () => {
  it("GIVEN enough headroom for the spike (30 tasks) WHEN traffic triples THEN no scale-out is needed and the spike passes", () => {
    const spec = legacyProdSpec({ apiMinTasks: "30", apiDesiredTasks: "30", apiMaxTasks: "40" });
    expect(runScenario(spec, "spike")).toEqual({
      name: "spike",
      scaleOutSeconds: null,
      worstP99Ms: 122.1,
      minutesOverSlo: 0,
      recoverySeconds: 0,
      passed: true,
    });
  });

  it("GIVEN an on-demand-only service WHEN Spot is reclaimed THEN nothing happens and nothing launches", () => {
    const result = runScenario(legacyProdSpec({ spotWeight: "0" }), "spot-reclaim");
    expect(result).toEqual({
      name: "spot-reclaim",
      scaleOutSeconds: null,
      worstP99Ms: 122.6,
      minutesOverSlo: 0,
      recoverySeconds: 0,
      passed: true,
    });
  });

  it("GIVEN a spike whose tasks serve after 125 s WHEN evaluating THEN it fails the 120-s scale-out bar even though it recovered", () => {
    const run = spikeScenario(legacyProdSpec());
    const step = {
      rps: 250,
      desired: 9,
      pending: 0,
      running: 9,
      inService: 9,
      draining: 0,
      utilization: 0.5,
      cpuUtilization: 0.5,
      backlog: 0,
    };
    const result: SimulationResult = {
      stepSeconds: 5,
      metricPeriodSeconds: 20,
      steps: [
        { ...step, time: 0, p99Ms: 120 },
        { ...step, time: 300, p99Ms: 250 },
        { ...step, time: 305, p99Ms: 120 },
      ],
      activities: [],
      launches: [{ launchedAt: 360, inServiceAt: 425, provider: "FARGATE", az: 0 }],
    };
    expect(evaluateScenario(legacyProdSpec(), run, result)).toEqual({
      name: "spike",
      scaleOutSeconds: 125,
      worstP99Ms: 250,
      minutesOverSlo: 0.08,
      recoverySeconds: 5,
      passed: false,
    });
  });
});
