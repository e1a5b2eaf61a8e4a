/** The request rules of app/src/validation.ts, each with the answer a client gets. */
import { HttpError } from "../../../app/src/errors";
import {
  isJsonContentType,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  parseJson,
  validateIdempotencyKey,
  validatePaymentRequest,
} from "../../../app/src/validation";

/** The error body a call throws. */
function failure(run: () => unknown): { status: number; body: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return { status: (error as HttpError).status, body: (error as HttpError).body() };
  }
  throw new Error("expected an HttpError");
}

const VALID = { amount: 1250, currency: "EUR", reference: "order-42" };

describe("payment request validation", () => {
  it("GIVEN a valid body THEN it is returned field by field", () => {
    expect(validatePaymentRequest({ ...VALID })).toEqual(VALID);
  });

  /** What a client gets for a bad `field`: 400, invalid_field, the field named. */
  const FIELD_RULES = {
    amount: "amount must be an integer number of minor units from 1 to 9007199254740991.",
    currency: "currency must be an ISO 4217 code: three capital letters, e.g. EUR.",
    reference: "reference must be a string of 1-64 characters.",
  };

  it.each([
    ["amount", 1, true],
    ["amount", Number.MAX_SAFE_INTEGER, true],
    ["amount", 0, false],
    ["amount", -5, false],
    ["amount", 12.5, false],
    ["amount", Number.MAX_SAFE_INTEGER + 1, false],
    ["amount", "100", false],
    ["amount", null, false],
    ["amount", undefined, false],
    ["currency", "USD", true],
    ["currency", "usd", false],
    ["currency", "EURO", false],
    ["currency", "E1R", false],
    ["currency", 978, false],
    ["reference", "x", true],
    ["reference", "r".repeat(64), true],
    // 64 characters outside the BMP are 128 UTF-16 units: the limit counts characters.
    ["reference", "😀".repeat(64), true],
    ["reference", "", false],
    ["reference", "r".repeat(65), false],
    ["reference", 42, false],
  ] as const)("GIVEN %s %p THEN accepted = %p", (field, value, accepted) => {
    const body = { ...VALID, [field]: value };
    if (accepted) {
      expect(validatePaymentRequest(body)[field]).toBe(value);
      return;
    }
    expect(failure(() => validatePaymentRequest(body))).toEqual({
      status: 400,
      body: { error: { code: "invalid_field", message: FIELD_RULES[field], field } },
    });
  });

  it("GIVEN an unknown field and a bad amount THEN the unknown field is named first", () => {
    expect(failure(() => validatePaymentRequest({ ...VALID, amount: 0, customer: "c-1" }))).toEqual({
      status: 400,
      body: {
        error: {
          code: "invalid_field",
          message: 'Unknown field "customer"; the fields are amount, currency, reference.',
          field: "customer",
        },
      },
    });
  });

  it.each([[null], [[VALID]], ["text"], [7]])("GIVEN body %j THEN 400 invalid_body", (body) => {
    expect(failure(() => validatePaymentRequest(body))).toEqual({
      status: 400,
      body: {
        error: { code: "invalid_body", message: "Request body must be a JSON object with amount, currency and reference." },
      },
    });
  });

  it("GIVEN JSON text THEN it is parsed; GIVEN malformed text THEN 400 invalid_json", () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(failure(() => parseJson('{"amount": 1'))).toEqual({
      status: 400,
      body: { error: { code: "invalid_json", message: "Request body is not valid JSON." } },
    });
  });
});

describe("Idempotency-Key header", () => {
  it.each([
    ["one character", "k", "k"],
    ["a UUID", "8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    // The draft's Structured Field string form means the same key.
    ["a quoted UUID", '"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ["255 characters", "k".repeat(MAX_IDEMPOTENCY_KEY_LENGTH), "k".repeat(255)],
  ])("GIVEN %s THEN the key is the value", (_label, header, key) => {
    expect(validateIdempotencyKey(header)).toBe(key);
  });

  it("GIVEN no header THEN 400 missing_idempotency_key", () => {
    expect(failure(() => validateIdempotencyKey(undefined))).toEqual({
      status: 400,
      body: {
        error: {
          code: "missing_idempotency_key",
          message: "Idempotency-Key header is required; send a unique value per payment and reuse it on retries.",
          field: "Idempotency-Key",
        },
      },
    });
  });

  it.each([
    ["empty", ""],
    ["empty quoted", '""'],
    ["256 characters", "k".repeat(256)],
    ["a space", "has space"],
    ["non-ASCII", "naïve"],
    // Two header lines would join into one value with a space.
    ["two values", ["a", "b"]],
  ])("GIVEN %s THEN 400 invalid_field naming the header", (_label, header) => {
    expect(failure(() => validateIdempotencyKey(header))).toEqual({
      status: 400,
      body: {
        error: {
          code: "invalid_field",
          message: "Idempotency-Key must be 1-255 visible ASCII characters.",
          field: "Idempotency-Key",
        },
      },
    });
  });
});

describe("Content-Type", () => {
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON;charset=UTF-8", true],
    ['application/json; charset="utf-8"', true],
    ["application/json; charset=latin1", false],
    ["text/plain", false],
    ["application/jsonp", false],
    [undefined, false],
  ])("GIVEN %p THEN JSON = %p", (header, json) => {
    expect(isJsonContentType(header)).toBe(json);
  });
});
