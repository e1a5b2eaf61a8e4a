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
