/**
 * The payments API: create a payment under an Idempotency-Key, read one back. Handlers return the
 * reply (status, body, headers) plus the idempotency outcome the request line logs; errors with no
 * idempotency meaning are thrown as HttpError and rendered by the router.
 */
import { AuditLog } from "./auditLog";
import { HttpError, notFound } from "./errors";
import { PAYMENTS_API } from "./contract";
import { beginAttempt, fingerprintOf, IdempotencyDeps } from "./idempotency";
import { IdempotencyOutcome } from "./logger";
import { shardOf } from "./shards";
import { Payment } from "./store";
import { IDEMPOTENCY_KEY_HEADER, PaymentRequest } from "./validation";
import { Work } from "./work";

export interface PaymentsDeps extends IdempotencyDeps {
  /** Each created payment's audit event, written before the payment is answered. */
  audit: AuditLog;
  work: Work;
  workMs: number;
  /** Each request's emulated downstream wait in milliseconds (downstreamDelay.ts: DOWNSTREAM_MS drawn with DOWNSTREAM_SHAPE). */
  downstreamWaitMs: () => number;
}

export interface Reply {
  status: number;
  /** JSON text: a replay sends the stored bytes unchanged. */
  body: string;
  headers?: Record<string, string>;
  idempotency?: IdempotencyOutcome;
}

/** Replies that replay a stored response carry this (the draft's convention, also Stripe's). */
export const REPLAYED_HEADER = PAYMENTS_API.replayedHeader;

/** The payment as JSON with a fixed field order, so the stored response and a later GET read alike. */
export function paymentJson(payment: Payment): string {
  const { id, status, amount, currency, reference, createdAt, settledAt } = payment;
  return JSON.stringify({ id, status, amount, currency, reference, createdAt, settledAt });
}

const errorReply = (error: HttpError, idempotency: IdempotencyOutcome): Reply => ({
  status: error.status,
  body: JSON.stringify(error.body()),
  headers: { ...error.headers },
  idempotency,
});

/** POST /v1/payments with a validated body and key. */
export async function createPayment(deps: PaymentsDeps, key: string, request: PaymentRequest): Promise<Reply> {
  const fingerprint = fingerprintOf(request);
  const attempt = await beginAttempt(deps, key, fingerprint);
  switch (attempt.kind) {
    case "replay":
      return { status: 201, body: attempt.response, headers: { [REPLAYED_HEADER]: "true" }, idempotency: "replayed" };
    case "mismatch":
      return errorReply(
        new HttpError(
          422,
          "idempotency_key_reused",
          `This ${IDEMPOTENCY_KEY_HEADER} was used for a different request; use a new key for a new payment.`,
          IDEMPOTENCY_KEY_HEADER,
        ),
        "mismatch",
      );
    case "in_progress":
      return errorReply(
        new HttpError(
          409,
          "idempotency_request_in_progress",
          `A request with this ${IDEMPOTENCY_KEY_HEADER} is still in progress; retry later.`,
          IDEMPOTENCY_KEY_HEADER,
          {
            "Retry-After": "1",
          },
        ),
        "in_progress",
      );
  }
  // Where a real service calls the card network: after owning the key, before writing the payment,
  // so a crash here leaves nothing but a lease for the retry to take over.
  deps.work.cpu(deps.workMs);
  await deps.work.downstream(deps.downstreamWaitMs());
  const candidate: Payment = {
    id: attempt.paymentId,
    status: "authorized",
    ...request,
    createdAt: new Date(deps.clock.now()).toISOString(),
  };
  const written = await deps.store.createPayment(candidate, shardOf(candidate.id));
  // Not written: an attempt we took over (or that took over from us) wrote it first. Payments are
  // never deleted (the service has no DeleteItem), so it is there to read; answer with it, not a second one.
  const payment = written ? candidate : ((await deps.store.getPayment(candidate.id)) as Payment);
  const body = paymentJson(payment);
  // Before the key completes and the 201 goes out: if the audit line cannot be written, the request
  // fails (500) with the key still in flight, and the client's retry takes the attempt over and
  // writes the line. An attempt that took over writes it too (the crashed one may not have): a
  // payment can have two identical authorized lines (same paymentId), never none. A replay writes none.
  deps.audit.record({ type: "payment.authorized", payment });
  // False only when another attempt for this key completed first, with this same payment: our body is its body.
  await deps.store.completeIdempotency(key, fingerprint, body);
  return { status: 201, body, idempotency: "created" };
}

/** Payment ids are UUIDs; anything else cannot exist, so it is a 404 without a read (and never an oversized DynamoDB key). */
const PAYMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * GET /v1/payments/{id}. It does the emulated work too: the platform's model gives every API
 * request the same CPU and downstream time, so a load test that mixes reads and creations loads the
 * tasks as the model assumes.
 */
export async function readPayment(deps: PaymentsDeps, id: string): Promise<Reply> {
  deps.work.cpu(deps.workMs);
  await deps.work.downstream(deps.downstreamWaitMs());
  const payment = PAYMENT_ID.test(id) ? await deps.store.getPayment(id) : undefined;
  if (payment === undefined) throw notFound();
  return { status: 200, body: paymentJson(payment) };
}
