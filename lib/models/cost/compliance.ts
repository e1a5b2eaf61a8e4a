/**
 * What the payment-grade compliance controls cost a month (spec.compliance, docs/compliance.md): the
 * WAF web ACL and its logs, ALB access logs, VPC flow logs, the audit events' stream and delivery,
 * the 12-month archive they all land in, and the DNS Firewall. The baseline has none of these
 * controls, so they are priced here, outside the like-for-like savings ratio, and the report adds
 * them to the bill it compares (billChangePercent, lib/models/cost/costReport.ts).
 *
 * One line item per billed quantity; every line is always present (quantity 0 when its control is
 * off) so two estimates line up. With an external archive bucket (a log-archive account's), the
 * bucket's storage and requests are billed to that account: their lines stay, at quantity 0, and say
 * so; delivery (vended logs, Firehose) is still billed to this account. Nothing is rounded here.
 */
import { PRICES } from "../../aws/prices";
import { ARCHIVE_BUFFERING } from "../../design/auditDelivery";
import { allowedDomains, EVERY_DOMAIN } from "../../design/dnsFirewallDomains";
import { webAclRules } from "../../design/webAclRules";
import { PlatformSpec, serviceList } from "../../spec";
import { HOURS_PER_MONTH, monthlyRequests } from "../../spec/workload";
import { serviceUsage } from "../fleet/usage";
import {
  ALB_ACCESS_LOG_FILES_PER_NODE_HOUR,
  ALB_ACCESS_LOG_KB_PER_REQUEST,
  ARCHIVE_GZIP_RATIO,
  AUDIT_EVENT_KB,
  AUDIT_EVENTS_PER_PAYMENT,
  DAYS_PER_MONTH,
  DNS_QUERIES_PER_TASK_HOUR,
  FIREHOSE_RECORD_INCREMENT_KB,
  FLOW_LOG_AGGREGATION_SECONDS,
  FLOW_LOG_FILES_PER_HOUR,
  FLOW_LOG_PARQUET_BYTES_PER_RECORD,
  FLOW_LOG_RECORD_BYTES,
  FLOW_LOG_RECORDS_PER_CLIENT_CONNECTION,
  FLOW_LOG_RECORDS_PER_TASK_INTERVAL,
  GLACIER_IR_TRANSITION_MIN_OBJECT_KB,
  KB_PER_GB,
  KMS_REQUESTS_PER_LOG_GROUP_HOUR,
  LOG_STORAGE_COMPRESSION,
  MB_PER_GB,
  WAF_LOG_KB_PER_REQUEST,
  WAF_LOGGED_REQUEST_FRACTION,
} from "./assumptions";
import { CostEstimate, LineItem, billed, retainedMonths } from "./estimate";

export type ComplianceControlId = "waf" | "albAccessLogs" | "vpcFlowLogs" | "auditStream" | "auditEvents" | "dnsFirewall";

/** One control as the plan lists it: its setting, whether it is on, and what its lines add up to. */
export interface ComplianceControl {
  id: ComplianceControlId;
  name: string;
  /** The config setting and its value: "wafMode=block". */
  setting: string;
  enabled: boolean;
  monthlyUsd: number;
  /** The ids of its line items, in order. */
  lineItemIds: string[];
}

export interface ComplianceEstimate extends CostEstimate {
  controls: ComplianceControl[];
}

const BYTES_PER_KB = 1024;

/**
 * Objects a Firehose stream writes in a month: one each buffer interval, or one each time the buffer
 * fills (5 MiB of the gzip records CloudWatch Logs sends) if that is sooner (lib/design/auditDelivery.ts).
 */
function firehoseObjects(storedGb: number): number {
  const byTime = (HOURS_PER_MONTH * 3600) / ARCHIVE_BUFFERING.intervalSeconds;
  return Math.max(byTime, (storedGb * MB_PER_GB) / ARCHIVE_BUFFERING.sizeMiB);
}

/** What one source writes into the archive in a month: stored (compressed) GB and S3 objects. */
interface ArchivedSource {
  storedGb: number;
  objects: number;
}

const NOTHING: ArchivedSource = { storedGb: 0, objects: 0 };

/**
 * A source's archive lines at steady state: a month's objects spend coldAfterDays in S3 Standard
 * and the rest of retentionDays in Glacier Instant Retrieval, so each month holds that many months
 * of writes in each class; every object is written once (a PUT) and transitioned once. Objects under
 * 128 KB are not transitioned (the lifecycle's default minimum, lib/design/auditArchive.ts): a source
 * whose average object is smaller stays in Standard for the whole retention, with no transitions.
 */
