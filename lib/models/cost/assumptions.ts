/**
 * The cost model's assumptions: quantities AWS does not publish and the workload profile does not
 * say. Each is a named constant with the reason for its value, so a reader can challenge one number
 * instead of reverse-engineering a formula. Prices are not here (see lib/aws/prices.ts); neither is
 * anything the stack config sets (that is read from the spec).
 */
import { AUDIT_LOG } from "../../../app/src/contract";
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
 * Metrics Container Insights publishes per cluster, per service and per running task, each billed as
 * a metric-month prorated by the hour (so per-task metrics cost in proportion to task-hours).
 * Standard Container Insights on ECS aggregates at the cluster, service and task-definition-family
 * levels (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html):
 * about 10 cluster metrics (CPU/memory utilized and reserved, network rx/tx, storage read/write,
 * task and service counts) and, per service, about 13 service metrics (the same plus running,
 * desired and pending task, deployment and task-set counts) and 8 task-family metrics.
 * Enhanced observability adds per-task and per-container series: about 10 task metrics and 8 for
 * its one container. The counts are estimates from the metric lists, not a measured bill.
 *
 * What each mode's metrics cost (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_billing.html,
 * "Optimizing and reducing costs of CloudWatch Container Insights"):
 * - enabled (standard): the metrics are embedded metrics (operation MetricStorage:AWS/Logs-EMF), billed
 *   as custom metrics (PRICES.customMetricMonth), plus the performance log ingestion below;
 * - enhanced, on ECS: every Container Insights metric of the cluster, cluster to container, is billed
 *   per metric at the Container Insights rate (usage type MetricsUsage, operation MetricStorage:CI-ECS,
 *   PRICES.containerInsightsEcsEnhancedMetricMonth). The per-observation pricing (ObservationUsage,
 *   ObservationCount:CI-EKS) is Amazon EKS's, not ECS's, so no observations-per-task assumption is
 *   needed: an ECS task's metrics are priced by the metric-hour whatever their data-point rate.
 *   Whether AWS still bills the enhanced mode's performance log events as log ingestion is not
 *   stated there; the model keeps that line (CONTAINER_INSIGHTS_LOG_KB_PER_TASK_MINUTE), the upper bound.
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

// --- load balancer and data transfer out

/**
 * Listener rules a request is evaluated against: the HTTPS listener's default forward (the HTTP
 * listener only redirects). Below the 10 free rules, so the rule dimension bills nothing unless
 * this grows past 10.
 */
export const LISTENER_RULES_PER_REQUEST = 1;

/**
 * HTTP/1.1 request header bytes per request, beside the workload's body size (workloadRequestKb is
 * the body). The ALB's processed bytes, one LCU dimension, are "HTTP header and HTTP payload"
 * (ProcessedBytes, https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
 * A merchant server's call: the request line (about 30 bytes), Host (about 40), Content-Type (32),
 * Content-Length (20), Idempotency-Key (about 55 with a UUID), Accept, User-Agent and a W3C
 * traceparent (about 150 together), each line ending in CRLF: about 330 bytes; 0.5 KB leaves room for
 * a client's extra headers (an Authorization header the API does not read, for one). Counted
 * uncompressed: an HTTP/2 client's HPACK-compressed headers are smaller, so this is the upper side.
 * Request bytes come in from the internet, which AWS does not bill as data transfer.
 */
export const REQUEST_HEADER_KB = 0.5;

/**
 * HTTP/1.1 response header bytes per response, beside the workload's body size (workloadResponseKb is
 * the body): what the reference service writes (app/src/server.ts writeHead): the status line (about
 * 25 bytes), Content-Type: application/json (32), Content-Length (about 20), Cache-Control: no-store
 * (25), Node's Date (37), Connection and Keep-Alive (about 50), Idempotent-Replayed on a replay (27),
 * each line ending in CRLF, and the blank line: about 220 bytes; 0.25 KB rounds it up. Counted in the
 * ALB's processed bytes and in data transfer out.
 */
export const RESPONSE_HEADER_KB = 0.25;

