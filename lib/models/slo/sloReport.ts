/**
 * The SLO section of the plan: the p99 in every hour of the week, at the weekday peak, under the
 * four scenarios, and whether all of it meets the target. Plain JSON: numbers are rounded and an
 * unbounded p99 is null, never Infinity or NaN (the text is lib/commands/plan/sloText.ts).
 */
import {
  ALB_METRIC_PERIOD_SECONDS,
  FARGATE_IMAGE_PULL_MB_PER_SECOND,
  FARGATE_LAUNCH_FIXED_SECONDS,
  SCALE_IN_DATAPOINTS,
  SCALE_OUT_DATAPOINTS,
  TARGET_TRACKING_BENCHMARK,
  cpuMetricPeriodSeconds,
  fargateTaskLaunchSeconds,
  metricToAlarmLagSeconds,
} from "../../aws/timings";
import { stepScalingCooldownSeconds } from "../../design/scalingPolicies";
import { PlatformSpec, TimeShape, webService } from "../../spec";
import { routingAssumption, SIMULATED_REQUESTS, SteadyStateCheck, steadyStateChecks } from "./steadyStates";
import { plural } from "../../format";
import { roundTo as round } from "../round";
import { HourLatency, hourlyLatency, peakHour } from "./hourly";
import { P99 } from "./latency";
import { MAX_RECOVERY_SECONDS, MAX_SCALE_OUT_SECONDS, ScenarioResult, SPIKE_FACTOR, runScenarios } from "./scenarios";

export interface SloReport {
  targetP99Ms: number;
  /** How the ALB's routing is modelled (steadyStates.ts routingAssumption). */
  routing: string;
  assumptions: string[];
  hourly: HourLatency[];
  peak: { rps: number; tasks: number; utilization: number; p99Ms: number | null };
  scenarios: ScenarioResult[];
  /** The peak, the worst hour and each scenario's worst steady state, re-checked by the routing simulation. */
  steadyStates: SteadyStateCheck[];
  meetsTarget: boolean;
}

function rounded(hour: HourLatency): HourLatency {
  return {
    hourOfWeek: hour.hourOfWeek,
    rps: round(hour.rps, 2),
    tasks: hour.tasks,
    utilization: round(hour.utilization, 4),
    p99Ms: hour.p99Ms === null ? null : round(hour.p99Ms, 1),
  };
}

/** "exponential", "lognormal (CV 1)", "fixed". */
export function shapeText(shape: TimeShape): string {
  if (shape.kind === "lognormal") return `lognormal (CV ${shape.coefficientOfVariation})`;
  return shape.kind === "deterministic" ? "fixed" : "exponential";
}

/** The alarm lag of the CPU metric's datapoints (lib/aws/timings.ts metricToAlarmLagSeconds), and the request-count policy's. */
function alarmLagAssumption(cpuPeriod: number): string {
  const lag = metricToAlarmLagSeconds(cpuPeriod);
  const trigger = TARGET_TRACKING_BENCHMARK[cpuPeriod].triggerSeconds;
  const requestLag = metricToAlarmLagSeconds(ALB_METRIC_PERIOD_SECONDS);
  return `Alarms act on a datapoint ${lag} s after it closes (metric publication and alarm evaluation, calibrated to AWS's benchmark: ${trigger} s from load to scale-out trigger with ${cpuPeriod}-s metrics); the request-count policy's ${ALB_METRIC_PERIOD_SECONDS}-s datapoints take ${requestLag} s.`;
}

/**
 * Where the launch time comes from. The spec does not record whether taskLaunchSeconds was set, so
 * a launch time equal to the image's derived one is worded as "what the image gives", true either way.
 */
function launchAssumption(spec: PlatformSpec): string {
  const { slo, workload, loadBalancer: lb } = spec;
  const fit = `${FARGATE_LAUNCH_FIXED_SECONDS} s + ${FARGATE_IMAGE_PULL_MB_PER_SECOND} MB/s`;
  const derived = fargateTaskLaunchSeconds(workload.imageMb);
  const source =
    slo.taskLaunchSeconds === derived
      ? `what the ${workload.imageMb} MB image gives at ${fit}`
      : `set by taskLaunchSeconds; the ${workload.imageMb} MB image would give ${derived} s at ${fit}`;
  return `A new task runs ${slo.taskLaunchSeconds} s after launch (${source}) and serves after one passing health check, one ${lb.healthCheckIntervalSeconds}-s interval later; a stopped task drains ${lb.deregistrationDelaySeconds} s.`;
}

