/**
 * createServiceScaling under the mock engine, for the web service and the worker of a dev spec: the
 * shipped defaults (the auto step policy, no schedule), and a spec with an off-hours schedule with and
 * without a step-scaling policy (set directly on the spec: test/unit/config/stepScalingKeys.test.ts
 * covers the keys that fill it): the exact resources each registers, and the step policy and its
 * alarm as the provider receives them.
 */
import type { RecordedResource } from "../../../lib/commands/registrations";
import type { MockEngine } from "../../../lib/commands/mockEngine";
import { PlatformSpec, ServiceSpec, StepScalingSpec, webService, workerServices } from "../../../lib/spec";
import { resolveValues } from "../support/configSource";
import { countByType, PROJECT, qualify } from "../support/runPlatform";

const CONFIG = { environment: "dev", environmentSuffix: "qa" };
const CLUSTER = "ecs-cluster-qa";
const SERVICE = "payment-api-qa";
const PARENT = "scaling-parent";
const PARENT_TYPE = "test:scaling:Parent";

const STEPS: StepScalingSpec = {
  evaluationPeriods: 3,
  steps: [
    { fromCpuPercent: 70, addPercent: 50 },
    { fromCpuPercent: 85, addPercent: 100 },
    { fromCpuPercent: 95, addPercent: 200 },
  ],
};
const withStep = (spec: PlatformSpec, stepScaling: StepScalingSpec | null): PlatformSpec => ({
  ...spec,
  scaling: { ...spec.scaling, stepScaling },
});

/**
 * Builds one service's scaling under a parent component, as FargateService does, and returns what was
 * registered; formerParent: the URN FargateService's child options alias (the resources that moved).
 */
async function construct(spec: PlatformSpec, service: ServiceSpec, formerParent?: string): Promise<MockEngine> {
  const { installMockEngine } = await import("../../../lib/commands/mockEngine");
  const mock = await installMockEngine(PROJECT, "test", qualify(CONFIG));
  const pulumi = await import("@pulumi/pulumi");
  const { createServiceScaling } = await import("../../../lib/infra/serviceScaling");
  const parent = new pulumi.ComponentResource(PARENT_TYPE, PARENT, {}, { transformations: [mock.recordParent] });
  createServiceScaling(
    spec,
    service,
    { clusterName: CLUSTER, serviceName: SERVICE, requestCountResourceLabel: "app/alb/1/targetgroup/tg/2" },
    formerParent === undefined ? { parent } : { parent, aliases: [{ parent: formerParent }] },
  );
  await mock.settle();
  return mock;
}

/** The dev defaults as shipped: stepScalingSteps auto (CPU target 35%: one step from 45%), apiMinTasks = offHoursMinTasks = 1, maximum 23. */
const defaults = resolveValues(CONFIG);
/**
 * Pinned so that each mechanism shows on its own: step scaling off (the default is auto) and a
 * minimum of 2 above the off-hours 1 (at the default 1 = 1 the schedule would change nothing and is
 * not made).
 */
const base = resolveValues({ ...CONFIG, stepScalingSteps: "off", apiMinTasks: "2", apiDesiredTasks: "2" });
const stepped = withStep(base, STEPS);

describe("createServiceScaling for the dev defaults", () => {
  let web: MockEngine;
  beforeAll(async () => {
    web = await construct(defaults, webService(defaults));
  });

  it("GIVEN the dev defaults WHEN the web service's scaling is built THEN it is the target, three tracking policies, the predictive policy, the auto step policy and its alarm, and no scheduled action", () => {
    expect(countByType(web)).toEqual({
      [PARENT_TYPE]: 1,
      "aws:appautoscaling/target:Target": 1,
      "aws:appautoscaling/policy:Policy": 5,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
    });
  });

  it("GIVEN no schedule WHEN the scalable target is registered THEN its bounds (1 to 23) stay under Pulumi's control: no ignoreChanges", () => {
    const target = web.named("api-scalable-target-qa");
    expect([target.inputs.minCapacity, target.inputs.maxCapacity, target.options.ignoreChanges]).toEqual([1, 23, undefined]);
  });

  it("GIVEN the dev defaults WHEN the step policy and its alarm are registered THEN one unbounded step adds 200% from the alarm's 45% (target 35 + 10) on one 20-second datapoint, with the derived 85-s cooldown", () => {
    expect(web.named("api-cpu-step-scaling-qa").inputs.stepScalingPolicyConfiguration).toEqual({
      adjustmentType: "PercentChangeInCapacity",
      metricAggregationType: "Average",
      // 29 s launch (150 MB image) + 10 s health check + 20 s datapoint + 26 s alarm lag (stepScalingCooldownSeconds).
      cooldown: 85,
      minAdjustmentMagnitude: 1,
      stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 200 }],
    });
    const alarm = web.named("payment-api-cpu-step-scale-out-qa").inputs;
    expect([alarm.threshold, alarm.period, alarm.evaluationPeriods, alarm.datapointsToAlarm]).toEqual([45, 20, 1, 1]);
  });
});