function archiveLines(spec: PlatformSpec, prefix: string, label: string, source: ArchivedSource): LineItem[] {
  const { externalBucketName, retentionDays, coldAfterDays } = spec.compliance.archive;
  const own = externalBucketName === undefined;
  const payer = own ? "" : `; billed to the archive account that owns ${externalBucketName}`;
  const billedHere = (quantity: number) => (own ? quantity : 0);
  const averageKb = source.objects === 0 ? 0 : (source.storedGb * KB_PER_GB) / source.objects;
  const transitions = averageKb >= GLACIER_IR_TRANSITION_MIN_OBJECT_KB;
  const standardDays = transitions ? coldAfterDays : retentionDays;
  const coldDays = retentionDays - standardDays;
  const stays = transitions ? "" : " (objects under 128 KB stay in Standard)";
  return [
    billed(
      `${prefix}-archive-standard`,
      "data",
      `${label}: S3 Standard, ${standardDays} days${stays}${payer}`,
      PRICES.s3StandardGbMonth,
      billedHere(source.storedGb * (standardDays / DAYS_PER_MONTH)),
    ),
    billed(
      `${prefix}-archive-glacier-ir`,
      "data",
      `${label}: S3 Glacier Instant Retrieval, ${coldDays} days${payer}`,
      PRICES.s3GlacierInstantRetrievalGbMonth,
      billedHere(source.storedGb * (coldDays / DAYS_PER_MONTH)),
    ),
    billed(
      `${prefix}-archive-puts`,
      "data",
      `${label}: S3 PUT requests, one per object${payer}`,
      PRICES.s3PutRequest,
      billedHere(source.objects),
    ),
    billed(
      `${prefix}-archive-transitions`,
      "data",
      `${label}: lifecycle transitions to Glacier Instant Retrieval, one per object of 128 KB or more${payer}`,
      PRICES.s3GlacierInstantRetrievalTransition,
      billedHere(transitions ? source.objects : 0),
    ),
  ];
}

/** Firehose GB billed for `events` CloudWatch Logs events of `eventKb` each: every event its own record, rounded up to 5 KB. */
function firehoseGb(events: number, eventKb: number): number {
  return (events * Math.ceil(eventKb / FIREHOSE_RECORD_INCREMENT_KB) * FIREHOSE_RECORD_INCREMENT_KB) / KB_PER_GB;
}

/** KMS requests of `logGroups` encrypted log groups in a month (their data keys, lib/models/cost/assumptions.ts). */
const logGroupKmsRequests = (logGroups: number) => logGroups * KMS_REQUESTS_PER_LOG_GROUP_HOUR * HOURS_PER_MONTH;

/** What a KMS-encrypted log group costs beyond its ingestion: compressed storage for its retention, and its data-key requests. */
function encryptedLogGroupLines(
  prefix: string,
  storageLabel: string,
  groupsLabel: string,
  ingestedGb: number,
  logGroups: number,
  retentionDays: number,
): LineItem[] {
  return [
    billed(
      `${prefix}-storage`,
      "logs",
      `${storageLabel} storage, compressed (retention ${retentionDays} days)`,
      PRICES.logsStorageGbMonth,
      ingestedGb * LOG_STORAGE_COMPRESSION * retainedMonths(retentionDays),
    ),
    billed(
      `${prefix}-kms-requests`,
      "security",
      `KMS requests of ${groupsLabel} (data keys)`,
      PRICES.kmsRequest,
      logGroupKmsRequests(logGroups),
    ),
  ];
}

function wafLines(spec: PlatformSpec, requests: number): LineItem[] {
  const { mode } = spec.compliance.waf;
  const on = mode !== "off";
  const archived = on && spec.compliance.auditEventsToArchive;
  const loggedRequests = on ? requests * WAF_LOGGED_REQUEST_FRACTION : 0;
  const logGb = (loggedRequests * WAF_LOG_KB_PER_REQUEST) / KB_PER_GB;
  const rules = on ? webAclRules({ mode, rateLimitPerFiveMinutes: spec.compliance.waf.rateLimitPerFiveMinutes }).length : 0;
  const { logRetentionDays } = spec.observability;
  return [
    billed("waf-web-acl", "security", `WAF web ACL on the ALB (${mode} mode)`, PRICES.wafWebAclMonth, on ? 1 : 0),
    billed(
      "waf-rules",
      "security",
      "WAF rules (lib/design/webAclRules.ts: each AWS managed rule group bills as 1 rule, and the rate-based rule)",
      PRICES.wafRuleMonth,
      rules,
    ),
    billed("waf-requests", "security", "WAF requests inspected (every request to the ALB)", PRICES.wafRequest, on ? requests : 0),
    billed(
      "waf-logs-delivery",
      "logs",
      `WAF logs to their CloudWatch log group: the ${WAF_LOGGED_REQUEST_FRACTION * 100}% of requests a rule blocks or counts (vended logs, first-tier price; ${WAF_LOG_KB_PER_REQUEST} KB a record)`,
      PRICES.vendedLogsToCloudWatchGb,
      logGb,
    ),
    ...encryptedLogGroupLines("waf-logs", "WAF log group", "the encrypted WAF log group", logGb, on ? 1 : 0, logRetentionDays),
    billed(
      "waf-logs-firehose",
      "logs",
      `WAF logs to the archive through Firehose (auditEventsToArchive; each record billed at ${FIREHOSE_RECORD_INCREMENT_KB} KB)`,
      PRICES.firehoseIngestionGb,
      archived ? firehoseGb(loggedRequests, WAF_LOG_KB_PER_REQUEST) : 0,
    ),
    ...archiveLines(
      spec,
      "waf-logs",
      "WAF logs, gzip",
      archived ? { storedGb: logGb * ARCHIVE_GZIP_RATIO, objects: firehoseObjects(logGb * ARCHIVE_GZIP_RATIO) } : NOTHING,
    ),
  ];
}

