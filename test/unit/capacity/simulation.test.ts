import fc from "fast-check";
import { SimulationInput, simulate } from "../../../lib/capacity/simulation";
import { PlatformSpec } from "../../../lib/spec";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

/** The legacy prod stack (fixtures.ts): 0.5 vCPU tasks at a 60% CPU target, on-demand base 3, then 1:3 Spot. */
const PROD = legacyProdSpec();
const constant = (rps: number) => () => rps;
const stepAt = (at: number, before: number, after: number) => (t: number) => (t < at ? before : after);

describe("steady load", () => {
  it("GIVEN the prod peak load (56% CPU, target 60%) WHEN simulating an hour THEN it never scales and p99 stays at the steady-state 122.6 ms", () => {
    const result = simulate(PROD, { durationSeconds: 3600, rps: constant(250), initialTasks: 9 });
    expect(result.activities).toEqual([]);
    expect(result.launches).toEqual([]);
    expect(result.steps).toHaveLength(720);
    expect(new Set(result.steps.map((s) => `${s.desired}/${s.inService}/${s.pending}`))).toEqual(new Set(["9/9/0"]));
    expect(result.steps[719].p99Ms).toBeCloseTo(122.63306305, 6);
    expect(result.steps[719].cpuUtilization).toBeCloseTo(5 / 9, 12);
  });

  it("GIVEN the same spec and input WHEN simulating twice THEN the results are identical", () => {
    const input: SimulationInput = {
      durationSeconds: 1800,
      rps: stepAt(300, 250, 600),
      initialTasks: 9,
      events: [{ at: 600, kind: "spotInterruption" }],
    };
    expect(simulate(PROD, input)).toEqual(simulate(PROD, input));
  });
});

describe("scale-out timing", () => {
  it("GIVEN 20-s metrics WHEN load doubles at 300 s THEN the first scale-out is at 360 s (3 datapoints of 20 s) and its tasks serve at 420 s (40 s launch + 2 x 10 s health checks)", () => {
    const result = simulate(PROD, { durationSeconds: 900, rps: stepAt(300, 250, 500), initialTasks: 9 });
    expect(result.metricPeriodSeconds).toBe(20);
    expect(result.activities).toEqual([
      // Saturated metric (100%): ceil(9 x 100 / 60) = 15.
      { time: 360, from: 9, to: 15, cause: "scaleOut" },
      // The alarm re-enters ALARM at 480 (3 datapoints at 500/750 = 67%): ceil(15 x 66.7 / 60) = 17.
      { time: 480, from: 15, to: 17, cause: "scaleOut" },
    ]);
    expect(result.launches.filter((l) => l.launchedAt === 360).map((l) => l.inServiceAt)).toEqual([420, 420, 420, 420, 420, 420]);
  });

  it("GIVEN 60-s metrics WHEN load doubles at 300 s THEN the first scale-out waits for 3 one-minute datapoints, until 480 s", () => {
    const result = simulate(legacyProdSpec({ highResolutionMetrics: "false" }), {
      durationSeconds: 900,
      rps: stepAt(300, 250, 500),
      initialTasks: 9,
    });
    expect(result.metricPeriodSeconds).toBe(60);
    expect(result.activities[0]).toEqual({ time: 480, from: 9, to: 15, cause: "scaleOut" });
    expect(result.steps.filter((s) => s.time < 480).every((s) => s.desired === 9)).toBe(true);
  });

  it("GIVEN a 600-s scale-out cooldown WHEN load keeps the alarm in ALARM THEN the second scale-out waits for the cooldown", () => {
    const spec: PlatformSpec = { ...PROD, scaling: { ...PROD.scaling, scaleOutCooldownSeconds: 600 } };
    const result = simulate(spec, { durationSeconds: 1500, rps: stepAt(300, 250, 1000), initialTasks: 9 });
    expect(result.activities).toEqual([
      { time: 360, from: 9, to: 15, cause: "scaleOut" },
      { time: 960, from: 15, to: 24, cause: "scaleOut" },
    ]);
  });
});

