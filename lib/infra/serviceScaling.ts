/**
 * One service's autoscaling resources, created under its FargateService: the scalable target, the
 * target-tracking policies, the web service's off-hours schedule, its predictive policy and its
 * optional step-scaling policy with the CloudWatch alarm that invokes it, all from the pure
 * definitions in lib/design/scalingPolicies.ts.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import {
  metricIntervalBound,
  PREDICTIVE_METRIC_PAIR,
  predictivePolicy,
  SCHEDULE_TIMEZONE,
  scheduledMinimums,
  stepScalingPolicy,
  TargetTrackingDefinition,
  targetTrackingPolicies,
} from "../design/scalingPolicies";
import { withSuffix } from "../spec/names";
import { PlatformSpec, ServiceSpec } from "../spec";

export interface ServiceScalingArgs {
  clusterName: pulumi.Input<string>;
  serviceName: pulumi.Input<string>;
  /** `app/<alb>/<id>/targetgroup/<tg>/<id>`: what ALBRequestCountPerTarget measures (the web service). */
  requestCountResourceLabel: pulumi.Input<string>;
}

export function createServiceScaling(
  spec: PlatformSpec,
  service: ServiceSpec,
  args: ServiceScalingArgs,
  child: pulumi.CustomResourceOptions,
): void {
  const name = (kind: string) => withSuffix(kind, spec.environmentSuffix);
  const schedule = scheduledMinimums(spec, service);
  const target = new aws.appautoscaling.Target(
    name(`${service.id}-scalable-target`),
    {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`,
      minCapacity: service.minTasks,
      maxCapacity: service.maxTasks,
    },
    // The scheduled actions rewrite the target's bounds (RegisterScalableTarget) twice a day; without
    // this `pulumi up --refresh` would set them back and cancel the off-hours minimum
    // (https://github.com/terraform-aws-modules/terraform-aws-ecs/issues/422). New bounds reach AWS
    // through the scheduled actions, which carry them and stay under Pulumi's control.
    schedule.length > 0 ? { ...child, ignoreChanges: ["minCapacity", "maxCapacity"] } : child,
  );
  const onTarget = {
    serviceNamespace: target.serviceNamespace,
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
  };

  const tracking = (definition: TargetTrackingDefinition) =>
    new aws.appautoscaling.Policy(
      name(definition.kind),
      {
        name: name(definition.kind),
        policyType: "TargetTrackingScaling",
        ...onTarget,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: definition.targetValue,
          scaleOutCooldown: definition.scaleOutCooldown,
          scaleInCooldown: definition.scaleInCooldown,
          disableScaleIn: false,
          predefinedMetricSpecification: {
            predefinedMetricType: definition.predefinedMetricType,
            ...(definition.usesResourceLabel ? { resourceLabel: args.requestCountResourceLabel } : {}),
          },
        },
      },
      child,
    );
  targetTrackingPolicies(spec, service).forEach(tracking);

  for (const scheduled of schedule) {
    new aws.appautoscaling.ScheduledAction(
      name(scheduled.kind),
      {
        name: name(scheduled.kind),
        ...onTarget,
        schedule: scheduled.schedule,
        timezone: SCHEDULE_TIMEZONE,
        scalableTargetAction: { minCapacity: scheduled.minCapacity, maxCapacity: scheduled.maxCapacity },
      },
      child,
    );
  }

  const predictive = predictivePolicy(service);
  if (predictive !== null) {
    new aws.appautoscaling.Policy(
      name(predictive.kind),
      {
        name: name(predictive.kind),
        policyType: "PredictiveScaling",
        ...onTarget,
        predictiveScalingPolicyConfiguration: {
          mode: predictive.mode,
          metricSpecifications: [
            {
              targetValue: String(predictive.targetValue),
              predefinedMetricPairSpecification: { predefinedMetricType: PREDICTIVE_METRIC_PAIR },
            },
          ],
        },
      },
      child,
    );
  }

  const step = stepScalingPolicy(spec, service);
  if (step !== null) {
    // New in this layout: no former parent to alias (`child` carries the aliases of the resources that existed).
    const fresh: pulumi.CustomResourceOptions = { parent: child.parent };
    const policy = new aws.appautoscaling.Policy(
      name(step.kind),
      {
        name: name(step.kind),
        policyType: "StepScaling",
        ...onTarget,
        stepScalingPolicyConfiguration: {
          adjustmentType: step.adjustmentType,
          metricAggregationType: step.metricAggregationType,
          cooldown: step.cooldown,
          minAdjustmentMagnitude: step.minAdjustmentMagnitude,
          // The last step has no upper bound: the key is left out (an empty bound is none to the provider).
          stepAdjustments: step.steps.map((s) => ({
            metricIntervalLowerBound: metricIntervalBound(s.lowerBound),
            ...(s.upperBound === null ? {} : { metricIntervalUpperBound: metricIntervalBound(s.upperBound) }),
            scalingAdjustment: s.addPercent,
          })),
        },
      },
      fresh,
    );
    const { alarm } = step;
    // A scaling trigger, not a page: its only action is the policy. The stack's alarms notify the
    // on-call topic because each means something is wrong; this one fires on every spike the policy
    // exists to absorb (and re-invokes the policy each minute it stays in ALARM), so paging on it
    // would be noise. A spike scaling cannot absorb still pages, through the CPU-high, latency and
    // running-task alarms. Tags come from the provider's defaultTags like every other alarm;
    // CloudWatch alarms take no KMS key.
    new aws.cloudwatch.MetricAlarm(
      alarm.name,
      {
        name: alarm.name,
        alarmDescription: alarm.description,
        namespace: alarm.namespace,
        metricName: alarm.metricName,
        dimensions: { ClusterName: args.clusterName, ServiceName: args.serviceName },
        statistic: alarm.statistic,
        period: alarm.periodSeconds,
        comparisonOperator: alarm.comparisonOperator,
        threshold: alarm.threshold,
        evaluationPeriods: alarm.evaluationPeriods,
        datapointsToAlarm: alarm.datapointsToAlarm,
        treatMissingData: alarm.treatMissingData,
        alarmActions: [policy.arn],
      },
      fresh,
    );
  }
}
