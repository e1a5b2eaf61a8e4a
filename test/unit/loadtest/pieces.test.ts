/**
 * The load test's pure pieces, one section each: the arrival schedule, the latency summary, the
 * outcome tally, the payment traffic, the report, the target policy and the comparison with the SLO
 * model (the driver and the command have their own files: they start servers).
 */
import { arrivalSchedule, dueAtMs, MAX_REQUESTS } from "../../../lib/loadtest/arrivalSchedule";
import { nearestRank, summarizeLatencies } from "../../../lib/loadtest/latencySummary";
import { errorCode, OutcomeTally } from "../../../lib/loadtest/outcomeTally";
import { isCreate, PaymentCall, paymentIdOf, PaymentTraffic } from "../../../lib/loadtest/paymentTraffic";
import { loadTestReport } from "../../../lib/loadtest/loadTestReport";
import { certificateNote, checkTarget, isLoopbackHost } from "../../../lib/loadtest/targetPolicy";
import { compareWithModel } from "../../../lib/loadtest/modelComparison";
import { roundTo } from "../../../lib/models/round";
import { p99LatencyMs } from "../../../lib/models/slo/latency";
import { resolveValues } from "../support/configSource";

/** The open model's schedule: rps x duration requests exactly, request i due at i / rps s, bounded. */

describe("arrivalSchedule", () => {
  it("GIVEN 200 rps for 10 s WHEN scheduled THEN exactly 2000 requests, 5 ms apart, the last due at 9995 ms", () => {
    const schedule = arrivalSchedule(200, 10);
    expect(schedule).toEqual({ rps: 200, requests: 2000, durationSeconds: 10 });
    expect([dueAtMs(schedule, 0), dueAtMs(schedule, 1), dueAtMs(schedule, 1999)]).toEqual([0, 5, 9995]);
  });

  it("GIVEN a product with float error (3 rps x 0.1 s = 0.30000000000000004) or a fraction of a second THEN the whole count", () => {
    expect(arrivalSchedule(30, 0.1)).toEqual({ rps: 30, requests: 3, durationSeconds: 0.1 });
    expect(arrivalSchedule(50, 0.5).requests).toBe(25);
  });

  it.each([
    [0, 1, "rps must be a whole number >= 1, got 0"],
    [1.5, 2, "rps must be a whole number >= 1, got 1.5"],
    [3, 0.5, "rps x duration must be a whole number of requests from 1 to 1200000, got 1.5"],
    [10, 0, "rps x duration must be a whole number of requests from 1 to 1200000, got 0"],
    [10, Number.NaN, "rps x duration must be a whole number of requests from 1 to 1200000, got NaN"],
    [2000, 601, "rps x duration must be a whole number of requests from 1 to 1200000, got 1202000"],
  ])("GIVEN %p rps for %p s THEN RangeError: %s", (rps, duration, message) => {
    expect(() => arrivalSchedule(rps, duration)).toThrow(new RangeError(message));
  });

  it("GIVEN the bounds THEN the largest run is 2000 rps for 600 s", () => {
    expect(MAX_REQUESTS).toBe(1_200_000);
    expect(arrivalSchedule(2000, 600).requests).toBe(MAX_REQUESTS);
  });
});

/** Exact nearest-rank percentiles over the sorted latencies. */

describe("nearestRank", () => {
  it("GIVEN 1..100 THEN p50 is 50, p90 90, p99 99, p100 100 (the value with that share at or below it)", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99, 100].map((p) => nearestRank(values, p))).toEqual([50, 90, 99, 100]);
  });

  it("GIVEN 10 values THEN p99 is the largest (rank ceil(9.9) = 10) and p50 the 5th", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([nearestRank(values, 99), nearestRank(values, 50), nearestRank(values, 1)]).toEqual([10, 5, 1]);
  });

  it("GIVEN 1000 values THEN p99 is the 990th, with no float error from 0.99 x 1000", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(nearestRank(values, 99)).toBe(990);
  });

  it("GIVEN no values or a percent outside (0, 100] THEN RangeError", () => {
    expect(() => nearestRank([], 50)).toThrow(new RangeError("no values to take a percentile of"));
    expect(() => nearestRank([1], 0)).toThrow(new RangeError("percent must be in (0, 100], got 0"));
    expect(() => nearestRank([1], 101)).toThrow(new RangeError("percent must be in (0, 100], got 101"));
  });
});

