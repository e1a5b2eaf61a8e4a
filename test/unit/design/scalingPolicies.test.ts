import { resolveSpec } from "../../../lib/stackSpec";
import {
  guaranteedMinimumTasks,
  MAX_ALARM_EVALUATION_SECONDS,
  metricIntervalBound,
  predictivePolicy,
  scheduledMinimums,
  serviceMetric,
  StepScalingPolicyDefinition,
  stepScalingCooldownSeconds,
  stepScalingPolicy,
  stepScalingProblems,
  SUB_MINUTE_ALARM_PERIODS,
  targetTrackingPolicies,
} from "../../../lib/design/scalingPolicies";
import { PlatformSpec, StepScalingSpec, webService, workerServices } from "../../../lib/spec";
import { mapSource } from "../support/configSource";
import { PROD_CONFIG } from "../support/runPlatform";

const spec = (values: Record<string, string> = {}) =>
  resolveSpec(mapSource({ environmentSuffix: "dev", ...values }), { project: "p", stack: "s" });
const worker = (s: PlatformSpec) => workerServices(s)[0];
/** What prod requires besides its name (test/unit/support/runPlatform.ts PROD_CONFIG). */
const PROD_REQUIRED = { certificateArn: PROD_CONFIG.certificateArn, alarmEmail: PROD_CONFIG.alarmEmail };
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

  it("GIVEN the dev defaults WHEN the web service's policies are built THEN there are three: CPU 35% (the dev default), memory 75% and 3000 requests per task per minute", () => {
    const s = spec();
    expect(targetTrackingPolicies(s, webService(s)).map((p) => [p.kind, p.targetValue, p.usesResourceLabel])).toEqual([
      ["api-cpu-tracking", 35, false],
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

  it("GIVEN business hours 8-17 with a 1-hour ramp WHEN the schedule is built THEN the minimum rises at 07:00 and drops at 18:00, dev's maximum 23 in both", () => {
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
      { kind: "api-business-hours-minimum", schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 2, maxCapacity: 23 },
      { kind: "api-off-hours-minimum", schedule: "cron(0 18 ? * MON-FRI *)", minCapacity: 1, maxCapacity: 23 },
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

  it("GIVEN the dev defaults (apiMinTasks = offHoursMinTasks = 1, scheduledScaling on) WHEN the web schedule is built THEN there is none: it would change nothing", () => {
    const s = spec();
    expect([webService(s).minTasks, webService(s).offHoursMinTasks, webService(s).scheduledScaling]).toEqual([1, 1, true]);
    expect(webSchedule(s)).toEqual([]);
  });

  it("GIVEN the prod defaults (apiMinTasks 5 above offHoursMinTasks 3, business hours 9-18 with 2-hour ramps) WHEN the web schedule is built THEN the minimum rises to 5 at 07:00 and drops to 3 at 20:00 on weekdays, the maximum 43 in both", () => {
    const s = spec({ environment: "prod", environmentSuffix: "prod", ...PROD_REQUIRED });
    expect([webService(s).minTasks, webService(s).offHoursMinTasks, webService(s).scheduledScaling]).toEqual([5, 3, true]);
    expect(webSchedule(s)).toEqual([
      { kind: "api-business-hours-minimum", schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 5, maxCapacity: 43 },
      { kind: "api-off-hours-minimum", schedule: "cron(0 20 ? * MON-FRI *)", minCapacity: 3, maxCapacity: 43 },
    ]);
  });

  // The web minimum is pinned above the off-hours one (the defaults make no schedule) so that the web
  // service has a schedule and the worker's absence is the role's doing.
  it("GIVEN a web schedule (apiMinTasks 2, off-hours 1) WHEN the worker's schedule is built THEN it has none: the off-hours minimum is the web service's", () => {
    const s = spec({ apiMinTasks: "2", apiDesiredTasks: "2" });
    expect(webSchedule(s)).toHaveLength(2);
    expect(scheduledMinimums(s, worker(s))).toEqual([]);
  });
});

describe("predictive policy and guaranteed minimum", () => {
  it.each([
    ["forecastOnly", "ForecastOnly"],
    ["forecastAndScale", "ForecastAndScale"],
  ] as const)(
    "GIVEN predictiveScaling=%s WHEN the web service's policy is built THEN its mode is %s at the CPU target (35% in dev)",
    (setting, mode) => {
      const s = spec({ predictiveScaling: setting });
      expect(predictivePolicy(webService(s))).toEqual({ kind: "api-predictive", mode, targetValue: 35 });
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

/** The spec with a step-scaling policy set directly (test/unit/config/stepScalingKeys.test.ts covers the keys that fill it). */
const withStep = (s: PlatformSpec, stepScaling: StepScalingSpec | null): PlatformSpec => ({
  ...s,
  scaling: { ...s.scaling, stepScaling },
});
const THREE_STEPS: StepScalingSpec = {
  evaluationPeriods: 2,
  steps: [
    { fromCpuPercent: 70, addPercent: 50 },
    { fromCpuPercent: 85, addPercent: 100 },
    { fromCpuPercent: 95, addPercent: 200 },
  ],
};
const webStep = (s: PlatformSpec) => stepScalingPolicy(s, webService(s));

describe("step-scaling policy definition", () => {
  it("GIVEN the dev defaults (stepScalingSteps auto, CPU target 35%) WHEN the policies are built THEN the web service has one step from 45% adding 200% on one 20-second datapoint with the derived 85-s cooldown, and the worker none", () => {
    const s = spec();
    expect(webStep(s)).toEqual({
      kind: "api-cpu-step-scaling",
      adjustmentType: "PercentChangeInCapacity",
      metricAggregationType: "Average",
      // 29 s launch (150 MB) + 10 s health check + 20 s datapoint + 26 s alarm lag (stepScalingCooldownSeconds).
      cooldown: 85,
      minAdjustmentMagnitude: 1,
      steps: [{ lowerBound: 0, upperBound: null, addPercent: 200 }],
      alarm: {
        name: "payment-api-cpu-step-scale-out-dev",
        description: "API CPU at or above 45% for 1 datapoint: step scaling adds tasks (a scaling trigger, not a page)",
        namespace: "AWS/ECS",
        metricName: "CPUUtilization",
        statistic: "Average",
        periodSeconds: 20,
        highResolutionMetric: true,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 45,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
      },
    });
    expect(stepScalingPolicy(s, worker(s))).toBeNull();
  });

  it("GIVEN stepScalingSteps off WHEN the policies are built THEN neither service has a step policy", () => {
    const s = spec({ stepScalingSteps: "off" });
    expect(s.scaling.stepScaling).toBeNull();
    expect([webStep(s), stepScalingPolicy(s, worker(s))]).toEqual([null, null]);
  });

  it("GIVEN step scaling configured WHEN the worker's policies are built THEN it has none: step scaling is the web service's only", () => {
    const s = withStep(spec(), THREE_STEPS);
    expect(stepScalingPolicy(s, worker(s))).toBeNull();
    expect(webStep(s)).not.toBeNull();
  });

  it("GIVEN three steps from 70/85/95% on 20-second metrics and a 45-s scale-out cooldown WHEN the web service's policy is built THEN its bounds are relative to the 70% threshold, the last unbounded, its alarm watches the 20-second average CPU, and its cooldown is the derived 85 s (above the 45 s)", () => {
    const s = withStep(spec({ scaleOutCooldownSeconds: "45" }), THREE_STEPS);
    expect(webStep(s)).toEqual({
      kind: "api-cpu-step-scaling",
      adjustmentType: "PercentChangeInCapacity",
      metricAggregationType: "Average",
      // max(45, 29 + 10 + 20 + 26 = 85): the time the added tasks take to reach the metric wins.
      cooldown: 85,
      minAdjustmentMagnitude: 1,
      steps: [
        { lowerBound: 0, upperBound: 15, addPercent: 50 },
        { lowerBound: 15, upperBound: 25, addPercent: 100 },
        { lowerBound: 25, upperBound: null, addPercent: 200 },
      ],
      alarm: {
        name: "payment-api-cpu-step-scale-out-dev",
        description: "API CPU at or above 70% for 2 datapoints: step scaling adds tasks (a scaling trigger, not a page)",
        namespace: "AWS/ECS",
        metricName: "CPUUtilization",
        statistic: "Average",
        periodSeconds: 20,
        highResolutionMetric: true,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 70,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: "notBreaching",
      },
    });
  });

  it("GIVEN one step WHEN the policy is built THEN it is a single adjustment from the threshold up, unbounded, with the dev defaults' derived 85-s cooldown", () => {
    const s = withStep(spec(), { evaluationPeriods: 3, steps: [{ fromCpuPercent: 80, addPercent: 100 }] });
    const step = webStep(s)!;
    expect(step.steps).toEqual([{ lowerBound: 0, upperBound: null, addPercent: 100 }]);
    expect([step.alarm.threshold, step.alarm.evaluationPeriods, step.alarm.datapointsToAlarm, step.cooldown]).toEqual([
      80, 3, 3, 85,
    ]);
  });

  it("GIVEN highResolutionMetrics=false WHEN the policy is built THEN its alarm evaluates the 60-second metric every 60 s", () => {
    const alarm = webStep(withStep(spec({ highResolutionMetrics: "false" }), THREE_STEPS))!.alarm;
    expect([alarm.periodSeconds, alarm.highResolutionMetric]).toEqual([60, false]);
    expect(stepScalingProblems(webStep(withStep(spec({ highResolutionMetrics: "false" }), THREE_STEPS))!)).toEqual([]);
  });

  it("GIVEN fractional thresholds WHEN the bounds are computed THEN they are kept to hundredths, with no floating-point residue (72.5 - 70.1 is 2.4, not 2.4000000000000057)", () => {
    const s = withStep(spec(), {
      evaluationPeriods: 2,
      steps: [
        { fromCpuPercent: 70.1, addPercent: 50 },
        { fromCpuPercent: 72.5, addPercent: 100 },
      ],
    });
    expect(webStep(s)!.steps).toEqual([
      { lowerBound: 0, upperBound: 2.4, addPercent: 50 },
      { lowerBound: 2.4, upperBound: null, addPercent: 100 },
    ]);
  });

  it.each([
    [0, "0"],
    [15, "15"],
    [12.5, "12.5"],
    [72.5 - 70.1, "2.4"],
    [30.004, "30"],
  ])(
    "GIVEN a bound of %s WHEN it is written for the provider THEN it is %j, the text the provider reads back from AWS (Go %%g), so previews show no change",
    (value, text) => {
      expect(metricIntervalBound(value)).toBe(text);
    },
  );

  it("GIVEN steps that are not ascending WHEN the policy is built THEN it fails naming the setting and the step AWS would refuse", () => {
    const s = withStep(spec(), {
      evaluationPeriods: 2,
      steps: [
        { fromCpuPercent: 85, addPercent: 50 },
        { fromCpuPercent: 70, addPercent: 100 },
      ],
    });
    expect(() => webStep(s)).toThrow(
      "The step-scaling policy (scaling.stepScaling) would be refused by AWS: step 1 is empty (its CPU percent is not above the previous step's)",
    );
  });

  it("GIVEN step scaling with no step WHEN the policy is built THEN it fails: there is no threshold and no adjustment", () => {
    expect(() => webStep(withStep(spec(), { evaluationPeriods: 2, steps: [] }))).toThrow(
      "The step-scaling policy (scaling.stepScaling) would be refused by AWS: alarm threshold NaN% (the first step's fromCpuPercent) is not a CPU percentage above 0; no step",
    );
  });
});

/**
 * max(scaleOutCooldownSeconds, launch + one health-check interval + one CPU datapoint + the alarm lag),
 * the lag 86 - 3 x 20 = 26 s on 20-s metrics and 363 - 3 x 60 = 183 s on 60-s ones (lib/aws/timings.ts);
 * the derived launch is ceil(20 + MB / 18): 29 s for the default 150 MB, 70 s for 900 MB.
 */
describe("step-scaling cooldown (stepScalingCooldownSeconds)", () => {
  it.each([
    ["20-s metrics and the derived 29-s launch (150 MB)", "29 + 10 + 20 + 26 = 85 s", 85, {}],
    ["20-s metrics and the derived 70-s launch (900 MB)", "70 + 10 + 20 + 26 = 126 s", 126, { workloadImageMb: "900" }],
    ["60-s metrics and the derived 29-s launch (150 MB)", "29 + 10 + 60 + 183 = 282 s", 282, { highResolutionMetrics: "false" }],
    [
      "60-s metrics and the derived 70-s launch (900 MB)",
      "70 + 10 + 60 + 183 = 323 s",
      323,
      { highResolutionMetrics: "false", workloadImageMb: "900" },
    ],
    [
      "20-s metrics and taskLaunchSeconds 45 overriding the 900 MB image's 70 s",
      "45 + 10 + 20 + 26 = 101 s",
      101,
      { workloadImageMb: "900", taskLaunchSeconds: "45" },
    ],
    [
      "60-s metrics and taskLaunchSeconds 45 overriding the 900 MB image's 70 s",
      "45 + 10 + 60 + 183 = 298 s",
      298,
      { highResolutionMetrics: "false", workloadImageMb: "900", taskLaunchSeconds: "45" },
    ],
    [
      "20-s metrics, the derived 29-s launch and a 15-s health-check interval",
      "29 + 15 + 20 + 26 = 90 s",
      90,
      { healthCheckIntervalSeconds: "15" },
    ],
  ])(
    "GIVEN %s WHEN the step cooldown is derived THEN it is launch + health check + datapoint + alarm lag, %s, and the policy's Cooldown is the same",
    (_label, _sum, seconds, config) => {
      const s = spec(config);
      expect([stepScalingCooldownSeconds(s), webStep(s)!.cooldown]).toEqual([seconds, seconds]);
    },
  );

  it("GIVEN a 1-s launch, a 5-s health-check interval and the 60-s maximum scale-out cooldown WHEN the step cooldown is derived THEN it is the scale-out cooldown, 60 s, not the 1 + 5 + 20 + 26 = 52 s loop", () => {
    const fast = { taskLaunchSeconds: "1", healthCheckIntervalSeconds: "5", healthCheckTimeoutSeconds: "2" };
    const s = spec({ ...fast, scaleOutCooldownSeconds: "60" });
    expect([stepScalingCooldownSeconds(s), webStep(s)!.cooldown]).toEqual([60, 60]);
    // The same loop with the default 30-s scale-out cooldown: the loop is above it and wins.
    expect(stepScalingCooldownSeconds(spec(fast))).toBe(52);
  });
});

/** A sound definition (three steps, 20-second alarm) to break one rule at a time. */
const sound = (): StepScalingPolicyDefinition => webStep(withStep(spec(), THREE_STEPS))!;
const withAlarm = (alarm: Partial<StepScalingPolicyDefinition["alarm"]>): StepScalingPolicyDefinition => ({
  ...sound(),
  alarm: { ...sound().alarm, ...alarm },
});
const withSteps = (steps: StepScalingPolicyDefinition["steps"]): StepScalingPolicyDefinition => ({ ...sound(), steps });

describe("step-scaling checks (what PutMetricAlarm and PutScalingPolicy accept)", () => {
  it("GIVEN the sound definition WHEN checked THEN there is no problem", () => {
    expect(stepScalingProblems(sound())).toEqual([]);
  });

  it("GIVEN the sub-minute periods PutMetricAlarm lists THEN they are 10, 20 and 30 s", () => {
    expect(SUB_MINUTE_ALARM_PERIODS).toEqual([10, 20, 30]);
    expect(MAX_ALARM_EVALUATION_SECONDS).toBe(86_400);
  });

  it.each([10, 20, 30, 60, 120])(
    "GIVEN a %i-second period on the 20-second metric THEN the alarm period is one PutMetricAlarm accepts for a high-resolution metric",
    (periodSeconds) => {
      expect(stepScalingProblems(withAlarm({ periodSeconds }))).toEqual([]);
    },
  );

  it.each([15, 45, 90, 0])(
    "GIVEN a %i-second period THEN it is refused: PutMetricAlarm takes 10, 20, 30 or a multiple of 60",
    (periodSeconds) => {
      expect(stepScalingProblems(withAlarm({ periodSeconds }))).toEqual([
        `alarm period ${periodSeconds} s is not 10, 20, 30 or a multiple of 60`,
      ]);
    },
  );

  it("GIVEN a 20-second period on the 60-second metric THEN it is refused: the alarm would lapse into INSUFFICIENT_DATA", () => {
    expect(stepScalingProblems(withAlarm({ highResolutionMetric: false }))).toEqual([
      "alarm period 20 s needs the 20-second metric (highResolutionMetrics); on 60-second data the alarm lapses into INSUFFICIENT_DATA",
    ]);
  });

  it("GIVEN evaluation periods spanning more than a day THEN it is refused (PutMetricAlarm's one-day limit below a one-hour period); exactly a day is accepted", () => {
    expect(stepScalingProblems(withAlarm({ evaluationPeriods: 4321, datapointsToAlarm: 4321 }))).toEqual([
      "4321 evaluation periods of 20 s exceed one day",
    ]);
    expect(stepScalingProblems(withAlarm({ evaluationPeriods: 4320, datapointsToAlarm: 4320 }))).toEqual([]);
  });

  it("GIVEN 1.5 or 0 evaluation periods THEN it is refused: a positive integer (and 0 leaves no room for a datapoint)", () => {
    expect(stepScalingProblems(withAlarm({ evaluationPeriods: 1.5, datapointsToAlarm: 1 }))).toEqual([
      "evaluation periods 1.5 is not a positive integer",
    ]);
    expect(stepScalingProblems(withAlarm({ evaluationPeriods: 0, datapointsToAlarm: 1 }))).toEqual([
      "evaluation periods 0 is not a positive integer",
      "datapoints to alarm 1 is not between 1 and the evaluation periods",
    ]);
  });

  it.each([0, 3])(
    "GIVEN %i datapoints to alarm out of 2 evaluation periods THEN it is refused: DatapointsToAlarm is between 1 and EvaluationPeriods",
    (datapointsToAlarm) => {
      expect(stepScalingProblems(withAlarm({ datapointsToAlarm }))).toEqual([
        `datapoints to alarm ${datapointsToAlarm} is not between 1 and the evaluation periods`,
      ]);
    },
  );

  it.each([0, 101])("GIVEN a %i% threshold THEN it is refused: not a CPU percentage", (threshold) => {
    expect(stepScalingProblems(withAlarm({ threshold }))).toEqual([
      `alarm threshold ${threshold}% (the first step's fromCpuPercent) is not a CPU percentage above 0`,
    ]);
  });

  it("GIVEN no step THEN it is refused: a step policy needs at least one adjustment", () => {
    expect(stepScalingProblems(withSteps([]))).toEqual(["no step"]);
  });

  it("GIVEN a first step that starts above the threshold THEN it is refused: the alarm would fire with no step to apply", () => {
    expect(stepScalingProblems(withSteps([{ lowerBound: 5, upperBound: null, addPercent: 50 }]))).toEqual([
      "step 1 starts 5 points from the threshold: the alarm fires at it with no step to apply",
    ]);
  });

  it("GIVEN steps with a gap and steps that overlap THEN both are refused: step ranges can't overlap or have a gap", () => {
    const gap = withSteps([
      { lowerBound: 0, upperBound: 10, addPercent: 50 },
      { lowerBound: 12, upperBound: null, addPercent: 100 },
    ]);
    const overlap = withSteps([
      { lowerBound: 0, upperBound: 10, addPercent: 50 },
      { lowerBound: 8, upperBound: null, addPercent: 100 },
    ]);
    expect([stepScalingProblems(gap), stepScalingProblems(overlap)]).toEqual([
      ["step 2 does not start where step 1 ends (gap or overlap)"],
      ["step 2 does not start where step 1 ends (gap or overlap)"],
    ]);
  });

  it("GIVEN two unbounded steps, or a bounded last step THEN they are refused: at most one null upper bound, on the last step", () => {
    const twoOpen = withSteps([
      { lowerBound: 0, upperBound: null, addPercent: 50 },
      { lowerBound: 0, upperBound: null, addPercent: 100 },
    ]);
    const closedLast = withSteps([{ lowerBound: 0, upperBound: 10, addPercent: 50 }]);
    expect([stepScalingProblems(twoOpen), stepScalingProblems(closedLast)]).toEqual([
      [
        "step 1: only the last step may be unbounded above, and it must be",
        "step 2 does not start where step 1 ends (gap or overlap)",
      ],
      ["step 1: only the last step may be unbounded above, and it must be"],
    ]);
  });

  it.each([0, 12.5, -10])(
    "GIVEN a step adding %s% THEN it is refused: ScalingAdjustment is an integer and a scale-out step adds",
    (addPercent) => {
      expect(stepScalingProblems(withSteps([{ lowerBound: 0, upperBound: null, addPercent }]))).toEqual([
        `step 1 adds ${addPercent}%: a scale-out step adds a positive whole percent`,
      ]);
    },
  );

  it("GIVEN MinAdjustmentMagnitude with another adjustment type THEN it is refused: it applies only to PercentChangeInCapacity", () => {
    const other = { ...sound(), adjustmentType: "ChangeInCapacity" } as unknown as StepScalingPolicyDefinition;
    expect(stepScalingProblems(other)).toEqual(["MinAdjustmentMagnitude applies only to PercentChangeInCapacity"]);
    expect(stepScalingProblems({ ...other, minAdjustmentMagnitude: 0 })).toEqual([]);
  });
});
