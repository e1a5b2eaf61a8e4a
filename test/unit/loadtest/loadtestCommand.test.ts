/**
 * `npm run loadtest` and bin/loadtest.ts: flags and their bounds, refused targets, the table and the
 * JSON, the exit codes, and real runs against the reference service on 127.0.0.1 (in-memory dynalite).
 */
import * as fs from "fs";
import * as path from "path";
import { startLocalService } from "../../../bin/localService";
import { runCommand } from "../../../lib/commands/cli";
import {
  createLoadtestCommand,
  EXIT_REQUESTS_FAILED,
  formatLoadTest,
  LOADTEST_USAGE,
  parseLoadtestArgs,
  serverNameFor,
} from "../../../lib/commands/loadtest";
import { LoadTestOptions } from "../../../lib/loadtest/loadTest";
import { PlatformSpec } from "../../../lib/spec";
import { LoadTestReport } from "../../../lib/loadtest/loadTestReport";
import { capturingIo, temporaryProject } from "../commands/commandIo";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

const USAGE_START = "usage: npm run loadtest -- --url <base>";

/** A report as a run of 4 requests would give it; `overrides` changes what a test is about. */
function report(overrides: Partial<LoadTestReport> = {}): LoadTestReport {
  return {
    target: "http://127.0.0.1:8080",
    schedule: "open",
    requested: { rps: 4, durationSeconds: 1, requests: 4, connections: 64, createPercent: 50, timeoutMs: 10000 },
    achieved: { rps: 4, durationSeconds: 1.002, responses: 4, maxSendLagMs: 0.5 },
    latencyMs: { count: 4, p50: 1.5, p90: 2.25, p99: 3, max: 3 },
    statusClasses: { "2xx": 4, "3xx": 0, "4xx": 0, "5xx": 0 },
    statuses: { "200": 2, "201": 2 },
    timeouts: 0,
    connectionErrors: 0,
    errors: {},
    creates: 2,
    reads: 2,
    replays: 0,
    failures: 0,
    ...overrides,
  };
}

describe("parseLoadtestArgs", () => {
  it("GIVEN only --url THEN the defaults: 50 rps for 10 s over 64 connections, no stack, creates decided later", () => {
    expect(parseLoadtestArgs(["--url", "http://127.0.0.1:8080"])).toEqual({
      help: false,
      url: "http://127.0.0.1:8080",
      rps: 50,
      durationSeconds: 10,
      connections: 64,
      createPercent: undefined,
      stack: undefined,
      overrides: [],
      tasks: undefined,
      insecure: false,
      allowHttp: false,
      json: false,
    });
  });

  it("GIVEN every flag THEN each is read", () => {
    const argv =
      "--url https://x --rps 2000 --duration 0.5 --connections 256 --create-percent 1 --stack prod --config a=b --tasks 1000 --insecure --allow-http --json";
    expect(parseLoadtestArgs(argv.split(" "))).toEqual({
      help: false,
      url: "https://x",
      rps: 2000,
      durationSeconds: 0.5,
      connections: 256,
      createPercent: 1,
      stack: "prod",
      overrides: ["a=b"],
      tasks: 1000,
      insecure: true,
      allowHttp: true,
      json: true,
    });
  });

  it("GIVEN --help with anything else THEN help", () => {
    expect(parseLoadtestArgs(["--help", "--rps", "99999"])).toEqual({ help: true });
  });
});

