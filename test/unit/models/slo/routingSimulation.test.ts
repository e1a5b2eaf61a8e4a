import { erlangC, sojournTimePercentile } from "../../../../lib/models/slo/erlangC";
import {
  nearestRank,
  popcount,
  RoutingSimulationInput,
  RoutingSimulationResult,
  simulateRouting,
} from "../../../../lib/models/slo/routingSimulation";
import { deterministic, exponential, lognormal } from "../../../../lib/models/slo/serviceTime";

const CPU_SECONDS = 0.01;

/** A steady state at utilization `rho`: tasks × processes servers, 10 ms exponential CPU, the given downstream. */
function input(overrides: Partial<RoutingSimulationInput> & { rho: number }): RoutingSimulationInput {
  const { rho, ...rest } = overrides;
  const base: RoutingSimulationInput = {
    mode: "perNodeLeastOutstanding",
    arrivalsPerSecond: 0,
    tasks: 6,
    processesPerTask: 1,
    nodes: 3,
    times: { cpu: exponential(CPU_SECONDS), downstream: deterministic(0.03) },
    seed: 1,
    maxRequests: 20000,
    maxSimulatedSeconds: 1e6,
    warmUpRequests: 1000,
    ...rest,
  };
  return { ...base, arrivalsPerSecond: (rho * base.tasks * base.processesPerTask) / base.times.cpu.meanSeconds };
}

describe("the shared-queue limit reproduces M/M/c (Erlang C)", () => {
  // Sampling error measured over seeds 1-6 at 100,000 requests (5,000 warm-up): the mean wait
  // moved by up to 2.9% (c = 1, 4), 8.5% (c = 10) and 13.9% (c = 19 at 0.85, where waits are rare and
  // long and successive waits are strongly correlated); P(wait > 0) by up to 3.4%; the p99 by up to 2.9%.
  // The tolerances are those spreads with a margin; seed 1 is the run asserted.
  const cases: [servers: number, rho: number, meanWaitTolerance: number][] = [
    [1, 0.5, 0.05],
    [4, 0.7, 0.05],
    [10, 0.8, 0.12],
    [19, 0.85, 0.2],
  ];
  const runs = cases.map(([servers, rho]) =>
    simulateRouting(
      input({
        rho,
        mode: "sharedQueue",
        tasks: servers,
        nodes: 1,
        times: { cpu: exponential(CPU_SECONDS), downstream: deterministic(0) },
        maxRequests: 100000,
        warmUpRequests: 5000,
      }),
    ),
  );

  it.each(cases.map((row, i) => [...row, runs[i]] as const))(
    "GIVEN %i servers at utilization %f, exponential CPU time WHEN simulated as one shared FIFO THEN the mean wait is within %f of C·h/(c-a), P(wait>0) within 5% of Erlang C and the response p99 within 4% of the M/M/c sojourn p99",
    (servers, rho, meanWaitTolerance, run) => {
      const offered = servers * rho;
      const waitProbability = erlangC(servers, offered);
      const meanWait = (waitProbability * CPU_SECONDS) / (servers - offered);
      expect(Math.abs(run.meanWaitSeconds / meanWait - 1)).toBeLessThan(meanWaitTolerance);
      expect(Math.abs(run.waitedShare / waitProbability - 1)).toBeLessThan(0.05);
      expect(Math.abs(run.latencySeconds.p99 / sojournTimePercentile(servers, offered, CPU_SECONDS, 0.99) - 1)).toBeLessThan(
        0.04,
      );
      expect(Math.abs(run.utilization - rho)).toBeLessThan(0.02);
      expect(run.samples).toBe(95000);
    },
  );
});

describe("per-node routing against the shared queue", () => {
  const grid: [tasks: number, nodes: number, rho: number][] = [];
  for (const tasks of [2, 6]) for (const nodes of [2, 3]) for (const rho of [0.5, 0.8]) grid.push([tasks, nodes, rho]);

  it.each(grid)(
    "GIVEN %i tasks, %i nodes, utilization %f and one seed WHEN both routings see the same requests THEN per-node p99 >= shared p99",
    (tasks, nodes, rho) => {
      const perNode = simulateRouting(input({ rho, tasks, nodes }));
      const shared = simulateRouting(input({ rho, tasks, nodes, mode: "sharedQueue" }));
      expect(perNode.latencySeconds.p99).toBeGreaterThanOrEqual(shared.latencySeconds.p99);
      expect(perNode.meanWaitSeconds).toBeGreaterThanOrEqual(shared.meanWaitSeconds);
      // Common random numbers: both saw the same arrivals and request times.
      expect(perNode.lastArrivalSeconds).toBe(shared.lastArrivalSeconds);
      expect(perNode.utilization).toBe(shared.utilization);
    },
  );

  it("GIVEN constant CPU and downstream times of equal length WHEN a CPU end and a downstream end fall at the same instant THEN the run is still reproducible and no response beats 20 ms", () => {
    const constant = input({
      rho: 0.9,
      tasks: 1,
      nodes: 1,
      times: { cpu: deterministic(0.01), downstream: deterministic(0.01) },
    });
    const run = simulateRouting(constant);
    expect(run).toEqual(simulateRouting(constant));
    expect(run.samples).toBe(19000);
    expect(run.latencySeconds.p50).toBeGreaterThanOrEqual(0.02);
  });

  it("GIVEN one node and one task WHEN routed per node THEN it is the shared queue over that task's processes", () => {
    const oneTask = { rho: 0.7, tasks: 1, processesPerTask: 3, nodes: 1 };
    expect(simulateRouting(input(oneTask))).toEqual(simulateRouting(input({ ...oneTask, mode: "sharedQueue" })));
  });
});

