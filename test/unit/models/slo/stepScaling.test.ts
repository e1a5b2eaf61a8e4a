/**
 * The step-scaling policy as Application Auto Scaling runs it (lib/models/slo/stepScaling.ts) and in
 * the simulation beside target tracking: the PercentChangeInCapacity rounding, the alarm, the
 * cooldown, the larger ask winning, and never more than the service's maximum.
 */
import fc from "fast-check";
import {
  breachingMetric,
  newStepPolicyState,
  percentChangeInCapacity,
  recordStepScaleOut,
  stepAsk,
  stepFor,
} from "../../../../lib/models/slo/stepScaling";
import { stepScalingCooldownSeconds } from "../../../../lib/design/scalingPolicies";
import { simulate } from "../../../../lib/models/slo/simulation";
import { PlatformSpec, StepScalingSpec, withWebService } from "../../../../lib/spec";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

/** Legacy prod: 9 tasks of 0.5 vCPU at a 60% CPU target, maximum 24, 30-s scale-out cooldown, 29-s launch. */
const PROD = legacyProdSpec();
/**
 * The step policy's cooldown the simulation uses (lib/design/scalingPolicies.ts stepScalingCooldownSeconds):
 * max(scale-out cooldown, launch + one health-check interval + one CPU datapoint + the alarm lag) =
 * max(30, 29 + 10 + 20 + 26) = 85 s for legacy prod (20-s metrics, 26-s lag; lib/aws/timings.ts).
 */
const STEP_COOLDOWN_SECONDS = 85;
const TWO_STEPS: StepScalingSpec = {
  evaluationPeriods: 2,
  steps: [
    { fromCpuPercent: 70, addPercent: 50 },
    { fromCpuPercent: 90, addPercent: 100 },
  ],
};
const withStep = (
  step: StepScalingSpec,
  base: PlatformSpec = PROD,
  cooldown = base.scaling.scaleOutCooldownSeconds,
): PlatformSpec => ({
  ...base,
  scaling: { ...base.scaling, stepScaling: step, scaleOutCooldownSeconds: cooldown },
});
const ONE_STEP: StepScalingSpec = { evaluationPeriods: 1, steps: [{ fromCpuPercent: 70, addPercent: 50 }] };
/** 250 -> 500 rps at 300 s: the CPU metric saturates at once. */
const doubling = (t: number) => (t < 300 ? 250 : 500);

describe("PercentChangeInCapacity as AAS rounds it", () => {
  it.each([
    [10, 10, 1],
    [11, 30, 3],
    [4, 25, 1],
    [3, 10, 1],
    [9, 50, 4],
    [9, 100, 9],
    [0, 50, 0],
  ])(
    "GIVEN capacity %i and +%i%% WHEN adjusting THEN %i tasks are added (above 1 rounded down, below 1 up to 1)",
    (capacity, percent, added) => {
      expect(percentChangeInCapacity(capacity, percent)).toBe(added);
    },
  );
});

describe("the step alarm and the step it selects", () => {
  it("GIVEN steps from 70% and 90% WHEN the metric is 69.9, 70, 89 or 95 THEN the first step serves below and at 70 and the second from 90", () => {
    expect([69.9, 70, 89, 95].map((m) => stepFor(TWO_STEPS.steps, m).addPercent)).toEqual([50, 50, 50, 100]);
  });

  it.each([
    [[100], null],
    [[100, 69], null],
    [[100, null], null],
    [[50, 80, 100], 90],
    [[70, 70], 70],
  ])("GIVEN CPU datapoints %j WHEN 2 at or above 70%% are needed THEN the alarm's aggregated value is %j", (history, metric) => {
    expect(breachingMetric(TWO_STEPS, history)).toBe(metric);
  });
});

