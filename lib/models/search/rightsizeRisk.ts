/**
 * The risk of a right-sizing recommendation: its p99 in the SLO model at the busiest moment of the
 * measured series, against the stack's p99 target.
 *
 * The samples hold CPU, not requests, so the peak request rate is derived: the most CPU used in one
 * minute, summed over the tasks sampled in it, divided by the workload's CPU time per request (the inverse of
 * webVcpuDemand, lib/spec/workload.ts). All CPU used counts as request work (GC and background work
 * included), so the rate is an upper bound. The p99 is the SLO model's steady state (p99LatencyMs,
 * lib/models/slo/latency.ts) for that rate on the tasks that carried it, each at the recommended
 * size: the same per-task load the rule sized for. Autoscaling would add tasks once a smaller task
 * runs hotter, so this is the pessimistic end. Service-level CloudWatch data is one mean task per
 * period, so there the peak is the mean task's load on one task, which is again the per-task question.
 */
import { plural } from "../../format";
import { PlatformSpec, webService } from "../../spec";
import { p99LatencyMs, utilization } from "../slo/latency";
import type { TaskMetricSample } from "./rightsize";

export interface RightsizeRisk {
  /** The SLO model's p99 at the observed peak on the recommended size; null when the queue is overloaded. */
  p99Ms: number | null;
  targetP99Ms: number;
  meetsTarget: boolean;
  /** The busiest minute (its start): the CPU used summed over tasks and the request rate derived from it. */
  peak: { at: string; cpuUnits: number; rps: number };
  /** The tasks sampled in the busiest minute, each taken at the recommended size. */
  tasks: number;
  utilization: number;
  assumption: string;
}

const MINUTE_MS = 60_000;

/**
 * The minute with the most CPU used summed over tasks (the first such on a tie). Minutes, not exact
 * timestamps, because each task's performance log event carries its own time within the minute; a
 * task sampled twice in a minute counts once, at its higher value.
 */
function busiestMinute(samples: readonly TaskMetricSample[]): { time: number; cpuUnits: number; tasks: number } {
  const byMinute = new Map<number, Map<string, number>>();
  for (const s of samples) {
    const minute = Math.floor(s.timestamp / MINUTE_MS) * MINUTE_MS;
    const tasks = byMinute.get(minute) ?? new Map<string, number>();
    tasks.set(s.taskId, Math.max(tasks.get(s.taskId) ?? 0, s.cpuUtilizedUnits));
    byMinute.set(minute, tasks);
  }
  const totals = [...byMinute].map(([time, tasks]) => ({
    time,
    cpuUnits: [...tasks.values()].reduce((sum, cpu) => sum + cpu, 0),
    tasks: tasks.size,
  }));
  return totals.reduce((best, minute) => (minute.cpuUnits > best.cpuUnits ? minute : best));
}

/** `recommended` is the stack at the recommended size (withSize in rightsize.ts). */
export function rightsizeRisk(recommended: PlatformSpec, samples: readonly TaskMetricSample[]): RightsizeRisk {
  const busiest = busiestMinute(samples);
  const { cpuMsPerRequest } = recommended.workload;
  const rps = ((busiest.cpuUnits / 1024) * 1000) / cpuMsPerRequest;
  const p99 = p99LatencyMs(recommended, rps, busiest.tasks);
  const { cpu, memory } = webService(recommended);
  const at = new Date(busiest.time).toISOString();
  const { targetP99Ms } = recommended.slo;
  return {
    p99Ms: Number.isFinite(p99) ? p99 : null,
    targetP99Ms,
    meetsTarget: p99 <= targetP99Ms,
    peak: { at, cpuUnits: busiest.cpuUnits, rps },
    tasks: busiest.tasks,
    utilization: utilization(recommended, rps, busiest.tasks),
    assumption: `peak load = the most CPU used in one minute (${busiest.cpuUnits.toFixed(1)} CPU units over ${plural(busiest.tasks, "task")} at ${at}) / the workload's ${cpuMsPerRequest} CPU ms per request = ${rps.toFixed(1)} rps, all CPU counted as request work; p99 from the SLO model (per-node routing, one node per AZ) at that rate on ${busiest.tasks === 1 ? "that task" : `those ${busiest.tasks} tasks`} at ${cpu} CPU / ${memory} MiB, before autoscaling adds any`,
  };
}