/** ALB access logs: delivery to S3 is free (the ELB docs), so only the archive bills. */
function albAccessLogLines(spec: PlatformSpec, requests: number): LineItem[] {
  const nodes = spec.network.availabilityZoneCount;
  const source = spec.compliance.albAccessLogs
    ? {
        storedGb: (requests * ALB_ACCESS_LOG_KB_PER_REQUEST * ARCHIVE_GZIP_RATIO) / KB_PER_GB,
        objects: nodes * ALB_ACCESS_LOG_FILES_PER_NODE_HOUR * HOURS_PER_MONTH,
      }
    : NOTHING;
  return archiveLines(spec, "alb-access-logs", `ALB access logs, gzip (a file per node per 5 minutes, ${nodes} nodes)`, source);
}

/**
 * Flow log records in a month: two per client connection (the ALB node's interface, both
 * directions) and a fixed number per running task per aggregation interval.
 */
export function flowLogRecords(spec: PlatformSpec, requests: number, taskHours: number): number {
  const connections = requests * spec.workload.newConnectionFraction;
  const intervals = taskHours * (3600 / FLOW_LOG_AGGREGATION_SECONDS);
  return connections * FLOW_LOG_RECORDS_PER_CLIENT_CONNECTION + intervals * FLOW_LOG_RECORDS_PER_TASK_INTERVAL;
}

function flowLogLines(spec: PlatformSpec, requests: number, taskHours: number): LineItem[] {
  const records = spec.compliance.vpcFlowLogs ? flowLogRecords(spec, requests, taskHours) : 0;
  const deliveredGb = (records * FLOW_LOG_RECORD_BYTES) / BYTES_PER_KB / KB_PER_GB;
  return [
    billed(
      "vpc-flow-logs-delivery",
      "logs",
      `VPC flow logs to S3 (vended logs, first-tier price; ${FLOW_LOG_RECORD_BYTES} bytes a record)`,
      PRICES.vendedLogsToS3Gb,
      deliveredGb,
    ),
    billed("vpc-flow-logs-parquet", "logs", "VPC flow logs Apache Parquet conversion", PRICES.vendedLogsParquetGb, deliveredGb),
    ...archiveLines(
      spec,
      "vpc-flow-logs",
      "VPC flow logs, Parquet",
      spec.compliance.vpcFlowLogs
        ? {
            storedGb: (records * FLOW_LOG_PARQUET_BYTES_PER_RECORD) / BYTES_PER_KB / KB_PER_GB,
            objects: FLOW_LOG_FILES_PER_HOUR * HOURS_PER_MONTH,
          }
        : NOTHING,
    ),
  ];
}

/** Services running the reference image: each has an audit log group (lib/design/logGroups.ts). */
const auditLogGroups = (spec: PlatformSpec) => serviceList(spec).filter((s) => s.container.source === "reference").length;

/** Audit events a month: two per payment, when the reference service (which writes them) runs. */
const auditEvents = (spec: PlatformSpec, requests: number) =>
  auditLogGroups(spec) > 0 ? requests * spec.workload.paymentCreateFraction * AUDIT_EVENTS_PER_PAYMENT : 0;

/**
 * The blocking audit stream: each reference service's audit log group (STANDARD class, so a
 * subscription filter can read it), whatever auditEventsToArchive says.
 */
function auditStreamLines(spec: PlatformSpec, requests: number): LineItem[] {
  const gb = (auditEvents(spec, requests) * AUDIT_EVENT_KB) / KB_PER_GB;
  const logGroups = auditLogGroups(spec);
  const { logRetentionDays } = spec.observability;
  return [
    billed(
      "audit-stream-ingestion",
      "logs",
      `Audit event ingestion, STANDARD class (${AUDIT_EVENTS_PER_PAYMENT} events of ${AUDIT_EVENT_KB} KB per payment)`,
      PRICES.logsIngestionStandardGb,
      gb,
    ),
    ...encryptedLogGroupLines(
      "audit-stream",
      "Audit log group",
      `the ${logGroups} encrypted audit log groups`,
      gb,
      logGroups,
      logRetentionDays,
    ),
  ];
}

