/**
 * The latency calibration benchmark's command (`npm run bench:latency [-- --work-ms 10 --seconds 10]`,
 * entry point bench/latency.ts): does the queueing model predict what one real process of the
 * reference service does?
 *
 * One process of the service (the image's bundle, bin/appBundle.ts; no cluster) on 127.0.0.1 with
 * WORK_MS of CPU per payment and DOWNSTREAM_MS=0, against an in-memory dynalite in this process
 * (as `npm run service` runs it), driven by the load test's open-model driver (lib/loadtest/openLoop.ts)
 * with POST /v1/payments:
 * 1. warm-up (JIT, connections), answers ignored;
 * 2. calibration at about 0.2 of one process, evenly spaced so no request ever waits for another:
 *    the mean service time S is the service's main-thread CPU time over the run divided by the
 *    requests (Linux /proc/<pid>/task/<pid>/schedstat: WORK_MS plus the server's own HTTP, JSON and
 *    SDK work and its GC), the non-CPU part D (dynalite round trips, loopback, timers) is the mean
 *    latency minus S, and the service-time sample is the calibration's latencies shifted by -D, so
 *    its CV is sd(latency) / S. That CV is an upper bound on the CPU time's: the spread of the
 *    dynalite round trips is counted as CPU spread. The service reports no per-request CPU time and
 *    the benchmark adds nothing to the app;
 * 3. one run per target utilization (0.3 ... 0.9 of one process), Poisson arrivals at the whole
 *    rate nearest u / S, the first WARM_UP_SECONDS of answers left out (each run starts empty).
 * Beside each it prints the M/M/1 p99 (Erlang C, c = 1, for that S and rate, plus D) and the
 * discrete-event simulation's p50/p99 (routingSimulation.ts, shared queue, 1 task, 1 process, 1
 * node, CPU time lognormal with the measured S and CV, downstream D), and the simulation's p99 once
 * more with the S measured during that run (the queue's prediction without S's drift with load).
 *
 * Bounded: loopback only, at most MAX_REQUESTS requests and MAX_TOTAL_SECONDS of wall time by
 * construction (every request is settled by its due time plus REQUEST_TIMEOUT_MS). A benchmark, not
 * a test: nothing asserts on its numbers; docs/slo-model.md section 11 quotes a run.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { ENV, READY_PATH } from "../app/src/contract";
import { probeHealth } from "../app/src/healthProbe";
import { buildAppBundle } from "../bin/appBundle";
import { createTable, LOCAL_TABLE_NAME, localClient, startDynalite } from "../bin/localService";
import { Command, parseFlags, UsageError } from "../lib/commands/cli";
import { arrivalSchedule } from "../lib/loadtest/arrivalSchedule";
import { summarizeLatencies } from "../lib/loadtest/latencySummary";
import { DueAt, runOpenLoop } from "../lib/loadtest/openLoop";
import { createPaymentClient } from "../lib/loadtest/paymentClient";
import { PaymentTraffic } from "../lib/loadtest/paymentTraffic";
import { sojournTimePercentile } from "../lib/models/slo/erlangC";
import { simulateRouting } from "../lib/models/slo/routingSimulation";
import { deterministic, lognormal, seededGenerator, uniformFloat64 } from "../lib/models/slo/serviceTime";

/** The only host the benchmark sends to. */
export const LOOPBACK = "127.0.0.1";
/** Beside the startup benchmark's 18181, so both can run at once. */
export const PORT = 18_182;
/** The utilizations of one process the benchmark measures at. */
export const TARGET_UTILIZATIONS = [0.3, 0.5, 0.7, 0.8, 0.9] as const;
/** Calibration load: evenly spaced at 0.2 of WORK_MS, a request every 5 x WORK_MS, so none waits. */
export const CALIBRATION_UTILIZATION = 0.2;
export const CALIBRATION_SECONDS = 6;
/** Warm-up load (answers ignored): enough requests for V8 to optimize the request path. */
export const WARM_UP_UTILIZATION = 0.5;
export const WARM_UP_RUN_SECONDS = 3;
/** Answers of each measured run's first seconds left out: it starts with an empty queue. */
export const WARM_UP_SECONDS = 2;
/** Bench-specific request timeout: far above the 0.9 run's p99 (~0.5 s even for M/M/1 at S = 12 ms). */
export const REQUEST_TIMEOUT_MS = 2_000;
/** Open-model client connections: by Little's law ~5 are in flight at 0.9; 64 leaves room for the tail. */
export const CONNECTIONS = 64;
/** A service not ready within this gives up. */
export const READY_TIMEOUT_MS = 10_000;
/** Hard caps the plan is checked against before any measured run starts. */
export const MAX_REQUESTS = 20_000;
export const MAX_TOTAL_SECONDS = 150;
/** Flag bounds: below 5 ms the server's own overhead is most of S; the seconds bound keeps the time cap. */
export const WORK_MS_RANGE = [5, 50] as const;
export const SECONDS_RANGE = [4, 20] as const;
export interface SimulationSize {
  maxRequests: number;
  warmUpRequests: number;
  maxSimulatedSeconds: number;
  seed: number;
}
/** Simulation size: 200,000 requests give the p99 to about 1-2% at 0.9; the first 5,000 are warm-up. */
export const SIMULATION: SimulationSize = { maxRequests: 200_000, warmUpRequests: 5_000, maxSimulatedSeconds: 1e7, seed: 11 };

