import fc from "fast-check";
import { p99LatencyMs } from "../../../../lib/models/slo/latency";
import { SimulationInput, simulate } from "../../../../lib/models/slo/simulation";
import { PlatformSpec, withWebService } from "../../../../lib/spec";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

/**
 * The legacy prod stack (fixtures.ts): 0.5 vCPU tasks at a 60% CPU target, on-demand base 3, then 1:3 Spot,
 * 3 AZs; the 150 MB image launches in ceil(20 + 150 / 18) = 29 s and a running task serves one 10-s
 * health-check interval later; an alarm acts 26 s (20-s datapoints) or 183 s (60-s) after a datapoint closes.
 */
const PROD = legacyProdSpec();
const constant = (rps: number) => () => rps;
const stepAt = (at: number, before: number, after: number) => (t: number) => (t < at ? before : after);

describe("steady load", () => {
  it("GIVEN the prod peak load (56% CPU, target 60%) WHEN simulating an hour THEN it never scales and p99 stays at the steady-state p99 of 9 tasks behind 3 load-balancer nodes", () => {
    const result = simulate(PROD, { durationSeconds: 3600, rps: constant(250), initialTasks: 9 });
    expect(result.activities).toEqual([]);
    expect(result.launches).toEqual([]);
    expect(result.steps).toHaveLength(720);
    expect(new Set(result.steps.map((s) => `${s.desired}/${s.inService}/${s.pending}`))).toEqual(new Set(["9/9/0"]));
    expect(result.steps[719].p99Ms).toBe(p99LatencyMs(PROD, 250, 9, 3));
    expect(result.steps[719].p99Ms).not.toBe(p99LatencyMs(PROD, 250, 9, 2));
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
  it("GIVEN 20-s metrics WHEN load doubles at 300 s THEN the first scale-out is at 386 s (3 datapoints of 20 s + 26 s lag) and its tasks serve at 425 s (29 s launch + one 10-s health check)", () => {
    const result = simulate(PROD, { durationSeconds: 900, rps: stepAt(300, 250, 500), initialTasks: 9 });
    expect(result.metricPeriodSeconds).toBe(20);
    expect(result.activities).toEqual([
      // Saturated metric (100%): ceil(9 x 100 / 60) = 15.
      { time: 386, from: 9, to: 15, cause: "scaleOut", policy: "cpu" },
      // The alarm repeats a minute later on the datapoint closed at 420: samples 400-410 at 100%, 415 at
      // 9 busy of 15 running (60%): 90% average, ceil(15 x 90 / 60) = 23.
      { time: 446, from: 15, to: 23, cause: "scaleOut", policy: "cpu" },
      { time: 506, from: 23, to: 24, cause: "scaleOut", policy: "cpu" },
    ]);
    expect(result.launches.filter((l) => l.launchedAt === 386).map((l) => l.inServiceAt)).toEqual([425, 425, 425, 425, 425, 425]);
    // The step of 385 still has 9 desired; the one of 390 has the 6 pending.
    expect(result.steps.find((s) => s.time === 385)).toMatchObject({ desired: 9, pending: 0 });
    expect(result.steps.find((s) => s.time === 390)).toMatchObject({ desired: 15, pending: 6 });
  });

  it("GIVEN 60-s metrics WHEN load doubles at 300 s THEN the first scale-out waits for 3 one-minute datapoints and the 183-s lag, until 663 s", () => {
    const result = simulate(legacyProdSpec({ highResolutionMetrics: "false" }), {
      durationSeconds: 900,
      rps: stepAt(300, 250, 500),
      initialTasks: 9,
    });
    expect(result.metricPeriodSeconds).toBe(60);
    expect(result.activities[0]).toEqual({ time: 663, from: 9, to: 15, cause: "scaleOut", policy: "cpu" });
    expect(result.steps.filter((s) => s.time < 665).every((s) => s.desired === 9)).toBe(true);
  });

  it("GIVEN a 600-s scale-out cooldown WHEN load keeps the alarm in ALARM THEN the second scale-out waits for the cooldown", () => {
    const spec: PlatformSpec = { ...PROD, scaling: { ...PROD.scaling, scaleOutCooldownSeconds: 600 } };
    const result = simulate(spec, { durationSeconds: 1500, rps: stepAt(300, 250, 1000), initialTasks: 9 });
    // The request-count policy's alarm (1000 rps on 15 tasks = 4000 > 2400 per task per minute) fires
    // within the cooldown too, but the cooldown belongs to the service, not to one policy.
    expect(result.activities).toEqual([
      { time: 386, from: 9, to: 15, cause: "scaleOut", policy: "cpu" },
      { time: 986, from: 15, to: 24, cause: "scaleOut", policy: "cpu" },
    ]);
  });

  it("GIVEN a saturated CPU metric WHEN the load triples at once THEN one CPU scale-out grows the count by at most 100 / target", () => {
    // 9 tasks at 56% CPU; 750 rps needs 25 at 60%, the saturated metric gives ceil(9 x 100 / 60) = 15.
    const result = simulate(PROD, { durationSeconds: 420, rps: stepAt(300, 250, 750), initialTasks: 9 });
    expect(result.steps.find((s) => s.time === 355)?.cpuUtilization).toBe(1);
    expect(result.activities).toEqual([{ time: 386, from: 9, to: 15, cause: "scaleOut", policy: "cpu" }]);
  });
});

describe("request-count policy", () => {
  const spec = legacyProdSpec({ requestsPerTargetPerMinute: "600", apiMaxTasks: "40" });
  const result = simulate(spec, { durationSeconds: 700, rps: constant(250), initialTasks: 9 });

  it("GIVEN 250 rps on 9 tasks (1667 requests per task per minute) and a target of 600 WHEN simulating THEN it scales out after 3 one-minute datapoints and the 183-s lag (363 s) to ceil(9 x 1667 / 600) = 25, which the CPU policy (56% < 60%) never asks for", () => {
    expect(result.steps[0]).toMatchObject({ cpuUtilization: 5 / 9, requestsPerTarget: (250 * 60) / 9 });
    expect(result.activities[0]).toEqual({ time: 363, from: 9, to: 25, cause: "scaleOut", policy: "requests" });
  });

  it("GIVEN the new tasks serve from 402 s WHEN the alarm repeats a minute later THEN it sees the datapoint closed at 240 s, measured on 9 tasks, and overshoots to the maximum", () => {
    expect(result.activities[1]).toEqual({ time: 423, from: 25, to: 40, cause: "scaleOut", policy: "requests" });
    expect(result.steps.find((s) => s.time === 410)).toMatchObject({ inService: 25, requestsPerTarget: 600 });
  });
});

describe("scale-in timing", () => {
  /** 1 vCPU tasks at a 60% CPU target; the request-count policy tracks 1200 per task per minute (20 rps). */
  const DEV_1024 = legacyDevSpec({ apiCpu: "1024", apiMemory: "2048", apiMaxTasks: "40" });

  it("GIVEN falling load on 20 tasks WHEN simulating THEN scale-in waits until both policies have 15 low datapoints (requests 15 x 60 s = 900 s, seen 183 s later), goes to the larger ask, and then waits the 300-s cooldown", () => {
    const result = simulate(DEV_1024, {
      durationSeconds: 1800,
      rps: (t) => Math.max(50, 400 - (350 * t) / 900),
      initialTasks: 20,
    });
    expect(result.activities).toEqual([
      // CPU asks for 1 (the minimum); the minute closed at 900 averaged 62.6 rps, 188 per task: ceil(20 x 188 / 1200) = 4.
      { time: 1083, from: 20, to: 4, cause: "scaleIn", policy: "requests" },
      // 50 rps: requests ask for ceil(4 x 750 / 1200) = 3, CPU for 1; the request datapoint (of 1200) is seen first.
      { time: 1383, from: 4, to: 3, cause: "scaleIn", policy: "requests" },
    ]);
  });

  it("GIVEN a request-count target nothing comes near WHEN load falls THEN the CPU policy's ask is the count, still after the request policy's 15 minutes and lag", () => {
    const spec = legacyDevSpec({ apiCpu: "1024", apiMemory: "2048", apiMaxTasks: "40", requestsPerTargetPerMinute: "1000000" });
    const result = simulate(spec, { durationSeconds: 1300, rps: constant(50), initialTasks: 20 });
    expect(result.activities).toEqual([{ time: 1083, from: 20, to: 1, cause: "scaleIn", policy: "requests" }]);
  });

  it("GIVEN a scale-in at 1083 s WHEN tasks are stopped at the next step (1085 s) THEN they drain for the deregistration delay (30 s) before they leave", () => {
    const result = simulate(DEV_1024, { durationSeconds: 1300, rps: constant(50), initialTasks: 20 });
    const at = (time: number) => result.steps.find((s) => s.time === time);
    expect(result.activities).toEqual([{ time: 1083, from: 20, to: 3, cause: "scaleIn", policy: "requests" }]);
    expect(at(1080)).toMatchObject({ desired: 20, inService: 20, draining: 0 });
    expect(at(1085)).toMatchObject({ desired: 3, inService: 3, draining: 17 });
    expect(at(1110)).toMatchObject({ draining: 17 });
    expect(at(1115)).toMatchObject({ inService: 3, draining: 0 });
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
          const spec: PlatformSpec = withWebService(PROD, (api) => ({ ...api, minTasks, maxTasks }));
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

  it("GIVEN 4 on-demand and 5 Spot tasks (base 3, the 6 above it 1:3 = 1.5 on demand, the odd task to Spot) WHEN every Spot task is warned THEN the 5 drain at once and their Spot replacements wait for capacity", () => {
    const result = simulate(PROD, input);
    expect(result.steps.find((s) => s.time === 300)).toMatchObject({ inService: 4, draining: 5, pending: 5, p99Ms: 60000 });
    const replacements = result.launches.filter((l) => l.launchedAt === 300);
    expect(replacements.map((l) => l.provider)).toEqual([
      "FARGATE_SPOT",
      "FARGATE_SPOT",
      "FARGATE_SPOT",
      "FARGATE_SPOT",
      "FARGATE_SPOT",
    ]);
    // Spot is back at 900: 29 s launch and one 10-s health check.
    expect(replacements.map((l) => l.inServiceAt)).toEqual([939, 939, 939, 939, 939]);
  });

  it("GIVEN the Spot outage WHEN the service scales out THEN only the on-demand share of the new tasks serves before Spot returns", () => {
    const result = simulate(PROD, input);
    const served = result.launches.filter((l) => l.inServiceAt !== null && l.inServiceAt < 900);
    expect(served.every((l) => l.provider === "FARGATE")).toBe(true);
    // The on-demand share of each scale-out (odd tasks to Spot): 2 of 9 -> 15, 2 of 15 -> 23, 0 of 23 -> 24.
    expect(served.map((l) => l.inServiceAt)).toEqual([445, 445, 505, 505]);
    // The draining Spot tasks count as running until 330, so the datapoint of 320 is 55.6%: the alarm
    // sees 340, 360 and 380 above 60% at 406. The maximum (24) is reached before the request
    // policy's 183-s lag lets it join.
    expect(result.activities).toEqual([
      { time: 406, from: 9, to: 15, cause: "scaleOut", policy: "cpu" },
      { time: 466, from: 15, to: 23, cause: "scaleOut", policy: "cpu" },
      { time: 526, from: 23, to: 24, cause: "scaleOut", policy: "cpu" },
    ]);
  });

  it("GIVEN an all-Spot service WHEN Spot is reclaimed THEN no task runs, the metric has no datapoints and p99 is the ALB idle timeout", () => {
    const spec = legacyDevSpec({ apiCpu: "512", apiMemory: "1024", apiMaxTasks: "20" });
    const result = simulate(spec, { ...input, initialTasks: 9 });
    const outage = result.steps.find((s) => s.time === 600);
    expect(outage).toMatchObject({
      running: 0,
      inService: 0,
      utilization: null,
      cpuUtilization: null,
      requestsPerTarget: null,
      p99Ms: 60000,
    });
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
    expect(result.steps.find((s) => s.time === 310)).toMatchObject({ pending: 5, draining: 5, inService: 4 });
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
      durationSeconds: 1300,
      rps: constant(20),
      initialTasks: 8,
      events: [{ at: 0, kind: "spotInterruption" }],
    });
    expect(result.activities).toEqual([{ time: 1083, from: 8, to: 2, cause: "scaleIn", policy: "requests" }]);
    const before = result.steps.find((s) => s.time === 1080);
    const after = result.steps.find((s) => s.time === 1085);
    // 8 tasks, base 1, the 7 above it 1:1 = 3.5 on demand, the odd task to Spot: 4 on demand, 4 Spot waiting.
    expect(before).toMatchObject({ desired: 8, pending: 4, inService: 4 });
    // The request policy asks for ceil(8 x 240 / 1200) = 2, split base 1 + the 1 above it with the odd
    // task to Spot: 1 on demand, 1 Spot. 3 of the 4 waiting Spot tasks go first, then 3 serving on-demand
    // ones; the 4th Spot task keeps waiting as the split's Spot share.
    expect(after).toMatchObject({ desired: 2, pending: 1, inService: 1, draining: 3 });
  });
});

describe("AZ failure", () => {
  it("GIVEN 9 tasks over 3 AZs WHEN AZ 0 fails THEN its 3 tasks stop, the p99 is that of 6 tasks behind 2 nodes, and the replacements go to AZs 1 and 2 and serve 39 s later", () => {
    const result = simulate(PROD, {
      durationSeconds: 2400,
      rps: constant(250),
      initialTasks: 9,
      events: [
        { at: 1800, kind: "azRestored", az: 0 },
        { at: 300, kind: "azFailure", az: 0 },
      ],
    });
    const atFailure = result.steps.find((s) => s.time === 300);
    expect(atFailure).toMatchObject({ inService: 6, pending: 3, p99Ms: p99LatencyMs(PROD, 250, 6, 2) });
    expect(atFailure?.p99Ms).not.toBe(p99LatencyMs(PROD, 250, 6, 3));
    expect(result.steps.find((s) => s.time === 1800)?.p99Ms).toBe(p99LatencyMs(PROD, 250, 9, 3));
    expect(result.launches).toEqual([
      { launchedAt: 300, inServiceAt: 339, provider: "FARGATE", az: 1 },
      { launchedAt: 300, inServiceAt: 339, provider: "FARGATE", az: 2 },
      { launchedAt: 300, inServiceAt: 339, provider: "FARGATE_SPOT", az: 1 },
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
