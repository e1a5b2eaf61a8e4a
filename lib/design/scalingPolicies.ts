/**
 * Autoscaling decisions as pure data, per service: which metric each target-tracking policy follows,
 * its target and cooldowns, the web service's off-hours schedule, its predictive policy and its
 * optional step-scaling policy with the alarm that triggers it. The ServiceScaling component turns
 * them into resources and the cost model counts their alarms.
 * Cooldown semantics and metric names:
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/target-tracking-faster-auto-scaling.html
 */
import { cpuMetricPeriodSeconds, metricToAlarmLagSeconds, newTargetInServiceSeconds } from "../aws/timings";
import { plural } from "../format";
import { serviceName } from "../spec/names";
import { PlatformSpec, PredictiveScalingMode } from "../spec/platformSpec";
import { sentenceLabel, ServiceSpec } from "../spec/services";
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

/**
 * One step of the step-scaling policy. The bounds are CPU percentage points relative to the alarm
 * threshold (MetricIntervalLowerBound/UpperBound): with the metric at or above the threshold the
 * lower bound is inclusive and the upper exclusive; null upper: unbounded above.
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html
 */
export interface StepAdjustmentDefinition {
  lowerBound: number;
  upperBound: number | null;
  /** Percent of the current desired count to add (PercentChangeInCapacity). */
  addPercent: number;
}

/** The CloudWatch alarm that invokes the step policy: the service's average CPU against the first step. */
export interface StepScalingAlarmDefinition {
  /** Physical alarm name (with the suffix). */
  name: string;
  description: string;
  /** The ECS service metric (dimensions ClusterName, ServiceName), at 20 s with highResolutionMetrics. */
  namespace: "AWS/ECS";
  metricName: "CPUUtilization";
  statistic: "Average";
  periodSeconds: number;
  /** Whether the metric has sub-minute resolution (the ECS service publishes it at 20 s). */
  highResolutionMetric: boolean;
  comparisonOperator: "GreaterThanOrEqualToThreshold";
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: "notBreaching";
}

export interface StepScalingPolicyDefinition {
  kind: string;
  adjustmentType: "PercentChangeInCapacity";
  /** How Application Auto Scaling aggregates the alarm's datapoints before matching a step (the alarm's statistic). */
  metricAggregationType: "Average";
  cooldown: number;
  /** At least one task per scale-out, whatever the percent of a small count rounds down to. */
  minAdjustmentMagnitude: number;
  steps: StepAdjustmentDefinition[];
  alarm: StepScalingAlarmDefinition;
}

/**
 * The periods PutMetricAlarm accepts below a minute, for metrics stored at sub-minute resolution
 * only; every other period must be a multiple of 60.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)
 */
export const SUB_MINUTE_ALARM_PERIODS: readonly number[] = [10, 20, 30];

/**
 * Period x EvaluationPeriods may not exceed one day for an alarm whose period is under an hour.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)
 */
export const MAX_ALARM_EVALUATION_SECONDS = 86_400;

/** Bounds are kept to hundredths of a percentage point (see metricIntervalBound). */
const roundBound = (value: number) => Math.round(value * 100) / 100;

/**
 * The step policy's own cooldown: long enough for the tasks one step adds to reach the metric its
 * alarm reads (launch, one passing health check, one datapoint of them, the datapoint's lag to the
 * alarm; lib/aws/timings.ts), never below the service's scale-out cooldown. Within it Application
 * Auto Scaling counts the tasks the step added toward the next scale-out
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html),
 * so the alarm's repeats (once a minute in ALARM) do not add the same step again on datapoints
 * measured before those tasks served; with the 30-s scale-out cooldown they would (a tripled load
 * went 13 -> 39 -> 117 tasks with room to grow).
 */
export function stepScalingCooldownSeconds(spec: PlatformSpec): number {
  const period = cpuMetricPeriodSeconds(spec.scaling.highResolutionMetrics);
  const loop =
    spec.slo.taskLaunchSeconds +
    newTargetInServiceSeconds(spec.loadBalancer.healthCheckIntervalSeconds) +
    period +
    metricToAlarmLagSeconds(period);
  return Math.max(spec.scaling.scaleOutCooldownSeconds, loop);
}

/**
 * The web service's scale-out-only step-scaling policy (lib/spec/platformSpec.ts StepScalingSpec),
 * or null when none is configured; never for a worker. The alarm fires when `evaluationPeriods`
 * consecutive datapoints of the service's average CPU are at or above the first step's
 * fromCpuPercent; step i covers [from_i, from_i+1) above it and the last step is unbounded. It
 * works beside target tracking: Application Auto Scaling applies whichever policy asks for the
 * larger capacity, and scale-in stays with target tracking
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html).
 * Missing data is not breaching: ECS publishes no datapoint for a service with no running task
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html) and a late
 * datapoint is no evidence of load, so neither may add tasks nor hold the alarm in ALARM, where it
 * would invoke the policy again every minute
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html).
 * A definition AWS would refuse throws (stepScalingProblems).
 */
