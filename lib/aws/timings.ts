/**
 * AWS timings and limits the SLO model, the config rules and the stack rely on, written once, each
 * with its source. This module imports nothing.
 */

/** The only region the platform deploys to (the prices and limits in lib/aws/ are us-east-1's). */
export const REGION = "us-east-1";

/**
 * The longest SIGTERM-to-SIGKILL window Fargate allows, which is also Fargate Spot's interruption
 * warning: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 * (stopTimeout, "maximum of 120 seconds" on Fargate) and
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
 */
export const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;

/**
 * Fargate Spot interruption warning: 2 minutes between the SIGTERM and the stop
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
 * It is also the longest useful container stopTimeout for a Spot task (Fargate's maximum is 120 s).
 */
export const SPOT_WARNING_SECONDS = 120;

/**
 * Target tracking's AWS-managed alarms: scale out after 3 of 3 datapoints above the target, scale
 * in after 15 of 15 below it. Not stated in the AWS docs; consistently observed (community-documented,
 * https://github.com/aws-samples/amazon-aurora-labs-for-mysql/issues/3).
 */
export const SCALE_OUT_DATAPOINTS = 3;
export const SCALE_IN_DATAPOINTS = 15;

/**
 * Datapoint period of the ECS service CPU metric: 60 s, or 20 s with the high-resolution metric
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/target-tracking-faster-auto-scaling.html).
 * With 20-s metrics the alarms are assumed to keep their 3 and 15 datapoints at 20 s each (1 min
 * and 5 min); AWS does not publish the managed alarms' settings for the high-resolution metric.
 */
export const STANDARD_METRIC_PERIOD_SECONDS = 60;
export const HIGH_RESOLUTION_METRIC_PERIOD_SECONDS = 20;

/** The CPU metric's period for a stack's `highResolutionMetrics` setting. */
export function cpuMetricPeriodSeconds(highResolutionMetrics: boolean): number {
  return highResolutionMetrics ? HIGH_RESOLUTION_METRIC_PERIOD_SECONDS : STANDARD_METRIC_PERIOD_SECONDS;
}

/**
 * ALBRequestCountPerTarget is published per minute whatever the ECS metrics' resolution
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
 */
export const ALB_METRIC_PERIOD_SECONDS = 60;

/**
 * An alarm that stays in ALARM re-invokes its Auto Scaling action once a minute
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html,
 * https://repost.aws/knowledge-center/autoscaling-policy-cloudwatch-alarm).
 */
export const ALARM_ACTION_REPEAT_SECONDS = 60;

/**
 * A newly registered target serves after ONE passing health check; HealthyThresholdCount applies
 * to an unhealthy target coming back
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html:
 * "After your target is registered, it must pass one health check to be considered healthy").
 */
export const NEW_TARGET_PASSING_HEALTH_CHECKS = 1;

/**
 * Seconds from a task running to its taking traffic. Assumption: ECS registers the task when it
 * runs, and the load balancer's first check of it comes up to one interval later; the model takes
 * the whole interval (the worst case; the mean would be half of it), and the check's response
 * time (milliseconds) is left out.
 */
export function newTargetInServiceSeconds(healthCheckIntervalSeconds: number): number {
  return NEW_TARGET_PASSING_HEALTH_CHECKS * healthCheckIntervalSeconds;
}

/**
 * AWS's published benchmark of ECS target tracking on the CPU metric (a step load on a service):
 * seconds from the load to the scaling trigger and to provisioned tasks, with 20-second and with
 * 60-second metrics: 86 s and 109 s, 363 s and 386 s
 * (https://aws.amazon.com/blogs/aws/amazon-ecs-introduces-new-high-resolution-metrics-for-faster-service-auto-scaling/,
 * announced with https://docs.aws.amazon.com/AmazonECS/latest/developerguide/target-tracking-faster-auto-scaling.html).
 * AWS does not publish the image size or where in a datapoint the load started.
 */
export const TARGET_TRACKING_BENCHMARK: Readonly<Record<number, { triggerSeconds: number; provisionedSeconds: number }>> = {
  [HIGH_RESOLUTION_METRIC_PERIOD_SECONDS]: { triggerSeconds: 86, provisionedSeconds: 109 },
  [STANDARD_METRIC_PERIOD_SECONDS]: { triggerSeconds: 363, provisionedSeconds: 386 },
};

/**
 * Metric publication delay plus alarm evaluation lag: seconds from the close of a datapoint to the
 * alarm acting on it, one figure per metric period, calibrated so that a load step at a datapoint
 * boundary triggers exactly when the benchmark measured it: trigger = SCALE_OUT_DATAPOINTS x period
 * + lag, so 86 - 3 x 20 = 26 s and 363 - 3 x 60 = 183 s. The benchmark does not split the two parts,
 * so neither does the model. Assumptions: the same lag holds for scale-in alarms, for the
 * ALBRequestCountPerTarget policy's 60-s datapoints (AWS publishes no benchmark for it) and for a
 * step-scaling alarm on the same CPU metric.
 */
export function metricToAlarmLagSeconds(periodSeconds: number): number {
  const benchmark = TARGET_TRACKING_BENCHMARK[periodSeconds];
  if (benchmark === undefined) throw new RangeError(`no published scaling benchmark for ${periodSeconds}-s metrics (20 or 60)`);
  return benchmark.triggerSeconds - SCALE_OUT_DATAPOINTS * periodSeconds;
}

/**
 * Fargate task launch (scheduling, ENI, image pull, container start) as a fixed part plus the image
 * pulled at a throughput, fitted through two published points: the benchmark's 109 - 86 = 23 s from
 * trigger to provisioned tasks (its image is small; taken as 54 MB) and about 70 s in PENDING for a
 * 900 MB image from ECR in the same region, us-east-1
 * (https://github.com/aws/containers-roadmap/issues/696). 20 + 54 / 18 = 23 s; 20 + 900 / 18 = 70 s.
 * AWS publishes no pull throughput; it says the pull time "is directly correlated to the time taken
 * to start a Fargate task" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-pull-behavior.html).
 * Slower paths exist: about 57 s for a 413 MB image pulled through a NAT instance
 * (https://elasticscale.com/blog/reduce-aws-fargate-pull-times-with-soci), where the fit gives 43 s;
 * set taskLaunchSeconds to a measured figure for such a path.
 */
export const FARGATE_LAUNCH_FIXED_SECONDS = 20;
export const FARGATE_IMAGE_PULL_MB_PER_SECOND = 18;

/** Seconds from launch to a running task for an image of this size (whole seconds, rounded up). */
export function fargateTaskLaunchSeconds(imageMb: number): number {
  return Math.ceil(FARGATE_LAUNCH_FIXED_SECONDS + imageMb / FARGATE_IMAGE_PULL_MB_PER_SECOND - 1e-9);
}
