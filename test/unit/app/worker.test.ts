/**
 * The settlement worker (app/src/worker.ts) against dynalite: every payment settled exactly once,
 * racing workers skip instead of failing, storage outages are retried at the poll interval, and a
 * stop between items leaves nothing half done.
 */
import { randomUUID } from "crypto";
import { createAuditLog } from "../../../app/src/auditLog";
import { sleep } from "../../../app/src/clock";
import { createLogger } from "../../../app/src/logger";
import { shardOf } from "../../../app/src/shards";
import { startService } from "../../../app/src/start";
import { createStore, Store, StorageError } from "../../../app/src/store";
import { runWorker, settleRound, settleShard, WorkerDeps } from "../../../app/src/worker";
import { pendingIds, rawItem, startTestDynamo, TestDynamo } from "./support/dynamo";
import { captureLogs, LogCapture, postPayment, request, testConfig, until } from "./support/http";

const T0 = Date.UTC(2030, 0, 1);
const SETTLED_AT = "2030-01-01T00:00:10.000Z";

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo.close());

/** A fresh table with `count` authorized payments (in `shard`, or each in its own); returns the store and their ids. */
async function seed(count: number, shard?: string): Promise<{ tableName: string; store: Store; ids: string[] }> {
  const tableName = await dynamo.newTable();
  const store = createStore(dynamo.client, tableName);
  const ids = Array.from({ length: count }, () => randomUUID());
  await Promise.all(
    ids.map((id, i) =>
      store.createPayment(
        {
          id,
          status: "authorized",
          amount: 100 + i,
          currency: "EUR",
          reference: `r${i}`,
          createdAt: new Date(T0 + i).toISOString(),
        },
        shard ?? shardOf(id),
      ),
    ),
  );
  return { tableName, store, ids: ids.sort() };
}

function workerDeps(store: Store, logs: LogCapture, overrides: Partial<WorkerDeps> = {}): WorkerDeps {
  return {
    store,
    logger: createLogger("info", logs.write, { now: () => T0 }),
    audit: createAuditLog(undefined, logs.write, { now: () => Date.parse(SETTLED_AT) }, "worker"),
    clock: { now: () => Date.parse(SETTLED_AT) },
    batchSize: 4,
    pollIntervalMs: 10,
    sleep: async () => undefined,
    ...overrides,
  };
}

const batchLines = (logs: LogCapture) => logs.entries("settled batch");

describe("settlement", () => {
  it("GIVEN 18 authorized payments and batches of 4 THEN rounds settle all 18 exactly once, one log line per batch", async () => {
    const { tableName, store, ids } = await seed(18);
    const logs = captureLogs();
    const deps = workerDeps(store, logs);
    const never = new AbortController().signal;
    const rounds: number[] = [];
    for (let found = -1; found !== 0;) {
      const round = await settleRound(deps, never);
      expect(round.skipped).toBe(0);
      found = round.found;
      rounds.push(round.settled);
    }
    expect(rounds.reduce((a, b) => a + b)).toBe(18);
    expect(rounds[rounds.length - 1]).toBe(0);
    expect(await pendingIds(dynamo.client, tableName)).toEqual([]);
    for (const id of ids) {
      const item = await rawItem(dynamo.client, tableName, `payment#${id}`);
      expect([item?.status, item?.settledAt, item?.pendingShard]).toEqual([{ S: "settled" }, { S: SETTLED_AT }, undefined]);
    }
    const lines = batchLines(logs);
    expect(lines.reduce((sum, line) => sum + (line.settled as number), 0)).toBe(18);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(["latencyMs", "level", "msg", "settled", "shard", "skipped", "time"]);
      expect([line.level, line.skipped, (line.settled as number) <= 4]).toEqual(["info", 0, true]);
    }
  });

  it("GIVEN a second worker holding a stale batch (read before the first settled it) THEN it skips every item, no error", async () => {
    const { tableName, store, ids } = await seed(6);
    const shard = shardOf(ids[0]);
    const stale = await store.queryPending(shard, 25);
    const logs = captureLogs();
    const first = await settleShard(workerDeps(store, logs, { batchSize: 25 }), shard, new AbortController().signal);
    const staleStore: Store = { ...store, queryPending: async () => stale };
    const second = await settleShard(workerDeps(staleStore, logs, { batchSize: 25 }), shard, new AbortController().signal);
    expect(first).toEqual({ found: stale.length, settled: stale.length, skipped: 0 });
    expect(second).toEqual({ found: stale.length, settled: 0, skipped: stale.length });
    expect(batchLines(logs).map((line) => [line.shard, line.settled, line.skipped])).toEqual([
      [shard, stale.length, 0],
      [shard, 0, stale.length],
    ]);
    expect(logs.entries().filter((line) => line.level === "error")).toEqual([]);
    expect((await pendingIds(dynamo.client, tableName)).filter((id) => stale.includes(id))).toEqual([]);
  });

  it("GIVEN two workers racing over the same 20 payments THEN each is settled by exactly one of them", async () => {
    const { tableName, store } = await seed(20);
    const logs = captureLogs();
    const never = new AbortController().signal;
    const race = async () => {
      let settled = 0;
      for (let found = -1; found !== 0;) {
        const round = await settleRound(workerDeps(store, logs, { batchSize: 3 }), never);
        found = round.found;
        settled += round.settled;
      }
      return settled;
    };
    const [a, b] = await Promise.all([race(), race()]);
    expect(a + b).toBe(20);
    expect(await pendingIds(dynamo.client, tableName)).toEqual([]);
    expect(logs.entries().filter((line) => line.level === "error")).toEqual([]);
  });
});

