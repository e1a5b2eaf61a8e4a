import { resolveSpec } from "../../../lib/stackSpec";
import {
  apiScheduledMinimums,
  apiTargetTrackingPolicies,
  serviceMetric,
  workerTargetTrackingPolicy,
} from "../../../lib/design/scalingPolicies";

const spec = (values: Record<string, string> = {}) =>
  resolveSpec(
    { get: (k) => ({ environmentSuffix: "dev", ...values })[k], awsRegion: () => undefined },
    { project: "p", stack: "s" },
  );

describe("scaling policies", () => {
  it.each([
    ["CPU", true, "ECSServiceAverageCPUUtilizationHighResolution"],
    ["Memory", true, "ECSServiceAverageMemoryUtilizationHighResolution"],
    ["CPU", false, "ECSServiceAverageCPUUtilization"],
    ["Memory", false, "ECSServiceAverageMemoryUtilization"],
  ] as const)("GIVEN %s with high resolution %s THEN the metric is %s", (resource, high, metric) => {
    expect(serviceMetric(resource, high)).toBe(metric);
  });

  it("GIVEN highResolutionMetrics=false THEN the API and worker fall back to the 60-second metrics", () => {
    const s = spec({ highResolutionMetrics: "false" });
    expect(apiTargetTrackingPolicies(s).map((p) => p.predefinedMetricType)).toEqual([
      "ECSServiceAverageCPUUtilization",
      "ECSServiceAverageMemoryUtilization",
      "ALBRequestCountPerTarget",
    ]);
    expect(workerTargetTrackingPolicy(s)).toEqual({
      kind: "worker-cpu-tracking",
      predefinedMetricType: "ECSServiceAverageCPUUtilization",
      targetValue: 70,
      scaleOutCooldown: 30,
      scaleInCooldown: 300,
      usesResourceLabel: false,
    });
  });

  it("GIVEN the dev defaults THEN the API targets CPU 75%, memory 75% and 3000 requests per task per minute", () => {
    expect(apiTargetTrackingPolicies(spec()).map((p) => [p.kind, p.targetValue, p.usesResourceLabel])).toEqual([
      ["api-cpu-tracking", 75, false],
      ["api-memory-tracking", 75, false],
      ["api-requests-tracking", 3000, true],
    ]);
  });

  it("GIVEN business hours 8-17 with a 1-hour ramp THEN the minimum rises at 07:00 and drops at 18:00", () => {
    const schedule = apiScheduledMinimums(
      spec({
        workloadBusinessStartHour: "8",
        workloadBusinessEndHour: "17",
        workloadRampHours: "1",
        apiMinTasks: "2",
        apiDesiredTasks: "2",
      }),
    );
    expect(schedule).toEqual([
      { kind: "api-business-hours-minimum", schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 2, maxCapacity: 19 },
      { kind: "api-off-hours-minimum", schedule: "cron(0 18 ? * MON-FRI *)", minCapacity: 1, maxCapacity: 19 },
    ]);
  });

  it("GIVEN ramps that run past midnight THEN the schedule is clamped to the day", () => {
    const schedule = apiScheduledMinimums(
      spec({
        workloadBusinessStartHour: "1",
        workloadBusinessEndHour: "23",
        workloadRampHours: "3",
        apiMinTasks: "2",
        apiDesiredTasks: "2",
      }),
    );
    expect(schedule.map((s) => s.schedule)).toEqual(["cron(0 0 ? * MON-FRI *)", "cron(0 23 ? * MON-FRI *)"]);
  });

  it("GIVEN scheduledScaling=false THEN there is no schedule", () => {
    expect(apiScheduledMinimums(spec({ scheduledScaling: "false", apiMinTasks: "2", apiDesiredTasks: "2" }))).toEqual([]);
  });

  it("GIVEN the off-hours minimum equals the minimum THEN a schedule would change nothing and none is made", () => {
    expect(apiScheduledMinimums(spec({ apiMinTasks: "1", apiDesiredTasks: "1", offHoursMinTasks: "1" }))).toEqual([]);
  });
});
