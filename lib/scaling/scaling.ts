/**
 * Autoscaling: scalable targets for both services; for the API, target tracking on CPU and memory
 * (20-second metrics by default) and on ALB requests per target, an off-hours schedule, and an
 * optional predictive policy; for the worker, target tracking on CPU down to its minimum.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withSuffix } from "../naming";
import { PlatformSpec, ServiceSizing } from "../spec";
import {
  apiScheduledMinimums,
  apiTargetTrackingPolicies,
  SCHEDULE_TIMEZONE,
  TargetTrackingDefinition,
  workerTargetTrackingPolicy,
} from "./scalingPolicies";

export interface ScalingArgs {
  clusterName: pulumi.Input<string>;
  apiServiceName: pulumi.Input<string>;
  workerServiceName: pulumi.Input<string>;
  albArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
}

/** Predictive scaling's forecast metric for ECS (https://docs.aws.amazon.com/autoscaling/application/userguide/aas-create-predictive-scaling-policy.html). */
export const PREDICTIVE_METRIC_PAIR = "ECSServiceCPUUtilization";

export class Scaling extends pulumi.ComponentResource {
  constructor(spec: PlatformSpec, args: ScalingArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:scaling:Scaling", withSuffix("scaling", suffix), {}, opts);
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, suffix);

    const target = (kind: string, serviceName: pulumi.Input<string>, sizing: ServiceSizing) =>
      new aws.appautoscaling.Target(
        name(kind),
        {
          serviceNamespace: "ecs",
          scalableDimension: "ecs:service:DesiredCount",
          resourceId: pulumi.interpolate`service/${args.clusterName}/${serviceName}`,
          minCapacity: sizing.minTasks,
          maxCapacity: sizing.maxTasks,
        },
        child,
      );
    const apiTarget = target("api-scalable-target", args.apiServiceName, spec.api);
    const workerTarget = target("worker-scalable-target", args.workerServiceName, spec.worker);

    const resourceLabel = pulumi.interpolate`${args.albArnSuffix}/${args.targetGroupArnSuffix}`;
    const tracking = (definition: TargetTrackingDefinition, scalable: aws.appautoscaling.Target) =>
      new aws.appautoscaling.Policy(
        name(definition.kind),
        {
          name: name(definition.kind),
          policyType: "TargetTrackingScaling",
          serviceNamespace: scalable.serviceNamespace,
          scalableDimension: scalable.scalableDimension,
          resourceId: scalable.resourceId,
          targetTrackingScalingPolicyConfiguration: {
            targetValue: definition.targetValue,
            scaleOutCooldown: definition.scaleOutCooldown,
            scaleInCooldown: definition.scaleInCooldown,
            disableScaleIn: false,
            predefinedMetricSpecification: {
              predefinedMetricType: definition.predefinedMetricType,
              ...(definition.usesResourceLabel ? { resourceLabel } : {}),
            },
          },
        },
        child,
      );
    apiTargetTrackingPolicies(spec).forEach((definition) => tracking(definition, apiTarget));
    tracking(workerTargetTrackingPolicy(spec), workerTarget);

    for (const scheduled of apiScheduledMinimums(spec)) {
      new aws.appautoscaling.ScheduledAction(
        name(scheduled.kind),
        {
          name: name(scheduled.kind),
          serviceNamespace: apiTarget.serviceNamespace,
          scalableDimension: apiTarget.scalableDimension,
          resourceId: apiTarget.resourceId,
          schedule: scheduled.schedule,
          timezone: SCHEDULE_TIMEZONE,
          scalableTargetAction: { minCapacity: scheduled.minCapacity, maxCapacity: scheduled.maxCapacity },
        },
        child,
      );
    }

    if (spec.scaling.predictiveScaling !== "off") {
      new aws.appautoscaling.Policy(
        name("api-predictive"),
        {
          name: name("api-predictive"),
          policyType: "PredictiveScaling",
          serviceNamespace: apiTarget.serviceNamespace,
          scalableDimension: apiTarget.scalableDimension,
          resourceId: apiTarget.resourceId,
          predictiveScalingPolicyConfiguration: {
            // ForecastOnly publishes forecasts to compare with reality before trusting them.
            mode: spec.scaling.predictiveScaling === "forecastOnly" ? "ForecastOnly" : "ForecastAndScale",
            metricSpecifications: [
              {
                targetValue: String(spec.api.cpuTargetPercent),
                predefinedMetricPairSpecification: { predefinedMetricType: PREDICTIVE_METRIC_PAIR },
              },
            ],
          },
        },
        child,
      );
    }
    this.registerOutputs({});
  }
}
