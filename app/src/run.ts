/**
 * The process around the service: configuration from the environment, the DynamoDB client, the
 * signals and the exit code. main.ts passes the real `process`; tests pass a fake one.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomUUID } from "crypto";
import { checkAuditFile } from "./auditFileCheck";
import { AUDIT_POLL_INTERVAL_MS, forwardAuditLog } from "./auditForwarder";
import { sleep, systemClock } from "./clock";
import { CONFIG_EXIT_CODE, Config, ConfigError, Env, ForwarderConfig, loadConfig, loadForwarderConfig } from "./config";
import { AUDIT_FORWARDER_MODE, ENV } from "./contract";
import { IDEMPOTENCY_LEASE_MS } from "./idempotency";
import { createLogger, describeError } from "./logger";
import { ServiceDeps, startService } from "./start";
import { emulatedWork } from "./work";

/** The part of `process` the service uses. */
export interface ProcessPort {
  env: Env;
  argv: string[];
  stdout: { write(text: string): unknown };
  on(event: "SIGTERM" | "SIGINT", listener: () => void): unknown;
  exit(code: number): unknown;
}

/**
 * How long one DynamoDB call may take. A stuck connection must fail one attempt in seconds and be
 * retried once, not hold the request until the ALB's 60 s idle timeout: a payment makes up to six
 * calls, so the worst case (6 x 2 attempts x (1 s connect + 2 s answer)) stays under it. The SDK only
 * warns when requestTimeout passes unless throwOnRequestTimeout is set (@smithy/node-http-handler).
 */
export const DYNAMODB_TIMEOUTS = { connectionTimeout: 1000, requestTimeout: 2000, maxAttempts: 2 };

/**
 * One client per process (one connection pool). No credentials here: the SDK's default chain finds
 * the task role (or, locally, the environment).
 */
export function createClient(config: Config, timeouts = DYNAMODB_TIMEOUTS): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    endpoint: config.dynamodbEndpoint,
    maxAttempts: timeouts.maxAttempts,
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeout,
      requestTimeout: timeouts.requestTimeout,
      throwOnRequestTimeout: true,
    },
  });
}

/** The real clock, work, ids, lease and sleep around `client`: what the service runs with outside tests. */
export function processDeps(client: DynamoDBClient, write: (line: string) => void): ServiceDeps {
  return { client, write, clock: systemClock, work: emulatedWork, newId: randomUUID, leaseMs: IDEMPOTENCY_LEASE_MS, sleep };
}

/**
 * The audit forwarder until SIGTERM or SIGINT: it then copies the rest of the file and exits 0
 * (2 for bad configuration or an audit file it cannot open for append, 1 if the file cannot be
 * read). Its own lines (errors only) are JSON lines like the service's, on the same stdout as the
 * audit lines it copies.
 */
export async function runForwarder(proc: ProcessPort, pollIntervalMs = AUDIT_POLL_INTERVAL_MS): Promise<void> {
  const write = (line: string): void => void proc.stdout.write(line);
  const logger = createLogger("info", write, systemClock);
  let config: ForwarderConfig;
  try {
    config = loadForwarderConfig(proc.env, proc.argv.slice(2));
    checkAuditFile(config.auditLogPath);
  } catch (error) {
    logger.log("error", "invalid configuration", { problems: (error as ConfigError).problems });
    proc.exit(CONFIG_EXIT_CODE);
    return;
  }
  const stopping = new AbortController();
  const stop = (): void => stopping.abort();
  proc.on("SIGTERM", stop);
  proc.on("SIGINT", stop);
  try {
    await forwardAuditLog({ path: config.auditLogPath, write, pollIntervalMs, sleep }, stopping.signal);
    proc.exit(0);
  } catch (error) {
    logger.log("error", "audit forwarder failed", { cause: describeError(error) });
    proc.exit(1);
  }
}

/**
 * Runs the service until SIGTERM or SIGINT, then exits with the drain's code (2 for bad configuration
 * or an audit file it cannot open for append, 1 if it cannot start); with
 * SERVICE_MODE=audit-forwarder, the audit forwarder instead.
 */
export async function run(proc: ProcessPort): Promise<void> {
  if (proc.env[ENV.mode] === AUDIT_FORWARDER_MODE) return runForwarder(proc);
  const write = (line: string): void => void proc.stdout.write(line);
  // Before the configuration is known, log at info: these lines are rare and must not be filtered.
  const logger = createLogger("info", write, systemClock);
  let config: Config;
  try {
    config = loadConfig(proc.env, proc.argv.slice(2));
    // Before the client and the listener: a task that cannot write its audit file must not take payments.
    checkAuditFile(config.auditLogPath);
  } catch (error) {
    logger.log("error", "invalid configuration", { problems: (error as ConfigError).problems });
    proc.exit(CONFIG_EXIT_CODE);
    return;
  }
  const client = createClient(config);
  try {
    const service = await startService(config, processDeps(client, write));
    let stopping: Promise<void> | undefined;
    const stop = (): void => {
      // A second signal while draining changes nothing: the budget is already running.
      stopping ??= service.stop().then((code) => {
        client.destroy();
        proc.exit(code);
      });
    };
    proc.on("SIGTERM", stop);
    proc.on("SIGINT", stop);
  } catch (error) {
    logger.log("error", "failed to start", { cause: describeError(error) });
    client.destroy();
    proc.exit(1);
  }
}