describe("the loadtest command's refusals", () => {
  const URL = ["--url", "http://127.0.0.1:9"];
  it.each([
    [[], "--url is required: the service's base URL, such as http://127.0.0.1:8080"],
    [[...URL, "--rps", "0"], '--rps must be a whole number from 1 to 2000, got "0"'],
    [[...URL, "--rps", "2001"], '--rps must be a whole number from 1 to 2000, got "2001"'],
    [[...URL, "--rps", "1e3"], '--rps must be a whole number from 1 to 2000, got "1e3"'],
    [[...URL, "--duration", "0"], '--duration must be a number of seconds above 0 and at most 600, got "0"'],
    [[...URL, "--duration", "601"], '--duration must be a number of seconds above 0 and at most 600, got "601"'],
    [[...URL, "--duration=-1"], '--duration must be a number of seconds above 0 and at most 600, got "-1"'],
    [[...URL, "--duration", "Infinity"], '--duration must be a number of seconds above 0 and at most 600, got "Infinity"'],
    [[...URL, "--rps", "3", "--duration", "0.5"], "--rps x --duration must be a whole number of requests, got 3 x 0.5 = 1.5"],
    [[...URL, "--connections", "0"], '--connections must be a whole number from 1 to 256, got "0"'],
    [[...URL, "--connections", "257"], '--connections must be a whole number from 1 to 256, got "257"'],
    [[...URL, "--create-percent", "0"], '--create-percent must be a whole number from 1 to 100, got "0"'],
    [[...URL, "--create-percent", "101"], '--create-percent must be a whole number from 1 to 100, got "101"'],
    [[...URL, "--stack", "dev", "--tasks", "0"], '--tasks must be a whole number from 1 to 1000, got "0"'],
    [[...URL, "--tasks", "2"], "--tasks and --config apply to the model of a stack: give --stack <name> too"],
    [[...URL, "--config", "apiCpu=512"], "--tasks and --config apply to the model of a stack: give --stack <name> too"],
    [[...URL, "--rsp", "10"], "Unknown option '--rsp'"],
  ])("GIVEN %j THEN exit 2 with the message and the usage, nothing sent", async (argv, message) => {
    const run = jest.fn();
    const io = capturingIo();
    expect(await runCommand(createLoadtestCommand({ run }), argv, io)).toBe(2);
    expect(io.stderr).toEqual([`${message}\n${await usageText()}`]);
    expect(run).not.toHaveBeenCalled();
  });

  it("GIVEN http:// to a public host THEN exit 2 with the refusal alone; GIVEN --stack dev over https without --insecure THEN its self-signed certificate is the reason", async () => {
    const run = jest.fn();
    const io = capturingIo();
    expect(await runCommand(createLoadtestCommand({ run }), ["--url", "http://api.example.com"], io)).toBe(2);
    expect(await runCommand(createLoadtestCommand({ run }), ["--url", "https://alb.example.com", "--stack", "dev"], io)).toBe(2);
    expect(io.stderr).toEqual([
      "refusing http:// to api.example.com, which is not this machine: payment traffic would cross the network unencrypted. Use https:// (the load balancer's 443 listener), or pass --allow-http if you mean it.",
      "stack dev has no certificateArn, so its load balancer serves a self-signed certificate, which verification rejects: pass --insecure to load-test it without verifying the certificate.",
    ]);
    expect(run).not.toHaveBeenCalled();
  });

  it("GIVEN a stack whose workload creates no payments and no --create-percent THEN exit 2 saying reads need one", async () => {
    const io = capturingIo();
    const argv = ["--url", "http://127.0.0.1:9", "--stack", "dev", "--config", "workloadPaymentCreatePercent=0"];
    expect(await runCommand(createLoadtestCommand({ run: jest.fn() }), argv, io)).toBe(2);
    expect(io.stderr[0]).toBe(
      "stack dev creates no payments (workloadPaymentCreatePercent 0), and reads need a payment this run created: pass --create-percent 1-100",
    );
  });
});

async function usageText(): Promise<string> {
  const io = capturingIo();
  await runCommand(createLoadtestCommand(), ["--help"], io);
  return io.stdout[0];
}

