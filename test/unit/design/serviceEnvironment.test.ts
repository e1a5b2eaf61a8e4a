/**
 * Each container's environment (lib/design/serviceEnvironment.ts): the names are the reference
 * service's contract (app/src/contract.ts); the modelled CPU and downstream time go only to the
 * reference API, and a configured image gets the table and drain settings without the emulation.
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

  it("GIVEN a different modelled workload THEN the reference API burns and waits what it says", () => {
    const spec = resolve({ workloadCpuMsPerRequest: "25", workloadNonCpuLatencyMs: "0" });
    expect(serviceEnvironment(spec, spec.services.api)).toMatchObject({ SERVICE_MODE: "api", WORK_MS: "25", DOWNSTREAM_MS: "0" });
  });

  it("GIVEN referenceServiceEmulatesWorkload false THEN the reference API does no emulated work", () => {
    const spec = resolve({ referenceServiceEmulatesWorkload: "false" });
    expect(serviceEnvironment(spec, spec.services.api)).toMatchObject({ SERVICE_MODE: "api", WORK_MS: "0", DOWNSTREAM_MS: "0" });
  });
});