/** The web service's step-scaling policy (lib/models/slo/stepScaling.ts) and its cooldown (lib/design/scalingPolicies.ts), or that there is none. */
function stepScalingAssumption(spec: PlatformSpec): string {
  const policy = spec.scaling.stepScaling;
  if (policy === null) return "No step-scaling policy.";
  const n = policy.evaluationPeriods;
  const datapoints = plural(n, "CPU datapoint");
  const steps = policy.steps.map((s) => `from ${s.fromCpuPercent}%: +${s.addPercent}%`).join("; ");
  return `Step scaling: ${datapoints} at or above ${policy.steps[0].fromCpuPercent}% ${n === 1 ? "adds" : "add"} a percent of the desired count, by the step the metric reaches (${steps}), at least one task, within the maximum of ${webService(spec).maxTasks}; in its ${stepScalingCooldownSeconds(spec)}-s cooldown a new alarm adds only what a larger step asks beyond the first; with target tracking the larger count wins.`;
}

/** The model's assumptions with this stack's numbers, so a reader can challenge each one. */
export function sloAssumptions(spec: PlatformSpec): string[] {
  const { workload, scaling, loadBalancer: lb } = spec;
  const api = webService(spec);
  const period = cpuMetricPeriodSeconds(scaling.highResolutionMetrics);
  return [
    `Routing: ${routingAssumption(spec)}. Each of the ${api.processesPerTask} process(es) per task is one CPU server with its own FIFO queue per task.`,
    `CPU time per request: ${shapeText(workload.cpuTimeShape)} with mean ${workload.cpuMsPerRequest} ms / min(1, task vCPU / processes); non-CPU latency: ${shapeText(workload.nonCpuLatencyShape)} with mean ${workload.nonCpuLatencyMs} ms, holding no CPU.`,
    `p${P99 * 100} in the hours and the scaling simulation: the finite-source approximation of per-node routing (never below one shared M/G/c queue); the peak, the worst hour and each scenario's worst steady state (the Spot-reclaim floor and the AZ loss at the event, the spike's plateau) are re-checked by a seeded routing simulation of ${SIMULATED_REQUESTS.toLocaleString("en-US")} requests, whose p${P99 * 100} decides.`,
    `Hourly task counts are the target-tracking steady state the cost model bills: the larger of the CPU policy (${api.cpuTargetPercent}%) and the request-count policy (${api.requestsPerTargetPerMinute} requests per task per minute); the memory policy is not modelled.`,
    `Target tracking: ${period}-s CPU datapoints (capped at 100%) and ${ALB_METRIC_PERIOD_SECONDS}-s request-count datapoints; each policy scales out after ${SCALE_OUT_DATAPOINTS} datapoints above its target and asks for ceil(desired x metric / target); scale-in needs ${SCALE_IN_DATAPOINTS} below on every policy; cooldowns ${scaling.scaleOutCooldownSeconds} s out / ${scaling.scaleInCooldownSeconds} s in.`,
    alarmLagAssumption(period),
    stepScalingAssumption(spec),
    launchAssumption(spec),
    `Overload (utilization >= 1) counts as unbounded latency: p99 is capped at the ALB idle timeout (${lb.idleTimeoutSeconds} s), the 504 a client would see.`,
    `Scenarios at the weekday peak: spike x${SPIKE_FACTOR} must have enough healthy tasks for the tripled load at the CPU target within ${MAX_SCALE_OUT_SECONDS} s and recover within ${MAX_RECOVERY_SECONDS} s; Spot reclaim and AZ loss must stay under the target or recover within ${MAX_RECOVERY_SECONDS} s.`,
  ];
}

export function buildSloReport(spec: PlatformSpec): SloReport {
  const hourly = hourlyLatency(spec).map(rounded);
  const peak = peakHour(hourly);
  const scenarios = runScenarios(spec);
  const target = spec.slo.targetP99Ms;
  const hoursMeet = hourly.every((h) => h.p99Ms !== null && h.p99Ms <= target);
  const steadyStates = steadyStateChecks(spec, hourly, scenarios);
  return {
    targetP99Ms: target,
    routing: routingAssumption(spec),
    assumptions: sloAssumptions(spec),
    hourly,
    peak: { rps: peak.rps, tasks: peak.tasks, utilization: peak.utilization, p99Ms: peak.p99Ms },
    scenarios,
    steadyStates,
    meetsTarget: hoursMeet && scenarios.every((s) => s.passed) && steadyStates.every((s) => s.passed),
  };
}