describe("the loadtest command with a scripted run", () => {
  it("GIVEN --help THEN the usage on stdout, saying how latency is measured and that the run is bounded, exit 0", async () => {
    const text = await usageText();
    expect(text.startsWith(USAGE_START)).toBe(true);
    expect(text).toContain("Latency\ncounts from each request's scheduled send time");
    expect(text).toContain("Bounded: exactly R x S requests, each aborted as a timeout 10 s after its\nscheduled time");
  });

  it("GIVEN --stack prod (a real certificate) over https THEN it runs with verification, the stack's create share, and the model at the stack's tasks", async () => {
    const run = jest.fn(async (_options: LoadTestOptions) => report());
    const io = capturingIo();
    const argv = ["--url", "https://alb.example.com", "--stack", "prod", "--rps", "4", "--duration", "1", "--json"];
    expect(await runCommand(createLoadtestCommand({ run, projectDir: temporaryProject() }), argv, io)).toBe(0);
    expect(run.mock.calls[0][0]).toEqual({
      origin: "https://alb.example.com",
      rps: 4,
      durationSeconds: 1,
      connections: 64,
      createPercent: 10,
      insecure: false,
      timeoutMs: 10000,
    });
    const printed = JSON.parse(io.stdout[0]) as LoadTestReport & { slo: Record<string, unknown> };
    // The stack's own tasks behind its 3 nodes (prod's count moves with its defaults: only its wiring is pinned here).
    expect(printed.slo).toMatchObject({
      stack: "prod",
      rps: 4,
      measuredP99Ms: 3,
      tasksFrom: "stack",
      nodes: 3,
      processesPerTask: 1,
      targetP99Ms: 200,
      cpuMsPerRequest: 10,
      nonCpuLatencyMs: 30,
    });
    expect(printed.slo.tasks).toBe(printed.slo.stackTasks);
    expect(printed.slo.predictedP99Ms).toBe(printed.slo.stackPredictedP99Ms);
    expect(typeof printed.slo.predictedP99Ms).toBe("number");
    expect(io.stderr).toEqual([]);
  });

  it("GIVEN a run with failed requests and certificate errors THEN exit 8, the errors listed, and a note about --insecure", async () => {
    const failed = report({
      statusClasses: { "2xx": 1, "3xx": 0, "4xx": 0, "5xx": 1 },
      statuses: { "201": 1, "503": 1 },
      connectionErrors: 2,
      errors: { DEPTH_ZERO_SELF_SIGNED_CERT: 2 },
      failures: 3,
    });
    const io = capturingIo();
    const code = await runCommand(createLoadtestCommand({ run: async () => failed }), ["--url", "https://127.0.0.1:8443"], io);
    expect(code).toBe(EXIT_REQUESTS_FAILED);
    expect(code).toBe(8);
    expect(io.stdout[0]).toContain("\n  error DEPTH_ZERO_SELF_SIGNED_CERT: 2\n3 of 4 requests got no 2xx");
    expect(io.stderr).toEqual([
      "note: the target's certificate was not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): a dev or staging stack without certificateArn serves a self-signed one; pass --insecure to test it without verifying the certificate.",
    ]);
  });

  it("GIVEN a secret in the stack file, --create-percent and --tasks THEN the reader's note on stderr, the flag's share, the model at --tasks", async () => {
    const dir = temporaryProject();
    fs.appendFileSync(path.join(dir, "Pulumi.dev.yaml"), "  payment-platform:alarmEmail:\n    secure: AAABAA==\n");
    const run = jest.fn(async (_options: LoadTestOptions) => report());
    const io = capturingIo();
    const argv = ["--url", "http://127.0.0.1:9", "--stack", "dev", "--tasks", "3", "--create-percent", "20"];
    expect(await runCommand(createLoadtestCommand({ run, projectDir: dir }), argv, io)).toBe(0);
    expect(io.stderr).toEqual([expect.stringMatching(/^note: payment-platform:alarmEmail is a secret in Pulumi\.dev\.yaml/)]);
    expect(run.mock.calls[0][0].createPercent).toBe(20);
    expect(io.stdout[0]).toMatch(/\n {2}model, --tasks +3 +\d+\.\d+ ms\n/);
  });
});

