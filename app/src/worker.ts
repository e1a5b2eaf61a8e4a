/**
 * The settlement worker: moves authorized payments to settled. Each round queries every shard of
 * the sparse pending index (KEYS_ONLY: the keys are all it needs) and settles each payment with a
 * conditional UpdateItem. Several workers may run: the condition (still authorized) makes each
 * settlement happen once, and a lost race is counted as skipped, not as an error. The index is
 * eventually consistent, so a just-settled payment can show up again; that too is a skip.
 */
import { AuditLog } from "./auditLog";
import { Clock } from "./clock";
import { describeError, Logger } from "./logger";
import { PENDING_SHARDS } from "./shards";
import { Store } from "./store";

export interface WorkerDeps {
  store: Store;
  logger: Logger;
  /** Each settlement's audit event, written before the settlement is counted. */
  audit: AuditLog;
  clock: Clock;
  batchSize: number;
  pollIntervalMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface BatchResult {
  /** Pending payments the Query returned. */
  found: number;
  settled: number;
  /** Already settled by another worker (or a stale index entry). */
  skipped: number;
}

/**
 * Settles one batch of `shard`, stopping between items once `signal` aborts: each item is one
 * atomic conditional update, so stopping between items leaves nothing half done. One log line per
 * batch, not per item: per-item lines would cost more than the settlement itself.
 */
export async function settleShard(deps: WorkerDeps, shard: string, signal: AbortSignal): Promise<BatchResult> {
  const started = performance.now();
  const ids = await deps.store.queryPending(shard, deps.batchSize);
  const result: BatchResult = { found: ids.length, settled: 0, skipped: 0 };
  for (const id of ids) {
    if (signal.aborted) break;
    const settled = await deps.store.settlePayment(id, new Date(deps.clock.now()).toISOString());
    // A lost race settled nothing here: the winner writes the event. If the audit file cannot be
    // written, the round fails (logged, retried at the poll interval) before this one is counted.
    if (settled !== undefined) deps.audit.record({ type: "payment.settled", payment: settled });
    result[settled !== undefined ? "settled" : "skipped"] += 1;
  }
  if (ids.length > 0) {
    deps.logger.log("info", "settled batch", {
      shard,
      settled: result.settled,
      skipped: result.skipped,
      latencyMs: Math.round(performance.now() - started),
    });
  }
  return result;
}

/** One batch from every shard in turn. */
export async function settleRound(deps: WorkerDeps, signal: AbortSignal): Promise<BatchResult> {
  const total: BatchResult = { found: 0, settled: 0, skipped: 0 };
  for (const shard of PENDING_SHARDS) {
    if (signal.aborted) break;
    const batch = await settleShard(deps, shard, signal);
    total.found += batch.found;
    total.settled += batch.settled;
    total.skipped += batch.skipped;
  }
  return total;
}

/**
 * Rounds until `signal` aborts, sleeping the poll interval after a round that found nothing (or
 * failed: a storage outage is retried at the poll interval, not in a hot loop). Never rejects.
 */
export async function runWorker(deps: WorkerDeps, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    let found = 0;
    try {
      found = (await settleRound(deps, signal)).found;
    } catch (error) {
      deps.logger.log("error", "settlement round failed", { cause: describeError(error) });
    }
    if (found === 0) await deps.sleep(deps.pollIntervalMs, signal);
  }
}