describe("the cooldown", () => {
  it("GIVEN a +2 scale-out from 4 that started a cooldown WHEN a larger step triggers within it THEN only the difference is added (AAS's +2 then +3 example)", () => {
    const state = newStepPolicyState();
    recordStepScaleOut(state, 4, 100, 60);
    // desired is 6 after +50% of 4; +75% of the base 4 is 3: 4 + 3 = 7, one more than 6.
    expect(stepAsk({ evaluationPeriods: 1, steps: [{ fromCpuPercent: 70, addPercent: 75 }] }, state, 95, 6, 130, 60)).toBe(7);
    // The same +50% step within the cooldown asks for 6: nothing more.
    expect(stepAsk({ evaluationPeriods: 1, steps: [{ fromCpuPercent: 70, addPercent: 50 }] }, state, 95, 6, 130, 60)).toBe(6);
    // After it: +50% of 6.
    expect(stepAsk({ evaluationPeriods: 1, steps: [{ fromCpuPercent: 70, addPercent: 50 }] }, state, 95, 6, 160, 60)).toBe(9);
  });

  it("GIVEN a cooldown running WHEN another scale-out is recorded within it THEN its start and base stay", () => {
    const state = newStepPolicyState();
    recordStepScaleOut(state, 4, 100, 60);
    recordStepScaleOut(state, 6, 130, 60);
    expect(state).toEqual({ cooldownFrom: 100, base: 4 });
    recordStepScaleOut(state, 7, 160, 60);
    expect(state).toEqual({ cooldownFrom: 160, base: 7 });
  });

  it("GIVEN legacy prod THEN the step cooldown is its launch, one health check, one 20-s datapoint and the 26-s lag: 29 + 10 + 20 + 26 = 85 s, above the 30-s scale-out cooldown", () => {
    expect([
      PROD.slo.taskLaunchSeconds,
      PROD.loadBalancer.healthCheckIntervalSeconds,
      PROD.scaling.highResolutionMetrics,
    ]).toEqual([29, 10, true]);
    expect(PROD.scaling.scaleOutCooldownSeconds).toBe(30);
    expect(stepScalingCooldownSeconds(withStep(ONE_STEP))).toBe(STEP_COOLDOWN_SECONDS);
  });

  it("GIVEN one 70:50 step on 1 datapoint, the derived 85-s cooldown and target tracking out of the way WHEN the load doubles at 300 s THEN it adds 4 at 346 s, nothing at the repeat at 406 s within the cooldown, 6 at 466 s after it", () => {
    // A 100% CPU target: the saturated metric is never above it, so only the step policy scales out.
    const spec = withStep(
      ONE_STEP,
      withWebService(PROD, (api) => ({ ...api, cpuTargetPercent: 100 })),
    );
    const result = simulate(spec, { durationSeconds: 900, rps: doubling, initialTasks: 9 });
    // 346 = the datapoint of 320 + the 26-s lag: 9 + floor(4.5). The alarm repeats at 406, 60 s later,
    // within the 85-s cooldown: the same +50% of the base 9 asks for 13, no more than 13. At 466, 120 s
    // later and out of it, on 76.9% (500 rps on 13 tasks; 9 saturate at it): 13 + floor(6.5) = 19.
    // With the 30-s scale-out cooldown the repeat at 406 would have added the 6 on datapoints measured
    // before the 4 new tasks served.
    expect(result.activities).toEqual([
      { time: 346, from: 9, to: 13, cause: "scaleOut", policy: "step" },
      { time: 466, from: 13, to: 19, cause: "scaleOut", policy: "step" },
    ]);
  });

  it("GIVEN one 70:50 step on 1 datapoint and a 120-s scale-out cooldown, above the 85-s launch-to-alarm loop so the step cooldown is 120 s WHEN the load doubles at 300 s THEN it adds 4 at 346 s, nothing at the repeat within the cooldown, 6 at 466 s, and target tracking waits for the cooldown", () => {
    const spec = withStep(ONE_STEP, PROD, 120);
    expect(stepScalingCooldownSeconds(spec)).toBe(120);
    const result = simulate(spec, {
      durationSeconds: 900,
      rps: doubling,
      initialTasks: 9,
    });
    // 346 = the datapoint of 320 + the 26-s lag: 9 + floor(4.5). The alarm repeats at 406 (in the
    // cooldown: 9 + 4 is no more than 13) and 466 (out of it: 13 + floor(6.5)); 500 rps on 19 tasks is
    // 52.6% CPU, below both the step and the 60% target.
    expect(result.activities).toEqual([
      { time: 346, from: 9, to: 13, cause: "scaleOut", policy: "step" },
      { time: 466, from: 13, to: 19, cause: "scaleOut", policy: "step" },
    ]);
  });
});