describe("formatLoadTest", () => {
  it("GIVEN a clean run without a stack THEN the header, the latency table, the counts table, the rate line and the verdict", () => {
    expect(formatLoadTest(report(), null).split("\n")).toEqual([
      "Load test of http://127.0.0.1:8080: 4 rps for 1 s, 4 requests (50% creates), up to 64 connections, open model",
      "Latency from each request's scheduled send time (waiting in the client counts), over the 4 answered:",
      "latency (ms)   p50   p90   p99   max",
      "measured      1.50  2.25  3.00  3.00",
      "requests  2xx  3xx  4xx  5xx  timeouts  connection errors",
      "4           4    0    0    0         0                  0",
      "rate: 4 rps requested, 4 achieved over 1.002 s; 2 creates, 2 reads, 0 replays; the client sent at most 0.5 ms late",
      "every request got a 2xx",
    ]);
  });

  it("GIVEN nothing answered and a model comparison THEN dashes for the latencies and the model's table with 'unbounded' for an overloaded queue", () => {
    const empty = report({ latencyMs: { count: 0, p50: null, p90: null, p99: null, max: null }, timeouts: 4, failures: 4 });
    const slo = {
      stack: "dev",
      rps: 0,
      measuredP99Ms: null,
      tasks: 1,
      tasksFrom: "loopback" as const,
      nodes: 1,
      predictedP99Ms: null,
      stackTasks: 10,
      stackPredictedP99Ms: 76.05,
      processesPerTask: 1,
      targetP99Ms: 200,
      cpuMsPerRequest: 10,
      cpuTimeShape: { kind: "exponential" as const },
      nonCpuLatencyMs: 30,
      nonCpuLatencyShape: { kind: "lognormal" as const, coefficientOfVariation: 1 },
    };
    const lines = formatLoadTest(empty, slo).split("\n");
    expect(lines[3]).toBe("measured        -    -    -    -");
    expect(lines.slice(7)).toEqual([
      "4 of 4 requests got no 2xx",
      "",
      "SLO model of stack dev at the achieved 0 rps (target p99 200 ms):",
      "                                                 tasks                     p99",
      "  measured                                           -               no answer",
      "  model, a loopback target is one local process      1  unbounded (overloaded)",
      "  model, the tasks the stack runs at this rate      10                76.05 ms",
      "  The model (lib/models/slo/latency.ts) is per-node least-outstanding routing over tasks x 1 process(es) with 1 load-balancer node: Poisson arrivals, exponential CPU time of 10 ms, plus a lognormal (CV 1) 30 ms downstream.",
      "  This test sends evenly spaced requests, and its latency includes the client and the network; a local service does the modelled work only with WORK_MS=10 DOWNSTREAM_MS=30 DOWNSTREAM_SHAPE=lognormal DOWNSTREAM_CV_PERCENT=100.",
      "  The stack's tasks: what target tracking settles on at this rate with the business-hours minimum.",
    ]);
  });
});

describe("the loadtest command against the reference service on 127.0.0.1", () => {
  it("GIVEN 50 rps for 0.5 s with --stack dev --json THEN 25 payment calls, all 2xx, reads of created payments, the model for one local process, exit 0", async () => {
    const service = await startLocalService({ worker: false, env: { PORT: "0", LOG_LEVEL: "error" }, write: () => undefined });
    const io = capturingIo();
    const argv = ["--url", `http://127.0.0.1:${service.port}`, "--rps", "50", "--duration", "0.5", "--stack", "dev", "--json"];
    const code = await runCommand(createLoadtestCommand(), argv, io);
    const text = await (async () => {
      const plain = capturingIo();
      await runCommand(
        createLoadtestCommand(),
        ["--url", `http://localhost:${service.port}`, "--rps", "20", "--duration", "0.1"],
        plain,
      );
      return plain.stdout[0];
    })();
    await service.stop();
    expect([code, io.stderr]).toEqual([0, []]);
    const printed = JSON.parse(io.stdout[0]) as LoadTestReport & { slo: Record<string, unknown> };
    expect(Object.keys(printed)).toEqual([
      "target",
      "schedule",
      "requested",
      "achieved",
      "latencyMs",
      "statusClasses",
      "statuses",
      "timeouts",
      "connectionErrors",
      "errors",
      "creates",
      "reads",
      "replays",
      "failures",
      "slo",
    ]);
    expect(printed.requested).toEqual({
      rps: 50,
      durationSeconds: 0.5,
      requests: 25,
      connections: 64,
      createPercent: 10,
      timeoutMs: 10000,
    });
    expect([printed.statusClasses["2xx"], printed.failures, printed.timeouts, printed.connectionErrors, printed.replays]).toEqual(
      [25, 0, 0, 0, 0],
    );
    // Every create answered 201 and every read 200 (a read of a payment this run created).
    expect([printed.statuses["201"], printed.statuses["200"] ?? 0]).toEqual([printed.creates, printed.reads]);
    expect(printed.creates + printed.reads).toBe(25);
    expect(printed.creates).toBeGreaterThanOrEqual(3);
    expect(printed.latencyMs.count).toBe(25);
    expect(printed.latencyMs.p50).toBeLessThanOrEqual(printed.latencyMs.p90 as number);
    expect(printed.latencyMs.p99).toBeLessThanOrEqual(printed.latencyMs.max as number);
    expect(printed.slo).toMatchObject({
      stack: "dev",
      tasks: 1,
      tasksFrom: "loopback",
      // dev's 50 rps x 10 ms = 0.5 vCPU at its 35% target: ceil(0.5 / 0.35) = 2 tasks of 1 vCPU, above its minimum of 1
      // (3000 requests per task per minute ask 1)
      stackTasks: 2,
      measuredP99Ms: printed.latencyMs.p99,
    });
    expect(text.split("\n")[0]).toBe(
      `Load test of http://localhost:${service.port}: 20 rps for 0.1 s, 2 requests (100% creates), up to 64 connections, open model`,
    );
    expect(text).toContain("\nevery request got a 2xx");
  });
});

