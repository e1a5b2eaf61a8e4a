/**
 * The scaling timeline against hand-computed cases: AWS's benchmark of target tracking (86 s to the
 * trigger and 109 s to provisioned tasks with 20-s metrics, 363 s / 386 s with 60-s metrics), one
 * passing health check for a new target, and the launch time from the image size (lib/aws/timings.ts).
 */
import {
  fargateTaskLaunchSeconds,
  metricToAlarmLagSeconds,
  newTargetInServiceSeconds,
  TARGET_TRACKING_BENCHMARK,
} from "../../../../lib/aws/timings";
import { simulate, SimulationResult } from "../../../../lib/models/slo/simulation";
import { legacyProdSpec } from "./fixtures";

/** Legacy prod (9 tasks of 0.5 vCPU, 60% target) with a 54 MB image: ceil(20 + 54 / 18) = 23 s launch. */
const BENCHMARK_IMAGE = { workloadImageMb: "54" };
const LOAD_AT = 300;
/** 250 -> 500 rps at a datapoint boundary: the CPU metric saturates at once. */
const doubling = (t: number) => (t < LOAD_AT ? 250 : 500);
const at = (result: SimulationResult, time: number) => result.steps.find((s) => s.time === time);

describe("the timeline constants", () => {
  it("GIVEN the benchmark WHEN deriving the alarm lag THEN it is the trigger time less 3 datapoints: 86 - 60 = 26 s and 363 - 180 = 183 s", () => {
    expect([metricToAlarmLagSeconds(20), metricToAlarmLagSeconds(60)]).toEqual([26, 183]);
    expect(TARGET_TRACKING_BENCHMARK[20].provisionedSeconds - TARGET_TRACKING_BENCHMARK[20].triggerSeconds).toBe(23);
    expect(TARGET_TRACKING_BENCHMARK[60].provisionedSeconds - TARGET_TRACKING_BENCHMARK[60].triggerSeconds).toBe(23);
  });

  it("GIVEN a 30-s metric WHEN asking its lag THEN it is refused: AWS benchmarked 20-s and 60-s metrics only", () => {
    expect(() => metricToAlarmLagSeconds(30)).toThrow("no published scaling benchmark for 30-s metrics (20 or 60)");
  });

  it.each([
    [54, 23],
    [150, 29],
    [900, 70],
    [0, 20],
  ])("GIVEN a %i MB image WHEN deriving the launch THEN it takes %i s (20 s + 18 MB/s, whole seconds up)", (imageMb, seconds) => {
    expect(fargateTaskLaunchSeconds(imageMb)).toBe(seconds);
  });

  it("GIVEN a 10-s health-check interval WHEN a task runs THEN it serves one interval later, whatever the healthy threshold", () => {
    expect([newTargetInServiceSeconds(10), newTargetInServiceSeconds(5)]).toEqual([10, 5]);
  });
});

describe("the benchmark, reproduced", () => {
  it("GIVEN 20-s metrics and a doubling at 300 s WHEN simulating in 1-s steps THEN the trigger is at 386 s (300 + 86) and the tasks run at 409 s (300 + 109)", () => {
    const result = simulate(legacyProdSpec(BENCHMARK_IMAGE), {
      durationSeconds: 500,
      rps: doubling,
      initialTasks: 9,
      stepSeconds: 1,
    });
    expect(result.activities[0]).toEqual({ time: LOAD_AT + 86, from: 9, to: 15, cause: "scaleOut", policy: "cpu" });
    expect(at(result, 385)).toMatchObject({ desired: 9, pending: 0 });
    expect(at(result, 386)).toMatchObject({ desired: 15, pending: 6, running: 9 });
    expect(at(result, 408)).toMatchObject({ pending: 6, running: 9 });
    expect(at(result, 409)).toMatchObject({ pending: 0, running: 15, inService: 9 });
    // One passing health check, one 10-s interval after running: in service at 419.
    expect(at(result, 418)).toMatchObject({ inService: 9 });
    expect(at(result, 419)).toMatchObject({ inService: 15 });
    expect(result.launches.slice(0, 6).map((l) => [l.launchedAt, l.inServiceAt])).toEqual(Array(6).fill([386, 419]));
  });

  it("GIVEN the default 5-s step WHEN the same load doubles THEN the exact seconds stay: launched at 386 s and in service at 419 s", () => {
    const result = simulate(legacyProdSpec(BENCHMARK_IMAGE), { durationSeconds: 500, rps: doubling, initialTasks: 9 });
    expect(result.activities[0].time).toBe(386);
    expect(result.launches.slice(0, 6).map((l) => [l.launchedAt, l.inServiceAt])).toEqual(Array(6).fill([386, 419]));
    expect(at(result, 415)).toMatchObject({ running: 15, inService: 9 });
    expect(at(result, 420)).toMatchObject({ inService: 15 });
  });

  it("GIVEN 60-s metrics and the same doubling WHEN simulating THEN the trigger is at 663 s (300 + 363) and the tasks run at 686 s (300 + 386)", () => {
    const result = simulate(legacyProdSpec({ ...BENCHMARK_IMAGE, highResolutionMetrics: "false" }), {
      durationSeconds: 800,
      rps: doubling,
      initialTasks: 9,
      stepSeconds: 1,
    });
    expect(result.activities[0]).toEqual({ time: LOAD_AT + 363, from: 9, to: 15, cause: "scaleOut", policy: "cpu" });
    expect(at(result, 685)).toMatchObject({ pending: 6 });
    expect(at(result, 686)).toMatchObject({ pending: 0, running: 15 });
    expect(result.launches[0]).toEqual({ launchedAt: 663, inServiceAt: 696, provider: "FARGATE", az: 0 });
  });

  it("GIVEN a 5-s interval and a healthy threshold of 3 WHEN a new task runs at 409 s THEN it serves at 414 s: one check, not three", () => {
    const spec = legacyProdSpec({
      ...BENCHMARK_IMAGE,
      healthCheckIntervalSeconds: "5",
      healthCheckTimeoutSeconds: "4",
      healthyThreshold: "3",
    });
    const result = simulate(spec, { durationSeconds: 500, rps: doubling, initialTasks: 9, stepSeconds: 1 });
    expect(result.launches[0]).toEqual({ launchedAt: 386, inServiceAt: 414, provider: "FARGATE", az: 0 });
  });

  it("GIVEN a 900 MB image WHEN the same load doubles THEN the launch is 70 s: running at 456 s, serving at 466 s", () => {
    const result = simulate(legacyProdSpec({ workloadImageMb: "900" }), { durationSeconds: 500, rps: doubling, initialTasks: 9 });
    expect(result.launches[0]).toEqual({ launchedAt: 386, inServiceAt: 466, provider: "FARGATE", az: 0 });
  });
});
