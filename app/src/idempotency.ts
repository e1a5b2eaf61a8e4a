/**
 * The Idempotency-Key state machine (IETF httpapi draft "The Idempotency-Key HTTP Header Field"),
 * kept in the table so it holds across tasks, not only within one process:
 *
 *   (none) --claim--> in_flight --complete--> completed
 *                         |  lease expired (the task holding it crashed)
 *                         +--take over--> in_flight (same paymentId, new lease)
 *
 * A new request claims the key with a conditional PutItem. If the key exists, a consistent read
 * decides: another body (fingerprint) -> 422; completed -> replay the stored response; in flight
 * with a live lease -> 409; in flight with an expired lease -> take over with a conditional
 * UpdateItem on exactly the expired lease, and finish the attempt with the recorded payment id.
 */
import { createHash } from "crypto";
import { Clock } from "./clock";
import { IdempotencyRecord, Store } from "./store";
import { PaymentRequest } from "./validation";

/**
 * How long an attempt owns its key: far longer than a request normally takes, short enough that a
 * client retrying after a crashed task waits seconds, not minutes. The service stretches it to twice
 * WORK_MS + the longest downstream wait (DOWNSTREAM_MS when fixed, the cap of a random shape:
 * downstreamDelay.ts) when those are large (start.ts), so a slow attempt is not taken over while
 * it runs (that would be safe - both write the same payment id - but wasted work).
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;

/** How long a key is remembered (the draft suggests at least 24 hours); DynamoDB's TTL then deletes the record. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyDeps {
  store: Store;
  clock: Clock;
  /** A new payment id (randomUUID in the service). */
  newId: () => string;
  leaseMs: number;
}

/**
 * sha256 of the validated fields in a fixed order: the same payment sent with other whitespace,
 * another key order or `; charset=utf-8` is the same request, as the draft intends.
 */
export function fingerprintOf(request: PaymentRequest): string {
  return createHash("sha256")
    .update(JSON.stringify([request.amount, request.currency, request.reference]))
    .digest("hex");
}

/** What to do about a request whose key already has a record. */
export type Decision =
  | { kind: "replay"; response: string }
  | { kind: "mismatch" }
  | { kind: "in_progress" }
  | { kind: "take_over"; expiredLeaseUntil: number };

/** The decision for `record` at time `now`: the pure half of the state machine. */
export function decide(record: IdempotencyRecord, fingerprint: string, now: number): Decision {
  if (record.fingerprint !== fingerprint) return { kind: "mismatch" };
  // A completed record always has its response (both are set by one UpdateItem).
  if (record.state === "completed") return { kind: "replay", response: record.response as string };
  if (record.leaseUntil > now) return { kind: "in_progress" };
  return { kind: "take_over", expiredLeaseUntil: record.leaseUntil };
}

/** The outcome of trying to own a key: proceed with the payment, or answer without doing it. */
export type Attempt = { kind: "proceed"; paymentId: string } | Exclude<Decision, { kind: "take_over" }>;

/** Claims `key` for this request, or takes over an expired attempt, or says why not. */
export async function beginAttempt(deps: IdempotencyDeps, key: string, fingerprint: string): Promise<Attempt> {
  const now = deps.clock.now();
  const nowSeconds = Math.floor(now / 1000);
  const paymentId = deps.newId();
  const claimed = await deps.store.claimIdempotency(
    {
      key,
      state: "in_flight",
      fingerprint,
      paymentId,
      leaseUntil: now + deps.leaseMs,
      expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
    },
    nowSeconds,
  );
  if (claimed) return { kind: "proceed", paymentId };
  const record = await deps.store.getIdempotency(key);
  // Deleted between the two calls (its TTL ran out): the client's retry will claim it afresh.
  if (record === undefined) return { kind: "in_progress" };
  const decision = decide(record, fingerprint, now);
  if (decision.kind !== "take_over") return decision;
  const taken = await deps.store.takeOverLease(key, fingerprint, decision.expiredLeaseUntil, deps.clock.now() + deps.leaseMs);
  // Lost the race to another task taking over (or the original finished): that one answers; this client retries.
  return taken ? { kind: "proceed", paymentId: record.paymentId } : { kind: "in_progress" };
}
