/**
 * One service's autoscaling resources, created under its FargateService: the scalable target, the
 * target-tracking policies, the web service's off-hours schedule and its predictive policy, all from
 * the pure definitions in lib/design/scalingPolicies.ts.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import {
  PREDICTIVE_METRIC_PAIR,
  predictivePolicy,
  SCHEDULE_TIMEZONE,
  scheduledMinimums,
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
}
