/**
 * Assembles the service from a validated configuration and its dependencies, starts listening and,
 * in worker mode, the settlement loop. Everything process-wide (env, signals, exit) stays in
 * run.ts, so tests start and stop real services in-process.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { AddressInfo } from "net";
import { createAuditLog } from "./auditLog";
import { Clock } from "./clock";
import { Config } from "./config";
import { downstreamDelay, Random } from "./downstreamDelay";
import { createLogger } from "./logger";
import { createServiceServer } from "./server";
import { drain } from "./shutdown";
import { createStore } from "./store";
import { Work } from "./work";
import { runWorker } from "./worker";

export interface ServiceDeps {
  /** The caller owns it (and destroys it after stop()). */
  client: DynamoDBClient;
  write: (line: string) => void;
  clock: Clock;
  work: Work;
  newId: () => string;
  leaseMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The uniform source of the downstream draws (downstreamDelay.ts); Math.random when undefined. */
  random?: Random;
  /** Listen address; all interfaces when undefined (the container), 127.0.0.1 in tests. */
  host?: string;
}

export interface RunningService {
  /** The port listened on (PORT, or the one picked for PORT=0). */
  port: number;
  /** Drains and resolves with the exit code (0 drained, 1 budget exhausted). */
  stop(): Promise<number>;
}

export async function startService(config: Config, deps: ServiceDeps): Promise<RunningService> {
  const { clock, newId, work } = deps;
  const downstream = downstreamDelay(config.downstreamMs, config.downstreamShape, deps.random);
  // At least twice the longest emulated request (idempotency.ts IDEMPOTENCY_LEASE_MS): the cap of
  // a random downstream wait, not its mean, so no draw outlasts half the lease.
  const leaseMs = Math.max(deps.leaseMs, 2 * (config.workMs + downstream.capMs));
  const logger = createLogger(config.logLevel, deps.write, clock);
  const store = createStore(deps.client, config.tableName);
  const audit = createAuditLog(config.auditLogPath, deps.write, clock, config.mode);
  const api = config.mode === "api";
  const service = createServiceServer({
    logger,
    payments: api
      ? { store, audit, clock, newId, leaseMs, work, workMs: config.workMs, downstreamWaitMs: downstream.draw }
      : undefined,
    keepAliveTimeoutSeconds: config.keepAliveTimeoutSeconds,
  });
  await new Promise<void>((resolve, reject) => {
    service.server.once("error", reject);
    service.server.listen(config.port, deps.host, () => {
      service.server.off("error", reject);
      resolve();
    });
  });
  const port = (service.server.address() as AddressInfo).port;
  const stopping = new AbortController();
  const worker = api
    ? Promise.resolve()
    : runWorker(
        {
          store,
          logger,
          audit,
          clock,
          batchSize: config.workerBatchSize,
          pollIntervalMs: config.workerPollIntervalMs,
          sleep: deps.sleep,
        },
        stopping.signal,
      );
  logger.log("info", "listening", { mode: config.mode, port });
  return {
    port,
    stop: () => {
      stopping.abort();
      return drain(service, { timeoutMs: config.shutdownTimeoutSeconds * 1000, logger, pending: worker });
    },
  };
}
