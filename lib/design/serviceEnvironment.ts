/**
 * The environment each service's container gets: where the payments table is, how long to keep
 * connections and to drain, and, for the reference payment service (app/), its mode and the CPU and
 * downstream time per request that make it behave like the modelled workload, so that a load test
 * against the deployed stack measures what the SLO model predicts. The names are the service's
 * contract (app/src/contract.ts).
 */
import { DEFAULT_PORT, ENV } from "../../app/src/contract";
import { physicalName } from "../spec/names";
import type { PlatformSpec } from "../spec/platformSpec";
import { serviceMode, type ServiceSpec } from "../spec/services";

/**
 * Seconds the service keeps between its own drain deadline and the container's stopTimeout, when
 * ECS sends SIGKILL: enough for the last log lines to leave the awslogs driver.
 */
export const SHUTDOWN_MARGIN_SECONDS = 5;

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
    if (service.role === "web") {
      const emulate = spec.referenceService.emulateWorkload;
      env[ENV.workMs] = String(emulate ? spec.workload.cpuMsPerRequest : 0);
      env[ENV.downstreamMs] = String(emulate ? spec.workload.nonCpuLatencyMs : 0);
    }
  }
  return env;
}
