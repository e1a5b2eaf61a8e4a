/**
 * Right-sizing the API task from measured utilization: the smallest valid Fargate size that
 * - has CPU headroom: p95 of the per-task CPU used, divided by the CPU target-tracking target, so
 *   the busy 5% of minutes run at the target rather than above it (autoscaling handles the rest by
 *   adding tasks); a task never gets more vCPU than its processes can use (one each, single-threaded);
 * - has memory headroom: the peak memory used plus 25%, because memory is a hard limit on Fargate
 *   (the task is killed at it) and the measured window may miss a GC high-water mark or a deploy's
 *   warm-up;
 * - still meets the p99 target in every hour of the week in the SLO model (a size below the
 *   latency floor is stepped up, and the note says so).
 * Savings come from the injected cost function (the cost model) applied to the stack as configured
 * (the size `pulumi up` would deploy) and with the recommended size. The rule sizes one task for its
 * own measured load, so it can recommend a larger size than the configured one; the result then
 * says that it costs more and which part of the rule asks for it.
 * Like AWS Compute Optimizer's recommendation for an ECS service on Fargate, the result carries a
 * finding (over-provisioned, under-provisioned, optimal: findingOf below), how far the samples can
 * be trusted (rightsizeConfidence.ts) and the risk of the recommended size (rightsizeRisk.ts).
 */
import { FARGATE_CPU_VALUES, validMemoryFor } from "../../aws/fargateSizes";
import { PlatformSpec, webService, withWebService } from "../../spec";
import { hourlyLatency } from "../slo/hourly";
import { RightsizeConfidence, rightsizeConfidence } from "./rightsizeConfidence";
import { RightsizeRisk, rightsizeRisk } from "./rightsizeRisk";

/**
 * One task's utilization at one time: the fields of the Container Insights "Task" performance log
 * event (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-reference-performance-logs-ECS.html),
 * read from a CSV file or from CloudWatch by the rightsize command.
 */
export interface TaskMetricSample {
  /** Milliseconds since the epoch. */
  timestamp: number;
  taskId: string;
  cpuUtilizedUnits: number;
  cpuReservedUnits: number;
  memoryUtilizedMiB: number;
  memoryReservedMiB: number;
}

export const CPU_PERCENTILE = 0.95;
export const MEMORY_HEADROOM = 0.25;

export interface TaskSize {
  cpu: number;
  memory: number;
}

/**
 * Compute Optimizer's finding for an ECS service, in its words: under-provisioned when there is not
 * enough CPU or memory, over-provisioned when there is too much, optimized when both fit
 * (https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_ECSServiceRecommendation.html,
 * "finding"). Here "optimal" is Compute Optimizer's "optimized".
 */
export type RightsizeFinding = "over-provisioned" | "under-provisioned" | "optimal";

/**
 * The configured size against the recommended one: under-provisioned when the recommendation is
 * larger in CPU or memory (a dimension short of what the workload needs outweighs one with room to
 * spare), over-provisioned when it is smaller in one and larger in neither, optimal when equal.
 */
export function findingOf(configured: TaskSize, recommended: TaskSize): RightsizeFinding {
  if (recommended.cpu > configured.cpu || recommended.memory > configured.memory) return "under-provisioned";
  if (recommended.cpu < configured.cpu || recommended.memory < configured.memory) return "over-provisioned";
  return "optimal";
}

export interface RightsizeResult {
  /** The configured size judged against the recommendation. */
  finding: RightsizeFinding;
  /** How far the samples can be trusted and why not more. */
  confidence: RightsizeConfidence;
  /** One sentence per confidence reason: what was observed, the threshold, what it means, what to do. */
  warnings: string[];
  /** The recommended size's p99 at the observed peak in the SLO model. */
  risk: RightsizeRisk;
  window: { from: string; to: string; samples: number; tasks: number };
  /** The size the samples were measured on (their latest reserved values). */
  measured: TaskSize;
  /** The size the stack config gives (what `pulumi up` would deploy): the savings baseline. */
  configured: TaskSize;
  observed: { cpuP95Units: number; cpuMaxUnits: number; memoryPeakMiB: number };
  needed: { cpuUnits: number; memoryMiB: number };
  recommended: TaskSize;
  /** The cost model's monthly USD for the stack as configured. */
  currentMonthlyUsd: number;
  recommendedMonthlyUsd: number;
  /** currentMonthlyUsd - recommendedMonthlyUsd: negative when the recommendation costs more. */
  monthlySavingsUsd: number;
  /** Why the recommendation is larger than the configured size (and costs more); null when it is not larger. */
  largerBecause: string | null;
  notes: string[];
}

