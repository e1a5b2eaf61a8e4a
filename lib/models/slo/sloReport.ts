/**
 * The SLO section of the plan: the p99 in every hour of the week, at the weekday peak, under the
 * four scenarios, and whether all of it meets the target. Plain JSON: numbers are rounded and an
 * unbounded p99 is null, never Infinity or NaN (the text is lib/commands/plan/sloText.ts).
 */
import { ALB_METRIC_PERIOD_SECONDS, SCALE_IN_DATAPOINTS, SCALE_OUT_DATAPOINTS, cpuMetricPeriodSeconds } from "../../aws/timings";
import { PlatformSpec, webService } from "../../spec";
import { roundTo as round } from "../round";
import { HourLatency, hourlyLatency, peakHour } from "./hourly";
import { P99 } from "./latency";
import { MAX_RECOVERY_SECONDS, MAX_SCALE_OUT_SECONDS, ScenarioResult, SPIKE_FACTOR, runScenarios } from "./scenarios";

export interface SloReport {
  targetP99Ms: number;
  assumptions: string[];
  hourly: HourLatency[];
  peak: { rps: number; tasks: number; utilization: number; p99Ms: number | null };
  scenarios: ScenarioResult[];
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

/** The model's assumptions with this stack's numbers, so a reader can challenge each one. */
export function sloAssumptions(spec: PlatformSpec): string[] {
  const { workload, scaling, loadBalancer: lb, slo } = spec;
  const api = webService(spec);
  const period = cpuMetricPeriodSeconds(scaling.highResolutionMetrics);
  return [
    `Each of the ${api.processesPerTask} process(es) per task is one server of an M/M/c queue shared by all tasks (ALB least outstanding requests).`,
    `CPU service time is exponential with mean ${workload.cpuMsPerRequest} ms / min(1, task vCPU / processes); p${P99 * 100} is the exact M/M/c sojourn percentile plus a fixed ${workload.nonCpuLatencyMs} ms of non-CPU latency.`,
    `Hourly task counts are the target-tracking steady state the cost model bills: the larger of the CPU policy (${api.cpuTargetPercent}%) and the request-count policy (${api.requestsPerTargetPerMinute} requests per task per minute); the memory policy is not modelled.`,
    `Target tracking: ${period}-s CPU datapoints (capped at 100%) and ${ALB_METRIC_PERIOD_SECONDS}-s request-count datapoints; each policy scales out after ${SCALE_OUT_DATAPOINTS} datapoints above its target and asks for ceil(desired x metric / target); scale-in needs ${SCALE_IN_DATAPOINTS} below on every policy; cooldowns ${scaling.scaleOutCooldownSeconds} s out / ${scaling.scaleInCooldownSeconds} s in.`,
    `A new task runs ${slo.taskLaunchSeconds} s after launch and serves after ${lb.healthyThreshold} x ${lb.healthCheckIntervalSeconds} s of health checks; a stopped task drains ${lb.deregistrationDelaySeconds} s.`,
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
  return {
    targetP99Ms: target,
    assumptions: sloAssumptions(spec),
    hourly,
    peak: { rps: peak.rps, tasks: peak.tasks, utilization: peak.utilization, p99Ms: peak.p99Ms },
    scenarios,
    meetsTarget: hoursMeet && scenarios.every((s) => s.passed),
  };
}
