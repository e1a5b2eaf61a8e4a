/**
 * The environment each service's container gets: where the payments table is, how long to keep
 * connections and to drain, and, for the reference payment service (app/), its mode and the CPU and
 * downstream time per request that make it behave like the modelled workload, so that a load test
 * against the deployed stack measures what the SLO model predicts. The names are the service's
 * contract (app/src/contract.ts).
 */
import { DEFAULT_PORT, type DownstreamShapeName, ENV } from "../../app/src/contract";
import { physicalName } from "../spec/names";
import type { PlatformSpec, TimeShape, WorkloadProfile } from "../spec/platformSpec";
import { serviceMode, type ServiceSpec } from "../spec/services";

/**
 * Seconds the service keeps between its own drain deadline and the container's stopTimeout, when
 * ECS sends SIGKILL: enough for the last log lines to leave the awslogs driver.
 */
export const SHUTDOWN_MARGIN_SECONDS = 5;

/** The service's DOWNSTREAM_SHAPE for the model's non-CPU latency shape: the model's deterministic is its fixed. */
const DOWNSTREAM_SHAPE_OF: Record<TimeShape["kind"], DownstreamShapeName> = {
  deterministic: "fixed",
  exponential: "exponential",
  lognormal: "lognormal",
};

/** What the reference service emulates per request: CPU time, and the downstream wait's mean and shape. */
export type EmulatedWork = Pick<WorkloadProfile, "cpuMsPerRequest" | "nonCpuLatencyMs" | "nonCpuLatencyShape">;

/** No work at all: the reference service as a plain service. */
const NO_WORK: EmulatedWork = { cpuMsPerRequest: 0, nonCpuLatencyMs: 0, nonCpuLatencyShape: { kind: "deterministic" } };

/**
 * The variables that make the reference service do `work` per request: WORK_MS, and the downstream
 * wait's mean drawn with its shape. With a mean of 0 the wait is a fixed 0 (the service refuses a
 * random shape around 0, which would change nothing); DOWNSTREAM_CV_PERCENT only with lognormal (the
 * service refuses it otherwise). The load test prints the same variables for a local run.
 */
export function workloadEmulationEnvironment(work: EmulatedWork): Record<string, string> {
  const meanMs = work.nonCpuLatencyMs;
  const shape: TimeShape = meanMs === 0 ? { kind: "deterministic" } : work.nonCpuLatencyShape;
  const env: Record<string, string> = {
    [ENV.workMs]: String(work.cpuMsPerRequest),
    [ENV.downstreamMs]: String(meanMs),
    [ENV.downstreamShape]: DOWNSTREAM_SHAPE_OF[shape.kind],
  };
  // The CV comes from an integer percent (workloadNonCpuLatencyCvPercent / 100): rounding only undoes the division's error.
  if (shape.kind === "lognormal") env[ENV.downstreamCvPercent] = String(Math.round(shape.coefficientOfVariation * 100));
  return env;
}

export function serviceEnvironment(spec: PlatformSpec, service: ServiceSpec): Record<string, string> {
  const env: Record<string, string> = {
    [ENV.tableName]: physicalName("paymentsTable", spec.environmentSuffix),
    [ENV.region]: spec.region,
    [ENV.shutdownTimeoutSeconds]: String(Math.max(1, service.stopTimeoutSeconds - SHUTDOWN_MARGIN_SECONDS)),
  };
  if (service.role === "web") {
    env[ENV.port] = String(service.containerPort);
    env[ENV.keepAliveTimeoutSeconds] = String(service.keepAliveTimeoutSeconds);
  } else {
    // The worker answers its container health check on this port (no mapping: nothing outside the task calls it).
    env[ENV.port] = String(DEFAULT_PORT);
  }
  if (service.container.source === "reference") {
    env[ENV.mode] = serviceMode(service);
    // One line per request at info: about 0.2 KB, inside the workload's logKbPerRequest (1 KB).
    env[ENV.logLevel] = "info";
    if (service.role === "web")
      Object.assign(env, workloadEmulationEnvironment(spec.referenceService.emulateWorkload ? spec.workload : NO_WORK));
  }
  return env;
}