/** The audit events to the archive: one Firehose stream fed by every audit log group's subscription filter. */
function auditArchiveLines(spec: PlatformSpec, requests: number): LineItem[] {
  const events = spec.compliance.auditEventsToArchive ? auditEvents(spec, requests) : 0;
  const storedGb = ((events * AUDIT_EVENT_KB) / KB_PER_GB) * ARCHIVE_GZIP_RATIO;
  return [
    billed(
      "audit-events-firehose",
      "logs",
      `Audit events to the archive through Firehose (each record billed at ${FIREHOSE_RECORD_INCREMENT_KB} KB)`,
      PRICES.firehoseIngestionGb,
      firehoseGb(events, AUDIT_EVENT_KB),
    ),
    ...archiveLines(
      spec,
      "audit-events",
      "Audit events, gzip",
      events > 0 ? { storedGb, objects: firehoseObjects(storedGb) } : NOTHING,
    ),
  ];
}

function dnsFirewallLines(spec: PlatformSpec, taskHours: number): LineItem[] {
  const { enabled } = spec.compliance.dnsFirewall;
  // The allow list (its length does not depend on the namespace's name) and the block rule's wildcard.
  const domains = allowedDomains(spec, "namespace").length + EVERY_DOMAIN.length;
  return [
    billed(
      "dns-firewall-domains",
      "security",
      `DNS Firewall domain names (${domains}: lib/design/dnsFirewallDomains.ts and the block-all wildcard)`,
      PRICES.dnsFirewallDomainMonth,
      enabled ? domains : 0,
    ),
    billed(
      "dns-firewall-queries",
      "security",
      `DNS Firewall queries (${DNS_QUERIES_PER_TASK_HOUR} per task-hour)`,
      PRICES.dnsFirewallQuery,
      enabled ? taskHours * DNS_QUERIES_PER_TASK_HOUR : 0,
    ),
  ];
}

const sum = (items: readonly LineItem[]) => items.reduce((total, item) => total + item.monthlyUsd, 0);

function control(
  id: ComplianceControlId,
  name: string,
  setting: string,
  enabled: boolean,
  lineItems: LineItem[],
): { control: ComplianceControl; lineItems: LineItem[] } {
  return {
    control: { id, name, setting, enabled, monthlyUsd: sum(lineItems), lineItemIds: lineItems.map((item) => item.id) },
    lineItems,
  };
}

/** The compliance section of the cost report: every control's lines and its subtotal. */
export function complianceEstimate(spec: PlatformSpec): ComplianceEstimate {
  const c = spec.compliance;
  const requests = monthlyRequests(spec.workload);
  const taskHours = serviceList(spec)
    .map((service) => serviceUsage(spec, service))
    .reduce((total, u) => total + u.onDemandTaskHours + u.spotTaskHours, 0);
  const parts = [
    control(
      "waf",
      "Web application firewall on the ALB",
      `wafMode=${c.waf.mode}`,
      c.waf.mode !== "off",
      wafLines(spec, requests),
    ),
    control(
      "albAccessLogs",
      "ALB access logs to the archive",
      `albAccessLogs=${c.albAccessLogs}`,
      c.albAccessLogs,
      albAccessLogLines(spec, requests),
    ),
    control(
      "vpcFlowLogs",
      "VPC flow logs to the archive",
      `vpcFlowLogs=${c.vpcFlowLogs}`,
      c.vpcFlowLogs,
      flowLogLines(spec, requests, taskHours),
    ),
    control(
      "auditStream",
      "Blocking audit stream (audit log groups)",
      `audit log groups=${auditLogGroups(spec)}`,
      auditLogGroups(spec) > 0,
      auditStreamLines(spec, requests),
    ),
    control(
      "auditEvents",
      "Audit events to the archive",
      `auditEventsToArchive=${c.auditEventsToArchive}`,
      c.auditEventsToArchive,
      auditArchiveLines(spec, requests),
    ),
    control(
      "dnsFirewall",
      "Route 53 Resolver DNS Firewall",
      `dnsFirewall=${c.dnsFirewall.enabled}`,
      c.dnsFirewall.enabled,
      dnsFirewallLines(spec, taskHours),
    ),
  ];
  const lineItems = parts.flatMap((p) => p.lineItems);
  return { monthlyUsd: sum(lineItems), lineItems, controls: parts.map((p) => p.control) };
}
