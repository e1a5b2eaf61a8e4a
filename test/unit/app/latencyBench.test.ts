/**
 * `npm run bench:latency` (bench/latencyBench.ts): the harness, not the machine's speed. The
 * utilization-to-rate arithmetic, the caps on requests and wall time, the Poisson due times, the
 * loopback-only origin, the calibration and prediction arithmetic, the table, the CPU reading, the
 * flags. No real run: the shortest one the flags allow takes about 30 s.
 */
import { simulateRouting } from "../../../lib/models/slo/routingSimulation";
import { deterministic, lognormal } from "../../../lib/models/slo/serviceTime";
import {
  boundsOf,
  calibrate,
  Calibration,
  calibrationSteps,
  checkBounds,
  formatTable,
  LATENCY_USAGE,
  latencyBenchCommand,
  loopbackOrigin,
  LOOPBACK,
  mainThreadCpuMs,
  MAX_REQUESTS,
  MAX_TOTAL_SECONDS,
  measuredSteps,
  parseLatencyFlags,
  poissonDueTimes,
  predict,
  rateFor,
  SECONDS_RANGE,
  WORK_MS_RANGE,
} from "../../../bench/latencyBench";
import { describeCommandLineConventions } from "../support/commandConventions";
import { UsageError } from "../../../lib/commands/cli";

describe("rates and bounds", () => {
  it("GIVEN S = 17.6 ms THEN the rates are the whole numbers nearest u / S for 0.3 ... 0.9, at least 1", () => {
    expect(measuredSteps(0.0176, 10)).toEqual(
      [17, 28, 40, 45, 51].map((rps, i) => ({
        label: `u ${[0.3, 0.5, 0.7, 0.8, 0.9][i]}`,
        rps,
        seconds: 10,
        arrivals: "poisson",
      })),
    );
    expect(rateFor(0.3, 10)).toBe(1);
    expect(() => rateFor(0.3, 0)).toThrow(new RangeError("mean service time must be a finite number > 0 s, got 0"));
  });

  it("GIVEN WORK_MS 10 THEN warm-up at 50 rps for 3 s and calibration evenly spaced at 20 rps for 6 s (a request every 50 ms)", () => {
    expect(calibrationSteps(10)).toEqual([
      { label: "warm-up", rps: 50, seconds: 3, arrivals: "even" },
      { label: "calibration", rps: 20, seconds: 6, arrivals: "even" },
    ]);
  });

  it("GIVEN the defaults at S = 17.6 ms THEN 2,080 requests and at most 83 s; GIVEN the flags' extremes at S = WORK_MS THEN still within the caps", () => {
    const defaults = [...calibrationSteps(10), ...measuredSteps(0.0176, 10)];
    // 150 + 120 + (17 + 28 + 40 + 45 + 51) x 10; 10 s to start + (3 + 2) + (6 + 2) + 5 x (10 + 2).
    expect(checkBounds(defaults)).toEqual({ requests: 2_080, worstCaseSeconds: 83 });
    const extreme = [...calibrationSteps(WORK_MS_RANGE[0]), ...measuredSteps(WORK_MS_RANGE[0] / 1000, SECONDS_RANGE[1])];
    // 300 + 240 + (60 + 100 + 140 + 160 + 180) x 20; 10 + 5 + 8 + 5 x 22.
    expect(checkBounds(extreme)).toEqual({ requests: 13_340, worstCaseSeconds: 133 });
    expect([MAX_REQUESTS, MAX_TOTAL_SECONDS]).toEqual([20_000, 150]);
  });

  it("GIVEN a measured S so small that the rates pass a cap THEN it refuses before sending, naming both caps and the fix", () => {
    const steps = [...calibrationSteps(5), ...measuredSteps(0.001, 20)];
    expect(boundsOf(steps).requests).toBe(64_540);
    expect(() => checkBounds(steps)).toThrow(
      "the benchmark would send 64540 requests over up to 133 s, past its caps (20000 requests, 150 s): lower --seconds or raise --work-ms",
    );
  });
});

describe("Poisson due times", () => {
  it("GIVEN 2,000 requests over 10 s THEN exactly 2,000 sorted due times inside [0, 10,000) ms, the same for the same seed", () => {
    const due = poissonDueTimes(2_000, 10, 7);
    expect(due.length).toBe(2_000);
    expect(due.every((t, i) => t >= 0 && t < 10_000 && (i === 0 || t >= due[i - 1]))).toBe(true);
    expect(poissonDueTimes(2_000, 10, 7)).toEqual(due);
    expect(poissonDueTimes(2_000, 10, 8)).not.toEqual(due);
  });
});

describe("loopback only", () => {
  it("GIVEN any port THEN the client's only origin is http://127.0.0.1:<port>", () => {
    expect([LOOPBACK, loopbackOrigin(18_182)]).toEqual(["127.0.0.1", "http://127.0.0.1:18182"]);
  });
});

const CALIBRATION: Calibration = { rps: 20, requests: 4, serviceMs: 10, nonCpuMs: 3, cv: 0, p50Ms: 12, p99Ms: 16 };

