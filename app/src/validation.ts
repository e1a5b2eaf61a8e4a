/**
 * What a payment request must look like, checked before anything touches storage so a bad request
 * costs no DynamoDB call. Each rule fails with 400 naming the one field at fault, the first in a
 * fixed order (unknown fields, amount, currency, reference), so the same bad request always gets
 * the same answer.
 */
import { HttpError, invalidField } from "./errors";
import { PAYMENTS_API } from "./contract";

/** A validated payment request; the idempotency fingerprint is computed from exactly these fields. */
export interface PaymentRequest {
  /** Integer minor units (cents), so no floating point rounding; at most Number.MAX_SAFE_INTEGER to stay exact in JSON. */
  amount: number;
  /** ISO 4217 shape (three capital letters); whether the code exists is the card network's call. */
  currency: string;
  /** The merchant's own reference, 1-64 characters. */
  reference: string;
}

/** Request bodies above this are refused with 413 without reading the rest: a payment is ~100 bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

export const IDEMPOTENCY_KEY_HEADER = PAYMENTS_API.idempotencyKeyHeader;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const MAX_REFERENCE_LENGTH = 64;
const FIELDS = ["amount", "currency", "reference"];

/** `application/json`, optionally with `charset=utf-8` (the only encoding JSON allows on the wire, RFC 8259). */
export function isJsonContentType(header: string | undefined): boolean {
  return /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(header ?? "");
}

/**
 * The Idempotency-Key header. The IETF draft defines it as a Structured Field string, `"abc"`; most
 * clients send the bare value, so both are accepted and mean the same key. Visible ASCII only: the
 * key becomes part of a DynamoDB key and a retry must send the identical bytes.
 */
export function validateIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined) {
    throw new HttpError(
      400,
      "missing_idempotency_key",
      `${IDEMPOTENCY_KEY_HEADER} header is required; send a unique value per payment and reuse it on retries.`,
      IDEMPOTENCY_KEY_HEADER,
    );
  }
  const raw = Array.isArray(header) ? header.join(", ") : header;
  const key = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw invalidField(
      IDEMPOTENCY_KEY_HEADER,
      `${IDEMPOTENCY_KEY_HEADER} must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.`,
    );
  }
  return key;
}

/** Parses the body text as JSON: 400 invalid_json when it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_json", "Request body is not valid JSON.");
  }
}

/** The payment request in a parsed body, or 400 naming the field at fault. */
export function validatePaymentRequest(body: unknown): PaymentRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, "invalid_body", "Request body must be a JSON object with amount, currency and reference.");
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !FIELDS.includes(name));
  if (unknown !== undefined) {
    throw invalidField(unknown, `Unknown field ${JSON.stringify(unknown)}; the fields are ${FIELDS.join(", ")}.`);
  }
  const { amount, currency, reference } = fields;
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount <= 0) {
    throw invalidField("amount", `amount must be an integer number of minor units from 1 to ${Number.MAX_SAFE_INTEGER}.`);
  }
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency)) {
    throw invalidField("currency", "currency must be an ISO 4217 code: three capital letters, e.g. EUR.");
  }
  if (typeof reference !== "string" || reference.length < 1 || [...reference].length > MAX_REFERENCE_LENGTH) {
    throw invalidField("reference", `reference must be a string of 1-${MAX_REFERENCE_LENGTH} characters.`);
  }
  return { amount, currency, reference };
}
