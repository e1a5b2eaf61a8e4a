/**
 * The cost model's assumptions: quantities AWS does not publish and the workload profile does not
 * say. Each is a named constant with the reason for its value, so a reader can challenge one number
 * instead of reverse-engineering a formula. Prices are not here (see lib/aws/prices.ts); neither is
 * anything the stack config sets (that is read from the spec).
 */
import { SERVICE_METRIC_NAMES } from "../../design/serviceMonitoring";
import { HOURS_PER_MONTH } from "../../spec/workload";

/** Bytes per KB and KB per GB: the model counts binary units, as AWS bills data (1 GB = 2^30 bytes). */
export const KB_PER_GB = 1024 * 1024;
export const MB_PER_GB = 1024;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

// --- logs

/**
 * Stored (compressed) log bytes per ingested byte. CloudWatch bills storage on compressed data; the
 * AWS Pricing Calculator uses a 0.15 "storage compression factor" for CloudWatch Logs
 * (https://calculator.aws/#/createCalculator/CloudWatch). Real ratios depend on the log format.
 */
export const LOG_STORAGE_COMPRESSION = 0.15;

/**
 * Logs that never expire grow without bound; the baseline is costed at its steady state after this
 * many months of accumulation (a year: the horizon a budget is planned on), i.e. storage = 12 months of ingestion.
 */
export const NEVER_EXPIRE_MONTHS = 12;

// --- Container Insights (standard and enhanced observability)

/**
 * Metrics Container Insights publishes per cluster, per service and per running task, all billed as
 * custom metrics (prorated by the hour, so per-task metrics cost in proportion to task-hours).
 * Standard Container Insights on ECS aggregates at the cluster, service and task-definition-family
 * levels (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html):
 * about 10 cluster metrics (CPU/memory utilized and reserved, network rx/tx, storage read/write,
 * task and service counts) and, per service, about 13 service metrics (the same plus running,
 * desired and pending task, deployment and task-set counts) and 8 task-family metrics.
 * Enhanced observability adds per-task and per-container series: about 10 task metrics and 8 for
 * its one container. AWS prices enhanced observability per observation and publishes no rate we could
 * verify (https://aws.amazon.com/cloudwatch/pricing/); pricing its series as custom metrics is the stand-in.
 */
export const CONTAINER_INSIGHTS_METRICS = { perCluster: 10, perService: 21, perTaskEnhanced: 18 } as const;

/**
 * Container Insights performance log events ingested per task-minute: one Task and one Container
 * event of about 1 KB each (the documented samples,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-reference-performance-logs-ECS.html).
 * The performance log group keeps 1 day by default, so its storage is not counted.
 */
export const CONTAINER_INSIGHTS_LOG_KB_PER_TASK_MINUTE = 2;

// --- alarms, metrics, dashboards

/**
 * Target tracking creates a scale-out and a scale-in alarm per policy
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
 */
export const ALARMS_PER_TARGET_TRACKING_POLICY = 2;

/**
 * 20-second ECS service metrics (CPU and memory) each service publishes when highResolutionMetrics
 * is on (lib/design/serviceMonitoring.ts, set on every service). AWS does not state their price
 * (UNVERIFIED); they are costed as custom metrics to stay on the safe side.
 */
export const HIGH_RESOLUTION_SERVICE_METRICS = SERVICE_METRIC_NAMES.length;

/** Dashboards per stack: the performance dashboard and the cost dashboard (lib/infra/dashboards/). */
export const DASHBOARDS = 2;

// --- KMS

/** One customer managed key per stack (logs, secrets, SNS). */
export const KMS_KEYS = 1;

/**
 * KMS requests: each task start fetches its secrets once (Secrets Manager decrypts each with the
 * stack key: one request per secret); each encrypted log group asks for a data key about every
 * 5 minutes (UNVERIFIED: CloudWatch Logs does not publish its key-caching interval).
 */
export const KMS_REQUESTS_PER_LOG_GROUP_HOUR = 12;

// --- task starts (image pulls)

/**
 * Deployments per month: one per working day. A rolling deployment starts a replacement for every
 * running task of the service.
 */
export const DEPLOYS_PER_MONTH = 20;

/**
 * Fargate Spot interruptions per Spot task-hour: one per task-day. AWS publishes no Fargate Spot
 * interruption rate (UNVERIFIED); each interruption starts a replacement task that pulls the image.
 */
export const SPOT_INTERRUPTIONS_PER_TASK_HOUR = 1 / 24;

/**
 * Share of an image pull that is not layer data (registry API calls, auth token, manifests, TLS).
 * ECR stores layers in S3, and the S3 gateway endpoint (always deployed, free) carries them, so only
 * this share crosses the NAT gateway or the ecr.api/ecr.dkr interface endpoints. Manifests are a
 * few KB against a 150 MB image; 1% is deliberately generous. Assumes the image is in a private ECR
 * repository in us-east-1 (public registries send every byte through NAT).
 */
export const ECR_NON_LAYER_SHARE = 0.01;

// --- network

/**
 * Cross-AZ transfer is billed on both sides: $0.01 out of one AZ and $0.01 into the other
 * (https://aws.amazon.com/ec2/pricing/on-demand/).
 */
export const CROSS_AZ_BILLED_DIRECTIONS = 2;

// --- load balancer

/**
 * Listener rules a request is evaluated against: the HTTPS listener's default forward (the HTTP
 * listener only redirects). Below the 10 free rules, so the rule dimension bills nothing unless
 * this grows past 10.
 */
export const LISTENER_RULES_PER_REQUEST = 1;

// --- the payments table and the reference image (lib/models/cost/paymentData.ts)

/**
 * Write request units per created payment, each item under 1 KB (one unit per write,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html): the
 * idempotency claim (1), the payment (1) and its entry in the pending index (1, index writes are
 * billed like table writes), the idempotency record completed with the response (1), and settlement:
 * the payment updated (1) and its index entry removed (1). See app/src/contract.ts for the layout.
 */
export const WRITE_UNITS_PER_PAYMENT = 6;

/** A payment read back (GET /v1/payments/{id}): one strongly consistent read of an item under 4 KB is one read unit. */
export const READ_UNITS_PER_PAYMENT_READ = 1;

/**
 * Share of payment creations a client retries with the same idempotency key (timeouts, 5xx). Each
 * retry costs a refused conditional write (1 write unit) and one consistent read of the record
 * (1 read unit). No published figure exists; 2% is a generous allowance for a client with retries.
 */
export const IDEMPOTENT_RETRY_FRACTION = 0.02;

/**
 * Read units the settlement worker spends per second when there is nothing to settle: one
 * KEYS_ONLY query per pending-index shard per poll (an eventually consistent read of up to 4 KB is
 * half a unit), one poll a second (the worker's default interval). Its queries while settling are
 * a fraction of that (one half-unit query per 25 payments) and are counted in it.
 */
export const SETTLEMENT_POLL_READ_UNITS_PER_SECOND = 0.5;

/**
 * Stored size of a payment item: about 300 bytes of attributes plus DynamoDB's 100 bytes of
 * per-item overhead (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export const PAYMENT_ITEM_KB = 0.4;

/** Payments are kept (no TTL): the table is costed at its size after this many months, like never-expiring logs. */
export const PAYMENT_RETENTION_MONTHS = NEVER_EXPIRE_MONTHS;