export function stepScalingPolicy(spec: PlatformSpec, service: ServiceSpec): StepScalingPolicyDefinition | null {
  const step = spec.scaling.stepScaling;
  if (service.role !== "web" || step === null) return null;
  const threshold = step.steps[0]?.fromCpuPercent ?? Number.NaN;
  const highResolution = spec.scaling.highResolutionMetrics;
  const definition: StepScalingPolicyDefinition = {
    kind: `${service.id}-cpu-step-scaling`,
    adjustmentType: "PercentChangeInCapacity",
    metricAggregationType: "Average",
    cooldown: stepScalingCooldownSeconds(spec),
    minAdjustmentMagnitude: 1,
    steps: step.steps.map((s, i) => ({
      lowerBound: roundBound(s.fromCpuPercent - threshold),
      upperBound: i + 1 < step.steps.length ? roundBound(step.steps[i + 1].fromCpuPercent - threshold) : null,
      addPercent: s.addPercent,
    })),
    alarm: {
      name: serviceName("stepScalingAlarm", service.name, spec.environmentSuffix),
      description: `${sentenceLabel(service)} CPU at or above ${threshold}% for ${plural(step.evaluationPeriods, "datapoint")}: step scaling adds tasks (a scaling trigger, not a page)`,
      namespace: "AWS/ECS",
      metricName: "CPUUtilization",
      statistic: "Average",
      periodSeconds: cpuMetricPeriodSeconds(highResolution),
      highResolutionMetric: highResolution,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold,
      evaluationPeriods: step.evaluationPeriods,
      datapointsToAlarm: step.evaluationPeriods,
      treatMissingData: "notBreaching",
    },
  };
  const problems = stepScalingProblems(definition);
  if (problems.length > 0) {
    throw new Error(`The step-scaling policy (scaling.stepScaling) would be refused by AWS: ${problems.join("; ")}`);
  }
  return definition;
}

/**
 * What PutMetricAlarm and PutScalingPolicy would refuse in a definition, or what would leave the
 * policy unable to act; empty when it is sound. Rules:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period,
 * DatapointsToAlarm), https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html
 * (no overlap, no gap, at most one null upper bound, upper above lower) and
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html
 * (MinAdjustmentMagnitude with PercentChangeInCapacity; ScalingAdjustment is an integer).
 */
export function stepScalingProblems(definition: StepScalingPolicyDefinition): string[] {
  const problems: string[] = [];
  const { alarm, steps } = definition;
  const period = alarm.periodSeconds;
  if (!(SUB_MINUTE_ALARM_PERIODS.includes(period) || (period > 0 && period % 60 === 0))) {
    problems.push(`alarm period ${period} s is not 10, 20, 30 or a multiple of 60`);
  }
  if (period < 60 && !alarm.highResolutionMetric) {
    problems.push(
      `alarm period ${period} s needs the 20-second metric (highResolutionMetrics); on 60-second data the alarm lapses into INSUFFICIENT_DATA`,
    );
  }
  if (!Number.isInteger(alarm.evaluationPeriods) || alarm.evaluationPeriods < 1) {
    problems.push(`evaluation periods ${alarm.evaluationPeriods} is not a positive integer`);
  } else if (period * alarm.evaluationPeriods > MAX_ALARM_EVALUATION_SECONDS) {
    problems.push(`${alarm.evaluationPeriods} evaluation periods of ${period} s exceed one day`);
  }
  if (alarm.datapointsToAlarm < 1 || alarm.datapointsToAlarm > alarm.evaluationPeriods) {
    problems.push(`datapoints to alarm ${alarm.datapointsToAlarm} is not between 1 and the evaluation periods`);
  }
  if (!(alarm.threshold > 0 && alarm.threshold <= 100)) {
    problems.push(`alarm threshold ${alarm.threshold}% (the first step's fromCpuPercent) is not a CPU percentage above 0`);
  }
  if (steps.length === 0) problems.push("no step");
  steps.forEach((s, i) => {
    const label = `step ${i + 1}`;
    if (i === 0 && s.lowerBound !== 0)
      problems.push(`${label} starts ${s.lowerBound} points from the threshold: the alarm fires at it with no step to apply`);
    if (i > 0 && s.lowerBound !== steps[i - 1].upperBound)
      problems.push(`${label} does not start where step ${i} ends (gap or overlap)`);
    if (s.upperBound !== null && !(s.upperBound > s.lowerBound))
      problems.push(`${label} is empty (its CPU percent is not above the previous step's)`);
    if ((s.upperBound === null) !== (i === steps.length - 1))
      problems.push(`${label}: only the last step may be unbounded above, and it must be`);
    if (!Number.isInteger(s.addPercent) || s.addPercent < 1)
      problems.push(`${label} adds ${s.addPercent}%: a scale-out step adds a positive whole percent`);
  });
  if (definition.minAdjustmentMagnitude > 0 && definition.adjustmentType !== "PercentChangeInCapacity") {
    problems.push("MinAdjustmentMagnitude applies only to PercentChangeInCapacity");
  }
  return problems;
}

/**
 * A step bound as the provider takes it: the bounds are strings in the provider schema
 * (https://github.com/hashicorp/terraform-provider-aws/issues/29413) and are read back from AWS
 * as the provider formats the number it gets (internal/service/appautoscaling/policy.go,
 * flattenStepAdjustments: Go's shortest decimal form), so the text sent must be the text read back
 * or every preview shows a change: "15", never "15.0". For bounds kept to hundredths between -100
 * and 100 JavaScript's shortest form is the same text.
 */
export function metricIntervalBound(value: number): string {
  return String(roundBound(value));
}