describe("beside target tracking", () => {
  it("GIVEN steps 70:50 and 90:100 on 2 datapoints WHEN the load doubles at 300 s THEN step scaling acts at 366 s, before target tracking's 3 datapoints; its repeat at 426 s within the 85-s cooldown adds nothing for the same step, and target tracking reaches the maximum at 446 s", () => {
    const result = simulate(withStep(TWO_STEPS), { durationSeconds: 900, rps: doubling, initialTasks: 9 });
    expect(result.activities).toEqual([
      // 2 saturated datapoints (320, 340) seen at 366: +100% of 9.
      { time: 366, from: 9, to: 18, cause: "scaleOut", policy: "step" },
      // Target tracking's alarm at 386 (320, 340, 360) falls in the service's 30-s cooldown. The step
      // alarm repeats at 426 on 100% and 87.5% (380, 400: 18 running, 9 serving), the same +100% step,
      // 60 s into its 85-s cooldown: the base 9 + 9 = 18 adds nothing (with the 30-s cooldown it added
      // +100% of 18, capped at 24). Target tracking's alarm repeats at 446 on 100%, 87.5%, 87.5%
      // (380, 400, 420): ceil(18 x 87.5 / 60) = 27, capped at 24.
      { time: 446, from: 18, to: 24, cause: "scaleOut", policy: "cpu" },
    ]);
    expect(Math.max(...result.steps.map((s) => s.desired))).toBe(24);
  });

  it("GIVEN steps on 3 datapoints WHEN both policies act on the datapoint seen at 386 s THEN the larger ask wins: step's 18 over target tracking's 15, in one activity", () => {
    const result = simulate(withStep({ ...TWO_STEPS, evaluationPeriods: 3 }), {
      durationSeconds: 400,
      rps: doubling,
      initialTasks: 9,
    });
    expect(result.activities).toEqual([{ time: 386, from: 9, to: 18, cause: "scaleOut", policy: "step" }]);
  });

  it("GIVEN a 70:10 step on 3 datapoints WHEN both act at 386 s THEN target tracking's 15 wins over the step's 9 + 1 (10% of 9 rounds up to 1)", () => {
    const result = simulate(withStep({ evaluationPeriods: 3, steps: [{ fromCpuPercent: 70, addPercent: 10 }] }), {
      durationSeconds: 400,
      rps: doubling,
      initialTasks: 9,
    });
    expect(result.activities).toEqual([{ time: 386, from: 9, to: 15, cause: "scaleOut", policy: "cpu" }]);
  });

  it("GIVEN an all-Spot service with step scaling WHEN Spot is reclaimed and no task runs THEN the step policy adds nothing on the missing datapoints", () => {
    const spec = withStep(
      { evaluationPeriods: 1, steps: [{ fromCpuPercent: 70, addPercent: 100 }] },
      legacyDevSpec({ apiCpu: "512", apiMemory: "1024", apiMaxTasks: "20" }),
    );
    const result = simulate(spec, {
      durationSeconds: 1200,
      rps: () => 250,
      initialTasks: 9,
      events: [
        { at: 300, kind: "spotInterruption" },
        { at: 900, kind: "spotCapacityRestored" },
      ],
    });
    // Target tracking's request policy still acts on the minutes measured before the outage (183-s lag).
    expect(result.activities.map((a) => a.policy)).toEqual(["requests", "requests", "requests"]);
    expect(result.steps.find((s) => s.time === 600)).toMatchObject({ running: 0, cpuUtilization: null });
  });

  it("GIVEN any load and aggressive steps WHEN simulating THEN the desired count never passes the maximum and active tasks never exceed it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 1000 }),
        (minTasks, extra, rates, evaluationPeriods, addPercent) => {
          const maxTasks = minTasks + extra;
          const spec = withStep(
            {
              evaluationPeriods,
              steps: [
                { fromCpuPercent: 61, addPercent },
                { fromCpuPercent: 95, addPercent: 1000 },
              ],
            },
            withWebService(PROD, (api) => ({ ...api, minTasks, maxTasks })),
          );
          const result = simulate(spec, {
            durationSeconds: 1200,
            rps: (t) => rates[Math.floor(t / 400)],
            initialTasks: minTasks,
          });
          return (
            result.steps.every((s) => s.desired <= maxTasks && s.pending + s.running <= maxTasks) &&
            result.activities.every((a) => a.to <= maxTasks)
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
