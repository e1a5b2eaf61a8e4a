/**
 * Audit events (app/src/auditLog.ts) and the audit forwarder (app/src/auditForwarder.ts, run.ts
 * runForwarder) with real files in a temporary directory: the line's exact content and what it must
 * never contain, written before the 201 or the settlement count, none for a replay, a failed write
 * that fails the request and is made good by the retry, and the forwarder copying complete lines,
 * waiting for the file, and draining to the end on SIGTERM.
 */
import { randomUUID } from "crypto";
import { EventEmitter } from "events";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { checkAuditFile } from "../../../app/src/auditFileCheck";
import { AUDIT_SEGMENT_BYTES, auditLine, createAuditLog, rotatedPath } from "../../../app/src/auditLog";
import { AUDIT_POLL_INTERVAL_MS, AUDIT_READ_CHUNK_BYTES, forwardAuditLog } from "../../../app/src/auditForwarder";
import { sleep } from "../../../app/src/clock";
import { ConfigError, loadConfig, loadForwarderConfig } from "../../../app/src/config";
import { AUDIT_FORWARDER_MODE, AUDIT_LOG, ENV } from "../../../app/src/contract";
import { createLogger } from "../../../app/src/logger";
import { ProcessPort, run, runForwarder } from "../../../app/src/run";
import { RunningService, startService } from "../../../app/src/start";
import { createStore, Payment } from "../../../app/src/store";
import { validatePaymentRequest } from "../../../app/src/validation";
import { settleShard } from "../../../app/src/worker";
import { NON_ROOT_USER } from "../../../lib/infra/containerDefinitions";
import { AUDIT_EVENT_KB } from "../../../lib/models/cost/assumptions";
import { rawItem, startTestDynamo, TestDynamo } from "./support/dynamo";
import { captureLogs, postPayment, request, testConfig, until } from "./support/http";

const T0 = Date.UTC(2030, 5, 1, 12, 0, 0, 0);
const LEASE = 10_000;
const PAYMENT = { amount: 1250, currency: "EUR", reference: "order-42" };