const max = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);
const min = (values: readonly number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function withSize(spec: PlatformSpec, size: TaskSize): PlatformSpec {
  return withWebService(spec, (web) => ({ ...web, cpu: size.cpu, memory: size.memory }));
}

function meetsLatency(spec: PlatformSpec): boolean {
  return hourlyLatency(spec).every((h) => h.p99Ms !== null && h.p99Ms <= spec.slo.targetP99Ms);
}

/** The smallest size with at least `cpuUnits` and `memoryMiB`, or null when none is large enough. */
export function smallestSize(cpuUnits: number, memoryMiB: number, minimumCpu = 0): TaskSize | null {
  for (const cpu of FARGATE_CPU_VALUES.filter((c) => c >= cpuUnits && c >= minimumCpu)) {
    const memory = validMemoryFor(cpu).find((m) => m >= memoryMiB);
    if (memory !== undefined) return { cpu, memory };
  }
  return null;
}

/**
 * Why `recommended` is larger than the configured size in CPU or memory: each part of the rule that
 * asks for more than the configured size (p95 CPU over the target, peak memory plus the margin, the
 * SLO model's latency floor). One always does: when the configured size holds the needed CPU and
 * memory, the utilization-based size is no larger than it, so only the latency floor can grow it.
 * null when neither dimension grows.
 */
function whyLarger(
  spec: PlatformSpec,
  recommended: TaskSize,
  bySize: TaskSize,
  cpuP95Units: number,
  needed: { cpuUnits: number; memoryMiB: number },
): string | null {
  const { cpu, memory, cpuTargetPercent } = webService(spec);
  if (recommended.cpu <= cpu && recommended.memory <= memory) return null;
  const reasons: string[] = [];
  if (needed.cpuUnits > cpu)
    reasons.push(
      `the per-task rule asks for p95 CPU ${cpuP95Units.toFixed(1)} units / CPU target ${cpuTargetPercent}% = ${Math.round(needed.cpuUnits)} CPU units, more than the configured ${cpu}`,
    );
  if (needed.memoryMiB > memory)
    reasons.push(
      `peak memory + ${MEMORY_HEADROOM * 100}% = ${Math.round(needed.memoryMiB)} MiB, more than the configured ${memory}`,
    );
  if (recommended.cpu > Math.max(cpu, bySize.cpu))
    reasons.push(`the SLO model needs ${recommended.cpu} CPU units to keep p99 under ${spec.slo.targetP99Ms} ms`);
  return `${recommended.cpu} CPU / ${recommended.memory} MiB is larger than the configured ${cpu} / ${memory}: ${reasons.join("; ")}.`;
}

export function rightsize(
  spec: PlatformSpec,
  samples: readonly TaskMetricSample[],
  costOf: (spec: PlatformSpec) => number,
): RightsizeResult {
  const notes: string[] = [];
  const latest = samples.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a));
  const measured = { cpu: latest.cpuReservedUnits, memory: latest.memoryReservedMiB };
  const web = webService(spec);
  const configured = { cpu: web.cpu, memory: web.memory };
  if (measured.cpu !== configured.cpu || measured.memory !== configured.memory) {
    notes.push(
      `The samples were measured on ${measured.cpu} CPU / ${measured.memory} MiB, the stack config says ${configured.cpu} / ${configured.memory}: savings are against the configured size, the one \`pulumi up\` deploys.`,
    );
  }
  const cpuValues = samples.map((s) => s.cpuUtilizedUnits);
  const cpuP95Units = percentile(cpuValues, CPU_PERCENTILE);
  const memoryPeakMiB = max(samples.map((s) => s.memoryUtilizedMiB));
  const usableCpu = web.processesPerTask * 1024;
  const wantedCpu = cpuP95Units / (web.cpuTargetPercent / 100);
  if (wantedCpu > usableCpu) {
    notes.push(
      `p95 CPU / target asks for ${Math.round(wantedCpu)} CPU units, but ${web.processesPerTask} single-threaded process(es) use at most ${usableCpu}: more tasks, not bigger ones.`,
    );
  }
  const needed = { cpuUnits: Math.min(wantedCpu, usableCpu), memoryMiB: memoryPeakMiB * (1 + MEMORY_HEADROOM) };
  const bySize = smallestSize(needed.cpuUnits, needed.memoryMiB);
  if (bySize === null) {
    throw new Error(
      `no Fargate size has ${Math.round(needed.cpuUnits)} CPU units and ${Math.round(needed.memoryMiB)} MiB: the task needs splitting`,
    );
  }
  let recommended = bySize;
  while (!meetsLatency(withSize(spec, recommended))) {
    const larger = smallestSize(0, needed.memoryMiB, recommended.cpu + 1);
    if (larger === null) {
      notes.push(
        `No size meets the ${spec.slo.targetP99Ms} ms p99 target in every hour of the SLO model; recommending the utilization-based size.`,
      );
      recommended = bySize;
      break;
    }
    recommended = larger;
  }
  if (recommended !== bySize) {
    notes.push(
      `Utilization alone allows ${bySize.cpu} CPU / ${bySize.memory} MiB; ${recommended.cpu} CPU is the smallest that meets the ${spec.slo.targetP99Ms} ms p99 target in the SLO model.`,
    );
  }
  const currentMonthlyUsd = costOf(spec);
  const recommendedMonthlyUsd = costOf(withSize(spec, recommended));
  const largerBecause = whyLarger(spec, recommended, bySize, cpuP95Units, needed);
  const times = samples.map((s) => s.timestamp);
  return {
    finding: findingOf(configured, recommended),
    ...rightsizeConfidence(samples),
    risk: rightsizeRisk(withSize(spec, recommended), samples),
    window: {
      from: new Date(min(times)).toISOString(),
      to: new Date(max(times)).toISOString(),
      samples: samples.length,
      tasks: new Set(samples.map((s) => s.taskId)).size,
    },
    measured,
    configured,
    observed: { cpuP95Units, cpuMaxUnits: max(cpuValues), memoryPeakMiB },
    needed,
    recommended,
    currentMonthlyUsd,
    recommendedMonthlyUsd,
    monthlySavingsUsd: currentMonthlyUsd - recommendedMonthlyUsd,
    largerBecause,
    notes,
  };
}