describe("scale-in timing", () => {
  it("GIVEN falling load on 20 tasks WHEN simulating THEN each scale-in needs 15 low datapoints and the 300-s cooldown: at 300, 600 and 900 s", () => {
    const spec = legacyDevSpec({ apiCpu: "1024", apiMemory: "2048", apiMaxTasks: "40" });
    const result = simulate(spec, { durationSeconds: 1500, rps: (t) => Math.max(50, 400 - (350 * t) / 900), initialTasks: 20 });
    expect(result.activities).toEqual([
      { time: 300, from: 20, to: 5, cause: "scaleIn" },
      { time: 600, from: 5, to: 3, cause: "scaleIn" },
      { time: 900, from: 3, to: 1, cause: "scaleIn" },
    ]);
  });

  it("GIVEN a scale-in WHEN tasks are stopped THEN they drain for the deregistration delay (30 s) before they leave", () => {
    const spec = legacyDevSpec({ apiCpu: "1024", apiMemory: "2048", apiMaxTasks: "40" });
    const result = simulate(spec, { durationSeconds: 400, rps: constant(50), initialTasks: 20 });
    const at = (time: number) => result.steps.find((s) => s.time === time);
    expect(at(295)).toMatchObject({ inService: 20, draining: 0 });
    expect(at(300)).toMatchObject({ desired: 1, inService: 1, draining: 19 });
    expect(at(325)).toMatchObject({ draining: 19 });
    expect(at(330)).toMatchObject({ inService: 1, draining: 0 });
  });

  it("GIVEN a scheduled minimum above the desired count WHEN the hour changes THEN the desired count rises to it at once", () => {
    const result = simulate(PROD, {
      durationSeconds: 120,
      rps: constant(25),
      initialTasks: 3,
      minTasksAt: (t) => (t < 60 ? 3 : 5),
    });
    expect(result.activities).toEqual([{ time: 60, from: 3, to: 5, cause: "scheduledMinimum" }]);
  });
});