/**
 * Bytes the ALB sends a client in the TLS handshake of a new connection (a share
 * workload.newConnectionFraction of requests opens one): ServerHello with its key share (about 0.1 KB),
 * the certificate chain, CertificateVerify (a 256-byte RSA-2048 signature with its framing), Finished
 * and, under TLS 1.3, the session tickets (about 0.5 KB together). An ACM-issued RSA-2048 leaf is about
 * 1.5 KB and each intermediate or cross-signed root ACM serves with it about 1.2 KB; a chain of up to
 * four certificates makes about 5 KB. 6 KB in all is an estimate (AWS publishes no handshake size;
 * a resumed session sends far less, so it is the upper side). Handshake bytes are not HTTP header or
 * payload, so they are outside the ALB's processed bytes; they do leave AWS as data transfer out.
 * The client's side of the handshake comes in, unbilled. TLS record and TCP/IP framing are not counted.
 */
export const TLS_HANDSHAKE_SERVER_KB = 6;

// --- service discovery (Cloud Map)

/** One Cloud Map private DNS namespace per stack (lib/infra/cluster.ts), so one Route 53 private hosted zone. */
export const CLOUD_MAP_NAMESPACES = 1;

/**
 * DNS queries for the web service's Cloud Map name per internal caller task-hour. Callers are the
 * stack's worker services named in the web service's internalCallers (their running tasks) and each
 * named security group (counted as one caller task all month: the model cannot see how many tasks
 * stand behind it). Node.js does not cache lookups
 * (https://nodejs.org/api/dns.html#implementation-considerations) and the record's TTL is 10 s
 * (lib/infra/fargateService.ts), so a caller resolves the name for each new connection: one query a
 * second per caller task is the generous estimate DNS_QUERIES_PER_TASK_HOUR uses for all names.
 * Queries to the private hosted zone are costed at Route 53's standard query rate (UNVERIFIED: the
 * stored pricing page did not say whether Resolver queries to a private hosted zone are billed; if
 * they are not, this line is an upper bound). With no internal callers (the default) there are none.
 */
export const CLOUD_MAP_QUERIES_PER_CALLER_TASK_HOUR = 3600;

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

// --- compliance controls (lib/models/cost/compliance.ts)

/**
 * Bytes of one WAF log record. Every request is logged as one JSON record
 * (https://docs.aws.amazon.com/waf/latest/developerguide/logging-fields.html): the web ACL ARN, the
 * terminating rule, one ruleGroupList entry per managed group, the rate-based rule list, and the
 * whole httpRequest (client IP, country, every header, URI, arguments, method, request id). With a
 * dozen request headers that is about 2 KB (an estimate: AWS publishes the fields, not a size).
 */
export const WAF_LOG_KB_PER_REQUEST = 2;

/**
 * Share of requests a WAF rule blocks or counts, the only ones WAF logs (lib/infra/webFirewall.ts,
 * WAF_LOGGING_FILTER). An assumption: merchants' servers send the traffic, scanners and rate-limited
 * clients the rest; AWS publishes no figure. Raise it for an API that attracts more probing.
 */
export const WAF_LOGGED_REQUEST_FRACTION = 0.01;

/**
 * Bytes of one ALB access log entry before compression. The entry has about 30 space-separated fields
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html):
 * timestamps, client and target addresses, timings, status codes, byte counts, the request line,
 * user agent, TLS cipher and protocol, the target group ARN, the trace id, domain, certificate ARN
 * and the matched rule. Two ARNs of about 90 characters each make 600 bytes a fair estimate.
 */
export const ALB_ACCESS_LOG_KB_PER_REQUEST = 0.6;

/**
 * Stored bytes per byte of text log once gzip-compressed: ALB access log files are gzip files, and
 * Firehose stores CloudWatch Logs subscription data as the gzip batches CloudWatch sends
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html). Repetitive
 * text logs compress about 7:1; the same factor the model uses for CloudWatch Logs storage.
 */
export const ARCHIVE_GZIP_RATIO = LOG_STORAGE_COMPRESSION;

