/**
 * What a run measured, as one plain object: the `--json` output and what the table prints.
 * Numbers are rounded here, once: latencies to 0.01 ms, rates to 0.01 rps, durations to 1 ms.
 */
import { roundTo } from "../models/round";
import { ArrivalSchedule } from "./arrivalSchedule";
import { LatencySummary, summarizeLatencies } from "./latencySummary";
import { OpenLoopRun } from "./openLoop";
import { StatusClass } from "./outcomeTally";
import { PaymentTraffic } from "./paymentTraffic";

export interface RunSettings {
  target: string;
  connections: number;
  createPercent: number;
  timeoutMs: number;
}

export interface LoadTestReport {
  target: string;
  /** "open": a fixed arrival rate; latency from each request's scheduled send time. */
  schedule: "open";
  requested: {
    rps: number;
    durationSeconds: number;
    requests: number;
    connections: number;
    createPercent: number;
    timeoutMs: number;
  };
  achieved: {
    /** Answered requests (any status) per second over max(schedule, run): never above the requested rate. */
    rps: number;
    /** From the first send to the last request settled. */
    durationSeconds: number;
    responses: number;
    /** The latest a request left the client after its due time. */
    maxSendLagMs: number;
  };
  /** Over the answered requests; timeouts and transport errors are counted below, not here. */
  latencyMs: LatencySummary;
  statusClasses: Record<StatusClass, number> & Record<string, number>;
  /** Exact status -> answers (201 for creates, 200 for reads when all is well). */
  statuses: Record<string, number>;
  timeouts: number;
  connectionErrors: number;
  /** Transport error code -> requests. */
  errors: Record<string, number>;
  creates: number;
  reads: number;
  replays: number;
  /** Requests without a 2xx answer: non-2xx answers, timeouts and transport errors. */
  failures: number;
}

const ms = (value: number | null): number | null => (value === null ? null : roundTo(value, 2));

export function loadTestReport(
  settings: RunSettings,
  schedule: ArrivalSchedule,
  run: OpenLoopRun,
  traffic: PaymentTraffic,
): LoadTestReport {
  const { tally } = run;
  const latency = summarizeLatencies(tally.latencies());
  const errors = Object.fromEntries([...tally.errors].sort(([a], [b]) => a.localeCompare(b)));
  const elapsedSeconds = run.elapsedMs / 1000;
  return {
    target: settings.target,
    schedule: "open",
    requested: {
      rps: schedule.rps,
      durationSeconds: schedule.durationSeconds,
      requests: schedule.requests,
      connections: settings.connections,
      createPercent: settings.createPercent,
      timeoutMs: settings.timeoutMs,
    },
    achieved: {
      // The schedule spans its duration by construction; a run whose answers trail past it took longer.
      rps: roundTo(tally.responses / Math.max(elapsedSeconds, schedule.durationSeconds), 2),
      durationSeconds: roundTo(elapsedSeconds, 3),
      responses: tally.responses,
      maxSendLagMs: roundTo(run.maxSendLagMs, 2),
    },
    latencyMs: { count: latency.count, p50: ms(latency.p50), p90: ms(latency.p90), p99: ms(latency.p99), max: ms(latency.max) },
    statusClasses: tally.statusClasses(),
    statuses: Object.fromEntries([...tally.statuses].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count])),
    timeouts: tally.timeouts,
    connectionErrors: Object.values(errors).reduce((sum, count) => sum + count, 0),
    errors,
    creates: traffic.creates,
    reads: traffic.reads,
    replays: traffic.replays,
    failures: tally.failures(),
  };
}
