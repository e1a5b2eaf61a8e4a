/**
 * p99 in every hour of the reference week, with the hour's steady-state task count (the same count
 * the cost model bills, lib/models/fleet/webTaskCount.ts). It answers "is the fleet we pay for fast enough once
 * autoscaling has settled"; the transients between hours are the simulation's job.
 */
import { PlatformSpec } from "../../spec";
import { rpsByHourOfWeek } from "../../spec/workload";
import { webTasksForHour } from "../fleet/webTaskCount";
import { p99LatencyMs, utilization } from "./latency";

export interface HourLatency {
  /** 0 = Monday 00:00 US Eastern. */
  hourOfWeek: number;
  rps: number;
  tasks: number;
  /** Queue utilization (offered load / processes in service). */
  utilization: number;
  /** null when the hour has no steady state (utilization >= 1): latency grows without bound. */
  p99Ms: number | null;
}

export function latencyForHour(spec: PlatformSpec, hourOfWeek: number, rps: number): HourLatency {
  const tasks = webTasksForHour(spec, hourOfWeek, rps);
  const p99 = p99LatencyMs(spec, rps, tasks);
  return { hourOfWeek, rps, tasks, utilization: utilization(spec, rps, tasks), p99Ms: Number.isFinite(p99) ? p99 : null };
}

/** The 168 hours of the week. */
export function hourlyLatency(spec: PlatformSpec): HourLatency[] {
  return rpsByHourOfWeek(spec.workload).map((rps, hour) => latencyForHour(spec, hour, rps));
}

/** The first hour with the highest request rate: the weekday peak. */
export function peakHour(hours: readonly HourLatency[]): HourLatency {
  return hours.reduce((best, hour) => (hour.rps > best.rps ? hour : best));
}

/** The first hour with the highest p99 (an unbounded hour is the worst). */
export function worstHour(hours: readonly HourLatency[]): HourLatency {
  const severity = (hour: HourLatency) => hour.p99Ms ?? Infinity;
  return hours.reduce((worst, hour) => (severity(hour) > severity(worst) ? hour : worst));
}