describe("bounds", () => {
  it("GIVEN any load curve and any bounds WHEN simulating THEN the desired count never leaves [min, max] and active tasks never exceed max", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 40 }),
        (minTasks, extra, rates, initialTasks) => {
          const maxTasks = minTasks + extra;
          const spec: PlatformSpec = { ...PROD, api: { ...PROD.api, minTasks, maxTasks } };
          const result = simulate(spec, { durationSeconds: 1200, rps: (t) => rates[Math.floor(t / 400)], initialTasks });
          return result.steps.every((s) => s.desired >= minTasks && s.desired <= maxTasks && s.pending + s.running <= maxTasks);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("Spot interruption", () => {
  const input: SimulationInput = {
    durationSeconds: 1500,
    rps: constant(250),
    initialTasks: 9,
    events: [
      { at: 300, kind: "spotInterruption" },
      { at: 900, kind: "spotCapacityRestored" },
    ],
  };

  it("GIVEN 5 on-demand and 4 Spot tasks WHEN every Spot task is warned THEN the 4 drain at once and their Spot replacements wait for capacity", () => {
    const result = simulate(PROD, input);
    expect(result.steps.find((s) => s.time === 300)).toMatchObject({ inService: 5, draining: 4, pending: 4, p99Ms: 60000 });
    const replacements = result.launches.filter((l) => l.launchedAt === 300);
    expect(replacements.map((l) => l.provider)).toEqual(["FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT"]);
    // Spot is back at 900: 40 s launch and 20 s of health checks.
    expect(replacements.map((l) => l.inServiceAt)).toEqual([960, 960, 960, 960]);
  });

  it("GIVEN the Spot outage WHEN the service scales out THEN only the on-demand share of the new tasks serves before Spot returns", () => {
    const result = simulate(PROD, input);
    const served = result.launches.filter((l) => l.inServiceAt !== null && l.inServiceAt < 900);
    expect(served.every((l) => l.provider === "FARGATE")).toBe(true);
    expect(served.map((l) => l.inServiceAt)).toEqual([440, 500, 500, 680]);
  });

  it("GIVEN an all-Spot service WHEN Spot is reclaimed THEN no task runs, the metric has no datapoints and p99 is the ALB idle timeout", () => {
    const spec = legacyDevSpec({ apiCpu: "512", apiMemory: "1024", apiMaxTasks: "20" });
    const result = simulate(spec, { ...input, initialTasks: 9 });
    const outage = result.steps.find((s) => s.time === 600);
    expect(outage).toMatchObject({ running: 0, inService: 0, utilization: null, cpuUtilization: null, p99Ms: 60000 });
  });

  it("GIVEN Spot tasks already waiting or draining WHEN a second warning comes THEN they stay as they are", () => {
    const twice: SimulationInput = {
      ...input,
      events: [
        { at: 300, kind: "spotInterruption" },
        { at: 310, kind: "spotInterruption" },
      ],
    };
    const result = simulate(PROD, twice);
    expect(result.steps.find((s) => s.time === 310)).toMatchObject({ pending: 4, draining: 4, inService: 5 });
  });

  it("GIVEN Spot tasks waiting for capacity WHEN the service scales in THEN those waiting tasks are cancelled first", () => {
    const spec = legacyDevSpec({
      apiCpu: "1024",
      apiMemory: "2048",
      apiMaxTasks: "40",
      onDemandBase: "1",
      onDemandWeight: "1",
      spotWeight: "1",
    });
    const result = simulate(spec, {
      durationSeconds: 900,
      rps: constant(20),
      initialTasks: 8,
      events: [{ at: 0, kind: "spotInterruption" }],
    });
    const before = result.steps.find((s) => s.time === 295);
    const after = result.steps.find((s) => s.time === 300);
    expect(before).toMatchObject({ desired: 8, pending: 3, inService: 5 });
    expect(after).toMatchObject({ desired: 1, pending: 0, inService: 1, draining: 4 });
  });
});

describe("AZ failure", () => {
  it("GIVEN 9 tasks over 3 AZs WHEN AZ 0 fails THEN its 3 tasks stop and the replacements go to AZs 1 and 2 and serve 60 s later", () => {
    const result = simulate(PROD, {
      durationSeconds: 2400,
      rps: constant(250),
      initialTasks: 9,
      events: [
        { at: 1800, kind: "azRestored", az: 0 },
        { at: 300, kind: "azFailure", az: 0 },
      ],
    });
    expect(result.steps.find((s) => s.time === 300)).toMatchObject({ inService: 6, pending: 3 });
    expect(result.launches).toEqual([
      { launchedAt: 300, inServiceAt: 360, provider: "FARGATE", az: 1 },
      { launchedAt: 300, inServiceAt: 360, provider: "FARGATE", az: 2 },
      { launchedAt: 300, inServiceAt: 360, provider: "FARGATE_SPOT", az: 1 },
    ]);
  });
});

describe("input checks", () => {
  it.each([
    [{ stepSeconds: 3 }, /stepSeconds must be 1, 2, 4 or 5 \(a divisor of the 20-s metric period\), got 3/],
    [{ stepSeconds: 10 }, /stepSeconds must be 1, 2, 4 or 5/],
    [{ durationSeconds: 0 }, /durationSeconds must be > 0, got 0/],
  ])("GIVEN %j WHEN simulating THEN a RangeError explains the rule", (override, message) => {
    expect(() => simulate(PROD, { durationSeconds: 60, rps: constant(1), initialTasks: 1, ...override })).toThrow(message);
  });

  it("GIVEN a 1-s step WHEN simulating a minute THEN there are 60 steps", () => {
    expect(simulate(PROD, { durationSeconds: 60, rps: constant(250), initialTasks: 9, stepSeconds: 1 }).steps).toHaveLength(60);
  });
});
