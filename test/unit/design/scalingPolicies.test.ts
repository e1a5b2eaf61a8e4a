import { resolveSpec } from "../../../lib/stackSpec";
import {
  guaranteedMinimumTasks,
  predictivePolicy,
  scheduledMinimums,
  serviceMetric,
  targetTrackingPolicies,
} from "../../../lib/design/scalingPolicies";
import { PlatformSpec, webService, workerServices } from "../../../lib/spec";
import { mapSource } from "../support/configSource";

const spec = (values: Record<string, string> = {}) =>
  resolveSpec(mapSource({ environmentSuffix: "dev", ...values }), { project: "p", stack: "s" });
const worker = (s: PlatformSpec) => workerServices(s)[0];
const webSchedule = (s: PlatformSpec) => scheduledMinimums(s, webService(s));

describe("scaling policies", () => {
  it.each([
    ["CPU", true, "ECSServiceAverageCPUUtilizationHighResolution"],
    ["Memory", true, "ECSServiceAverageMemoryUtilizationHighResolution"],
    ["CPU", false, "ECSServiceAverageCPUUtilization"],
    ["Memory", false, "ECSServiceAverageMemoryUtilization"],
  ] as const)("GIVEN %s with high resolution %s THEN the metric is %s", (resource, high, metric) => {
    expect(serviceMetric(resource, high)).toBe(metric);
  });

  it("GIVEN highResolutionMetrics=false WHEN the policies are built THEN the API and worker fall back to the 60-second metrics", () => {
    const s = spec({ highResolutionMetrics: "false" });
    expect(targetTrackingPolicies(s, webService(s)).map((p) => p.predefinedMetricType)).toEqual([
      "ECSServiceAverageCPUUtilization",
      "ECSServiceAverageMemoryUtilization",
      "ALBRequestCountPerTarget",
    ]);
    expect(targetTrackingPolicies(s, worker(s))).toEqual([
      {
        kind: "worker-cpu-tracking",
        predefinedMetricType: "ECSServiceAverageCPUUtilization",
        targetValue: 70,
        scaleOutCooldown: 30,
        scaleInCooldown: 300,
        usesResourceLabel: false,
      },
    ]);
  });

  it("GIVEN the dev defaults WHEN the web service's policies are built THEN there are three: CPU 75%, memory 75% and 3000 requests per task per minute", () => {
    const s = spec();
    expect(targetTrackingPolicies(s, webService(s)).map((p) => [p.kind, p.targetValue, p.usesResourceLabel])).toEqual([
      ["api-cpu-tracking", 75, false],
      ["api-memory-tracking", 75, false],
      ["api-requests-tracking", 3000, true],
    ]);
  });

  it("GIVEN the dev defaults WHEN the worker's policies are built THEN there is exactly one, on the 20-second CPU metric at its own target", () => {
    const s = spec({ workerCpuTargetPercent: "55", scaleOutCooldownSeconds: "45", scaleInCooldownSeconds: "600" });
    expect(targetTrackingPolicies(s, worker(s))).toEqual([
      {
        kind: "worker-cpu-tracking",
        predefinedMetricType: "ECSServiceAverageCPUUtilizationHighResolution",
        targetValue: 55,
        scaleOutCooldown: 45,
        scaleInCooldown: 600,
        usesResourceLabel: false,
      },
    ]);
  });

  it("GIVEN the shared cooldowns WHEN both services' policies are built THEN every policy has them", () => {
    const s = spec({ scaleOutCooldownSeconds: "45", scaleInCooldownSeconds: "600" });
    const policies = [...targetTrackingPolicies(s, webService(s)), ...targetTrackingPolicies(s, worker(s))];
    expect(policies.map((p) => [p.kind, p.scaleOutCooldown, p.scaleInCooldown])).toEqual([
      ["api-cpu-tracking", 45, 600],
      ["api-memory-tracking", 45, 600],
      ["api-requests-tracking", 45, 600],
      ["worker-cpu-tracking", 45, 600],
    ]);
  });

  it("GIVEN business hours 8-17 with a 1-hour ramp WHEN the schedule is built THEN the minimum rises at 07:00 and drops at 18:00", () => {
    const schedule = webSchedule(
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

  it("GIVEN ramps that run past midnight WHEN the schedule is built THEN the schedule is clamped to the day", () => {
    const schedule = webSchedule(
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

  it("GIVEN scheduledScaling=false WHEN the schedule is built THEN there is no schedule", () => {
    expect(webSchedule(spec({ scheduledScaling: "false", apiMinTasks: "2", apiDesiredTasks: "2" }))).toEqual([]);
  });

  it("GIVEN the off-hours minimum equals the minimum WHEN the schedule is built THEN a schedule would change nothing and none is made", () => {
    expect(webSchedule(spec({ apiMinTasks: "1", apiDesiredTasks: "1", offHoursMinTasks: "1" }))).toEqual([]);
  });

  it("GIVEN the dev defaults WHEN the worker's schedule is built THEN it has none: the off-hours minimum is the web service's", () => {
    const s = spec();
    expect(webSchedule(s)).toHaveLength(2);
    expect(scheduledMinimums(s, worker(s))).toEqual([]);
  });
});

describe("predictive policy and guaranteed minimum", () => {
  it.each([
    ["forecastOnly", "ForecastOnly"],
    ["forecastAndScale", "ForecastAndScale"],
  ] as const)(
    "GIVEN predictiveScaling=%s WHEN the web service's policy is built THEN its mode is %s at the CPU target",
    (setting, mode) => {
      const s = spec({ predictiveScaling: setting });
      expect(predictivePolicy(webService(s))).toEqual({ kind: "api-predictive", mode, targetValue: 75 });
    },
  );

  it("GIVEN predictiveScaling=off WHEN the policies are built THEN neither service has one; GIVEN it on THEN still none for the worker", () => {
    const off = spec({ predictiveScaling: "off" });
    const on = spec({ predictiveScaling: "forecastAndScale" });
    expect([predictivePolicy(webService(off)), predictivePolicy(worker(off)), predictivePolicy(worker(on))]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("GIVEN the dev defaults WHEN the guaranteed minimum is taken THEN the web service's is its off-hours minimum and the worker's its minimum", () => {
    const s = spec({ workerMinTasks: "2" });
    expect([guaranteedMinimumTasks(webService(s)), guaranteedMinimumTasks(worker(s))]).toEqual([1, 2]);
  });
});