describe("createServiceScaling without step scaling", () => {
  let web: MockEngine;
  let worker: MockEngine;
  beforeAll(async () => {
    web = await construct(base, webService(base));
    worker = await construct(base, workerServices(base)[0]);
  });

  it("GIVEN the dev spec with step scaling off and a minimum of 2 over the off-hours 1 WHEN the web service's scaling is built THEN it is the target, three tracking policies, the predictive policy and two scheduled actions, and no alarm", () => {
    expect(countByType(web)).toEqual({
      [PARENT_TYPE]: 1,
      "aws:appautoscaling/target:Target": 1,
      "aws:appautoscaling/policy:Policy": 4,
      "aws:appautoscaling/scheduledAction:ScheduledAction": 2,
    });
    // Registration order follows when each resource's inputs resolve, hence sorted.
    expect(
      web
        .ofType("aws:appautoscaling/policy:Policy")
        .map((p) => String(p.inputs.policyType))
        .sort(),
    ).toEqual(["PredictiveScaling", "TargetTrackingScaling", "TargetTrackingScaling", "TargetTrackingScaling"]);
  });

  it("GIVEN the off-hours schedule WHEN the scalable target is registered THEN it ignores changes to the bounds the scheduled actions rewrite", () => {
    expect(web.named("api-scalable-target-qa").options.ignoreChanges).toEqual(["minCapacity", "maxCapacity"]);
  });

  it("GIVEN dev's business hours (9-18, 2-hour ramps) WHEN the scheduled actions are registered THEN the minimum rises to 2 at 07:00 and drops to 1 at 20:00 New York time on weekdays, the maximum 23 in both", () => {
    const action = (kind: string) => {
      const { name, schedule, timezone, scalableTargetAction, resourceId } = web.named(`${kind}-qa`).inputs;
      return [name, schedule, timezone, scalableTargetAction, resourceId];
    };
    expect([action("api-business-hours-minimum"), action("api-off-hours-minimum")]).toEqual([
      [
        "api-business-hours-minimum-qa",
        "cron(0 7 ? * MON-FRI *)",
        "America/New_York",
        { minCapacity: 2, maxCapacity: 23 },
        `service/${CLUSTER}/${SERVICE}`,
      ],
      [
        "api-off-hours-minimum-qa",
        "cron(0 20 ? * MON-FRI *)",
        "America/New_York",
        { minCapacity: 1, maxCapacity: 23 },
        `service/${CLUSTER}/${SERVICE}`,
      ],
    ]);
  });

  it("GIVEN the dev spec WHEN the worker's scaling is built THEN it is the target and its CPU tracking policy", () => {
    expect(countByType(worker)).toEqual({
      [PARENT_TYPE]: 1,
      "aws:appautoscaling/target:Target": 1,
      "aws:appautoscaling/policy:Policy": 1,
    });
  });
});