describe("the worker loop", () => {
  it("GIVEN 12 payments in one batch and a stop after the third settlement THEN the loop ends between items: 3 settled, the rest still pending and untouched", async () => {
    const { tableName, store, ids } = await seed(12, "5");
    const stop = new AbortController();
    let settles = 0;
    const stopping: Store = {
      ...store,
      settlePayment: async (id, at) => {
        const done = await store.settlePayment(id, at);
        settles += 1;
        if (settles === 3) stop.abort();
        return done;
      },
    };
    await runWorker(workerDeps(stopping, captureLogs(), { batchSize: 25 }), stop.signal);
    const pending = await pendingIds(dynamo.client, tableName);
    expect([settles, pending.length]).toEqual([3, 9]);
    for (const id of ids) {
      const item = await rawItem(dynamo.client, tableName, `payment#${id}`);
      const settled = !pending.includes(id);
      // All or nothing per item: settled with settledAt and out of the index, or authorized and in it.
      expect([item?.status.S, item?.settledAt !== undefined, item?.pendingShard !== undefined]).toEqual(
        settled ? ["settled", true, false] : ["authorized", false, true],
      );
    }
  });

  it("GIVEN an empty index THEN the loop sleeps the poll interval after each round; GIVEN a storage outage THEN an error line and the same sleep", async () => {
    const { store } = await seed(0);
    const logs = captureLogs();
    const stop = new AbortController();
    const sleeps: number[] = [];
    let queries = 0;
    const failingOnce: Store = {
      ...store,
      queryPending: async (shard, limit) => {
        queries += 1;
        if (queries === 1) throw new StorageError("query pending payments", new Error("connect ECONNREFUSED"));
        return store.queryPending(shard, limit);
      },
    };
    const deps = workerDeps(failingOnce, logs, {
      pollIntervalMs: 250,
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 2) stop.abort();
      },
    });
    await runWorker(deps, stop.signal);
    // Round 1 fails at its first Query; round 2 queries all 8 shards and finds nothing.
    expect([sleeps, queries]).toEqual([[250, 250], 9]);
    expect(logs.entries("settlement round failed")).toEqual([
      {
        time: "2030-01-01T00:00:00.000Z",
        level: "error",
        msg: "settlement round failed",
        cause: "StorageError: query pending payments failed: Error: connect ECONNREFUSED",
      },
    ]);
    expect(batchLines(logs)).toEqual([]);
  });

  it("GIVEN a worker service polling every 10 s WHEN it is stopped THEN it exits 0 at once; it serves health but no payment routes", async () => {
    const { tableName, ids } = await seed(5);
    const logs = captureLogs();
    const service = await startService(testConfig({ mode: "worker", tableName, workerPollIntervalMs: 10_000 }), {
      client: dynamo.client,
      write: logs.write,
      clock: { now: () => T0 },
      work: { cpu: () => undefined, downstream: async () => undefined },
      newId: randomUUID,
      leaseMs: 10_000,
      sleep,
      host: "127.0.0.1",
    });
    await until(() => batchLines(logs).reduce((sum, line) => sum + (line.settled as number), 0) === 5);
    expect(await pendingIds(dynamo.client, tableName)).toEqual([]);
    expect(ids).toHaveLength(5);
    const health = await request(service.port, { path: "/health" });
    const post = await postPayment(service.port, "k", { amount: 1, currency: "EUR", reference: "r" });
    expect([health.status, post.status]).toEqual([200, 404]);
    const started = performance.now();
    expect(await service.stop()).toBe(0);
    // Not the 10 s poll interval: the sleep ends when the stop aborts it.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(
      logs
        .entries()
        .map((line) => (line.audit === true ? "audit" : line.msg))
        .filter((msg) => msg !== "settled batch" && msg !== "audit"),
    ).toEqual(["listening", "request", "request", "draining", "drained"]);
    // Without AUDIT_LOG_PATH the settlement events go to stdout: one per payment, as the worker.
    expect(
      logs
        .entries()
        .filter((line) => line.audit === true)
        .map((line) => [line.type, line.paymentId, line.status, line.actor]),
    ).toEqual(expect.arrayContaining(ids.map((id) => ["payment.settled", id, "settled", "worker"])));
    expect(logs.entries().filter((line) => line.audit === true)).toHaveLength(5);
  });
});