export interface RunStep {
  label: string;
  rps: number;
  seconds: number;
  /** "even": due times i / rps (calibration, warm-up); "poisson": a Poisson process. */
  arrivals: "even" | "poisson";
}

/** The whole rate nearest `utilization / S`, at least 1. */
export function rateFor(utilization: number, meanServiceSeconds: number): number {
  if (!(meanServiceSeconds > 0 && Number.isFinite(meanServiceSeconds)))
    throw new RangeError(`mean service time must be a finite number > 0 s, got ${meanServiceSeconds}`);
  return Math.max(1, Math.round(utilization / meanServiceSeconds));
}

/** The warm-up and calibration steps, from WORK_MS alone (S is not known yet). */
export function calibrationSteps(workMs: number): RunStep[] {
  return [
    { label: "warm-up", rps: rateFor(WARM_UP_UTILIZATION, workMs / 1000), seconds: WARM_UP_RUN_SECONDS, arrivals: "even" },
    {
      label: "calibration",
      rps: rateFor(CALIBRATION_UTILIZATION, workMs / 1000),
      seconds: CALIBRATION_SECONDS,
      arrivals: "even",
    },
  ];
}

/** One Poisson run per target utilization for the measured S. */
export function measuredSteps(meanServiceSeconds: number, seconds: number): RunStep[] {
  return TARGET_UTILIZATIONS.map((u) => ({
    label: `u ${u}`,
    rps: rateFor(u, meanServiceSeconds),
    seconds,
    arrivals: "poisson",
  }));
}

export interface Bounds {
  requests: number;
  /** Wall time by construction: every request is settled by its due time plus the timeout. */
  worstCaseSeconds: number;
}

/** Requests and worst-case wall time of `steps`, plus the service's start. */
export function boundsOf(steps: RunStep[]): Bounds {
  let requests = 0;
  let seconds = READY_TIMEOUT_MS / 1000;
  for (const step of steps) {
    requests += step.rps * step.seconds;
    seconds += step.seconds + REQUEST_TIMEOUT_MS / 1000;
  }
  return { requests, worstCaseSeconds: seconds };
}

/** Throws unless `steps` stay within MAX_REQUESTS and MAX_TOTAL_SECONDS. */
export function checkBounds(steps: RunStep[]): Bounds {
  const bounds = boundsOf(steps);
  if (bounds.requests > MAX_REQUESTS || bounds.worstCaseSeconds > MAX_TOTAL_SECONDS) {
    throw new Error(
      `the benchmark would send ${bounds.requests} requests over up to ${bounds.worstCaseSeconds} s, past its caps (${MAX_REQUESTS} requests, ${MAX_TOTAL_SECONDS} s): lower --seconds or raise --work-ms`,
    );
  }
  return bounds;
}

/**
 * Due times (ms) of `requests` Poisson arrivals over `seconds`: sorted uniform points, which is a
 * Poisson process conditioned on exactly that many arrivals in the interval
 * (https://en.wikipedia.org/wiki/Poisson_point_process#Conditioning), so the count and the span are both fixed.
 */