describe("createServiceScaling with step scaling", () => {
  let web: MockEngine;
  let worker: MockEngine;
  const one = (engine: MockEngine, name: string): RecordedResource => engine.named(name);
  beforeAll(async () => {
    web = await construct(stepped, webService(stepped));
    worker = await construct(stepped, workerServices(stepped)[0]);
  });

  it("GIVEN step scaling WHEN the web service's scaling is built THEN exactly one step policy and one alarm are added, under the same parent as the rest", () => {
    expect(countByType(web)).toEqual({
      [PARENT_TYPE]: 1,
      "aws:appautoscaling/target:Target": 1,
      "aws:appautoscaling/policy:Policy": 5,
      "aws:appautoscaling/scheduledAction:ScheduledAction": 2,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
    });
    expect(web.resources.filter((r) => r.custom).map((r) => r.parent)).toEqual(Array(9).fill(PARENT));
  });

  it("GIVEN step scaling WHEN the worker's scaling is built THEN nothing is added: step scaling is the web service's only", () => {
    expect(countByType(worker)).toEqual({
      [PARENT_TYPE]: 1,
      "aws:appautoscaling/target:Target": 1,
      "aws:appautoscaling/policy:Policy": 1,
    });
  });

  it("GIVEN three steps from 70% WHEN the step policy is registered THEN it is a StepScaling policy on the service's desired count, PercentChangeInCapacity, at least one task, the derived 85-s cooldown, with the bounds as strings relative to 70% and the last unbounded", () => {
    const policy = one(web, "api-cpu-step-scaling-qa");
    expect(policy.type).toBe("aws:appautoscaling/policy:Policy");
    expect(policy.inputs).toEqual({
      name: "api-cpu-step-scaling-qa",
      policyType: "StepScaling",
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${CLUSTER}/${SERVICE}`,
      stepScalingPolicyConfiguration: {
        adjustmentType: "PercentChangeInCapacity",
        metricAggregationType: "Average",
        // max(30-s scale-out cooldown, 29 + 10 + 20 + 26 = 85 s).
        cooldown: 85,
        minAdjustmentMagnitude: 1,
        stepAdjustments: [
          { metricIntervalLowerBound: "0", metricIntervalUpperBound: "15", scalingAdjustment: 50 },
          { metricIntervalLowerBound: "15", metricIntervalUpperBound: "25", scalingAdjustment: 100 },
          { metricIntervalLowerBound: "25", scalingAdjustment: 200 },
        ],
      },
    });
  });

  it("GIVEN step scaling on 20-second metrics WHEN the alarm is registered THEN it watches the service's average CPU every 20 s, fires at 70% for 3 of 3 datapoints, treats missing data as not breaching, and invokes only the step policy (no on-call topic, no OK action)", () => {
    const alarm = one(web, "payment-api-cpu-step-scale-out-qa");
    expect(alarm.type).toBe("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarm.inputs).toEqual({
      name: "payment-api-cpu-step-scale-out-qa",
      alarmDescription: "API CPU at or above 70% for 3 datapoints: step scaling adds tasks (a scaling trigger, not a page)",
      namespace: "AWS/ECS",
      metricName: "CPUUtilization",
      dimensions: { ClusterName: CLUSTER, ServiceName: SERVICE },
      statistic: "Average",
      period: 20,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 70,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      alarmActions: ["arn:aws:appautoscaling:us-east-1:123456789012:policy/api-cpu-step-scaling-qa"],
    });
  });
});

describe("createServiceScaling with step scaling on 60-second metrics", () => {
  let web: MockEngine;
  beforeAll(async () => {
    const spec = withStep(resolveValues({ ...CONFIG, highResolutionMetrics: "false" }), STEPS);
    web = await construct(spec, webService(spec));
  });

  it("GIVEN highResolutionMetrics=false WHEN the alarm is registered THEN it evaluates the 60-second metric every 60 s", () => {
    expect(web.named("payment-api-cpu-step-scale-out-qa").inputs.period).toBe(60);
    expect(web.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(1);
  });

  it("GIVEN highResolutionMetrics=false WHEN the step policy is registered THEN its cooldown is 29 + 10 + 60 + 183 = 282 s (the 60-s datapoint and its 183-s alarm lag)", () => {
    const config = web.named("api-cpu-step-scaling-qa").inputs.stepScalingPolicyConfiguration as Record<string, unknown>;
    expect(config.cooldown).toBe(282);
  });
});

describe("createServiceScaling under child options that alias a former parent (FargateService's, for resources that moved)", () => {
  const FORMER = "urn:pulumi:test::payment-platform::payment:scaling:Scaling::scaling-qa";
  let web: MockEngine;
  beforeAll(async () => {
    web = await construct(stepped, webService(stepped), FORMER);
  });

  it("GIVEN the alias WHEN the web service's scaling is built THEN the target, the four other policies and the two scheduled actions carry it, and the step policy and its alarm (new: no stack had them under another parent) carry none", () => {
    const aliased = (r: RecordedResource) => [r.name, r.parent, r.options.aliasParents];
    expect(
      web.resources
        .filter((r) => r.custom)
        .map(aliased)
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["api-business-hours-minimum-qa", PARENT, [FORMER]],
      ["api-cpu-step-scaling-qa", PARENT, undefined],
      ["api-cpu-tracking-qa", PARENT, [FORMER]],
      ["api-memory-tracking-qa", PARENT, [FORMER]],
      ["api-off-hours-minimum-qa", PARENT, [FORMER]],
      ["api-predictive-qa", PARENT, [FORMER]],
      ["api-requests-tracking-qa", PARENT, [FORMER]],
      ["api-scalable-target-qa", PARENT, [FORMER]],
      ["payment-api-cpu-step-scale-out-qa", PARENT, undefined],
    ]);
  });
});
