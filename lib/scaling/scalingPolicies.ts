/**
 * Autoscaling decisions as pure data: which metric each target-tracking policy follows, its target
 * and cooldowns, and the off-hours schedule. Cooldown semantics and metric names:
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/target-tracking-faster-auto-scaling.html
 */
import { PlatformSpec } from "../spec";
import { businessHoursWindow } from "../workload";

export interface TargetTrackingDefinition {
  kind: string;
  predefinedMetricType: string;
  targetValue: number;
  scaleOutCooldown: number;
  scaleInCooldown: number;
  /** ALBRequestCountPerTarget names its target group through a resource label. */
  usesResourceLabel: boolean;
}

/** The predefined CPU/memory metric: the 20-second one when the service publishes it. */
export function serviceMetric(resource: "CPU" | "Memory", highResolution: boolean): string {
  return `ECSServiceAverage${resource}Utilization${highResolution ? "HighResolution" : ""}`;
}

export function apiTargetTrackingPolicies(spec: PlatformSpec): TargetTrackingDefinition[] {
  const { scaling } = spec;
  const cooldowns = { scaleOutCooldown: scaling.scaleOutCooldownSeconds, scaleInCooldown: scaling.scaleInCooldownSeconds };
  return [
    {
      kind: "api-cpu-tracking",
      predefinedMetricType: serviceMetric("CPU", scaling.highResolutionMetrics),
      targetValue: spec.api.cpuTargetPercent,
      ...cooldowns,
      usesResourceLabel: false,
    },
    {
      kind: "api-memory-tracking",
      predefinedMetricType: serviceMetric("Memory", scaling.highResolutionMetrics),
      targetValue: scaling.memoryTargetPercent,
      ...cooldowns,
      usesResourceLabel: false,
    },
    {
      kind: "api-requests-tracking",
      predefinedMetricType: "ALBRequestCountPerTarget",
      targetValue: scaling.requestsPerTargetPerMinute,
      ...cooldowns,
      usesResourceLabel: true,
    },
  ];
}

export function workerTargetTrackingPolicy(spec: PlatformSpec): TargetTrackingDefinition {
  return {
    kind: "worker-cpu-tracking",
    predefinedMetricType: serviceMetric("CPU", spec.scaling.highResolutionMetrics),
    targetValue: spec.worker.cpuTargetPercent,
    scaleOutCooldown: spec.scaling.scaleOutCooldownSeconds,
    scaleInCooldown: spec.scaling.scaleInCooldownSeconds,
    usesResourceLabel: false,
  };
}

export interface ScheduledMinimum {
  kind: string;
  /** Application Auto Scaling cron (minute hour day-of-month month day-of-week year). */
  schedule: string;
  minCapacity: number;
  maxCapacity: number;
}

/** Business hours in the same time zone as the workload profile. */
export const SCHEDULE_TIMEZONE = "America/New_York";

/**
 * Off-hours minimum: lowered after the evening ramp on weekdays (it stays low over the weekend,
 * since the raise runs Monday-Friday only) and raised before the morning ramp. No actions when the
 * off-hours minimum is not below the minimum: a schedule would change nothing.
 */
export function apiScheduledMinimums(spec: PlatformSpec): ScheduledMinimum[] {
  if (!spec.scaling.scheduledScaling || spec.scaling.offHoursMinTasks >= spec.api.minTasks) return [];
  const { raiseHour, lowerHour } = businessHoursWindow(spec.workload);
  return [
    {
      kind: "api-business-hours-minimum",
      schedule: `cron(0 ${raiseHour} ? * MON-FRI *)`,
      minCapacity: spec.api.minTasks,
      maxCapacity: spec.api.maxTasks,
    },
    {
      kind: "api-off-hours-minimum",
      schedule: `cron(0 ${lowerHour} ? * MON-FRI *)`,
      minCapacity: spec.scaling.offHoursMinTasks,
      maxCapacity: spec.api.maxTasks,
    },
  ];
}
