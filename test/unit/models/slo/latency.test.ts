import { offeredLoad, p99LatencyMs, serverCount, utilization } from "../../../../lib/models/slo/latency";
import { requestTimesOf } from "../../../../lib/models/slo/requestTimes";
import { perNodeP99Seconds } from "../../../../lib/models/slo/routingApproximation";
import { simulateRouting } from "../../../../lib/models/slo/routingSimulation";
import { legacyProdSpec } from "./fixtures";

describe("servers", () => {
  it("GIVEN a 2 vCPU task running 4 processes WHEN counting servers THEN 3 tasks are 12 servers", () => {
    expect(serverCount(legacyProdSpec({ apiCpu: "2048", apiMemory: "4096", apiProcessesPerTask: "4" }), 3)).toBe(12);
    expect(serverCount(legacyProdSpec(), 9)).toBe(9);
  });
});

describe("utilization", () => {
  it("GIVEN 250 rps of 20 ms on 9 servers WHEN computing utilization THEN it is 5 / 9", () => {
    expect(offeredLoad(legacyProdSpec(), 250)).toBeCloseTo(5, 12);
    expect(utilization(legacyProdSpec(), 250, 9)).toBeCloseTo(5 / 9, 12);
  });

  it("GIVEN no traffic WHEN computing utilization THEN it is 0 even with no task", () => {
    expect(utilization(legacyProdSpec(), 0, 0)).toBe(0);
  });

  it("GIVEN traffic and no task WHEN computing utilization THEN it is Infinity", () => {
    expect(utilization(legacyProdSpec(), 10, 0)).toBe(Infinity);
  });
});

describe("p99LatencyMs", () => {
  const spec = legacyProdSpec();

  it("GIVEN the legacy prod peak (250 rps on 9 tasks of 0.5 vCPU, 3 AZs) WHEN computing the p99 THEN it is the per-node approximation with 3 nodes, within 1.1% (the grid)", () => {
    const exact =
      perNodeP99Seconds({ arrivalsPerSecond: 250, tasks: 9, processesPerTask: 1, nodes: 3, times: requestTimesOf(spec) }) * 1000;
    const p99 = p99LatencyMs(spec, 250, 9);
    expect(Math.abs(p99 / exact - 1)).toBeLessThan(0.011);
    expect(p99LatencyMs(spec, 250, 9, 3)).toBe(p99);
  });

  it("GIVEN the same load WHEN one node routes instead of three THEN the p99 is lower: one dispatcher sees every outstanding request", () => {
    expect(p99LatencyMs(spec, 250, 9, 1)).toBeLessThan(p99LatencyMs(spec, 250, 9, 3));
  });

  it("GIVEN 6 tasks at 60% on 3 nodes WHEN comparing with the routing simulation THEN the approximation is within the documented -5%..+25% of it", () => {
    const simulated =
      simulateRouting({
        mode: "perNodeLeastOutstanding",
        arrivalsPerSecond: 180,
        tasks: 6,
        processesPerTask: 1,
        nodes: 3,
        times: requestTimesOf(spec),
        seed: 7,
        maxRequests: 120000,
        maxSimulatedSeconds: 3600,
        warmUpRequests: 10000,
      }).latencySeconds.p99 * 1000;
    const ratio = p99LatencyMs(spec, 180, 6) / simulated;
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.25);
  });

  it("GIVEN no task in service WHEN computing the p99 THEN it is Infinity", () => {
    expect(p99LatencyMs(spec, 10, 0)).toBe(Infinity);
  });

  it("GIVEN more load than the tasks can serve WHEN computing the p99 THEN it is Infinity", () => {
    expect(p99LatencyMs(spec, 250, 5)).toBe(Infinity);
  });
});
