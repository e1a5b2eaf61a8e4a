/**
 * What each ECS service publishes for target tracking: CPU and memory at 20 s when
 * `highResolutionMetrics` is on, else at the 60-second default. Pure, so the cost model counts the
 * same metrics the services publish.
 */
import { cpuMetricPeriodSeconds } from "../aws/timings";

export const SERVICE_METRIC_NAMES = ["CPUUtilization", "MemoryUtilization"] as const;

/** The service's `monitoring` argument (aws-native ecs.Service). */
export function monitoringConfiguration(highResolution: boolean) {
  return {
    metricConfigurations: [{ metricNames: [...SERVICE_METRIC_NAMES], resolutionSeconds: cpuMetricPeriodSeconds(highResolution) }],
  };
}
