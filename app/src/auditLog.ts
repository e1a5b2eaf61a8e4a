/**
 * Audit events: one JSON line per change of a payment's state (authorized by the API, settled by the
 * worker), kept apart from the debug and request lines because those may be dropped (the awslogs
 * driver runs them non-blocking) and an audit trail must not be (PCI DSS 10.2).
 *
 * Each event is appended synchronously (appendFileSync) to AUDIT_LOG_PATH before the caller goes on:
 * the API answers a payment only after its line is in the file, the worker counts a settlement only
 * after its line is, so an acknowledged payment always has its audit line. The line is then in the
 * kernel's page cache of the task's volume, which outlives a crash of the process; the forwarder
 * sidecar copies it to a blocking log stream. Without AUDIT_LOG_PATH (local runs) the line goes to
 * stdout with the other lines and `audit: true` tells them apart.
 *
 * An event says what happened to which payment, for how much, by which part of the service and
 * when; nothing else. No card data, no merchant reference, no Idempotency-Key and no request body:
 * the same rules as logger.ts, because the archive keeps these lines for a year.
 */
import { appendFileSync, existsSync, renameSync, statSync } from "fs";
import { Clock } from "./clock";
import { ServiceMode } from "./contract";
import { Payment } from "./store";

/** What happened: the API authorized (created) a payment, or the worker settled one. A replay is not an event. */
export type AuditEventType = "payment.authorized" | "payment.settled";

export interface AuditEvent {
  type: AuditEventType;
  payment: Pick<Payment, "id" | "amount" | "currency" | "status">;
}

export interface AuditLog {
  /** Writes the event's line before returning; throws if it cannot (the caller must not acknowledge then). */
  record(event: AuditEvent): void;
}

/** The line of one event, in a fixed field order. */
export function auditLine(event: AuditEvent, actor: ServiceMode, time: number): string {
  const { id, amount, currency, status } = event.payment;
  return `${JSON.stringify({
    time: new Date(time).toISOString(),
    audit: true,
    type: event.type,
    paymentId: id,
    amount,
    currency,
    status,
    actor,
  })}\n`;
}

/**
 * The file is rotated at this size, so a long-lived task does not fill its ephemeral storage
 * (20 GiB by default on Fargate: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html)
 * and then fail every payment: at most this file, one rotated file and what the forwarder has not
 * copied yet are on disk.
 */
export const AUDIT_SEGMENT_BYTES = 64 * 1024 * 1024;

/**
 * The one rotated file: `<path>.rotated`. The service renames the full file to it only when it does
 * not exist, i.e. once the forwarder has copied and deleted the previous one, so the forwarder knows
 * which file it is and the order of the lines holds.
 */
export function rotatedPath(path: string): string {
  return `${path}.rotated`;
}

/**
 * The audit log of one process: appended to `path` when set (one appendFileSync per event: open,
 * write, close, so after a rotation the next event creates the new file and no descriptor is held),
 * else written through `write` (stdout).
 */
export function createAuditLog(
  path: string | undefined,
  write: (line: string) => void,
  clock: Clock,
  actor: ServiceMode,
  segmentBytes = AUDIT_SEGMENT_BYTES,
): AuditLog {
  return {
    record: (event) => {
      const line = auditLine(event, actor, clock.now());
      if (path === undefined) {
        write(line);
        return;
      }
      appendFileSync(path, line);
      // Rename, never truncate: the forwarder may still be reading the file, and a rename leaves
      // its open descriptor on the same bytes. The line above is complete before the rename.
      if (statSync(path).size >= segmentBytes && !existsSync(rotatedPath(path))) renameSync(path, rotatedPath(path));
    },
  };
}