describe("determinism and bounds", () => {
  const reference = input({ rho: 0.8, times: { cpu: lognormal(CPU_SECONDS, 1.5), downstream: lognormal(0.03, 1) } });
  let first: RoutingSimulationResult;
  beforeAll(() => {
    first = simulateRouting(reference);
  });

  it("GIVEN the same seed twice WHEN simulated THEN the results are identical", () => {
    expect(simulateRouting(reference)).toEqual(first);
  });

  it("GIVEN another seed WHEN simulated THEN the p99 differs", () => {
    expect(simulateRouting({ ...reference, seed: 2 }).latencySeconds.p99).not.toBe(first.latencySeconds.p99);
  });

  it("GIVEN a request cap WHEN it binds THEN exactly that many arrive and all but the warm-up are sampled", () => {
    expect(first.stoppedBy).toBe("maxRequests");
    expect(first.arrivals).toBe(20000);
    expect(first.samples).toBe(19000);
    expect(first.latencySeconds.p50).toBeLessThanOrEqual(first.latencySeconds.p90);
    expect(first.latencySeconds.p90).toBeLessThanOrEqual(first.latencySeconds.p99);
    expect(first.latencySeconds.p99).toBeLessThanOrEqual(first.latencySeconds.p999);
  });

  it("GIVEN a time cap of 2 s at 480 requests/s WHEN it binds THEN no request arrives after it and the count is Poisson(960) within 5 sd", () => {
    const capped = simulateRouting({ ...reference, maxSimulatedSeconds: 2, warmUpRequests: 100 });
    expect(reference.arrivalsPerSecond).toBeCloseTo(480, 9);
    expect(capped.stoppedBy).toBe("maxSimulatedSeconds");
    expect(capped.lastArrivalSeconds).toBeLessThanOrEqual(2);
    expect(Math.abs(capped.arrivals - 960)).toBeLessThan(5 * Math.sqrt(960));
    expect(capped.samples).toBe(capped.arrivals - 100);
  });

  it("GIVEN a time cap that ends the arrivals inside the warm-up WHEN simulated THEN it refuses, naming both settings", () => {
    expect(() => simulateRouting({ ...reference, maxSimulatedSeconds: 0.001, warmUpRequests: 100 })).toThrow(
      "no request arrived after the 100 warm-up requests within 0.001 s: raise maxSimulatedSeconds or lower warmUpRequests",
    );
  });

  it.each([
    [{ arrivalsPerSecond: 0 }, "arrivalsPerSecond must be a finite number > 0, got 0"],
    [{ tasks: 0 }, "tasks must be a whole number >= 1, got 0"],
    [{ processesPerTask: 1.5 }, "processesPerTask must be a whole number >= 1, got 1.5"],
    [{ nodes: 0 }, "nodes must be a whole number >= 1, got 0"],
    [{ maxRequests: 0 }, "maxRequests must be a whole number >= 1, got 0"],
    [{ maxSimulatedSeconds: Infinity }, "maxSimulatedSeconds must be a finite number > 0, got Infinity"],
    [{ warmUpRequests: -1 }, "warmUpRequests must be a whole number >= 0, got -1"],
    [{ warmUpRequests: 20000 }, "warmUpRequests (20000) must be below maxRequests (20000)"],
  ] as [Partial<RoutingSimulationInput>, string][])("GIVEN %j WHEN simulated THEN it refuses with %s", (bad, message) => {
    expect(() => simulateRouting({ ...reference, ...bad })).toThrow(new RangeError(message));
  });
});

describe("nearestRank", () => {
  it("GIVEN 1..10 WHEN taking percentiles THEN each is the smallest value with that share at or below it", () => {
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([0.01, 0.5, 0.9, 0.91, 0.999].map((fraction) => nearestRank(values, fraction))).toEqual([1, 5, 9, 10, 10]);
    expect(nearestRank(values, 0)).toBe(1);
  });
});

describe("popcount", () => {
  it.each([
    [0, 0],
    [1, 1],
    [0b1011, 3],
    [0x80000000, 1],
    [0xffffffff, 32],
    [0x12345678, 13],
  ])("GIVEN the word %d WHEN counting its set bits THEN there are %d", (word, bits) => {
    expect(popcount(word)).toBe(bits);
  });
});
