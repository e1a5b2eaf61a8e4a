/**
 * How far a right-sizing recommendation can be trusted, from the samples it was made from: the
 * checks AWS Compute Optimizer makes before it recommends a Fargate size, plus one for data that
 * cannot be right.
 *
 * - Lookback: Compute Optimizer analyses the last 14 days of an ECS service's utilization by
 *   default (its lookBackPeriod is DAYS_14, DAYS_32 or DAYS_93:
 *   https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_ECSEffectiveRecommendationPreferences.html).
 *   A shorter series (first to last sample) can miss the weekly peak, so the confidence drops to medium.
 * - Amount of data: "Compute Optimizer requires 24 hours of metrics in the past 14 days to generate
 *   recommendations for Amazon ECS service on Fargate"
 *   (https://docs.aws.amazon.com/compute-optimizer/latest/ug/view-ecs-recommendations.html).
 *   Here the hours of data are the distinct clock hours (UTC) with at least one sample; under 24,
 *   the confidence is low.
 * - Used above reserved: a Fargate task cannot use more CPU or memory than its task-level size
 *   (Fargate requires CPU and memory at the task level, and container limits and reservations fit
 *   within it: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-size-best-practice.html),
 *   so a sample above its reservation is not a task-level measurement (a container-level
 *   reservation, or wrong data); the confidence is low.
 *
 * Levels: low when any low-confidence condition holds, else medium when any medium one does, else high.
 */
import { plural } from "../../format";
import type { TaskMetricSample } from "./rightsize";

/** Compute Optimizer's default lookback for ECS services on Fargate (see above). */
export const LOOKBACK_DAYS = 14;
/** Compute Optimizer's minimum of metric data for ECS services on Fargate (see above). */
export const MIN_HOURS_OF_DATA = 24;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type ConfidenceLevel = "high" | "medium" | "low";

export interface RightsizeConfidence {
  level: ConfidenceLevel;
  /** One short phrase per condition that lowered the level: what was observed against the threshold. */
  reasons: string[];
}

export interface ConfidenceCheck {
  confidence: RightsizeConfidence;
  /** One sentence per reason: what was observed, the threshold, what it means and what to do. */
  warnings: string[];
}

interface Finding {
  level: Exclude<ConfidenceLevel, "high">;
  reason: string;
  warning: string;
}

/** "1.5 hours" under two days, "3.2 days" beyond. */
function spanLabel(ms: number): string {
  return ms < 2 * DAY_MS ? `${(ms / HOUR_MS).toFixed(1)} hours` : `${(ms / DAY_MS).toFixed(1)} days`;
}

function lookback(samples: readonly TaskMetricSample[]): Finding | null {
  const times = samples.map((s) => s.timestamp);
  const span = times.reduce((a, b) => Math.max(a, b)) - times.reduce((a, b) => Math.min(a, b));
  if (span >= LOOKBACK_DAYS * DAY_MS) return null;
  return {
    level: "medium",
    reason: `series spans ${spanLabel(span)}, under the ${LOOKBACK_DAYS}-day lookback`,
    warning: `The samples span ${spanLabel(span)} (first to last), under the ${LOOKBACK_DAYS}-day lookback Compute Optimizer uses for Fargate: a weekly peak may be missing. Collect ${LOOKBACK_DAYS} days (--from-cloudwatch --days ${LOOKBACK_DAYS}, or a ${LOOKBACK_DAYS}-day CSV export).`,
  };
}

function hoursOfData(samples: readonly TaskMetricSample[]): Finding | null {
  const hours = new Set(samples.map((s) => Math.floor(s.timestamp / HOUR_MS))).size;
  if (hours >= MIN_HOURS_OF_DATA) return null;
  return {
    level: "low",
    reason: `${plural(hours, "hour")} of data, under ${MIN_HOURS_OF_DATA}`,
    warning: `${plural(samples.length, "sample")} ${samples.length === 1 ? "covers" : "cover"} ${plural(hours, "clock hour")}, under the ${MIN_HOURS_OF_DATA} hours of data Compute Optimizer requires before it recommends a Fargate size: too little to size from. Collect at least ${MIN_HOURS_OF_DATA} hours, ideally ${LOOKBACK_DAYS} days (--from-cloudwatch --days ${LOOKBACK_DAYS}).`,
  };
}

function usedAboveReserved(
  samples: readonly TaskMetricSample[],
  resource: "CPU" | "memory",
  used: (s: TaskMetricSample) => number,
  reserved: (s: TaskMetricSample) => number,
  unit: string,
  column: string,
): Finding | null {
  const over = samples.filter((s) => used(s) > reserved(s));
  if (over.length === 0) return null;
  const worst = over.reduce((a, b) => (used(b) / reserved(b) > used(a) / reserved(a) ? b : a));
  const observed = `${used(worst)} ${unit} used of ${reserved(worst)} reserved`;
  return {
    level: "low",
    reason: `${resource} used above reserved in ${over.length} of ${plural(samples.length, "sample")} (up to ${observed})`,
    warning: `${over.length} of ${plural(samples.length, "sample")} ${over.length === 1 ? "uses" : "use"} more ${resource} than reserved (up to ${observed}, task ${worst.taskId} at ${new Date(worst.timestamp).toISOString()}); a Fargate task cannot use more than its task-level ${resource}, so ${column} is not the task-level size (a container's reservation?) or the data is wrong. Export the Container Insights Type = "Task" events (docs/slo-model.md) and run again.`,
  };
}

export function rightsizeConfidence(samples: readonly TaskMetricSample[]): ConfidenceCheck {
  const findings = [
    lookback(samples),
    hoursOfData(samples),
    usedAboveReserved(
      samples,
      "CPU",
      (s) => s.cpuUtilizedUnits,
      (s) => s.cpuReservedUnits,
      "CPU units",
      "cpuReservedUnits",
    ),
    usedAboveReserved(
      samples,
      "memory",
      (s) => s.memoryUtilizedMiB,
      (s) => s.memoryReservedMiB,
      "MiB",
      "memoryReservedMiB",
    ),
  ].filter((f): f is Finding => f !== null);
  const level = findings.some((f) => f.level === "low") ? "low" : findings.length > 0 ? "medium" : "high";
  return { confidence: { level, reasons: findings.map((f) => f.reason) }, warnings: findings.map((f) => f.warning) };
}