let dynamo: TestDynamo;
let dir: string;
const running: RunningService[] = [];
beforeAll(async () => {
  dynamo = await startTestDynamo();
  dir = mkdtempSync(join(tmpdir(), "audit-"));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
});
afterAll(async () => {
  await dynamo.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A path in the temporary directory no test has used. */
const freshPath = (): string => join(dir, `events-${(files += 1)}.jsonl`);
const linesOf = (path: string): Record<string, unknown>[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** An API writing its audit events to `auditLogPath`, with a clock the test moves. */
async function startApi(auditLogPath: string, now: { t: number }) {
  const tableName = await dynamo.newTable();
  const logs = captureLogs();
  const ids: string[] = [];
  const service = await startService(testConfig({ tableName, auditLogPath }), {
    client: dynamo.client,
    write: logs.write,
    clock: { now: () => now.t },
    work: { cpu: () => undefined, downstream: async () => undefined },
    newId: () => {
      ids.push(randomUUID());
      return ids[ids.length - 1];
    },
    leaseMs: LEASE,
    sleep,
    host: "127.0.0.1",
  });
  running.push(service);
  return { port: service.port, tableName, logs, ids };
}

describe("audit events", () => {
  it("GIVEN an event THEN its line is exactly time, audit, type, paymentId, amount, currency, status, actor", () => {
    const line = auditLine(
      { type: "payment.authorized", payment: { id: "p-1", amount: 1250, currency: "EUR", status: "authorized" } },
      "api",
      T0,
    );
    expect(line).toBe(
      '{"time":"2030-06-01T12:00:00.000Z","audit":true,"type":"payment.authorized","paymentId":"p-1","amount":1250,"currency":"EUR","status":"authorized","actor":"api"}\n',
    );
  });

  it("GIVEN the largest payment the validator accepts WHEN its authorized and settled lines are written to the file THEN 207 and 204 bytes, within the 256-byte budget the cost model bills per event", () => {
    // Every field of the line at its longest: the largest amount (16 digits), a UUID id (what the API
    // gives every payment), a 3-letter currency, "authorized" (the longer status) and an ISO time
    // (24 characters until the year 10000). The 64-character reference of 4-byte characters is the
    // request's largest field, and no audit line carries it.
    const request = validatePaymentRequest({
      amount: Number.MAX_SAFE_INTEGER,
      currency: "EUR",
      reference: "\u{1F600}".repeat(64),
    });
    // Built as payments.ts builds it and as the store's settling UpdateItem returns it.
    const authorized: Payment = { id: randomUUID(), status: "authorized", ...request, createdAt: new Date(T0).toISOString() };
    const settled: Payment = { ...authorized, status: "settled", settledAt: new Date(T0 + 1).toISOString() };
    const path = freshPath();
    createAuditLog(path, () => undefined, { now: () => T0 }, "api").record({ type: "payment.authorized", payment: authorized });
    createAuditLog(path, () => undefined, { now: () => T0 + 1 }, "worker").record({ type: "payment.settled", payment: settled });
    const sizes = readFileSync(path, "utf8")
      .split(/(?<=\n)/)
      .map((line) => Buffer.byteLength(line));
    expect(sizes).toEqual([207, 204]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(AUDIT_LOG.eventBudgetBytes);
    expect([AUDIT_LOG.eventBudgetBytes, AUDIT_EVENT_KB]).toEqual([256, 0.25]);
  });

  it("GIVEN no AUDIT_LOG_PATH THEN events go through the stdout writer; GIVEN a path THEN they are appended to it, not written to stdout", () => {
    const stdout: string[] = [];
    const event = {
      type: "payment.settled" as const,
      payment: { id: "p-2", amount: 5, currency: "USD", status: "settled" as const },
    };
    createAuditLog(undefined, (line) => void stdout.push(line), { now: () => T0 }, "worker").record(event);
    const path = freshPath();
    const toFile = createAuditLog(path, (line) => void stdout.push(line), { now: () => T0 }, "worker");
    toFile.record(event);
    toFile.record(event);
    expect(stdout).toEqual([auditLine(event, "worker", T0)]);
    expect(readFileSync(path, "utf8")).toBe(auditLine(event, "worker", T0).repeat(2));
  });

  it("GIVEN a segment size WHEN the file reaches it THEN it is renamed to <path>.rotated; WHILE that file is left THEN the service keeps appending to the current file", () => {
    const path = freshPath();
    const event = {
      type: "payment.settled" as const,
      payment: { id: "p-3", amount: 7, currency: "EUR", status: "settled" as const },
    };
    const line = auditLine(event, "worker", T0);
    const log = createAuditLog(path, () => undefined, { now: () => T0 }, "worker", line.length * 2);
    log.record(event);
    const afterOne = [existsSync(path), existsSync(rotatedPath(path))];
    log.record(event);
    const afterTwo = [existsSync(path), readFileSync(rotatedPath(path), "utf8")];
    log.record(event);
    log.record(event);
    log.record(event);
    // The rotated file is still there (the forwarder has not copied it): no second rotation.
    expect([afterOne, afterTwo, readFileSync(path, "utf8"), readFileSync(rotatedPath(path), "utf8")]).toEqual([
      [true, false],
      [false, line.repeat(2)],
      line.repeat(3),
      line.repeat(2),
    ]);
    expect(AUDIT_SEGMENT_BYTES).toBe(64 * 1024 * 1024);
  });

  it("GIVEN an API with AUDIT_LOG_PATH WHEN a payment is created, replayed and read THEN the file has one authorized line, there when the 201 arrives, with no reference, key or body", async () => {
    const path = freshPath();
    const api = await startApi(path, { t: T0 });
    const created = await postPayment(api.port, "secret-key-1", PAYMENT);
    const atAnswer = readFileSync(path, "utf8");
    const replay = await postPayment(api.port, "secret-key-1", PAYMENT);
    const id = (created.json as { id: string }).id;
    await request(api.port, { path: `/v1/payments/${id}` });
    expect([created.status, replay.status, replay.headers["idempotent-replayed"]]).toEqual([201, 201, "true"]);
    expect(atAnswer).toBe(readFileSync(path, "utf8"));
    expect(linesOf(path)).toEqual([
      {
        time: "2030-06-01T12:00:00.000Z",
        audit: true,
        type: "payment.authorized",
        paymentId: id,
        amount: 1250,
        currency: "EUR",
        status: "authorized",
        actor: "api",
      },
    ]);
    expect([atAnswer.includes("secret-key-1"), atAnswer.includes("order-42")]).toEqual([false, false]);
    // Nothing of the audit trail on stdout when it has its file.
    expect(api.logs.entries().filter((line) => line.audit === true)).toEqual([]);
  });

  it("GIVEN the audit file cannot be written WHEN a payment is created THEN 500 with the key left in flight; GIVEN it can again and the lease expired THEN the retry answers 201 with the same payment and writes its line", async () => {
    const missingDir = join(dir, `not-yet-${randomUUID()}`);
    const path = join(missingDir, "events.jsonl");
    const now = { t: T0 };
    const api = await startApi(path, now);
    const failed = await postPayment(api.port, "key-1", PAYMENT);
    const record = await rawItem(dynamo.client, api.tableName, "idempotency#key-1");
    expect([failed.status, (failed.json as { error: { code: string } }).error.code, record?.state.S]).toEqual([
      500,
      "internal_error",
      "in_flight",
    ]);
    mkdirSync(missingDir);
    now.t = T0 + LEASE + 1;
    const retried = await postPayment(api.port, "key-1", PAYMENT);
    expect([retried.status, (retried.json as { id: string }).id]).toEqual([201, api.ids[0]]);
    expect(linesOf(path).map((line) => [line.type, line.paymentId])).toEqual([["payment.authorized", api.ids[0]]]);
  });

  it("GIVEN two pending payments, one already settled by another worker THEN one settled line with its amount and currency, none for the skip", async () => {
    const tableName = await dynamo.newTable();
    const store = createStore(dynamo.client, tableName);
    const [a, b] = [randomUUID(), randomUUID()];
    for (const [i, id] of [a, b].entries()) {
      await store.createPayment(
        { id, status: "authorized", amount: 100 + i, currency: "GBP", reference: "r", createdAt: new Date(T0).toISOString() },
        "3",
      );
    }
    await store.settlePayment(b, new Date(T0).toISOString());
    const path = freshPath();
    const logs = captureLogs();
    const result = await settleShard(
      {
        // A stale index entry: the Query still returns the payment another worker settled.
        store: { ...store, queryPending: async () => [a, b] },
        logger: createLogger("info", logs.write, { now: () => T0 }),
        audit: createAuditLog(path, logs.write, { now: () => T0 + 5 }, "worker"),
        clock: { now: () => T0 + 5 },
        batchSize: 10,
        pollIntervalMs: 10,
        sleep: async () => undefined,
      },
      "3",
      new AbortController().signal,
    );
    expect(result).toEqual({ found: 2, settled: 1, skipped: 1 });
    expect(linesOf(path)).toEqual([
      {
        time: "2030-06-01T12:00:00.005Z",
        audit: true,
        type: "payment.settled",
        paymentId: a,
        amount: 100,
        currency: "GBP",
        status: "settled",
        actor: "worker",
      },
    ]);
  });
});

describe("audit configuration", () => {
  const problems = (run: () => unknown): string[] => {
    try {
      run();
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
  };

  it("GIVEN a relative AUDIT_LOG_PATH or a directory THEN the service names the variable and an example", () => {
    const base = { TABLE_NAME: "payments-dev", AWS_REGION: "eu-west-1" };
    expect([
      ...problems(() => loadConfig({ ...base, AUDIT_LOG_PATH: "events.jsonl" }, [])),
      ...problems(() => loadConfig({ ...base, AUDIT_LOG_PATH: "/var/audit/" }, [])),
    ]).toEqual([
      'AUDIT_LOG_PATH = "events.jsonl": must be the absolute path of the audit file, or unset to write audit events to stdout. Example: AUDIT_LOG_PATH=/var/audit/events.jsonl',
      'AUDIT_LOG_PATH = "/var/audit/": must be the absolute path of the audit file, or unset to write audit events to stdout. Example: AUDIT_LOG_PATH=/var/audit/events.jsonl',
    ]);
  });

  it("GIVEN the forwarder without AUDIT_LOG_PATH and with an argument THEN both problems; GIVEN the path THEN only the path is read (no table or region needed)", () => {
    expect(problems(() => loadForwarderConfig({}, ["--worker"]))).toEqual([
      'unknown argument "--worker": SERVICE_MODE=audit-forwarder takes no arguments.',
      "AUDIT_LOG_PATH is not set: must be the absolute path of the audit file. Example: AUDIT_LOG_PATH=/var/audit/events.jsonl",
    ]);
    expect(loadForwarderConfig({ AUDIT_LOG_PATH: AUDIT_LOG.file }, [])).toEqual({ auditLogPath: "/var/audit/events.jsonl" });
    expect([ENV.auditLogPath, AUDIT_FORWARDER_MODE, AUDIT_LOG.directory]).toEqual([
      "AUDIT_LOG_PATH",
      "audit-forwarder",
      "/var/audit",
    ]);
  });
});

/** A fake sleep: records each wait and runs the next step of the test instead of waiting. */
function scriptedSleep(steps: Array<() => void>) {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      steps.shift()?.();
    },
  };
}

describe("audit forwarder", () => {
  it("GIVEN the service rotates the file the forwarder reads (renamed, then a new one later) THEN the rest of the old file, then the new one; the rotated file is deleted", async () => {
    const path = freshPath();
    writeFileSync(path, '{"n":1}\n');
    const out: string[] = [];
    const stop = new AbortController();
    const { sleep: fakeSleep } = scriptedSleep([
      () => {
        // The service's last line in the old file, then the rename; no new file yet.
        appendFileSync(path, '{"n":2}\n');
        renameSync(path, rotatedPath(path));
      },
      () => {
        expect([out, existsSync(rotatedPath(path))]).toEqual([['{"n":1}\n', '{"n":2}\n'], false]);
        writeFileSync(path, '{"n":3}\n');
      },
      () => {
        // A second rotation with the new file already there.
        appendFileSync(path, '{"n":4}\n');
        renameSync(path, rotatedPath(path));
        writeFileSync(path, '{"n":5}\n');
      },
      () => stop.abort(),
    ]);
    await forwardAuditLog({ path, write: (line) => void out.push(line), pollIntervalMs: 1, sleep: fakeSleep }, stop.signal);
    expect(out).toEqual(["1", "2", "3", "4", "5"].map((n) => `{"n":${n}}\n`));
    expect([existsSync(path), existsSync(rotatedPath(path))]).toEqual([true, false]);
  });

  it("GIVEN a rotated file left when the forwarder first opens (with or without a current file) THEN the rotated lines first, then the current ones", async () => {
    const withCurrent = freshPath();
    writeFileSync(rotatedPath(withCurrent), '{"n":1}\n{"n":2');
    writeFileSync(withCurrent, '{"n":3}\n');
    const onlyRotated = freshPath();
    writeFileSync(rotatedPath(onlyRotated), '{"n":1}\n');
    const outputs: string[][] = [];
    for (const path of [withCurrent, onlyRotated]) {
      const out: string[] = [];
      const stop = new AbortController();
      stop.abort();
      await forwardAuditLog({ path, write: (line) => void out.push(line), pollIntervalMs: 1, sleep }, stop.signal);
      outputs.push(out);
      expect(existsSync(rotatedPath(path))).toBe(false);
    }
    // A rotated file's cut-off last line is given its newline: the service never writes that file again.
    expect(outputs).toEqual([['{"n":1}\n', '{"n":2\n', '{"n":3}\n'], ['{"n":1}\n']]);
  });

  it("GIVEN the API and the forwarder on one file with a small segment WHEN 30 events are written while it copies THEN all 30 lines once, in order", async () => {
    const path = freshPath();
    const log = createAuditLog(path, () => undefined, { now: () => T0 }, "api", 400);
    const out: string[] = [];
    const stop = new AbortController();
    let written = 0;
    const forwarding = forwardAuditLog(
      {
        path,
        write: (line) => void out.push(line),
        pollIntervalMs: 1,
        sleep: async () => {
          // Three events between polls: rotations happen while lines are still unread.
          for (let i = 0; i < 3 && written < 30; i += 1) {
            written += 1;
            log.record({
              type: "payment.authorized",
              payment: { id: `p-${written}`, amount: written, currency: "EUR", status: "authorized" },
            });
          }
          if (written === 30) stop.abort();
        },
      },
      stop.signal,
    );
    await forwarding;
    expect(out.map((line) => (JSON.parse(line) as { paymentId: string }).paymentId)).toEqual(
      Array.from({ length: 30 }, (_, i) => `p-${i + 1}`),
    );
  });

  it("GIVEN no file yet, then a line and a half, then the rest WHEN stopped THEN every line once, in order, the partial one only once complete", async () => {
    const path = freshPath();
    const out: string[] = [];
    const stop = new AbortController();
    const { waits, sleep: fakeSleep } = scriptedSleep([
      () => writeFileSync(path, '{"n":1}\n{"n":'),
      () => expect(out).toEqual(['{"n":1}\n']),
      () => appendFileSync(path, '2}\n{"n":3}\n'),
      () => stop.abort(),
    ]);
    await forwardAuditLog({ path, write: (line) => void out.push(line), pollIntervalMs: 200, sleep: fakeSleep }, stop.signal);
    expect(out).toEqual(['{"n":1}\n', '{"n":2}\n', '{"n":3}\n']);
    // Sleeps only after a poll that found nothing: no file; the partial line waiting (twice); after the rest.
    expect(waits).toEqual([200, 200, 200, 200]);
  });

  it("GIVEN a file larger than one read with a multi-byte character across the chunk boundary THEN every line intact", async () => {
    const path = freshPath();
    const filler = "x".repeat(AUDIT_READ_CHUNK_BYTES - 10);
    writeFileSync(path, `{"a":"${filler}"}\n{"b":"€uro"}\n`);
    const out: string[] = [];
    const stop = new AbortController();
    await forwardAuditLog(
      { path, write: (line) => void out.push(line), pollIntervalMs: 1, sleep: async () => stop.abort() },
      stop.signal,
    );
    expect(out).toEqual([`{"a":"${filler}"}\n`, '{"b":"€uro"}\n']);
  });

  it("GIVEN a path under a regular file (not a directory) THEN it rejects with ENOTDIR instead of waiting for the file (the process's startup check stops first)", async () => {
    const file = freshPath();
    writeFileSync(file, "");
    const out: string[] = [];
    await expect(
      forwardAuditLog(
        { path: join(file, "events.jsonl"), write: (line) => void out.push(line), pollIntervalMs: 1, sleep },
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({ code: "ENOTDIR", syscall: "open" });
    expect(out).toEqual([]);
  });

  it("GIVEN SIGTERM while the last line has no newline yet THEN the drain writes it with one (the service has stopped first)", async () => {
    const path = freshPath();
    writeFileSync(path, '{"n":1}');
    const out: string[] = [];
    const stop = new AbortController();
    stop.abort();
    await forwardAuditLog({ path, write: (line) => void out.push(line), pollIntervalMs: 1, sleep }, stop.signal);
    expect(out).toEqual(['{"n":1}\n']);
  });
});

/** A process whose signals are an EventEmitter and whose exit is recorded. */
function fakeProcess(env: Record<string, string>, args: string[] = []) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const proc: ProcessPort = {
    env,
    argv: ["node", "main.js", ...args],
    stdout: { write: (text: string) => lines.push(text) },
    on: (event, listener) => signals.on(event, listener),
    exit: (code) => exits.push(code),
  };
  return { proc, signals, lines, exits };
}

describe("the forwarder process", () => {
  it("GIVEN SERVICE_MODE=audit-forwarder and a file WHEN SIGTERM arrives THEN its lines on stdout, then exit 0 (no table, region or port needed)", async () => {
    const path = freshPath();
    writeFileSync(path, '{"n":1}\n');
    const fake = fakeProcess({ SERVICE_MODE: "audit-forwarder", AUDIT_LOG_PATH: path });
    const running = run(fake.proc);
    await until(() => fake.lines.length === 1);
    appendFileSync(path, '{"n":2}\n');
    fake.signals.emit("SIGTERM");
    await running;
    expect([fake.lines, fake.exits]).toEqual([['{"n":1}\n', '{"n":2}\n'], [0]]);
    expect(AUDIT_POLL_INTERVAL_MS).toBe(200);
  });

  it("GIVEN the forwarder without AUDIT_LOG_PATH THEN one configuration line and exit 2", async () => {
    const fake = fakeProcess({ SERVICE_MODE: "audit-forwarder" });
    await runForwarder(fake.proc, 1);
    expect(fake.exits).toEqual([2]);
    expect(JSON.parse(fake.lines[0])).toMatchObject({
      level: "error",
      msg: "invalid configuration",
      problems: [expect.stringMatching(/^AUDIT_LOG_PATH is not set: /)],
    });
  });

  it("GIVEN the file the forwarder reads is moved away by something other than the service's rotation (no <path>.rotated to delete) THEN an error line naming the cause and exit 1", async () => {
    const path = freshPath();
    writeFileSync(path, '{"n":1}\n');
    const fake = fakeProcess({ SERVICE_MODE: "audit-forwarder", AUDIT_LOG_PATH: path });
    const forwarding = runForwarder(fake.proc, 1);
    await until(() => fake.lines.length === 1);
    renameSync(path, join(dir, `moved-${randomUUID()}`));
    await forwarding;
    expect(fake.exits).toEqual([1]);
    expect(fake.lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { n: 1 },
      {
        time: expect.any(String),
        level: "error",
        msg: "audit forwarder failed",
        cause: expect.stringMatching(/^Error: ENOENT: no such file or directory, unlink '.*\.rotated'/),
      },
    ]);
  });
});

/** The problem the service and the forwarder report when they cannot open `path` for append, failing with `code`. */
const unwritable = (path: string, directory: string, code: string, state: string): string =>
  `AUDIT_LOG_PATH = "${path}": the audit file cannot be opened for append (${code}): its directory ${directory} ${state}, ` +
  "so no audit event could be written and every payment would fail. Fix: the image must declare " +
  'VOLUME ["/var/audit"] owned by 65534:65534 (the task\'s user), which ECS copies onto the task volume instead of ' +
  "creating it root-owned with mode 0755, and AUDIT_LOG_PATH must be a file in it (AUDIT_LOG_PATH=/var/audit/events.jsonl); " +
  "see docs/compliance.md, Audit events.";

describe("the audit file check at startup", () => {
  it("GIVEN a writable directory without the file THEN the check creates it empty; GIVEN a file with lines THEN it leaves them as they are", () => {
    const missing = freshPath();
    const withLines = freshPath();
    writeFileSync(withLines, '{"n":1}\n');
    checkAuditFile(missing);
    checkAuditFile(withLines);
    expect([readFileSync(missing, "utf8"), readFileSync(withLines, "utf8")]).toEqual(["", '{"n":1}\n']);
  });

  // The volume ECS creates without the image's VOLUME is root-owned, mode 0755: user 65534 gets EACCES.
  // These tests run as root in CI, and root passes the write permission check even on a 0555
  // directory, so a real chmod would prove nothing here: the append is injected, failing as Node's
  // appendFileSync fails for a non-root user.
  it("GIVEN the append fails with EACCES (the root-owned volume, as user 65534) THEN one problem naming AUDIT_LOG_PATH, the directory, EACCES and the fix", () => {
    const calls: string[][] = [];
    const denied = (path: string, data: string): void => {
      calls.push([path, data]);
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
        errno: -13,
        code: "EACCES",
        syscall: "open",
        path,
      });
    };
    let thrown: unknown;
    try {
      checkAuditFile(AUDIT_LOG.file, denied);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      unwritable("/var/audit/events.jsonl", "/var/audit", "EACCES", "is not writable by this process"),
    ]);
    // One open for append with nothing to write: the service's own call (auditLog.ts appendFileSync).
    expect(calls).toEqual([["/var/audit/events.jsonl", ""]]);
    // The user the message names is the one the task definition runs the containers as.
    expect(NON_ROOT_USER).toBe("65534:65534");
  });

  it("GIVEN AUDIT_LOG_PATH in a directory that does not exist THEN the API, the worker and the forwarder each log one invalid configuration line naming ENOENT and the fix, and exit 2", async () => {
    const missingDir = join(dir, `missing-${randomUUID()}`);
    const path = join(missingDir, "events.jsonl");
    const service = { TABLE_NAME: "payments-dev", AWS_REGION: "eu-west-1", PORT: "0", AUDIT_LOG_PATH: path };
    const fakes = [
      fakeProcess(service),
      fakeProcess(service, ["--worker"]),
      fakeProcess({ SERVICE_MODE: "audit-forwarder", AUDIT_LOG_PATH: path }),
    ];
    for (const fake of fakes) await run(fake.proc);
    const line = {
      time: expect.any(String),
      level: "error",
      msg: "invalid configuration",
      problems: [unwritable(path, missingDir, "ENOENT", "does not exist")],
    };
    expect(fakes.map((fake) => [fake.exits, fake.lines.map((text) => JSON.parse(text) as unknown)])).toEqual([
      [[2], [line]],
      [[2], [line]],
      [[2], [line]],
    ]);
    expect(existsSync(missingDir)).toBe(false);
  });

  it("GIVEN an audit path under a regular file (not a directory) THEN the forwarder names ENOTDIR in its configuration line and exits 2", async () => {
    const file = freshPath();
    writeFileSync(file, "");
    const path = join(file, "events.jsonl");
    const fake = fakeProcess({ SERVICE_MODE: "audit-forwarder", AUDIT_LOG_PATH: path });
    await runForwarder(fake.proc, 1);
    expect(fake.exits).toEqual([2]);
    expect(fake.lines.map((text) => JSON.parse(text) as unknown)).toEqual([
      {
        time: expect.any(String),
        level: "error",
        msg: "invalid configuration",
        problems: [unwritable(path, file, "ENOTDIR", "is not a directory")],
      },
    ]);
  });
});
