import {
  cpuServiceSeconds,
  offeredLoad,
  p99LatencyMs,
  processVcpuShare,
  serverCount,
  utilization,
} from "../../../../lib/models/slo/latency";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

describe("per-process capacity", () => {
  it("GIVEN a 0.5 vCPU task with one process WHEN sizing a server THEN the process gets 0.5 vCPU and a 10 ms request takes 20 ms", () => {
    const spec = legacyProdSpec();
    expect(processVcpuShare(spec)).toBe(0.5);
    expect(cpuServiceSeconds(spec)).toBeCloseTo(0.02, 15);
    expect(serverCount(spec, 9)).toBe(9);
  });

  it("GIVEN a 2 vCPU task with one single-threaded process WHEN sizing a server THEN the process still gets only 1 vCPU", () => {
    const spec = legacyProdSpec({ apiCpu: "2048", apiMemory: "4096" });
    expect(processVcpuShare(spec)).toBe(1);
    expect(cpuServiceSeconds(spec)).toBeCloseTo(0.01, 15);
    expect(serverCount(spec, 3)).toBe(3);
  });

  it("GIVEN a 2 vCPU task running 4 processes WHEN sizing servers THEN each process gets 0.5 vCPU and 3 tasks are 12 servers", () => {
    const spec = legacyProdSpec({ apiCpu: "2048", apiMemory: "4096", apiProcessesPerTask: "4" });
    expect(processVcpuShare(spec)).toBe(0.5);
    expect(serverCount(spec, 3)).toBe(12);
    expect(p99LatencyMs(spec, 250, 3)).toBeCloseTo(122.12300982, 6);
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
  it("GIVEN the prod peak (250 rps on 9 tasks of 0.5 vCPU) WHEN computing the p99 THEN it is the M/M/9 sojourn p99 plus 30 ms", () => {
    // Checked against a 400,000-request discrete-event simulation of M/M/9 (92.5 ms + 30 ms).
    expect(p99LatencyMs(legacyProdSpec(), 250, 9)).toBeCloseTo(122.63306305, 6);
  });

  it("GIVEN a 0.25 vCPU task with no queueing WHEN computing the p99 THEN the exponential 40 ms service alone gives 40·ln(100) + 30 = 214 ms, over a 200 ms target", () => {
    expect(p99LatencyMs(legacyDevSpec(), 0, 1)).toBeCloseTo(40 * Math.log(100) + 30, 9);
  });

  it("GIVEN more load than the tasks can serve WHEN computing the p99 THEN it is Infinity", () => {
    expect(p99LatencyMs(legacyProdSpec(), 250, 5)).toBe(Infinity);
  });
});
