import { cpuServiceSeconds, distributionOf, processVcpuShare, requestTimesOf } from "../../../../lib/models/slo/requestTimes";
import { legacyProdSpec, prodSpec } from "./fixtures";

describe("per-process capacity", () => {
  it("GIVEN a 0.5 vCPU task with one process WHEN sizing a server THEN the process gets 0.5 vCPU and a 10 ms request takes 20 ms", () => {
    const spec = legacyProdSpec();
    expect(processVcpuShare(spec)).toBe(0.5);
    expect(cpuServiceSeconds(spec)).toBeCloseTo(0.02, 15);
  });

  it("GIVEN a 2 vCPU task with one single-threaded process WHEN sizing a server THEN the process still gets only 1 vCPU", () => {
    const spec = legacyProdSpec({ apiCpu: "2048", apiMemory: "4096" });
    expect(processVcpuShare(spec)).toBe(1);
    expect(cpuServiceSeconds(spec)).toBeCloseTo(0.01, 15);
  });

  it("GIVEN a 2 vCPU task running 4 processes WHEN sizing a server THEN each process gets 0.5 vCPU", () => {
    expect(processVcpuShare(legacyProdSpec({ apiCpu: "2048", apiMemory: "4096", apiProcessesPerTask: "4" }))).toBe(0.5);
  });
});

describe("distributionOf", () => {
  it("GIVEN a phase with a mean of 0 WHEN building its distribution THEN it is a fixed 0 whatever the shape", () => {
    expect(distributionOf({ kind: "lognormal", coefficientOfVariation: 1 }, 0)).toEqual({
      kind: "deterministic",
      meanSeconds: 0,
    });
    expect(distributionOf({ kind: "exponential" }, 0)).toEqual({ kind: "deterministic", meanSeconds: 0 });
  });

  it("GIVEN a lognormal shape with CV 0.5 and a mean of 30 ms WHEN building its distribution THEN it keeps both", () => {
    expect(distributionOf({ kind: "lognormal", coefficientOfVariation: 0.5 }, 0.03)).toEqual({
      kind: "lognormal",
      coefficientOfVariation: 0.5,
      meanSeconds: 0.03,
    });
  });
});

describe("requestTimesOf", () => {
  it("GIVEN the prod defaults WHEN reading the request times THEN CPU is exponential 10 ms on a 1-vCPU process and the downstream lognormal 30 ms with CV 1", () => {
    expect(requestTimesOf(prodSpec({ apiCpu: "1024", apiMemory: "2048" }))).toEqual({
      cpu: { kind: "exponential", meanSeconds: 0.01 },
      downstream: { kind: "lognormal", coefficientOfVariation: 1, meanSeconds: 0.03 },
    });
  });

  it("GIVEN a fixed 40 ms downstream and a lognormal CPU of CV 150% on 0.5 vCPU WHEN reading the request times THEN the CPU mean doubles to 20 ms", () => {
    const spec = prodSpec({
      apiCpu: "512",
      apiMemory: "1024",
      workloadCpuTimeShape: "lognormal",
      workloadCpuTimeCvPercent: "150",
      workloadNonCpuLatencyShape: "deterministic",
      workloadNonCpuLatencyMs: "40",
    });
    expect(requestTimesOf(spec)).toEqual({
      cpu: { kind: "lognormal", coefficientOfVariation: 1.5, meanSeconds: 0.02 },
      downstream: { kind: "deterministic", meanSeconds: 0.04 },
    });
  });
});