describe("summarizeLatencies", () => {
  it("GIVEN latencies in any order THEN count, p50, p90, p99 and max of the sorted values, the input unchanged", () => {
    // 100, 99, ..., 1 ms; numeric sort matters: as strings 100 would sort before 2.
    const latencies = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(latencies)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(latencies[0]).toBe(100);
  });

  it("GIVEN one latency THEN every percentile is it", () => {
    expect(summarizeLatencies([7.5])).toEqual({ count: 1, p50: 7.5, p90: 7.5, p99: 7.5, max: 7.5 });
  });

  it("GIVEN no latencies (nothing answered) THEN count 0 and null percentiles", () => {
    expect(summarizeLatencies(new Float64Array(0))).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});

/** Counting what became of each request: answers by status, timeouts, transport errors. */

describe("OutcomeTally", () => {
  it("GIVEN answers, a timeout and errors THEN latencies of the answers only, classes, failures", () => {
    const tally = new OutcomeTally(8);
    tally.response(201, 5);
    tally.response(200, 3);
    tally.response(404, 2);
    tally.response(503, 9);
    tally.timeout();
    tally.error("ECONNRESET");
    tally.error("ECONNRESET");
    expect([...tally.latencies()]).toEqual([5, 3, 2, 9]);
    expect(tally.responses).toBe(4);
    expect([...tally.statuses]).toEqual([
      [201, 1],
      [200, 1],
      [404, 1],
      [503, 1],
    ]);
    expect(tally.statusClasses()).toEqual({ "2xx": 2, "3xx": 0, "4xx": 1, "5xx": 1 });
    expect([tally.timeouts, [...tally.errors]]).toEqual([1, [["ECONNRESET", 2]]]);
    expect(tally.failures()).toBe(5);
  });

  it("GIVEN a status outside 2xx-5xx THEN it gets its own class and counts as a failure", () => {
    const tally = new OutcomeTally(2);
    tally.response(101, 1);
    tally.response(600, 1);
    expect(tally.statusClasses()).toEqual({ "1xx": 1, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, "6xx": 1 });
    expect(tally.failures()).toBe(2);
  });

  it("GIVEN nothing recorded THEN no latencies and no failures", () => {
    const tally = new OutcomeTally(3);
    expect([tally.latencies().length, tally.failures()]).toEqual([0, 0]);
  });
});

describe("errorCode", () => {
  it("GIVEN a Node error with a code THEN the code; an error without one THEN its name; anything else THEN unknown", () => {
    expect(errorCode(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
    expect(errorCode(new TypeError("bad"))).toBe("TypeError");
    expect(errorCode({ code: 42 })).toBe("unknown");
    expect(errorCode(undefined)).toBe("unknown");
    expect(errorCode(null)).toBe("unknown");
  });
});

/** The mix of payment calls: creates with unique keys, reads of payments this run created. */

const RUN = "0123abcd-0000-4000-8000-000000000000";
const created = (id: string) => ({ status: 201, body: JSON.stringify({ id, status: "authorized" }), replayed: undefined });

describe("isCreate", () => {
  it("GIVEN 10% THEN requests 0, 10, 20, ... create: evenly spread, exactly ceil(n p / 100), request 0 first", () => {
    const creates = Array.from({ length: 100 }, (_, i) => i).filter((i) => isCreate(i, 10));
    expect(creates).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it("GIVEN 100% THEN every request creates; GIVEN 1% of 250 THEN 3 creates (ceil 2.5)", () => {
    expect(Array.from({ length: 50 }, (_, i) => isCreate(i, 100)).every(Boolean)).toBe(true);
    expect(Array.from({ length: 250 }, (_, i) => i).filter((i) => isCreate(i, 1))).toEqual([0, 100, 200]);
  });

  it("GIVEN 30% of 1000 THEN exactly 300 creates (integer arithmetic, no float drift)", () => {
    expect(Array.from({ length: 1000 }, (_, i) => i).filter((i) => isCreate(i, 30)).length).toBe(300);
  });
});

describe("paymentIdOf", () => {
  it("GIVEN a payment body THEN its id; GIVEN no id, a non-string id, null or not JSON THEN undefined", () => {
    expect(paymentIdOf('{"id":"p-1","status":"authorized"}')).toBe("p-1");
    expect(paymentIdOf('{"status":"authorized"}')).toBeUndefined();
    expect(paymentIdOf('{"id":7}')).toBeUndefined();
    expect(paymentIdOf("null")).toBeUndefined();
    expect(paymentIdOf("<html>")).toBeUndefined();
  });
});

describe("PaymentTraffic", () => {
  it("GIVEN a create THEN POST /v1/payments, JSON, a key of the run and the index, a valid USD payment", () => {
    const call = new PaymentTraffic(RUN, 100).call(7);
    expect(call).toEqual({
      kind: "create",
      method: "POST",
      path: "/v1/payments",
      headers: { "content-type": "application/json", "Idempotency-Key": `loadtest-${RUN}-7` },
      body: '{"amount":107,"currency":"USD","reference":"loadtest-0123abcd-7"}',
    });
  });

  it("GIVEN creates across a run THEN every key is unique and every amount a positive integer with a 1-64 char reference", () => {
    const traffic = new PaymentTraffic(RUN, 100);
    const calls = Array.from({ length: 2000 }, (_, i) => traffic.call(i));
    expect(new Set(calls.map((c) => c.headers["Idempotency-Key"])).size).toBe(2000);
    const bodies = calls.map((c) => JSON.parse(c.body as string) as { amount: number; reference: string });
    expect(bodies.every((b) => Number.isInteger(b.amount) && b.amount >= 100 && b.amount <= 999)).toBe(true);
    expect(bodies.every((b) => b.reference.length >= 1 && b.reference.length <= 64)).toBe(true);
    expect([traffic.creates, traffic.reads]).toEqual([2000, 0]);
  });

  it("GIVEN 50% WHEN no create has been answered yet THEN a read is sent as a create; after one THEN reads go to that payment", () => {
    const traffic = new PaymentTraffic(RUN, 50);
    const first = traffic.call(0);
    expect(traffic.call(1).kind).toBe("create");
    traffic.answered(first, created("p-0"));
    expect(traffic.call(3)).toEqual({ kind: "read", method: "GET", path: "/v1/payments/p-0", headers: {} });
    expect([traffic.creates, traffic.reads]).toEqual([2, 1]);
  });

  it("GIVEN more created payments than the pool keeps THEN reads rotate over the most recent ones only", () => {
    const traffic = new PaymentTraffic(RUN, 50, 2);
    const create: PaymentCall = traffic.call(0);
    for (const id of ["p-1", "p-2", "p-3"]) traffic.answered(create, created(id));
    const paths = [1, 3, 5, 7].map((i) => traffic.call(i).path);
    // p-3 overwrote p-1 in the ring of two.
    expect(paths).toEqual(["/v1/payments/p-3", "/v1/payments/p-2", "/v1/payments/p-3", "/v1/payments/p-2"]);
  });

  it("GIVEN answers that are not a new payment THEN nothing is kept for reads; a replay header THEN counted", () => {
    const traffic = new PaymentTraffic(RUN, 50);
    const create = traffic.call(0);
    traffic.answered(create, { status: 503, body: '{"id":"no"}', replayed: undefined });
    traffic.answered(create, { status: 201, body: "not json", replayed: undefined });
    traffic.answered({ ...create, kind: "read" }, { status: 201, body: '{"id":"read"}', replayed: undefined });
    expect(traffic.call(1).kind).toBe("create");
    traffic.answered(create, { ...created("p-r"), replayed: "true" });
    traffic.answered(create, { ...created("p-s"), replayed: ["true", "true"] });
    expect(traffic.replays).toBe(1);
  });
});

/** The report of a run: rates, rounding, counts, from a hand-made run (no network). */

const SETTINGS = { target: "http://127.0.0.1:8080", connections: 4, createPercent: 50, timeoutMs: 10000 };

describe("loadTestReport", () => {
  it("GIVEN answers, a timeout and two kinds of error THEN exact counts, sorted statuses and errors, latencies to 0.01 ms", () => {
    const schedule = arrivalSchedule(10, 0.6);
    const tally = new OutcomeTally(schedule.requests);
    tally.response(201, 4.123);
    tally.response(200, 2.5);
    tally.response(201, 10.009);
    tally.timeout();
    tally.error("UND_ERR_SOCKET");
    tally.error("ECONNRESET");
    const traffic = new PaymentTraffic("run", 50);
    for (let i = 0; i < 6; i++) traffic.call(i);
    const report = loadTestReport(SETTINGS, schedule, { tally, elapsedMs: 750.4567, maxSendLagMs: 1.234 }, traffic);
    expect(report).toEqual({
      target: "http://127.0.0.1:8080",
      schedule: "open",
      requested: { rps: 10, durationSeconds: 0.6, requests: 6, connections: 4, createPercent: 50, timeoutMs: 10000 },
      // 3 answers over the 0.75 s the run took (longer than the 0.6 s schedule).
      achieved: { rps: 4, durationSeconds: 0.75, responses: 3, maxSendLagMs: 1.23 },
      latencyMs: { count: 3, p50: 4.12, p90: 10.01, p99: 10.01, max: 10.01 },
      statusClasses: { "2xx": 3, "3xx": 0, "4xx": 0, "5xx": 0 },
      statuses: { "200": 1, "201": 2 },
      timeouts: 1,
      connectionErrors: 2,
      errors: { ECONNRESET: 1, UND_ERR_SOCKET: 1 },
      creates: 6,
      reads: 0,
      replays: 0,
      failures: 3,
    });
    expect(Object.keys(report.errors)).toEqual(["ECONNRESET", "UND_ERR_SOCKET"]);
  });

  it("GIVEN a run that ended before the schedule's span (all answered at once) THEN the rate is over the schedule: never above the requested rate", () => {
    const schedule = arrivalSchedule(100, 0.02);
    const tally = new OutcomeTally(2);
    tally.response(201, 1);
    tally.response(201, 1);
    const report = loadTestReport(SETTINGS, schedule, { tally, elapsedMs: 11, maxSendLagMs: 0 }, new PaymentTraffic("run", 100));
    expect([report.achieved.rps, report.achieved.durationSeconds, report.latencyMs.p99, report.failures]).toEqual([
      100, 0.011, 1, 0,
    ]);
  });

  it("GIVEN nothing answered THEN rate 0 and null percentiles", () => {
    const tally = new OutcomeTally(1);
    tally.timeout();
    const report = loadTestReport(
      SETTINGS,
      arrivalSchedule(1, 1),
      { tally, elapsedMs: 10000, maxSendLagMs: 0 },
      new PaymentTraffic("r", 100),
    );
    expect([report.achieved.rps, report.latencyMs]).toEqual([0, { count: 0, p50: null, p90: null, p99: null, max: null }]);
  });
});

/** Where payment traffic may go: http only on loopback unless allowed; a known self-signed stack needs --insecure. */

const PLAIN = { allowHttp: false, insecure: false };

describe("isLoopbackHost", () => {
  it.each([
    ["localhost", true],
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["[::1]", true],
    ["128.0.0.1", false],
    ["10.0.0.1", false],
    ["localhost.example.com", false],
    ["[::2]", false],
  ])("GIVEN %s THEN %p", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("checkTarget", () => {
  it.each([
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080", true],
    ["http://127.1:8080/", "http://127.0.0.1:8080", true],
    ["http://localhost:3000", "http://localhost:3000", true],
    ["http://[::1]:8080", "http://[::1]:8080", true],
    ["https://payments.example.com", "https://payments.example.com", false],
    ["https://alb-1.us-east-1.elb.amazonaws.com:443/", "https://alb-1.us-east-1.elb.amazonaws.com", false],
  ])("GIVEN %s THEN accepted as origin %s (loopback %p)", (url, origin, loopback) => {
    expect(checkTarget(url, PLAIN)).toEqual({ ok: true, origin, loopback });
  });

  it("GIVEN http:// to a host that is not loopback THEN refused naming the host and --allow-http; with --allow-http THEN accepted", () => {
    expect(checkTarget("http://10.0.0.5:8080", PLAIN)).toEqual({
      ok: false,
      reason:
        "refusing http:// to 10.0.0.5:8080, which is not this machine: payment traffic would cross the network unencrypted. Use https:// (the load balancer's 443 listener), or pass --allow-http if you mean it.",
    });
    expect(checkTarget("http://10.0.0.5:8080", { ...PLAIN, allowHttp: true })).toEqual({
      ok: true,
      origin: "http://10.0.0.5:8080",
      loopback: false,
    });
  });

  it("GIVEN a stack with a self-signed certificate and https without --insecure THEN refused saying so; with --insecure or http THEN accepted", () => {
    const selfSigned = { ...PLAIN, selfSignedStack: "dev" };
    expect(checkTarget("https://alb.example.com", selfSigned)).toEqual({
      ok: false,
      reason:
        "stack dev has no certificateArn, so its load balancer serves a self-signed certificate, which verification rejects: pass --insecure to load-test it without verifying the certificate.",
    });
    expect(checkTarget("https://alb.example.com", { ...selfSigned, insecure: true }).ok).toBe(true);
    expect(checkTarget("http://127.0.0.1:8080", selfSigned).ok).toBe(true);
  });

  it.each([
    [
      "not a url",
      '--url "not a url" is not a URL: give the service\'s base URL, such as https://<alb-dns-name> or http://127.0.0.1:8080',
    ],
    [
      "ftp://127.0.0.1",
      '--url "ftp://127.0.0.1": only http:// and https:// targets, such as https://<alb-dns-name> or http://127.0.0.1:8080',
    ],
    [
      "http://127.0.0.1:8080/v1",
      '--url "http://127.0.0.1:8080/v1": give the base only (scheme, host and port, no path), such as https://<alb-dns-name> or http://127.0.0.1:8080',
    ],
  ])("GIVEN %s THEN refused: %s", (url, reason) => {
    expect(checkTarget(url, PLAIN)).toEqual({ ok: false, reason });
  });

  it.each(["http://127.0.0.1/?a=1", "http://127.0.0.1/#x", "https://user@example.com", "https://u:p@example.com"])(
    "GIVEN %s (query, fragment or credentials) THEN refused as not a base",
    (url) => {
      expect(checkTarget(url, PLAIN)).toEqual({ ok: false, reason: expect.stringMatching(/give the base only/) });
    },
  );
});

describe("certificateNote", () => {
  it("GIVEN certificate errors among others THEN one note naming them and --insecure; GIVEN none THEN undefined", () => {
    expect(certificateNote(["ECONNRESET", "DEPTH_ZERO_SELF_SIGNED_CERT"])).toBe(
      "the target's certificate was not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): a dev or staging stack without certificateArn serves a self-signed one; pass --insecure to test it without verifying the certificate.",
    );
    expect(certificateNote(["ECONNREFUSED"])).toBeUndefined();
  });
});

/** The stack's SLO model beside the measured p99: which task count, and the model's own numbers. */

// The dev stack's defaults: 1 vCPU tasks of one process, 10 ms CPU + 30 ms downstream (lognormal, CV 1), a 35% CPU
// target, 3000 requests per task per minute, minimum 1 and maximum 23 tasks.
const dev = () => resolveValues({ environment: "dev", environmentSuffix: "dev" });

describe("compareWithModel", () => {
  it("GIVEN a remote target THEN the prediction is for the tasks the stack runs at that rate (6 at 200 rps) behind one node per AZ", () => {
    const spec = dev();
    // 200 rps x 10 ms = 2 vCPU at the 35% target: ceil(2 / 0.35) = 6 tasks of 1 vCPU (the request-count
    // policy's 12000 / 3000 asks 4)
    const model = roundTo(p99LatencyMs(spec, 200, 6, 2), 2);
    // a third busy, those 6 tasks meet the 200 ms target
    expect(model).toBeLessThan(200);
    expect(compareWithModel(spec, 200, 12.5, { loopback: false })).toEqual({
      stack: "test",
      rps: 200,
      measuredP99Ms: 12.5,
      tasks: 6,
      tasksFrom: "stack",
      nodes: 2,
      predictedP99Ms: model,
      stackTasks: 6,
      stackPredictedP99Ms: model,
      processesPerTask: 1,
      targetP99Ms: 200,
      cpuMsPerRequest: 10,
      cpuTimeShape: { kind: "exponential" },
      nonCpuLatencyMs: 30,
      nonCpuLatencyShape: { kind: "lognormal", coefficientOfVariation: 1 },
    });
  });

  it("GIVEN a loopback target THEN one task (one local process); at 200 rps x 10 ms that one server is overloaded: null, the stack's 6 tasks beside it", () => {
    const comparison = compareWithModel(dev(), 200, 3, { loopback: true });
    expect([comparison.tasks, comparison.tasksFrom, comparison.predictedP99Ms, comparison.stackTasks]).toEqual([
      1,
      "loopback",
      null,
      6,
    ]);
  });

  it("GIVEN --tasks and a fixed downstream THEN it wins over loopback; at 50 rps one task behind one dispatcher is M/M/1: p99 + 30 ms within the model's 2%", () => {
    const spec = resolveValues({ environmentSuffix: "test", workloadNonCpuLatencyShape: "deterministic" });
    const comparison = compareWithModel(spec, 50, null, { override: 1, loopback: true });
    expect([comparison.tasks, comparison.tasksFrom, comparison.nodes, comparison.measuredP99Ms]).toEqual([1, "--tasks", 1, null]);
    // M/M/1 sojourn is Exp(mu - lambda): ln(100) / (100 - 50) s = 92.1 ms, plus 30 ms. The model reads
    // the CPU time from a sample table and a grid (lib/models/slo/p99Curve.ts): within 2%.
    const mm1 = (Math.log(100) / 50) * 1000 + 30;
    expect(Math.abs((comparison.predictedP99Ms as number) / mm1 - 1)).toBeLessThan(0.02);
  });

  it("GIVEN a rate above what the maximum carries THEN the stack's tasks grow with it, clamped at the maximum of 23", () => {
    // 1000 rps x 10 ms = 10 vCPU at the 35% target asks ceil(10 / 0.35) = 29 tasks: the maximum, 23
    expect(compareWithModel(dev(), 1000, 50, { loopback: false }).stackTasks).toBe(23);
  });
});
