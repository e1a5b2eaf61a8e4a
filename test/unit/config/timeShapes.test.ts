/** The service-time shapes of the SLO model: their defaults, a lognormal's CV, and a CV that would change nothing. */
import { configProblems, resolveValues } from "../support/configSource";

const problems = configProblems;

describe("service-time shapes", () => {
  it("GIVEN no shape keys WHEN resolving THEN CPU time is exponential and the non-CPU latency lognormal with CV 1", () => {
    const { workload } = resolveValues({ environmentSuffix: "dev" });
    expect([workload.cpuTimeShape, workload.nonCpuLatencyShape]).toEqual([
      { kind: "exponential" },
      { kind: "lognormal", coefficientOfVariation: 1 },
    ]);
  });

  it("GIVEN a lognormal CPU time of CV 40% and a fixed non-CPU latency WHEN resolving THEN both shapes are taken", () => {
    const { workload } = resolveValues({
      environmentSuffix: "dev",
      workloadCpuTimeShape: "lognormal",
      workloadCpuTimeCvPercent: "40",
      workloadNonCpuLatencyShape: "deterministic",
    });
    expect([workload.cpuTimeShape, workload.nonCpuLatencyShape]).toEqual([
      { kind: "lognormal", coefficientOfVariation: 0.4 },
      { kind: "deterministic" },
    ]);
  });

  it("GIVEN a CV for shapes that are not lognormal WHEN resolving THEN both are refused by name with the fix", () => {
    expect(
      problems({
        workloadCpuTimeCvPercent: "40",
        workloadNonCpuLatencyShape: "exponential",
        workloadNonCpuLatencyCvPercent: "80",
      }),
    ).toEqual([
      "workloadCpuTimeCvPercent = 40: has no effect while workloadCpuTimeShape is exponential; set workloadCpuTimeShape lognormal or remove it. Example: pulumi config set workloadCpuTimeCvPercent 100",
      "workloadNonCpuLatencyCvPercent = 80: has no effect while workloadNonCpuLatencyShape is exponential; set workloadNonCpuLatencyShape lognormal or remove it. Example: pulumi config set workloadNonCpuLatencyCvPercent 100",
    ]);
  });

  it("GIVEN an unknown shape WHEN resolving THEN it is refused with the allowed values", () => {
    expect(problems({ workloadNonCpuLatencyShape: "pareto" })).toEqual([
      'workloadNonCpuLatencyShape = "pareto": must be one of exponential, lognormal, deterministic. Example: pulumi config set workloadNonCpuLatencyShape lognormal',
    ]);
  });
});
