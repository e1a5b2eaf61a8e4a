/**
 * What the platform and the reference payment service agree on: the environment the stack sets,
 * the table layout it creates, the DynamoDB actions it grants, the health paths it checks and where
 * the image keeps its runtime. The Pulumi program imports this file (and only this file) from app/,
 * so a change here changes both sides in one commit; nothing in app/ imports the platform.
 */

/** Environment variables the service reads. */
export const ENV = {
  /** "api" (HTTP payments API) or "worker" (settlement batches); `--worker` on the command line also selects the worker. */
  mode: "SERVICE_MODE",
  port: "PORT",
  tableName: "TABLE_NAME",
  region: "AWS_REGION",
  /** Local only (dynalite); unset on AWS, where the SDK uses the regional endpoint through the gateway endpoint. */
  dynamodbEndpoint: "DYNAMODB_ENDPOINT",
  /** HTTP keep-alive; the stack sets it above the ALB idle timeout. */
  keepAliveTimeoutSeconds: "KEEP_ALIVE_TIMEOUT_SECONDS",
  /** Drain budget after SIGTERM; the stack sets it below the container's stopTimeout. */
  shutdownTimeoutSeconds: "SHUTDOWN_TIMEOUT_SECONDS",
  /** CPU milliseconds burnt per payment request (emulates the modelled workload). */
  workMs: "WORK_MS",
  /** Emulated downstream (card network) latency per payment request, in milliseconds: the mean of DOWNSTREAM_SHAPE. */
  downstreamMs: "DOWNSTREAM_MS",
  /**
   * How each emulated downstream wait is drawn around DOWNSTREAM_MS (DOWNSTREAM_SHAPES): "fixed"
   * (unset) always waits DOWNSTREAM_MS; "exponential" and "lognormal" draw every wait at random
   * (app/src/downstreamDelay.ts), the platform's workloadNonCpuLatencyShape.
   */
  downstreamShape: "DOWNSTREAM_SHAPE",
  /** Coefficient of variation of a lognormal DOWNSTREAM_SHAPE, in percent (unset: 100); only with lognormal. */
  downstreamCvPercent: "DOWNSTREAM_CV_PERCENT",
  /** "info" logs one line per request; "warn" only 4xx/5xx and worker errors; "error" only 5xx. */
  logLevel: "LOG_LEVEL",
  workerBatchSize: "WORKER_BATCH_SIZE",
  workerPollIntervalMs: "WORKER_POLL_INTERVAL_MS",
  /**
   * The file the service appends its audit events to (AUDIT_LOG.file on the stack's task volume),
   * each synchronously before the payment is answered or the settlement counted; unset (local runs),
   * they go to stdout. The audit forwarder (SERVICE_MODE=audit-forwarder) tails the same file.
   */
  auditLogPath: "AUDIT_LOG_PATH",
} as const;

export type ServiceMode = "api" | "worker";

/**
 * DOWNSTREAM_SHAPE's values. "fixed" is the platform's "deterministic" (the stack maps it,
 * lib/design/serviceEnvironment.ts); the first is the default.
 */
export const DOWNSTREAM_SHAPES = ["fixed", "exponential", "lognormal"] as const;
export type DownstreamShapeName = (typeof DOWNSTREAM_SHAPES)[number];

/**
 * SERVICE_MODE of the audit forwarder sidecar: not a service mode (no HTTP server, no table), the
 * same image copying the audit file to its own stdout, whose log driver blocks instead of dropping.
 */
export const AUDIT_FORWARDER_MODE = "audit-forwarder";