/** The flow log's aggregation interval (lib/infra/auditArchive.ts: 600 s, the longest VPC flow logs allow). */
export const FLOW_LOG_AGGREGATION_SECONDS = 600;

/**
 * Flow log records per client connection: a record is one flow (a 5-tuple, one direction) on one
 * network interface per aggregation interval (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html).
 * The ALB node's interface sees a client connection in both directions; the connection lives about
 * the idle timeout, less than one 600-second interval.
 */
export const FLOW_LOG_RECORDS_PER_CLIENT_CONNECTION = 2;

/**
 * Flow log records per running task per aggregation interval: the ALB's pooled keep-alive
 * connections to the task (about 2 per ALB node, 3 nodes) seen on both the ALB's and the task's
 * interface in both directions (24), and the task's own connections to DynamoDB, CloudWatch Logs,
 * ECR and Secrets Manager and their NAT or endpoint hop, both directions (16). An estimate.
 */
export const FLOW_LOG_RECORDS_PER_TASK_INTERVAL = 40;

/**
 * Bytes of one flow log record as delivered (the default version 2 format: 14 fields, about 120
 * characters: account, interface id, two addresses, two ports, protocol, packets, bytes, start, end,
 * action, status). Vended log delivery and the Parquet conversion bill these bytes.
 */
export const FLOW_LOG_RECORD_BYTES = 120;

/**
 * Bytes one flow log record takes in S3 as Parquet: "Data in Parquet format with Gzip compression
 * takes 20 percent less storage space than plain text with Gzip compression"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html), so 80% of the
 * gzip-compressed text record.
 */
export const FLOW_LOG_PARQUET_BYTES_PER_RECORD = FLOW_LOG_RECORD_BYTES * ARCHIVE_GZIP_RATIO * 0.8;

/**
 * Flow logs publish their files to S3 at 5-minute intervals, one file per interval at this volume
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html).
 */
export const FLOW_LOG_FILES_PER_HOUR = 12;

/**
 * ALB access log files: each load balancer node writes one file every 5 minutes
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html);
 * the model counts one node per Availability Zone (the ALB adds nodes under load).
 */
export const ALB_ACCESS_LOG_FILES_PER_NODE_HOUR = 12;

/**
 * Audit events a payment writes: one when it is created, one when it is settled (the reference
 * service, app/).
 */
export const AUDIT_EVENTS_PER_PAYMENT = 2;
/**
 * KB per audit event: the audit line's budget in the service's contract (app/src/contract.ts
 * AUDIT_LOG.eventBudgetBytes, 256 bytes), our own format, not a published figure. The line
 * (app/src/auditLog.ts auditLine) holds the time, the event type, the payment id, amount, currency
 * and status, and the actor; no idempotency key and no trace id. Its largest is 207 bytes, which
 * test/unit/app/audit.test.ts checks fits the budget.
 */
export const AUDIT_EVENT_KB = AUDIT_LOG.eventBudgetBytes / 1024;

/**
 * Objects under 128 KB are not transitioned: the archive's lifecycle keeps S3's default minimum
 * (lib/design/auditArchive.ts TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZE,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html).
 */
export const GLACIER_IR_TRANSITION_MIN_OBJECT_KB = 128;

/**
 * Firehose bills Direct PUT records, which CloudWatch Logs subscription filters send, in 5 KB
 * increments per record (https://aws.amazon.com/firehose/pricing/; the no-increment rate is for
 * vended logs delivered to Firehose, not for subscription filters). CloudWatch Logs batches events
 * into a record; the model bills each event as its own record, the upper bound.
 */
export const FIREHOSE_RECORD_INCREMENT_KB = 5;

/**
 * DNS queries a running task sends to the Route 53 Resolver: Node.js does not cache lookups
 * (https://nodejs.org/api/dns.html#implementation-considerations), so every new connection to
 * DynamoDB, CloudWatch Logs, ECR, Secrets Manager or a partner resolves its name (A and AAAA).
 * One query a second per task is a generous estimate.
 */
export const DNS_QUERIES_PER_TASK_HOUR = 3600;
