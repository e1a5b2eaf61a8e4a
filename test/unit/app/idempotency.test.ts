/**
 * The idempotency state machine (app/src/idempotency.ts) against an in-memory store with the same
 * conditional semantics as the table: every transition, including the races DynamoDB decides.
 */
import {
  Attempt,
  beginAttempt,
  decide,
  fingerprintOf,
  IDEMPOTENCY_TTL_SECONDS,
  IdempotencyDeps,
} from "../../../app/src/idempotency";
import { IdempotencyRecord, Store } from "../../../app/src/store";

const REQUEST = { amount: 500, currency: "EUR", reference: "inv-1" };
const FP = fingerprintOf(REQUEST);
const LEASE = 10_000;
const T0 = 1_900_000_000_000;

/** The idempotency half of Store over a Map, conditions as in store.ts. */
function memoryStore(): Store & { records: Map<string, IdempotencyRecord>; calls: string[] } {
  const records = new Map<string, IdempotencyRecord>();
  const calls: string[] = [];
  const unused = (): never => {
    throw new Error("not used by the state machine");
  };
  return {
    records,
    calls,
    claimIdempotency: async (record, nowSeconds) => {
      calls.push("claim");
      const existing = records.get(record.key);
      if (existing !== undefined && existing.expiresAt >= nowSeconds) return false;
      records.set(record.key, { ...record });
      return true;
    },
    getIdempotency: async (key) => {
      calls.push("get");
      const record = records.get(key);
      return record && { ...record };
    },
    takeOverLease: async (key, fingerprint, expired, leaseUntil) => {
      calls.push("takeOver");
      const record = records.get(key);
      if (record?.state !== "in_flight" || record.fingerprint !== fingerprint || record.leaseUntil !== expired) return false;
      record.leaseUntil = leaseUntil;
      return true;
    },
    completeIdempotency: async (key, fingerprint, response) => {
      const record = records.get(key);
      if (record?.state !== "in_flight" || record.fingerprint !== fingerprint) return false;
      Object.assign(record, { state: "completed", response });
      return true;
    },
    createPayment: unused,
    getPayment: unused,
    queryPending: unused,
    settlePayment: unused,
  };
}

function deps(store: Store, now: { t: number }, ids: string[] = ["id-1", "id-2", "id-3"]): IdempotencyDeps {
  return { store, clock: { now: () => now.t }, newId: () => ids.shift() as string, leaseMs: LEASE };
}

describe("fingerprint", () => {
  it("GIVEN the same fields THEN the same sha256; GIVEN any field changed THEN another", () => {
    expect(FP).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ reference: "inv-1", currency: "EUR", amount: 500 })).toBe(FP);
    expect(fingerprintOf({ ...REQUEST, amount: 501 })).not.toBe(FP);
    expect(fingerprintOf({ ...REQUEST, currency: "USD" })).not.toBe(FP);
    expect(fingerprintOf({ ...REQUEST, reference: "inv-2" })).not.toBe(FP);
  });
});

describe("decide", () => {
  const record: IdempotencyRecord = {
    key: "k",
    state: "in_flight",
    fingerprint: FP,
    paymentId: "p",
    leaseUntil: T0 + 100,
    expiresAt: 0,
  };

  it.each([
    ["another fingerprint", { ...record, fingerprint: "other" }, T0, { kind: "mismatch" }],
    ["completed", { ...record, state: "completed", response: "{}" }, T0, { kind: "replay", response: "{}" }],
    ["in flight, lease live", record, T0 + 99, { kind: "in_progress" }],
    ["in flight, lease ends now", record, T0 + 100, { kind: "take_over", expiredLeaseUntil: T0 + 100 }],
    ["in flight, lease expired", record, T0 + 5000, { kind: "take_over", expiredLeaseUntil: T0 + 100 }],
    // A completed record with another body is still a client mistake, not a replay.
    ["completed with another fingerprint", { ...record, state: "completed", fingerprint: "x" }, T0, { kind: "mismatch" }],
  ] as const)("GIVEN a record %s THEN %j", (_label, given, now, decision) => {
    expect(decide(given as IdempotencyRecord, FP, now)).toEqual(decision);
  });
});