/**
 * Where the audit file lives in the task: a task volume (ECS bind mount on the task's ephemeral
 * storage) mounted here read-write in both containers (the forwarder deletes rotated files). The
 * image declares this directory (app/Dockerfile VOLUME, owned by the task's user) so the volume
 * starts writable for a non-root user; ECS would otherwise create it root-owned, mode 0755.
 *
 * eventBudgetBytes: the bytes of one audit line (app/src/auditLog.ts auditLine) the cost model
 * assumes (lib/models/cost/assumptions.ts AUDIT_EVENT_KB). The largest line the service can write
 * is 207 bytes (a payment.authorized line with the largest amount the validator accepts);
 * test/unit/app/audit.test.ts checks it fits, so a new field in the line fails there first.
 */
export const AUDIT_LOG = { directory: "/var/audit", file: "/var/audit/events.jsonl", eventBudgetBytes: 256 } as const;

export const DEFAULT_PORT = 8080;

/** Liveness (the container health check) and readiness (the ALB target group health check). */
export const HEALTH_PATH = "/health";
export const READY_PATH = "/ready";

/**
 * The payments API as callers outside the service use it: verify's round trip and the load test send
 * exactly these paths and headers, so a change here changes the server and its callers together.
 */
export const PAYMENTS_API = {
  collectionPath: "/v1/payments",
  /** GET one payment: `${collectionPath}/<id>`. */
  itemPathPrefix: "/v1/payments/",
  idempotencyKeyHeader: "Idempotency-Key",
  /** Set to "true" on a replayed response (the first response to the same key and body). */
  replayedHeader: "Idempotent-Replayed",
} as const;

/**
 * One table, one string partition key. Payments are `payment#<id>`, idempotency records
 * `idempotency#<key>` (expired by TTL). Authorized payments carry `pendingShard`, which puts them in
 * the sparse `pending` index the worker settles from; settling removes the attribute.
 */
export const TABLE = {
  partitionKey: "pk",
  ttlAttribute: "expiresAt",
  pendingIndex: { name: "pending", partitionKey: "pendingShard", sortKey: "createdAt" },
  /** Pending payments spread over this many index partitions (one index partition takes 1,000 writes/s). */
  pendingShards: 8,
} as const;

/**
 * The DynamoDB actions each mode calls, and nothing else: the stack grants exactly these on the
 * table's ARN (the worker's Query on the pending index's ARN). test/unit/app checks the store sends
 * no other command.
 */
export const DYNAMODB_ACTIONS: Record<ServiceMode, { table: string[]; pendingIndex: string[] }> = {
  api: { table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], pendingIndex: [] },
  worker: { table: ["dynamodb:UpdateItem"], pendingIndex: ["dynamodb:Query"] },
};

/** Where the image (app/Dockerfile) keeps the runtime and the health check script: the exec-form health check needs no shell. */
export const IMAGE = { node: "/nodejs/bin/node", healthCheckScript: "/app/healthcheck.js" } as const;

/**
 * Attribute types of the keys the table and its index declare. The stack's attributeDefinitions and
 * the service's writes must agree or DynamoDB rejects the write (or, for the index, silently leaves
 * the item out). createdAt is an ISO 8601 UTC string with milliseconds, so string order is time
 * order; pendingShard is the shard number as a string, "0" to String(TABLE.pendingShards - 1).
 */
export const TABLE_KEY_TYPES = {
  [TABLE.partitionKey]: "S",
  [TABLE.pendingIndex.partitionKey]: "S",
  [TABLE.pendingIndex.sortKey]: "S",
} as const;

/** Keep-alive when the stack sets none: above the ALB's default 60 s idle timeout, so the ALB, not the task, closes idle connections. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS = 65;

/** Drain budget when the stack sets none: below ECS's default 30 s stopTimeout, so the task exits before SIGKILL. */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 25;

/** The health check script gives up after this; the stack's container health check timeout (at least 2 s on ECS) must be longer. */
export const HEALTH_CHECK_SCRIPT_TIMEOUT_MS = 1500;

/** Log bytes per request the cost model assumes (workloadLogKbPerRequest = 1); test/unit/app checks an info request line stays under it. */
export const REQUEST_LOG_BUDGET_BYTES = 1024;
