/**
 * Autoscaling decisions as pure data, per service: which metric each target-tracking policy follows,
 * its target and cooldowns, the web service's off-hours schedule and its predictive policy. The
 * ServiceScaling component turns them into resources and the cost model counts their alarms.
 * Cooldown semantics and metric names:
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/target-tracking-faster-auto-scaling.html
 */
import { PlatformSpec, PredictiveScalingMode } from "../spec/platformSpec";
import { ServiceSpec } from "../spec/services";
import { businessHoursWindow, WORKLOAD_TIME_ZONE } from "../spec/workload";

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

/**
 * Every service tracks its CPU target; the web service also tracks memory and ALB requests per
 * target (ECS scales out when any policy asks and in only when all agree).
 */
export function targetTrackingPolicies(spec: PlatformSpec, service: ServiceSpec): TargetTrackingDefinition[] {
  const { scaling } = spec;
  const common = { scaleOutCooldown: scaling.scaleOutCooldownSeconds, scaleInCooldown: scaling.scaleInCooldownSeconds };
  const cpu: TargetTrackingDefinition = {
    kind: `${service.id}-cpu-tracking`,
    predefinedMetricType: serviceMetric("CPU", scaling.highResolutionMetrics),
    targetValue: service.cpuTargetPercent,
    ...common,
    usesResourceLabel: false,
  };
  if (service.role !== "web") return [cpu];
  return [
    cpu,
    {
      kind: `${service.id}-memory-tracking`,
      predefinedMetricType: serviceMetric("Memory", scaling.highResolutionMetrics),
      targetValue: service.memoryTargetPercent,
      ...common,
      usesResourceLabel: false,
    },
    {
      kind: `${service.id}-requests-tracking`,
      predefinedMetricType: "ALBRequestCountPerTarget",
      targetValue: service.requestsPerTargetPerMinute,
      ...common,
      usesResourceLabel: true,
    },
  ];
}

export interface ScheduledMinimum {
  kind: string;
  /** Application Auto Scaling cron (minute hour day-of-month month day-of-week year). */
  schedule: string;
  minCapacity: number;
  maxCapacity: number;
}

/** Business hours in the same time zone as the workload profile. */
export const SCHEDULE_TIMEZONE = WORKLOAD_TIME_ZONE;

/**
 * The web service's off-hours minimum: lowered after the evening ramp on weekdays (it stays low over
 * the weekend, since the raise runs Monday-Friday only) and raised before the morning ramp. No
 * actions for a worker, or when the off-hours minimum is not below the minimum: a schedule would
 * change nothing.
 */
export function scheduledMinimums(spec: PlatformSpec, service: ServiceSpec): ScheduledMinimum[] {
  if (service.role !== "web" || !service.scheduledScaling || service.offHoursMinTasks >= service.minTasks) return [];
  const { raiseHour, lowerHour } = businessHoursWindow(spec.workload);
  return [
    {
      kind: `${service.id}-business-hours-minimum`,
      schedule: `cron(0 ${raiseHour} ? * MON-FRI *)`,
      minCapacity: service.minTasks,
      maxCapacity: service.maxTasks,
    },
    {
      kind: `${service.id}-off-hours-minimum`,
      schedule: `cron(0 ${lowerHour} ? * MON-FRI *)`,
      minCapacity: service.offHoursMinTasks,
      maxCapacity: service.maxTasks,
    },
  ];
}

/** Predictive scaling's forecast metric for ECS (https://docs.aws.amazon.com/autoscaling/application/userguide/aas-create-predictive-scaling-policy.html). */
export const PREDICTIVE_METRIC_PAIR = "ECSServiceCPUUtilization";

export interface PredictivePolicyDefinition {
  kind: string;
  mode: "ForecastOnly" | "ForecastAndScale";
  targetValue: number;
}

const PREDICTIVE_MODES: Record<Exclude<PredictiveScalingMode, "off">, PredictivePolicyDefinition["mode"]> = {
  // ForecastOnly publishes forecasts to compare with reality before trusting them.
  forecastOnly: "ForecastOnly",
  forecastAndScale: "ForecastAndScale",
};

/** The web service's predictive policy, or null when it is off (and for workers). */
export function predictivePolicy(service: ServiceSpec): PredictivePolicyDefinition | null {
  if (service.role !== "web" || service.predictiveScaling === "off") return null;
  return {
    kind: `${service.id}-predictive`,
    mode: PREDICTIVE_MODES[service.predictiveScaling],
    targetValue: service.cpuTargetPercent,
  };
}

/** The minimum a service is guaranteed to run at any hour (the web service's schedule lowers it off hours). */
export function guaranteedMinimumTasks(service: ServiceSpec): number {
  return service.role === "web" && service.scheduledScaling
    ? Math.min(service.minTasks, service.offHoursMinTasks)
    : service.minTasks;
}