describe("beginAttempt", () => {
  it("GIVEN a new key THEN it is claimed in flight with a fresh payment id, a 10 s lease and a 24 h TTL", async () => {
    const store = memoryStore();
    const attempt = await beginAttempt(deps(store, { t: T0 }), "k", FP);
    expect(attempt).toEqual({ kind: "proceed", paymentId: "id-1" });
    expect(store.records.get("k")).toEqual({
      key: "k",
      state: "in_flight",
      fingerprint: FP,
      paymentId: "id-1",
      leaseUntil: T0 + LEASE,
      expiresAt: Math.floor(T0 / 1000) + IDEMPOTENCY_TTL_SECONDS,
    });
    expect(store.calls).toEqual(["claim"]);
  });

  it("GIVEN a key in flight THEN 409 until the lease ends, then a takeover that reuses the recorded payment id", async () => {
    const store = memoryStore();
    const now = { t: T0 };
    const d = deps(store, now);
    await beginAttempt(d, "k", FP);
    now.t = T0 + LEASE - 1;
    expect(await beginAttempt(d, "k", FP)).toEqual({ kind: "in_progress" });
    now.t = T0 + LEASE;
    expect(await beginAttempt(d, "k", FP)).toEqual({ kind: "proceed", paymentId: "id-1" });
    expect(store.records.get("k")?.leaseUntil).toBe(T0 + 2 * LEASE);
    // The new lease holds off a third attempt.
    expect(await beginAttempt(d, "k", FP)).toEqual({ kind: "in_progress" });
  });

  it("GIVEN two tasks taking over the same expired lease THEN exactly one proceeds", async () => {
    const store = memoryStore();
    const now = { t: T0 };
    await beginAttempt(deps(store, now), "k", FP);
    now.t = T0 + LEASE + 1;
    const attempts: Attempt[] = await Promise.all([
      beginAttempt(deps(store, now, ["a"]), "k", FP),
      beginAttempt(deps(store, now, ["b"]), "k", FP),
    ]);
    expect(attempts.map((a) => a.kind).sort()).toEqual(["in_progress", "proceed"]);
    expect(attempts.find((a) => a.kind === "proceed")).toEqual({ kind: "proceed", paymentId: "id-1" });
  });

  it("GIVEN a completed key THEN the stored response is replayed; GIVEN another body THEN mismatch", async () => {
    const store = memoryStore();
    const d = deps(store, { t: T0 });
    await beginAttempt(d, "k", FP);
    await store.completeIdempotency("k", FP, '{"id":"id-1"}');
    expect(await beginAttempt(d, "k", FP)).toEqual({ kind: "replay", response: '{"id":"id-1"}' });
    expect(await beginAttempt(d, "k", fingerprintOf({ ...REQUEST, amount: 1 }))).toEqual({ kind: "mismatch" });
  });

  it("GIVEN a key past its 24 h TTL but not yet deleted THEN a new request claims it afresh with a new payment id", async () => {
    const store = memoryStore();
    const now = { t: T0 };
    const d = deps(store, now);
    await beginAttempt(d, "k", FP);
    await store.completeIdempotency("k", FP, "{}");
    now.t = T0 + (IDEMPOTENCY_TTL_SECONDS + 1) * 1000;
    expect(await beginAttempt(d, "k", FP)).toEqual({ kind: "proceed", paymentId: "id-2" });
  });

  it("GIVEN the record vanishes between the claim and the read (TTL deletion) THEN 409, so the client retries", async () => {
    const store = memoryStore();
    store.claimIdempotency = async () => false;
    expect(await beginAttempt(deps(store, { t: T0 }), "k", FP)).toEqual({ kind: "in_progress" });
    expect(store.calls).toEqual(["get"]);
  });
});
