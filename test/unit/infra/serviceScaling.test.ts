/**
 * createServiceScaling under the mock engine, for the web service and the worker of a dev spec, with
 * and without a step-scaling policy (set directly on the spec: the config keys that fill it are
 * another change's): the exact resources each registers, and the step policy and its alarm as the
 * provider receives them.
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

/** Builds one service's scaling under a parent component, as FargateService does, and returns what was registered. */
async function construct(spec: PlatformSpec, service: ServiceSpec): Promise<MockEngine> {
  const { installMockEngine } = await import("../../../lib/commands/mockEngine");
  const mock = await installMockEngine(PROJECT, "test", qualify(CONFIG));
  const pulumi = await import("@pulumi/pulumi");
  const { createServiceScaling } = await import("../../../lib/infra/serviceScaling");
  const parent = new pulumi.ComponentResource(PARENT_TYPE, PARENT, {}, { transformations: [mock.recordParent] });
  createServiceScaling(
    spec,
    service,
    { clusterName: CLUSTER, serviceName: SERVICE, requestCountResourceLabel: "app/alb/1/targetgroup/tg/2" },
    { parent },
  );
  await mock.settle();
  return mock;
}

const base = resolveValues(CONFIG);
const stepped = withStep(base, STEPS);

describe("createServiceScaling without step scaling", () => {
  let web: MockEngine;
  let worker: MockEngine;
  beforeAll(async () => {
    web = await construct(base, webService(base));
    worker = await construct(base, workerServices(base)[0]);
  });

  it("GIVEN the dev spec (no step scaling) WHEN the web service's scaling is built THEN it is the target, three tracking policies, the predictive policy and two scheduled actions, and no alarm", () => {
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

  it("GIVEN three steps from 70% WHEN the step policy is registered THEN it is a StepScaling policy on the service's desired count, PercentChangeInCapacity, at least one task, with the bounds as strings relative to 70% and the last unbounded", () => {
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
        cooldown: 30,
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
});