// bin/loadtest.ts runs the command with the process's argv and sets the exit code, like the other bin/*.ts.
describe("bin/loadtest.ts", () => {
  it("GIVEN --help WHEN loaded THEN it prints the usage once and sets exit code 0", async () => {
    const saved = [process.argv, process.exitCode] as const;
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    process.argv = ["node", "bin/loadtest.ts", "--help"];
    process.exitCode = undefined;
    await jest.isolateModulesAsync(async () => {
      await import("../../../bin/loadtest");
      // runCli is not awaited by the entry point; --help settles within a few event-loop turns.
      while (process.exitCode === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    });
    expect(process.exitCode).toBe(0);
    expect(write).toHaveBeenCalledTimes(1);
    expect(String(write.mock.calls[0][0])).toMatch(/^usage: npm run loadtest -- --url <base>/);
    write.mockRestore();
    [process.argv, process.exitCode] = [saved[0], saved[1]];
  });

  it("GIVEN a refused target WHEN loaded THEN one line on stderr, no stack trace, exit code 2", async () => {
    const saved = [process.argv, process.exitCode] as const;
    const err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    process.argv = ["node", "bin/loadtest.ts", "--url", "http://api.example.com"];
    process.exitCode = undefined;
    await jest.isolateModulesAsync(async () => {
      await import("../../../bin/loadtest");
      while (process.exitCode === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    });
    expect(process.exitCode).toBe(2);
    expect(err.mock.calls.map(([text]) => String(text))).toEqual([
      "refusing http:// to api.example.com, which is not this machine: payment traffic would cross the network unencrypted. Use https:// (the load balancer's 443 listener), or pass --allow-http if you mean it.\n",
    ]);
    err.mockRestore();
    [process.argv, process.exitCode] = [saved[0], saved[1]];
  });
});

describeCommandLineConventions(
  "loadtest",
  () => createLoadtestCommand({ projectDir: "/nonexistent", run: unreachable }),
  LOADTEST_USAGE,
);

describe("the API's own name for a run against the ALB's address", () => {
  const withDomain = { loadBalancer: { domainName: "api.payments.example.com" } } as PlatformSpec;
  it.each([
    ["no stack", undefined, "https://payment-alb-prod-1.us-east-1.elb.amazonaws.com", false, {}],
    [
      "a stack without apiDomainName",
      { loadBalancer: {} } as PlatformSpec,
      "https://payment-alb-prod-1.us-east-1.elb.amazonaws.com",
      false,
      {},
    ],
    [
      "the ALB's address",
      withDomain,
      "https://payment-alb-prod-1.us-east-1.elb.amazonaws.com",
      false,
      { serverName: "api.payments.example.com" },
    ],
    ["the name itself", withDomain, "https://api.payments.example.com", false, {}],
    ["a loopback target", withDomain, "http://127.0.0.1:8080", true, {}],
  ])("GIVEN %s THEN the run asks for %j", (_, spec, origin, loopback, expected) => {
    expect(serverNameFor(spec, { origin, loopback })).toEqual(expected);
  });
});