export function poissonDueTimes(requests: number, seconds: number, seed: number): Float64Array {
  const generator = seededGenerator(seed);
  const due = new Float64Array(requests);
  for (let i = 0; i < requests; i++) due[i] = uniformFloat64(generator) * seconds * 1000;
  return due.sort();
}

/** The only origin the benchmark's client is given. */
export function loopbackOrigin(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}

export interface Calibration {
  rps: number;
  requests: number;
  /** S: main-thread CPU per request. */
  serviceMs: number;
  /** D: mean latency minus S (at least 0). */
  nonCpuMs: number;
  /** sd(latency) / S. */
  cv: number;
  p50Ms: number;
  p99Ms: number;
}

/** S, D and CV from a calibration run's latencies and the service's main-thread CPU over it. */
export function calibrate(rps: number, latenciesMs: ArrayLike<number>, cpuMs: number): Calibration {
  const n = latenciesMs.length;
  if (n < 2) throw new Error(`calibration got ${n} answers: is the service answering on ${LOOPBACK}?`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += latenciesMs[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (latenciesMs[i] - mean) ** 2;
  const serviceMs = cpuMs / n;
  const summary = summarizeLatencies(latenciesMs);
  return {
    rps,
    requests: n,
    serviceMs,
    nonCpuMs: Math.max(0, mean - serviceMs),
    cv: Math.sqrt(squares / (n - 1)) / serviceMs,
    p50Ms: summary.p50 as number,
    p99Ms: summary.p99 as number,
  };
}

export interface Prediction {
  /** M/M/1 sojourn p99 + D; Infinity when rate x S >= 1. */
  mm1P99Ms: number;
  simP50Ms: number;
  simP99Ms: number;
}

/** What the models predict at `rps` for the calibration's S, CV and D. */
export function predict(calibration: Calibration, rps: number, size: SimulationSize = SIMULATION): Prediction {
  const s = calibration.serviceMs / 1000;
  const d = calibration.nonCpuMs;
  const mm1 = sojournTimePercentile(1, rps * s, s, 0.99) * 1000 + d;
  if (rps * s >= 1) return { mm1P99Ms: mm1, simP50Ms: Infinity, simP99Ms: Infinity };
  const sim = simulateRouting({
    mode: "sharedQueue",
    arrivalsPerSecond: rps,
    tasks: 1,
    processesPerTask: 1,
    nodes: 1,
    times: {
      cpu: calibration.cv > 0 ? lognormal(s, calibration.cv) : deterministic(s),
      downstream: deterministic(d / 1000),
    },
    ...size,
  });
  return { mm1P99Ms: mm1, simP50Ms: sim.latencySeconds.p50 * 1000, simP99Ms: sim.latencySeconds.p99 * 1000 };
}

export interface RateMeasurement {
  targetUtilization: number;
  rps: number;
  /** Answers in the statistics (after the warm-up seconds). */
  samples: number;
  /** Non-2xx answers, timeouts and transport errors over the whole run. */
  failures: number;
  p50Ms: number;
  p99Ms: number;
  /** Main-thread CPU per answered request over the whole run. */
  serviceMsAtRate: number;
  /** Main-thread CPU / wall time of the run. */
  busyShare: number;
  maxSendLagMs: number;
}

/** A table row: the measurement, the predictions for the calibration's S, and the simulation for this run's own S. */
export type TableRow = RateMeasurement &
  Prediction & {
    /** The simulation's p99 with S = serviceMsAtRate (same CV and D): the queue alone, without S's drift with load. */
    simP99OwnSMs: number;
  };

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : "unstable");

/** The markdown table: one row per rate, measured beside predicted. */
export function formatTable(calibration: Calibration, rows: TableRow[]): string {
  const lines = [
    `Calibration: ${calibration.requests} requests at ${calibration.rps} rps (evenly spaced): S = ${calibration.serviceMs.toFixed(2)} ms CPU per request, non-CPU D = ${calibration.nonCpuMs.toFixed(2)} ms, CV = ${calibration.cv.toFixed(3)}, latency p50 ${ms(calibration.p50Ms)} ms, p99 ${ms(calibration.p99Ms)} ms.`,
    "",
    "| rate (rps) | utilization (rate × S) | busy share (measured) | S at this rate (ms) | p50 measured (ms) | p50 simulated (ms) | p99 measured (ms) | p99 M/M/1 (ms) | p99 simulated (ms) | p99 simulated at this rate's S (ms) | samples | failures | client lag max (ms) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    const u = (row.rps * calibration.serviceMs) / 1000;
    lines.push(
      `| ${row.rps} | ${u.toFixed(2)} | ${row.busyShare.toFixed(2)} | ${row.serviceMsAtRate.toFixed(2)} | ${ms(row.p50Ms)} | ${ms(row.simP50Ms)} | ${ms(row.p99Ms)} | ${ms(row.mm1P99Ms)} | ${ms(row.simP99Ms)} | ${ms(row.simP99OwnSMs)} | ${row.samples} | ${row.failures} | ${ms(row.maxSendLagMs)} |`,
    );
  }
  return lines.join("\n");
}

/** CPU time (ms) the process's main thread (the event loop: the one CPU server) has used. Linux only. */
export function mainThreadCpuMs(pid: number, read: (path: string) => string = (p) => readFileSync(p, "utf8")): number {
  const path = `/proc/${pid}/task/${pid}/schedstat`;
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as Error).message}): the latency benchmark measures CPU time on Linux only`);
  }
  return Number(text.split(" ")[0]) / 1e6;
}

export const LATENCY_USAGE = `usage: npm run bench:latency [-- --work-ms <ms>] [-- --seconds <s>]
Runs one process of the reference service on ${LOOPBACK} (WORK_MS of CPU per payment, DOWNSTREAM_MS=0, in-memory dynalite),
calibrates its service time, drives it at utilizations ${TARGET_UTILIZATIONS.join(", ")} (Poisson arrivals) and prints
measured p50/p99 beside the M/M/1 and simulated predictions as a markdown table.
  --work-ms  CPU per payment request, ${WORK_MS_RANGE[0]}-${WORK_MS_RANGE[1]} (default 10)
  --seconds  length of each measured run, ${SECONDS_RANGE[0]}-${SECONDS_RANGE[1]} (default 10; the first ${WARM_UP_SECONDS} are left out)`;

function wholeFlag(name: string, value: string, [least, most]: readonly [number, number]): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < least || parsed > most)
    throw new UsageError(`--${name} "${value}": expected a whole number from ${least} to ${most}\n${LATENCY_USAGE}`);
  return parsed;
}

export interface LatencyBenchOptions {
  workMs: number;
  seconds: number;
}

/** The flags, checked; the bounds of the calibration steps (the measured steps are checked again once S is known). */
export function parseLatencyFlags(argv: string[]): LatencyBenchOptions | "help" {
  const flags = parseFlags(
    argv,
    { "work-ms": { type: "string", default: "10" }, seconds: { type: "string", default: "10" } },
    LATENCY_USAGE,
  );
  if (flags.help) return "help";
  return {
    workMs: wholeFlag("work-ms", flags["work-ms"], WORK_MS_RANGE),
    seconds: wholeFlag("seconds", flags.seconds, SECONDS_RANGE),
  };
}

interface Service {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

async function startService(mainJs: string, env: NodeJS.ProcessEnv): Promise<Service> {
  const child = spawn(process.execPath, [mainJs], { env, stdio: "ignore" });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  const started = performance.now();
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (await probeHealth(PORT, 200, READY_PATH)) return { child, pid: child.pid as number, stop };
    await new Promise((r) => setTimeout(r, 20));
  }
  await stop();
  throw new Error(`the service was not ready on ${LOOPBACK}:${PORT} within ${READY_TIMEOUT_MS} ms`);
}

interface StepResult {
  latenciesMs: Float64Array;
  failures: number;
  cpuMs: number;
  elapsedMs: number;
  maxSendLagMs: number;
}

async function runStep(step: RunStep, pid: number, seed: number): Promise<StepResult> {
  const schedule = arrivalSchedule(step.rps, step.seconds);
  const due = step.arrivals === "poisson" ? poissonDueTimes(schedule.requests, step.seconds, seed) : undefined;
  const dueAt: DueAt | undefined = due === undefined ? undefined : (index) => due[index];
  const traffic = new PaymentTraffic(randomUUID(), 100);
  const client = createPaymentClient({ origin: loopbackOrigin(PORT), connections: CONNECTIONS, insecure: false }, traffic);
  try {
    await client.warmUp(REQUEST_TIMEOUT_MS);
    const cpuBefore = mainThreadCpuMs(pid);
    const run = await runOpenLoop(schedule, REQUEST_TIMEOUT_MS, client.exchange, dueAt);
    const cpuMs = mainThreadCpuMs(pid) - cpuBefore;
    return {
      latenciesMs: Float64Array.from(run.tally.latencies()),
      failures: run.tally.failures(),
      cpuMs,
      elapsedMs: run.elapsedMs,
      maxSendLagMs: run.maxSendLagMs,
    };
  } finally {
    await client.close();
  }
}

export const latencyBenchCommand: Command = async (argv, io) => {
  const options = parseLatencyFlags(argv);
  if (options === "help") {
    io.out(LATENCY_USAGE);
    return 0;
  }
  const [warmUp, calibrationStep] = calibrationSteps(options.workMs);
  checkBounds([warmUp, calibrationStep, ...measuredSteps(options.workMs / 1000, options.seconds)]);
  io.out(
    `One service process on ${loopbackOrigin(PORT)}, WORK_MS=${options.workMs}: warm-up, calibration, 5 rates (about a minute)...\n`,
  );
  const out = mkdtempSync(join(tmpdir(), "latency-bench-"));
  const dynamo = await startDynalite();
  let service: Service | undefined;
  try {
    await buildAppBundle(out);
    await createTable(localClient("us-east-1", dynamo.endpoint), LOCAL_TABLE_NAME);
    service = await startService(join(out, "main.js"), {
      PATH: process.env.PATH,
      [ENV.port]: String(PORT),
      [ENV.tableName]: LOCAL_TABLE_NAME,
      [ENV.region]: "us-east-1",
      [ENV.dynamodbEndpoint]: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      [ENV.logLevel]: "error",
      [ENV.workMs]: String(options.workMs),
      [ENV.downstreamMs]: "0",
    });
    await runStep(warmUp, service.pid, 1);
    const calibrationRun = await runStep(calibrationStep, service.pid, 2);
    const calibration = calibrate(calibrationStep.rps, calibrationRun.latenciesMs, calibrationRun.cpuMs);
    const steps = measuredSteps(calibration.serviceMs / 1000, options.seconds);
    checkBounds([warmUp, calibrationStep, ...steps]);
    const rows: TableRow[] = [];
    for (const [i, step] of steps.entries()) {
      const result = await runStep(step, service.pid, 100 + i);
      // Answers come back in about arrival order (one FIFO process): the first WARM_UP_SECONDS' worth are left out.
      const kept = result.latenciesMs.subarray(Math.min(result.latenciesMs.length, step.rps * WARM_UP_SECONDS));
      const summary = summarizeLatencies(kept);
      const serviceMsAtRate = result.cpuMs / Math.max(1, result.latenciesMs.length);
      rows.push({
        targetUtilization: TARGET_UTILIZATIONS[i],
        rps: step.rps,
        samples: kept.length,
        failures: result.failures,
        p50Ms: summary.p50 ?? NaN,
        p99Ms: summary.p99 ?? NaN,
        serviceMsAtRate,
        busyShare: result.cpuMs / result.elapsedMs,
        maxSendLagMs: result.maxSendLagMs,
        ...predict(calibration, step.rps),
        simP99OwnSMs: predict({ ...calibration, serviceMs: serviceMsAtRate }, step.rps).simP99Ms,
      });
    }
    io.out(formatTable(calibration, rows));
    io.out(
      `\nWORK_MS=${options.workMs}, DOWNSTREAM_MS=0, one process on ${LOOPBACK}:${PORT}, ${options.seconds} s per rate (first ${WARM_UP_SECONDS} s left out), node ${process.version}.`,
    );
  } finally {
    await service?.stop();
    await dynamo.close();
    rmSync(out, { recursive: true, force: true });
  }
  return 0;
};
