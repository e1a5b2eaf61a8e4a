/**
 * Each container's environment (lib/design/serviceEnvironment.ts): the names are the reference
 * service's contract (app/src/contract.ts); the modelled CPU and downstream time (the downstream's
 * shape included) go only to the reference API, and a configured image gets the table and drain
 * settings without the emulation.
 */
import { serviceEnvironment } from "../../../lib/design/serviceEnvironment";
import { resolveValues } from "../support/configSource";

const resolve = (values: Record<string, string>) => resolveValues({ environmentSuffix: "qa", ...values });

describe("service environment", () => {
  it("GIVEN the reference worker THEN it runs in worker mode on the default port, with no emulated request work", () => {
    const spec = resolve({});
    expect(serviceEnvironment(spec, spec.services.worker)).toEqual({
      TABLE_NAME: "payments-qa",
      AWS_REGION: "us-east-1",
      SHUTDOWN_TIMEOUT_SECONDS: "115",
      PORT: "8080",
      SERVICE_MODE: "worker",
      LOG_LEVEL: "info",
    });
  });

  it("GIVEN a configured API image, another port and a 30 s stopTimeout THEN no mode or emulation, and the drain ends 5 s before SIGKILL", () => {
    const spec = resolve({
      containerImage: "ghcr.io/acme/api:1",
      containerPort: "9000",
      apiStopTimeoutSeconds: "30",
      deregistrationDelaySeconds: "20",
    });
    expect(serviceEnvironment(spec, spec.services.api)).toEqual({
      TABLE_NAME: "payments-qa",
      AWS_REGION: "us-east-1",
      SHUTDOWN_TIMEOUT_SECONDS: "25",
      PORT: "9000",
      KEEP_ALIVE_TIMEOUT_SECONDS: "75",
    });
  });

  /** The reference API's environment apart from the emulated work. */
  const REFERENCE_API = {
    TABLE_NAME: "payments-qa",
    AWS_REGION: "us-east-1",
    SHUTDOWN_TIMEOUT_SECONDS: "115",
    PORT: "8080",
    KEEP_ALIVE_TIMEOUT_SECONDS: "75",
    SERVICE_MODE: "api",
    LOG_LEVEL: "info",
  };

  it("GIVEN the default workload (10 ms CPU, 30 ms non-CPU, lognormal CV 100%) THEN the reference API burns 10 ms and draws its wait lognormal with CV 100", () => {
    const spec = resolve({});
    expect(serviceEnvironment(spec, spec.services.api)).toEqual({
      ...REFERENCE_API,
      WORK_MS: "10",
      DOWNSTREAM_MS: "30",
      DOWNSTREAM_SHAPE: "lognormal",
      DOWNSTREAM_CV_PERCENT: "100",
    });
  });

  it.each([
    [
      { workloadNonCpuLatencyShape: "lognormal", workloadNonCpuLatencyCvPercent: "250" },
      { DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "250" },
    ],
    [
      { workloadNonCpuLatencyShape: "lognormal", workloadNonCpuLatencyCvPercent: "1" },
      { DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "1" },
    ],
    [
      { workloadNonCpuLatencyShape: "lognormal", workloadNonCpuLatencyCvPercent: "1000" },
      { DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "1000" },
    ],
    [{ workloadNonCpuLatencyShape: "exponential" }, { DOWNSTREAM_SHAPE: "exponential" }],
    [{ workloadNonCpuLatencyShape: "deterministic" }, { DOWNSTREAM_SHAPE: "fixed" }],
  ])("GIVEN %j THEN the reference API's downstream variables are %j", (values, downstream) => {
    const spec = resolve({ workloadNonCpuLatencyMs: "45", ...values });
    expect(serviceEnvironment(spec, spec.services.api)).toEqual({
      ...REFERENCE_API,
      WORK_MS: "10",
      DOWNSTREAM_MS: "45",
      ...downstream,
    });
  });

  it("GIVEN the CVs 0.01 to 10 (percent / 100, as resolve makes them) THEN DOWNSTREAM_CV_PERCENT is each percent back, whatever the division rounded", () => {
    const spec = resolve({});
    const percents = Array.from({ length: 1000 }, (_, i) => i + 1);
    const written = percents.map((percent) => {
      const workload = {
        ...spec.workload,
        nonCpuLatencyShape: { kind: "lognormal" as const, coefficientOfVariation: percent / 100 },
      };
      return serviceEnvironment({ ...spec, workload }, spec.services.api).DOWNSTREAM_CV_PERCENT;
    });
    expect(written).toEqual(percents.map(String));
  });

  it("GIVEN a different modelled workload with no non-CPU latency THEN the reference API burns 25 ms and waits a fixed 0, whatever the modelled shape", () => {
    const spec = resolve({ workloadCpuMsPerRequest: "25", workloadNonCpuLatencyMs: "0" });
    expect(serviceEnvironment(spec, spec.services.api)).toEqual({
      ...REFERENCE_API,
      WORK_MS: "25",
      DOWNSTREAM_MS: "0",
      DOWNSTREAM_SHAPE: "fixed",
    });
  });

  it("GIVEN referenceServiceEmulatesWorkload false THEN the reference API does no emulated work: no CPU and a fixed 0 wait", () => {
    const spec = resolve({ referenceServiceEmulatesWorkload: "false", workloadNonCpuLatencyShape: "exponential" });
    expect(serviceEnvironment(spec, spec.services.api)).toEqual({
      ...REFERENCE_API,
      WORK_MS: "0",
      DOWNSTREAM_MS: "0",
      DOWNSTREAM_SHAPE: "fixed",
    });
  });
});
