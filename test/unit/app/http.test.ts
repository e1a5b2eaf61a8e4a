/**
 * The API over HTTP: a real server on 127.0.0.1 (port 0) against one dynalite for the file, every
 * status code and the idempotency rules, with the table read through the SDK, not the service.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomUUID } from "crypto";
import { connect } from "net";
import { sleep, systemClock } from "../../../app/src/clock";
import { Config } from "../../../app/src/config";
import { fingerprintOf, IDEMPOTENCY_TTL_SECONDS } from "../../../app/src/idempotency";
import { shardOf } from "../../../app/src/shards";
import { RunningService, ServiceDeps, startService } from "../../../app/src/start";
import { createStore, Store } from "../../../app/src/store";
import { MAX_BODY_BYTES } from "../../../app/src/validation";
import { emulatedWork } from "../../../app/src/work";
import { pendingIds, rawItem, startTestDynamo, TestDynamo } from "./support/dynamo";
import { captureLogs, closedPort, gate, LogCapture, postPayment, request, testConfig, until } from "./support/http";

const PAYMENT = { amount: 1250, currency: "EUR", reference: "order-42" };
const T0 = Date.UTC(2030, 5, 1, 12, 0, 0, 0);
const LEASE = 10_000;

let dynamo: TestDynamo;
const running: RunningService[] = [];

beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
});
afterAll(() => dynamo.close());

interface Api {
  port: number;
  tableName: string;
  logs: LogCapture;
  store: Store;
  /** The ids the service has handed out, in order. */
  ids: string[];
}

/** An API on a fresh table; `now` is the clock's reading (mutable), ids are recorded. */
/** What a task that crashed mid-request leaves: key-1 in flight for PAYMENT with `paymentId`, its lease running from T0. */
async function claimedByCrashedTask(api: Api, paymentId: string): Promise<void> {
  await api.store.claimIdempotency(
    {
      key: "key-1",
      state: "in_flight",
      fingerprint: fingerprintOf(PAYMENT),
      paymentId,
      leaseUntil: T0 + LEASE,
      expiresAt: T0 / 1000 + 86400,
    },
    T0 / 1000,
  );
}

async function startApi(overrides: Partial<ServiceDeps> & { config?: Partial<Config>; now?: { t: number } } = {}): Promise<Api> {
  const tableName = await dynamo.newTable();
  const logs = captureLogs();
  const ids: string[] = [];
  const { config, now, ...deps } = overrides;
  const service = await startService(testConfig({ tableName, ...config }), {
    client: dynamo.client,
    write: logs.write,
    clock: now === undefined ? systemClock : { now: () => now.t },
    work: emulatedWork,
    newId: () => {
      const id = randomUUID();
      ids.push(id);
      return id;
    },
    leaseMs: LEASE,
    sleep,
    host: "127.0.0.1",
    ...deps,
  });
  running.push(service);
  return { port: service.port, tableName, logs, store: createStore(dynamo.client, tableName), ids };
}

/** The request lines without their latency (which varies). */
const requestLines = (logs: LogCapture) =>
  logs.entries("request").map(({ latencyMs, time, ...rest }) => {
    expect(typeof latencyMs).toBe("number");
    expect(typeof time).toBe("string");
    return rest;
  });

describe("health", () => {
  it("GIVEN a running API THEN /health is 200 ok and /ready 200 ready, query strings ignored", async () => {
    const api = await startApi();
    const health = await request(api.port, { path: "/health" });
    const ready = await request(api.port, { path: "/ready?from=alb" });
    expect([health.status, health.json, health.headers["content-type"], health.headers["cache-control"]]).toEqual([
      200,
      { status: "ok" },
      "application/json",
      "no-store",
    ]);
    expect([ready.status, ready.json]).toEqual([200, { status: "ready" }]);
    expect(requestLines(api.logs)).toEqual([
      { level: "info", msg: "request", method: "GET", route: "/health", status: 200, idempotency: "none" },
      { level: "info", msg: "request", method: "GET", route: "/ready", status: 200, idempotency: "none" },
    ]);
  });
});

