import {
  MAX_RECOVERY_SECONDS,
  MAX_SCALE_OUT_SECONDS,
  SCENARIOS,
  SCENARIO_NAMES,
  ScenarioName,
  ScenarioOutcome,
  azLossScenario,
  capacityNeededBy,
  capacityNeededFor,
  diurnalScenario,
  evaluateScenario,
  peakOf,
  runScenario,
  runScenarios,
  scenario,
  scenarioDefinition,
  spikeScenario,
  spotReclaimScenario,
} from "../../../../lib/models/slo/scenarios";
import { SimulationResult } from "../../../../lib/models/slo/simulation";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

describe("scenario definitions", () => {
  it("GIVEN the default workload WHEN finding the peak THEN it is Monday 09:00 at 250 rps", () => {
    expect(peakOf(legacyProdSpec())).toEqual({ hourOfWeek: 9, rps: 250 });
  });

  it("GIVEN the diurnal day WHEN reading its rate THEN it follows the hourly profile continuously: night 25, ramp 137.5 at 08:00, peak 250", () => {
    const { input, eventAt, newLoadRps } = diurnalScenario(legacyProdSpec());
    expect(eventAt).toBeNull();
    expect(newLoadRps).toBeNull();
    expect(input.durationSeconds).toBe(86400);
    expect([0, 8 * 3600, 9.5 * 3600, 23 * 3600].map((t) => input.rps(t))).toEqual([25, 137.5, 250, 25]);
    expect(input.initialTasks).toBe(3);
  });

  it("GIVEN dev's scheduled scaling WHEN reading the diurnal minimum THEN it is offHoursMinTasks at night and apiMinTasks from 07:00", () => {
    const { input } = diurnalScenario(legacyDevSpec({ apiMinTasks: "2", apiDesiredTasks: "2" }));
    expect([0, 7 * 3600, 20 * 3600].map((t) => input.minTasksAt?.(t))).toEqual([1, 2, 1]);
  });

  it("GIVEN the spike WHEN reading its rate THEN it triples linearly over 60 s from 300 s, holds 30 minutes, and falls back over 60 s", () => {
    const { input, eventAt, newLoadRps } = spikeScenario(legacyProdSpec());
    expect(eventAt).toBe(300);
    expect(newLoadRps).toBe(750);
    expect(input.durationSeconds).toBe(300 + 60 + 1800 + 60 + 1200);
    expect([0, 330, 360, 2100, 2190, 2220, 3000].map((t) => input.rps(t))).toEqual([250, 500, 750, 750, 500, 250, 250]);
    expect(input.minTasksAt?.(0)).toBe(3);
  });

  it("GIVEN the Spot reclaim WHEN reading its events THEN Spot is gone from 300 s for 10 minutes, under the unchanged peak load", () => {
    expect(spotReclaimScenario(legacyProdSpec()).newLoadRps).toBe(250);
    expect(spotReclaimScenario(legacyProdSpec()).input.events).toEqual([
      { at: 300, kind: "spotInterruption" },
      { at: 900, kind: "spotCapacityRestored" },
    ]);
  });

  it("GIVEN the AZ loss WHEN reading its events THEN AZ 0 is gone from 300 s for 30 minutes, under the unchanged peak load", () => {
    expect(azLossScenario(legacyProdSpec()).newLoadRps).toBe(250);
    expect(azLossScenario(legacyProdSpec()).input.events).toEqual([
      { at: 300, kind: "azFailure", az: 0 },
      { at: 2100, kind: "azRestored", az: 0 },
    ]);
  });

  it("GIVEN legacy prod (0.5 vCPU, 60% target) WHEN sizing the capacity a load needs THEN it is ceil(demand / 0.3 vCPU): 25 tasks for the tripled peak, 9 for the peak", () => {
    expect(capacityNeededFor(legacyProdSpec(), 750)).toBe(25);
    expect(capacityNeededFor(legacyProdSpec(), 250)).toBe(9);
  });

  it("GIVEN legacy prod WHEN asking what capacity each scenario's scale-out waits for THEN the spike waits for the tripled peak's 25 tasks, the Spot reclaim and AZ loss for the peak's 9, and the diurnal day, with no disturbance, for none", () => {
    const spec = legacyProdSpec();
    expect(SCENARIO_NAMES.map((name) => capacityNeededBy(spec, scenario(spec, name)))).toEqual([null, 25, 9, 9]);
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

describe("the scenario registry", () => {
  const outcome = (o: Partial<ScenarioOutcome>): ScenarioOutcome => ({
    stepsOverTarget: 0,
    scaleOutSeconds: 0,
    recoverySeconds: 0,
    ...o,
  });
  const passes = (name: ScenarioName, o: Partial<ScenarioOutcome>) => scenarioDefinition(name).passes(outcome(o));

  it("GIVEN the registry WHEN listing it THEN it holds the four scenarios in report order, each built by its own builder", () => {
    expect(SCENARIOS.map((s) => s.name)).toEqual(["diurnal", "spike", "spot-reclaim", "az-loss"]);
    expect(SCENARIO_NAMES).toEqual(["diurnal", "spike", "spot-reclaim", "az-loss"]);
    expect(SCENARIOS.map((s) => s.build)).toEqual([diurnalScenario, spikeScenario, spotReclaimScenario, azLossScenario]);
    expect(SCENARIO_NAMES.map((name) => scenarioDefinition(name).name)).toEqual(SCENARIO_NAMES);
  });

  it("GIVEN the registry WHEN ordering the optimizer's search THEN the spike runs first and the 24-hour day last, and only the Spot reclaim depends on the capacity-provider split", () => {
    expect([...SCENARIOS].sort((a, b) => a.searchRank - b.searchRank).map((s) => s.name)).toEqual([
      "spike",
      "spot-reclaim",
      "az-loss",
      "diurnal",
    ]);
    expect(SCENARIOS.filter((s) => s.dependsOnPlacement).map((s) => s.name)).toEqual(["spot-reclaim"]);
  });

  it("GIVEN the diurnal day WHEN judging it THEN it passes only with no step over the target", () => {
    expect(passes("diurnal", { stepsOverTarget: 0, scaleOutSeconds: null, recoverySeconds: null })).toBe(true);
    expect(passes("diurnal", { stepsOverTarget: 1, scaleOutSeconds: null, recoverySeconds: null })).toBe(false);
  });

  it("GIVEN the spike WHEN judging it THEN it needs the capacity within 120 s and p99 back within 180 s", () => {
    expect([MAX_SCALE_OUT_SECONDS, MAX_RECOVERY_SECONDS]).toEqual([120, 180]);
    expect(passes("spike", { scaleOutSeconds: 120, recoverySeconds: 180, stepsOverTarget: 30 })).toBe(true);
    expect(passes("spike", { scaleOutSeconds: 121, recoverySeconds: 0 })).toBe(false);
    expect(passes("spike", { scaleOutSeconds: null, recoverySeconds: 0 })).toBe(false);
    expect(passes("spike", { scaleOutSeconds: 0, recoverySeconds: 181 })).toBe(false);
    expect(passes("spike", { scaleOutSeconds: 0, recoverySeconds: null })).toBe(false);
  });

  it.each(["spot-reclaim", "az-loss"] as const)(
    "GIVEN the %s WHEN judging it THEN only the recovery counts: p99 back within 180 s, however late the capacity",
    (name) => {
      expect(passes(name, { scaleOutSeconds: null, recoverySeconds: 180, stepsOverTarget: 30 })).toBe(true);
      expect(passes(name, { scaleOutSeconds: 600, recoverySeconds: 0 })).toBe(true);
      expect(passes(name, { scaleOutSeconds: 0, recoverySeconds: 181 })).toBe(false);
      expect(passes(name, { scaleOutSeconds: 0, recoverySeconds: null })).toBe(false);
    },
  );
});

describe("legacy prod (60% CPU target)", () => {
  // Legacy prod pins a fixed downstream and no step scaling (test/unit/support/legacyStacks.ts): the
  // timeline below is target tracking's alone. 20-s CPU datapoints act 26 s after they close; a new
  // task runs 29 s after launch (150 MB image: 20 s + 150 / 18) and serves 10 s later (one passing
  // health check): in service 39 s after the scale-out.
  const results = runScenarios(legacyProdSpec());

  it("GIVEN legacy prod WHEN running the diurnal day THEN p99 never exceeds 200 ms (worst 182.8 ms)", () => {
    expect(results[0]).toEqual({
      name: "diurnal",
      scaleOutSeconds: null,
      worstP99Ms: 182.8,
      minutesOverSlo: 0,
      recoverySeconds: null,
      passed: true,
      worstState: null,
    });
  });

  it("GIVEN legacy prod WHEN traffic triples THEN the 25 tasks the tripled load needs never serve (the maximum is 24: the plateau's worst state is 24 at 750 rps), and the backlog takes p99 250 s to recover: fail", () => {
    // Scale-outs at 386 s (9 -> 15), 446 s (15 -> 23) and 506 s (23 -> 24); the 24th serves at 545 s
    // and the backlog is gone at 550 s, 250 s after onset.
    expect(results[1]).toEqual({
      name: "spike",
      scaleOutSeconds: null,
      worstP99Ms: 60000,
      minutesOverSlo: 4,
      recoverySeconds: 250,
      passed: false,
      worstState: { rps: 750, tasks: 24, nodes: 3 },
    });
  });

  it("GIVEN legacy prod WHEN Spot is reclaimed THEN the 4 on-demand tasks are saturated, on-demand tasks serve at 145 s (6) and 205 s (8), p99 recovers to 182.8 ms on the 8 only at 235 s (past the 180-s bar), and the 9 the peak needs serve only when Spot returns at 640 s: fail", () => {
    // 9 tasks, base 3, the 6 above it split 1:3 = 1.5 on demand: the SLO model gives the odd task to
    // Spot, so 4 on-demand tasks stay and 5 Spot tasks drain. They drain for 30 s and still count in
    // the CPU average, so the CPU alarm's third datapoint over 60% closes at 380 s: scale-outs at 406 s
    // (9 -> 15), 466 s (15 -> 23) and 526 s (23 -> 24), of which only the on-demand share (2 of 6, 2 of 8,
    // 0 of 1) can launch: 6 in service at 445 s, 8 at 505 s, the backlog gone at 535 s; every Spot task
    // serves at 939 s, 39 s after Spot capacity is back.
    expect(results[2]).toEqual({
      name: "spot-reclaim",
      scaleOutSeconds: 640,
      worstP99Ms: 60000,
      minutesOverSlo: 3.92,
      recoverySeconds: 235,
      passed: false,
      // The worst state is the floor at the warning: the 4 on-demand tasks alone.
      worstState: { rps: 250, tasks: 4, nodes: 3 },
    });
  });

  it("GIVEN legacy prod WHEN an AZ is lost THEN 6 tasks hold p99 at 223.5 ms (over 200 ms) until the replacements bring back the 9 the peak needs at 40 s: pass", () => {
    // The 3 replacements launch at 300 s and serve at 339 s (29 s launch + one 10-s health check);
    // the worst state is at the failure: the 6 surviving tasks behind the 2 nodes of the AZs still up.
    expect(results[3]).toEqual({
      name: "az-loss",
      scaleOutSeconds: 40,
      worstP99Ms: 223.5,
      minutesOverSlo: 0.67,
      recoverySeconds: 40,
      passed: true,
      worstState: { rps: 250, tasks: 6, nodes: 2 },
    });
  });
});

describe("legacy dev (4 tasks of 0.25 vCPU, all Spot)", () => {
  it("GIVEN legacy dev (4 tasks of 0.25 vCPU at most) WHEN running every scenario THEN all fail, none recovers, and the capacity the peak needs (17 tasks) is never reached", () => {
    const results = runScenarios(legacyDevSpec());
    expect(results.map((r) => [r.name, r.passed, r.recoverySeconds, r.scaleOutSeconds])).toEqual([
      ["diurnal", false, null, null],
      ["spike", false, null, null],
      ["spot-reclaim", false, null, null],
      ["az-loss", false, null, null],
    ]);
  });
});

describe("evaluation edge cases", () => {
  it("GIVEN enough headroom for the spike (30 tasks in service, 25 needed) WHEN traffic triples THEN the capacity is there at onset (0 s) and the spike passes", () => {
    const spec = legacyProdSpec({ apiMinTasks: "30", apiDesiredTasks: "30", apiMaxTasks: "40" });
    expect(runScenario(spec, "spike")).toEqual({
      name: "spike",
      scaleOutSeconds: 0,
      worstP99Ms: 164.5,
      minutesOverSlo: 0,
      recoverySeconds: 0,
      passed: true,
      worstState: { rps: 750, tasks: 30, nodes: 3 },
    });
  });

  it("GIVEN room for the 25 tasks the tripled load needs WHEN traffic triples THEN they serve only after the third scale-out, 245 s after onset: fail", () => {
    // The third 20-s datapoint over 60% closes at 360 s; 26 s later the first scale-out asks
    // ceil(9 x 100 / 60) = 15. The second, at 446 s, sees a datapoint averaging 90% (the 6 new tasks
    // ran idle until they served): ceil(15 x 90 / 60) = 23. The third, at 506 s, reaches 25, in
    // service at 545 s.
    expect(runScenario(legacyProdSpec({ apiMaxTasks: "25" }), "spike")).toMatchObject({
      scaleOutSeconds: 245,
      recoverySeconds: 250,
      passed: false,
    });
  });

  it("GIVEN an on-demand-only service WHEN Spot is reclaimed THEN nothing happens: the capacity is there at onset", () => {
    const result = runScenario(legacyProdSpec({ spotWeight: "0" }), "spot-reclaim");
    expect(result).toEqual({
      name: "spot-reclaim",
      scaleOutSeconds: 0,
      worstP99Ms: 171.7,
      minutesOverSlo: 0,
      recoverySeconds: 0,
      passed: true,
      worstState: { rps: 250, tasks: 9, nodes: 3 },
    });
  });

  describe("GIVEN a spike run whose p99 recovers at once (hand-made steps)", () => {
    const run = spikeScenario(legacyProdSpec());
    const step = {
      rps: 250,
      desired: 25,
      pending: 0,
      running: 9,
      inService: 9,
      draining: 0,
      utilization: 0.5,
      cpuUtilization: 0.5,
      requestsPerTarget: 1667,
      backlog: 0,
    };
    const resultWith = (inServiceAt425: number): SimulationResult => ({
      stepSeconds: 5,
      metricPeriodSeconds: 20,
      steps: [
        { ...step, time: 0, p99Ms: 120 },
        { ...step, time: 300, p99Ms: 250 },
        { ...step, time: 305, p99Ms: 120 },
        // A launched task serving does not count: 24 in service is one short of the 25 needed.
        { ...step, time: 360, p99Ms: 120, inService: 24 },
        { ...step, time: 425, p99Ms: 120, inService: inServiceAt425 },
      ],
      activities: [],
      launches: [],
    });

    it("WHEN the 25 tasks the tripled load needs serve 125 s after onset THEN it fails the 120-s scale-out bar even though it recovered", () => {
      expect(evaluateScenario(legacyProdSpec(), run, resultWith(25))).toEqual({
        name: "spike",
        scaleOutSeconds: 125,
        worstP99Ms: 250,
        minutesOverSlo: 0.08,
        recoverySeconds: 5,
        passed: false,
        // The spike's plateau ends at 2160 s: its last step here is the one at 425 s.
        worstState: { rps: 250, tasks: 25, nodes: 3 },
      });
    });

    it("WHEN the needed capacity is never in service THEN scaleOutSeconds is null and the spike fails", () => {
      expect(evaluateScenario(legacyProdSpec(), run, resultWith(24))).toMatchObject({ scaleOutSeconds: null, passed: false });
    });
  });
});