describe("calibrate and predict", () => {
  it("GIVEN latencies 10, 12, 14, 16 ms and 40 ms of main-thread CPU THEN S 10 ms, D 3 ms, CV sd / S, nearest-rank p50 / p99", () => {
    expect(calibrate(20, [10, 12, 14, 16], 40)).toEqual({ ...CALIBRATION, cv: Math.sqrt(20 / 3) / 10 });
    expect(calibrate(20, [5, 5], 40).nonCpuMs).toBe(0);
    expect(() => calibrate(20, [5], 5)).toThrow("calibration got 1 answers: is the service answering on 127.0.0.1?");
  });

  it("GIVEN S 10 ms, D 3 ms, 50 rps THEN M/M/1's p99 is ln(100) / (μ - λ) + D, and the simulation is the shared queue of one process", () => {
    const size = { maxRequests: 2_000, warmUpRequests: 100, maxSimulatedSeconds: 1e6, seed: 3 };
    const simulated = (cpu: ReturnType<typeof deterministic>) =>
      simulateRouting({
        mode: "sharedQueue",
        arrivalsPerSecond: 50,
        tasks: 1,
        processesPerTask: 1,
        nodes: 1,
        times: { cpu, downstream: deterministic(0.003) },
        ...size,
      }).latencySeconds;
    const fixed = predict(CALIBRATION, 50, size);
    expect(fixed.mm1P99Ms).toBeCloseTo(Math.log(100) * 20 + 3, 6);
    expect([fixed.simP50Ms, fixed.simP99Ms]).toEqual([
      simulated(deterministic(0.01)).p50 * 1000,
      simulated(deterministic(0.01)).p99 * 1000,
    ]);
    const spread = predict({ ...CALIBRATION, cv: 0.5 }, 50, size);
    expect(spread.simP99Ms).toBe(simulated(lognormal(0.01, 0.5)).p99 * 1000);
  });

  it("GIVEN a rate at or past one process's capacity THEN every prediction is Infinity (shown as unstable)", () => {
    expect(predict(CALIBRATION, 100)).toEqual({ mm1P99Ms: Infinity, simP50Ms: Infinity, simP99Ms: Infinity });
  });
});

describe("formatTable", () => {
  it("GIVEN a calibration and two rows (one unstable) THEN the summary line and a markdown table, one row per rate", () => {
    const calibration: Calibration = {
      rps: 20,
      requests: 120,
      serviceMs: 17.6,
      nonCpuMs: 7.79,
      cv: 0.449,
      p50Ms: 22.8,
      p99Ms: 69.8,
    };
    const row = {
      targetUtilization: 0.3,
      rps: 17,
      samples: 136,
      failures: 0,
      p50Ms: 25,
      p99Ms: 65.7,
      serviceMsAtRate: 16.4,
      busyShare: 0.28,
      maxSendLagMs: 4.9,
      mm1P99Ms: 123.5,
      simP50Ms: 26.7,
      simP99Ms: 74.8,
      simP99OwnSMs: 70.1,
    };
    const unstable = {
      ...row,
      rps: 60,
      failures: 3,
      mm1P99Ms: Infinity,
      simP50Ms: Infinity,
      simP99Ms: Infinity,
      simP99OwnSMs: Infinity,
    };
    expect(formatTable(calibration, [row, unstable]).split("\n")).toEqual([
      "Calibration: 120 requests at 20 rps (evenly spaced): S = 17.60 ms CPU per request, non-CPU D = 7.79 ms, CV = 0.449, latency p50 22.8 ms, p99 69.8 ms.",
      "",
      "| rate (rps) | utilization (rate × S) | busy share (measured) | S at this rate (ms) | p50 measured (ms) | p50 simulated (ms) | p99 measured (ms) | p99 M/M/1 (ms) | p99 simulated (ms) | p99 simulated at this rate's S (ms) | samples | failures | client lag max (ms) |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      "| 17 | 0.30 | 0.28 | 16.40 | 25.0 | 26.7 | 65.7 | 123.5 | 74.8 | 70.1 | 136 | 0 | 4.9 |",
      "| 60 | 1.06 | 0.28 | 16.40 | 25.0 | unstable | 65.7 | unstable | unstable | unstable | 136 | 3 | 4.9 |",
    ]);
  });
});

describe("mainThreadCpuMs", () => {
  it("GIVEN schedstat's first field (ns on CPU) THEN milliseconds, read from the main thread's task; GIVEN no /proc THEN a Linux-only error", () => {
    const paths: string[] = [];
    expect(mainThreadCpuMs(42, (path) => (paths.push(path), "12345678 999 3\n"))).toBe(12.345678);
    expect(paths).toEqual(["/proc/42/task/42/schedstat"]);
    expect(() =>
      mainThreadCpuMs(42, () => {
        throw new Error("ENOENT");
      }),
    ).toThrow("cannot read /proc/42/task/42/schedstat (ENOENT): the latency benchmark measures CPU time on Linux only");
  });
});

describe("flags", () => {
  it("GIVEN no flags THEN WORK_MS 10 and 10 s per rate; GIVEN values out of range THEN a UsageError naming the flag and its range", () => {
    expect(parseLatencyFlags([])).toEqual({ workMs: 10, seconds: 10 });
    expect(parseLatencyFlags(["--work-ms", "20", "--seconds", "4"])).toEqual({ workMs: 20, seconds: 4 });
    expect(parseLatencyFlags(["--help"])).toBe("help");
    expect(() => parseLatencyFlags(["--work-ms", "4"])).toThrow(
      new UsageError(`--work-ms "4": expected a whole number from 5 to 50\n${LATENCY_USAGE}`),
    );
    expect(() => parseLatencyFlags(["--seconds", "2.5"])).toThrow(
      new UsageError(`--seconds "2.5": expected a whole number from 4 to 20\n${LATENCY_USAGE}`),
    );
  });
});

describeCommandLineConventions("bench:latency", () => latencyBenchCommand, LATENCY_USAGE);