describe("POST /v1/payments", () => {
  it("GIVEN a new key THEN 201 with the payment, one payment item in the pending index and a completed idempotency record", async () => {
    const now = { t: T0 };
    const api = await startApi({ now });
    const res = await postPayment(api.port, "key-1", PAYMENT);
    const [id] = api.ids;
    const body = { id, status: "authorized", ...PAYMENT, createdAt: "2030-06-01T12:00:00.000Z" };
    expect([res.status, res.json, res.headers["idempotent-replayed"]]).toEqual([201, body, undefined]);
    expect(res.text).toBe(JSON.stringify(body));
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([id]);
    expect(await rawItem(dynamo.client, api.tableName, `payment#${id}`)).toEqual({
      pk: { S: `payment#${id}` },
      id: { S: id },
      status: { S: "authorized" },
      amount: { N: "1250" },
      currency: { S: "EUR" },
      reference: { S: "order-42" },
      createdAt: { S: "2030-06-01T12:00:00.000Z" },
      pendingShard: { S: shardOf(id) },
    });
    expect(await rawItem(dynamo.client, api.tableName, "idempotency#key-1")).toEqual({
      pk: { S: "idempotency#key-1" },
      state: { S: "completed" },
      fingerprint: { S: fingerprintOf(PAYMENT) },
      paymentId: { S: id },
      leaseUntil: { N: String(T0 + LEASE) },
      expiresAt: { N: String(T0 / 1000 + IDEMPOTENCY_TTL_SECONDS) },
      response: { S: res.text },
    });
    expect(requestLines(api.logs)).toEqual([
      { level: "info", msg: "request", method: "POST", route: "/v1/payments", status: 201, idempotency: "created" },
    ]);
  });

  it("GIVEN the same key and the same payment (other key order, charset) THEN the first response is replayed, and still one payment", async () => {
    const api = await startApi();
    const first = await postPayment(api.port, "key-1", PAYMENT);
    const again = await request(api.port, {
      method: "POST",
      path: "/v1/payments",
      headers: { "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": '"key-1"' },
      body: ' { "reference": "order-42", "currency": "EUR", "amount": 1250 } ',
    });
    expect([again.status, again.text, again.headers["idempotent-replayed"]]).toEqual([201, first.text, "true"]);
    expect(api.ids).toHaveLength(2);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([api.ids[0]]);
    expect(requestLines(api.logs).map((line) => [line.status, line.idempotency])).toEqual([
      [201, "created"],
      [201, "replayed"],
    ]);
  });

  it("GIVEN the same key with another payment THEN 422 and no second payment", async () => {
    const api = await startApi();
    await postPayment(api.port, "key-1", PAYMENT);
    const res = await postPayment(api.port, "key-1", { ...PAYMENT, amount: 1251 });
    expect([res.status, res.json]).toEqual([
      422,
      {
        error: {
          code: "idempotency_key_reused",
          message: "This Idempotency-Key was used for a different request; use a new key for a new payment.",
          field: "Idempotency-Key",
        },
      },
    ]);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([api.ids[0]]);
    expect(requestLines(api.logs)[1]).toEqual({
      level: "warn",
      msg: "request",
      method: "POST",
      route: "/v1/payments",
      status: 422,
      idempotency: "mismatch",
    });
  });

  it("GIVEN the first request still at the card network THEN the same key gets 409 with Retry-After, then the replay", async () => {
    const network = gate();
    const api = await startApi({ work: { cpu: () => undefined, downstream: network.wait } });
    const first = postPayment(api.port, "key-1", PAYMENT);
    await network.entered;
    const concurrent = await postPayment(api.port, "key-1", PAYMENT);
    expect([concurrent.status, concurrent.json, concurrent.headers["retry-after"]]).toEqual([
      409,
      {
        error: {
          code: "idempotency_request_in_progress",
          message: "A request with this Idempotency-Key is still in progress; retry later.",
          field: "Idempotency-Key",
        },
      },
      "1",
    ]);
    network.open();
    const created = await first;
    const replay = await postPayment(api.port, "key-1", PAYMENT);
    expect([created.status, replay.status, replay.text]).toEqual([201, 201, created.text]);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([api.ids[0]]);
    expect(requestLines(api.logs).map((line) => line.idempotency)).toEqual(["in_progress", "created", "replayed"]);
  });

  it("GIVEN a task that crashed holding the key (lease expired, no payment) THEN a retry takes over and writes the payment with the recorded id", async () => {
    const now = { t: T0 };
    const api = await startApi({ now });
    const crashedId = randomUUID();
    await claimedByCrashedTask(api, crashedId);
    now.t = T0 + LEASE - 1;
    expect((await postPayment(api.port, "key-1", PAYMENT)).status).toBe(409);
    now.t = T0 + LEASE + 1;
    const res = await postPayment(api.port, "key-1", PAYMENT);
    expect([res.status, res.json]).toEqual([
      201,
      { id: crashedId, status: "authorized", ...PAYMENT, createdAt: new Date(T0 + LEASE + 1).toISOString() },
    ]);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([crashedId]);
    expect((await rawItem(dynamo.client, api.tableName, "idempotency#key-1"))?.leaseUntil).toEqual({
      N: String(T0 + 2 * LEASE + 1),
    });
  });

  it("GIVEN a task that crashed after writing the payment THEN the takeover answers with that payment instead of writing a second one", async () => {
    const now = { t: T0 };
    const api = await startApi({ now });
    const crashedId = randomUUID();
    await claimedByCrashedTask(api, crashedId);
    const written = { id: crashedId, status: "authorized" as const, ...PAYMENT, createdAt: new Date(T0 + 5).toISOString() };
    await api.store.createPayment(written, shardOf(crashedId));
    now.t = T0 + LEASE + 1;
    const res = await postPayment(api.port, "key-1", PAYMENT);
    expect([res.status, res.json]).toEqual([201, written]);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([crashedId]);
    const replay = await postPayment(api.port, "key-1", PAYMENT);
    expect([replay.status, replay.text, replay.headers["idempotent-replayed"]]).toEqual([201, res.text, "true"]);
  });

  it("GIVEN DOWNSTREAM_MS=8000 THEN the lease is stretched to 16 s, twice the emulated request, so a slow attempt is not taken over", async () => {
    const now = { t: T0 };
    // The injected network call ignores the configured time; only the lease arithmetic is under test.
    const api = await startApi({
      now,
      config: { downstreamMs: 8000 },
      work: { cpu: () => undefined, downstream: async () => undefined },
    });
    expect((await postPayment(api.port, "slow", PAYMENT)).status).toBe(201);
    expect((await rawItem(dynamo.client, api.tableName, "idempotency#slow"))?.leaseUntil).toEqual({ N: String(T0 + 16_000) });
  });

  it("GIVEN a lognormal downstream around 80 ms THEN the lease covers twice WORK_MS plus the 8 s cap, not the mean, and each request waits its own draw", async () => {
    const now = { t: T0 };
    const waits: number[] = [];
    // Two uniforms per draw (Box-Muller): U1 = 1 - random() = e^-1/2 gives Z = cos(2π U2): 0 at U2 = 1/4, -1 at U2 = 1/2.
    const uniforms = [1 - Math.exp(-0.5), 0.25, 1 - Math.exp(-0.5), 0.5];
    const api = await startApi({
      now,
      config: { workMs: 5, downstreamMs: 80, downstreamShape: { kind: "lognormal", coefficientOfVariation: 1 } },
      work: { cpu: () => undefined, downstream: async (ms) => void waits.push(ms) },
      random: () => uniforms.shift() as number,
    });
    const created = await postPayment(api.port, "drawn", PAYMENT);
    expect(created.status).toBe(201);
    expect((await request(api.port, { path: `/v1/payments/${(created.json as { id: string }).id}` })).status).toBe(200);
    expect((await rawItem(dynamo.client, api.tableName, "idempotency#drawn"))?.leaseUntil).toEqual({
      N: String(T0 + 2 * (5 + 8000)),
    });
    expect([waits.length, uniforms.length]).toEqual([2, 0]);
    expect(waits[0]).toBeCloseTo(80 / Math.SQRT2, 10);
    expect(waits[1]).toBeCloseTo(Math.exp(Math.log(80) - Math.LN2 / 2 - Math.sqrt(Math.LN2)), 10);
  });

  it("GIVEN the default deployment's downstream (lognormal CV 1 around 30 ms, 10 ms of CPU) THEN the 3 s cap leaves the lease at its 10 s floor", async () => {
    const now = { t: T0 };
    const api = await startApi({
      now,
      config: { workMs: 10, downstreamMs: 30, downstreamShape: { kind: "lognormal", coefficientOfVariation: 1 } },
      work: { cpu: () => undefined, downstream: async () => undefined },
    });
    expect((await postPayment(api.port, "default", PAYMENT)).status).toBe(201);
    expect((await rawItem(dynamo.client, api.tableName, "idempotency#default"))?.leaseUntil).toEqual({ N: String(T0 + LEASE) });
  });

  it("GIVEN a body of exactly 16 KiB THEN it is read; GIVEN 16 KiB + 1 (declared or chunked) THEN 413 and the connection closes", async () => {
    const api = await startApi();
    const json = JSON.stringify(PAYMENT);
    const headers = { "Content-Type": "application/json", "Idempotency-Key": "big" };
    const exact = await request(api.port, {
      method: "POST",
      path: "/v1/payments",
      headers,
      body: json.padEnd(MAX_BODY_BYTES, " "),
    });
    expect(exact.status).toBe(201);
    const tooLarge = {
      error: { code: "payload_too_large", message: "Request body must be at most 16384 bytes." },
    };
    const declared = await request(api.port, {
      method: "POST",
      path: "/v1/payments",
      headers,
      body: json.padEnd(MAX_BODY_BYTES + 1, " "),
    });
    expect([declared.status, declared.json, declared.headers.connection]).toEqual([413, tooLarge, "close"]);
    const chunked = await request(api.port, {
      method: "POST",
      path: "/v1/payments",
      headers,
      chunks: [json.padEnd(MAX_BODY_BYTES, " ")],
      body: " ",
    });
    expect([chunked.status, chunked.json, chunked.headers.connection]).toEqual([413, tooLarge, "close"]);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([api.ids[0]]);
  });

  it("GIVEN a refused request whose body has not arrived yet THEN the answer closes the connection instead of reading the body", async () => {
    const api = await startApi();
    const socket = connect(api.port, "127.0.0.1");
    let response = "";
    socket.on("data", (chunk: Buffer) => (response += chunk.toString()));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    // Headers and a first chunk; the rest of the body never comes.
    socket.write(
      "POST /v1/payments HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    );
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 415 Unsupported Media Type\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/);
  });

  it("GIVEN a client that goes away mid-body THEN the request line says incomplete_body and nothing is written", async () => {
    const api = await startApi();
    const socket = connect(api.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      'POST /v1/payments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: cut\r\nContent-Length: 100\r\n\r\n{"amount"',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await until(() => api.logs.entries("request").length === 1);
    expect(requestLines(api.logs)).toEqual([
      {
        level: "warn",
        msg: "request",
        method: "POST",
        route: "/v1/payments",
        status: 400,
        idempotency: "none",
        code: "incomplete_body",
      },
    ]);
    expect(api.ids).toEqual([]);
  });

  it.each([
    [
      "no Idempotency-Key",
      { "Content-Type": "application/json" },
      JSON.stringify(PAYMENT),
      400,
      {
        code: "missing_idempotency_key",
        message: "Idempotency-Key header is required; send a unique value per payment and reuse it on retries.",
        field: "Idempotency-Key",
      },
    ],
    [
      "a 256-character Idempotency-Key",
      { "Content-Type": "application/json", "Idempotency-Key": "k".repeat(256) },
      JSON.stringify(PAYMENT),
      400,
      { code: "invalid_field", message: "Idempotency-Key must be 1-255 visible ASCII characters.", field: "Idempotency-Key" },
    ],
    [
      "text/plain",
      { "Content-Type": "text/plain", "Idempotency-Key": "k" },
      JSON.stringify(PAYMENT),
      415,
      { code: "unsupported_media_type", message: "Content-Type must be application/json.", field: "Content-Type" },
    ],
    [
      "no Content-Type",
      { "Idempotency-Key": "k" },
      JSON.stringify(PAYMENT),
      415,
      { code: "unsupported_media_type", message: "Content-Type must be application/json.", field: "Content-Type" },
    ],
    [
      "malformed JSON",
      { "Content-Type": "application/json", "Idempotency-Key": "k" },
      '{"amount": 12',
      400,
      { code: "invalid_json", message: "Request body is not valid JSON." },
    ],
    [
      "an unknown field",
      { "Content-Type": "application/json", "Idempotency-Key": "k" },
      JSON.stringify({ ...PAYMENT, card: "4111" }),
      400,
      { code: "invalid_field", message: 'Unknown field "card"; the fields are amount, currency, reference.', field: "card" },
    ],
    [
      "an amount in major units",
      { "Content-Type": "application/json", "Idempotency-Key": "k" },
      JSON.stringify({ ...PAYMENT, amount: 12.5 }),
      400,
      {
        code: "invalid_field",
        message: "amount must be an integer number of minor units from 1 to 9007199254740991.",
        field: "amount",
      },
    ],
  ])("GIVEN %s THEN the exact 4xx error, nothing written", async (_label, headers, body, status, error) => {
    const api = await startApi();
    const res = await request(api.port, { method: "POST", path: "/v1/payments", headers, body });
    expect([res.status, res.json]).toEqual([status, { error }]);
    expect(await pendingIds(dynamo.client, api.tableName)).toEqual([]);
    expect(requestLines(api.logs)).toEqual([
      { level: "warn", msg: "request", method: "POST", route: "/v1/payments", status, idempotency: "none", code: error.code },
    ]);
  });
});

describe("GET /v1/payments/{id}", () => {
  it("GIVEN a created payment THEN 200 with it; once settled THEN with settledAt", async () => {
    const api = await startApi({ now: { t: T0 } });
    const created = await postPayment(api.port, "key-1", PAYMENT);
    const [id] = api.ids;
    const read = await request(api.port, { path: `/v1/payments/${id}` });
    expect([read.status, read.text]).toEqual([200, created.text]);
    await api.store.settlePayment(id, "2030-06-01T12:00:01.000Z");
    const settled = await request(api.port, { path: `/v1/payments/${id}` });
    expect([settled.status, settled.json]).toEqual([
      200,
      { id, status: "settled", ...PAYMENT, createdAt: "2030-06-01T12:00:00.000Z", settledAt: "2030-06-01T12:00:01.000Z" },
    ]);
    expect(requestLines(api.logs)[1]).toEqual({
      level: "info",
      msg: "request",
      method: "GET",
      route: "/v1/payments/{id}",
      status: 200,
      idempotency: "none",
    });
  });

  it.each([[randomUUID()], ["not-a-uuid"], ["%E0%A4%A"]])("GIVEN id %s THEN 404 not_found", async (id) => {
    const api = await startApi();
    const res = await request(api.port, { path: `/v1/payments/${id}` });
    expect([res.status, res.json]).toEqual([404, { error: { code: "not_found", message: "No such resource." } }]);
  });
});

describe("routing", () => {
  it.each([
    ["GET", "/v1/payments", 405, "POST", { code: "method_not_allowed", message: "Use POST." }],
    ["DELETE", `/v1/payments/${randomUUID()}`, 405, "GET", { code: "method_not_allowed", message: "Use GET." }],
    ["POST", "/health", 405, "GET", { code: "method_not_allowed", message: "Use GET." }],
    ["PUT", "/ready", 405, "GET", { code: "method_not_allowed", message: "Use GET." }],
    ["GET", "/", 404, undefined, { code: "not_found", message: "No such resource." }],
    ["GET", "/v1/payments/", 404, undefined, { code: "not_found", message: "No such resource." }],
    ["GET", "/v1/payments/a/b", 404, undefined, { code: "not_found", message: "No such resource." }],
  ])("GIVEN %s %s THEN %d (Allow: %s)", async (method, path, status, allow, error) => {
    const api = await startApi();
    const res = await request(api.port, { method, path });
    expect([res.status, res.json, res.headers.allow]).toEqual([status, { error }, allow]);
    expect(requestLines(api.logs)[0].route).toBe(
      status === 404 ? "unmatched" : path.startsWith("/v1/payments/") ? "/v1/payments/{id}" : path,
    );
  });
});

describe("failures", () => {
  /** A client for a DynamoDB that is not there: one attempt, connection refused. */
  async function deadClient(): Promise<DynamoDBClient> {
    return new DynamoDBClient({
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
  }

  it("GIVEN storage down THEN header and body errors still answer 400/415 (checked before storage), a valid POST and a GET answer 503 with an error line", async () => {
    const client = await deadClient();
    const api = await startApi({ client });
    const noKey = await request(api.port, {
      method: "POST",
      path: "/v1/payments",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    const badBody = await postPayment(api.port, "k", { amount: 1 });
    const valid = await postPayment(api.port, "k", PAYMENT);
    const read = await request(api.port, { path: `/v1/payments/${randomUUID()}` });
    const unavailable = {
      error: { code: "storage_unavailable", message: "Payment storage is unavailable; retry with the same Idempotency-Key." },
    };
    expect([noKey.status, badBody.status, valid.status, valid.json, read.status, read.json]).toEqual([
      400,
      400,
      503,
      unavailable,
      503,
      unavailable,
    ]);
    const lines = requestLines(api.logs);
    expect(lines.map((line) => [line.level, line.status, line.code])).toEqual([
      ["warn", 400, "missing_idempotency_key"],
      ["warn", 400, "invalid_field"],
      ["error", 503, "storage_unavailable"],
      ["error", 503, "storage_unavailable"],
    ]);
    expect(lines[2].cause).toMatch(/^StorageError: claim idempotency key failed: .*ECONNREFUSED/);
    expect(lines[3].cause).toMatch(/^StorageError: read payment failed: .*ECONNREFUSED/);
    client.destroy();
  });

  it("GIVEN a bug below the router THEN 500 internal_error with no detail, and the cause only in the log", async () => {
    const api = await startApi({
      work: { cpu: () => undefined, downstream: () => Promise.reject(new RangeError("card network exploded")) },
    });
    const res = await postPayment(api.port, "k", PAYMENT);
    expect([res.status, res.text]).toEqual([500, '{"error":{"code":"internal_error","message":"Internal error."}}']);
    expect(requestLines(api.logs)).toEqual([
      {
        level: "error",
        msg: "request",
        method: "POST",
        route: "/v1/payments",
        status: 500,
        idempotency: "none",
        code: "internal_error",
        cause: "RangeError: card network exploded",
      },
    ]);
  });
});

describe("request log", () => {
  it("GIVEN LOG_LEVEL=warn THEN successful requests write nothing and a 404 writes its line; every line is far below 1 KB", async () => {
    const api = await startApi({ config: { logLevel: "warn" } });
    await postPayment(api.port, "k", PAYMENT);
    await request(api.port, { path: "/nope" });
    expect(requestLines(api.logs).map((line) => line.status)).toEqual([404]);
    for (const line of api.logs.lines) expect(Buffer.byteLength(line)).toBeLessThan(300);
  });
});
