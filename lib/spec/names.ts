/**
 * Names: every logical and physical name is `${kind}-${environmentSuffix}`. The catalogue below
 * lists every physical name the program creates with the AWS rule it must obey (lib/aws/nameRules.ts):
 * the platform's own names once, and each service's names from the service's name base, so the
 * longest allowed suffix is derived from them instead of guessed, and a bad suffix fails before any
 * resource.
 */
import {
  BUDGET_RULE,
  DNS_FIREWALL_NAME_RULE,
  DNS_LABEL_RULE,
  DYNAMODB_TABLE_RULE,
  ECR_REPOSITORY_RULE,
  ECS_RULE,
  FIREHOSE_STREAM_RULE,
  GENERIC_256_RULE,
  IAM_ROLE_RULE,
  LOAD_BALANCER_RULE,
  LOG_GROUP_RULE,
  NameRule,
  nameProblems,
  S3_BUCKET_RULE,
  WAFV2_NAME_RULE,
} from "../aws/nameRules";

/** Every kind of platform-level physical name the program creates, and its rule. */
export const PLATFORM_NAMES = {
  alb: { kind: "payment-alb", rule: LOAD_BALANCER_RULE },
  // The target group's name carries the container port (targetGroupName): a port change replaces the
  // group, and a new name lets the new group exist before the listener lets go of the old one. The
  // kind here is the longest such name (a 5-digit port), so the suffix limit covers every port.
  targetGroup: { kind: "api-65535", rule: LOAD_BALANCER_RULE },
  cluster: { kind: "ecs-cluster", rule: ECS_RULE },
  paymentsTable: { kind: "payments", rule: DYNAMODB_TABLE_RULE },
  imageRepository: { kind: "payment-service", rule: ECR_REPOSITORY_RULE },
  // Container Insights' own log group, /aws/ecs/containerinsights/<cluster>/performance: the kind
  // stands for its longest fixed part so the suffix limit covers it (containerInsightsLogGroupName).
  containerInsightsLogGroup: { kind: "/aws/ecs/containerinsights/ecs-cluster/performance", rule: LOG_GROUP_RULE },
  alarmTopic: { kind: "payment-alarms", rule: GENERIC_256_RULE },
  albSecurityGroup: { kind: "payment-alb-sg", rule: GENERIC_256_RULE },
  endpointSecurityGroup: { kind: "vpc-endpoints-sg", rule: GENERIC_256_RULE },
  kmsAlias: { kind: "alias/payment", rule: GENERIC_256_RULE },
  performanceDashboard: { kind: "payment-performance", rule: GENERIC_256_RULE },
  costDashboard: { kind: "payment-cost", rule: GENERIC_256_RULE },
  serviceNamespace: { kind: "payment", rule: DNS_LABEL_RULE },
  elb5xxAlarm: { kind: "payment-alb-5xx", rule: GENERIC_256_RULE },
  budget: { kind: "payment-monthly-budget", rule: BUDGET_RULE },
  costAnomalyMonitor: { kind: "payment-cost-anomaly", rule: GENERIC_256_RULE },
  costAnomalySubscription: { kind: "payment-cost-anomaly-alerts", rule: GENERIC_256_RULE },
  // The audit archive bucket carries the account id (auditArchiveBucketName): bucket names are global
  // across all AWS accounts. The kind stands for it with a 12-digit id, so the suffix limit covers it.
  auditArchiveBucket: { kind: "payment-audit-archive-123456789012", rule: S3_BUCKET_RULE },
  // The WAF web ACL and its log group: WAF logs only to a destination whose name starts with
  // `aws-waf-logs-` (wafLogGroupName).
  webAcl: { kind: "payment-waf", rule: WAFV2_NAME_RULE },
  wafLogGroup: { kind: "aws-waf-logs-payment", rule: LOG_GROUP_RULE },
  wafLogDeliveryPolicy: { kind: "payment-waf-log-delivery", rule: GENERIC_256_RULE },
  // The Route 53 Resolver DNS Firewall (lib/infra/dnsFirewall.ts).
  dnsFirewallAllowedDomains: { kind: "payment-dns-allowed", rule: DNS_FIREWALL_NAME_RULE },
  dnsFirewallAllDomains: { kind: "payment-dns-all-domains", rule: DNS_FIREWALL_NAME_RULE },
  dnsFirewallRuleGroup: { kind: "payment-dns-firewall", rule: DNS_FIREWALL_NAME_RULE },
  dnsFirewallAllowRule: { kind: "payment-dns-allow-listed", rule: DNS_FIREWALL_NAME_RULE },
  dnsFirewallBlockRule: { kind: "payment-dns-block-others", rule: DNS_FIREWALL_NAME_RULE },
  // The audit delivery (lib/infra/auditDelivery.ts): Firehose streams into the archive, their role,
  // the role CloudWatch Logs' subscription filters put records with, and the WAF group's filter.
  auditEventsStream: { kind: "payment-audit-events", rule: FIREHOSE_STREAM_RULE },
  wafLogsStream: { kind: "payment-waf-logs", rule: FIREHOSE_STREAM_RULE },
  auditFirehoseRole: { kind: "payment-audit-firehose-role", rule: IAM_ROLE_RULE },
  auditSubscriptionRole: { kind: "payment-audit-subscription-role", rule: IAM_ROLE_RULE },
  // Subscription filter names are unique per log group, so every audit group's filter has this one name.
  auditEventsSubscriptionFilter: { kind: "payment-audit-events-to-archive", rule: GENERIC_256_RULE },
  wafLogsSubscriptionFilter: { kind: "payment-waf-logs-to-archive", rule: GENERIC_256_RULE },
} as const satisfies Record<string, { kind: string; rule: NameRule }>;

export type PlatformNameKey = keyof typeof PLATFORM_NAMES;

/**
 * Every kind of physical name one service owns, from its name base ("payment-api"). The ECS service
 * and its task family share the base; the alarm kinds are the ones lib/design/alarms.ts creates.
 */
export const SERVICE_NAMES = {
  service: { kind: (base: string) => base, rule: ECS_RULE },
  taskRole: { kind: (base: string) => `${base}-task-role`, rule: IAM_ROLE_RULE },
  executionRole: { kind: (base: string) => `${base}-execution-role`, rule: IAM_ROLE_RULE },
  /** The Cloud Map service (a DNS label under the namespace) of a web service. */
  discovery: { kind: (base: string) => base, rule: DNS_LABEL_RULE },
  logGroup: { kind: (base: string) => `/ecs/${base}`, rule: LOG_GROUP_RULE },
  securityGroup: { kind: (base: string) => `${base}-sg`, rule: GENERIC_256_RULE },
  /**
   * The audit stream of a service running the reference image (the forwarder sidecar's awslogs
   * group): Standard class whatever logClass says, so a subscription filter can read it.
   */
  auditLogGroup: { kind: (base: string) => `/ecs/${base}-audit`, rule: LOG_GROUP_RULE },
  latencyAlarm: { kind: (base: string) => `${base}-p99-latency`, rule: GENERIC_256_RULE },
  target5xxAlarm: { kind: (base: string) => `${base}-target-5xx-rate`, rule: GENERIC_256_RULE },
  unhealthyHostsAlarm: { kind: (base: string) => `${base}-unhealthy-hosts`, rule: GENERIC_256_RULE },
  cpuHighAlarm: { kind: (base: string) => `${base}-cpu-high`, rule: GENERIC_256_RULE },
  memoryHighAlarm: { kind: (base: string) => `${base}-memory-high`, rule: GENERIC_256_RULE },
  runningTasksLowAlarm: { kind: (base: string) => `${base}-running-tasks-low`, rule: GENERIC_256_RULE },
  /** The step-scaling policy's trigger (a scaling alarm, not a page). */
  stepScalingAlarm: { kind: (base: string) => `${base}-cpu-step-scale-out`, rule: GENERIC_256_RULE },
} as const satisfies Record<string, { kind: (base: string) => string; rule: NameRule }>;

export type ServiceNameKey = keyof typeof SERVICE_NAMES;

/** `${kind}-${suffix}`: the one way names are formed. */
export function withSuffix(kind: string, suffix: string): string {
  return `${kind}-${suffix}`;
}

export function physicalName(key: PlatformNameKey, suffix: string): string {
  return withSuffix(PLATFORM_NAMES[key].kind, suffix);
}

/** A service's physical name of one kind: serviceName("logGroup", "payment-api", "dev") = "/ecs/payment-api-dev". */
export function serviceName(key: ServiceNameKey, base: string, suffix: string): string {
  return withSuffix(SERVICE_NAMES[key].kind(base), suffix);
}

/** `api-<port>-<suffix>`: see the targetGroup entry of PLATFORM_NAMES. */
export function targetGroupName(containerPort: number, suffix: string): string {
  return withSuffix(`api-${containerPort}`, suffix);
}

/** `payment-audit-archive-<account>-<suffix>`: see the auditArchiveBucket entry of PLATFORM_NAMES. */
export function auditArchiveBucketName(accountId: string, suffix: string): string {
  return withSuffix(`payment-audit-archive-${accountId}`, suffix);
}

/**
 * The WAF log group, `aws-waf-logs-payment-<suffix>`: WAF refuses a logging destination whose name
 * does not start with `aws-waf-logs-`
 * (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html); its length and
 * characters are checked with every other name (the wafLogGroup entry of PLATFORM_NAMES).
 */
export function wafLogGroupName(suffix: string): string {
  return physicalName("wafLogGroup", suffix);
}

/**
 * The log group Container Insights writes performance events to. AWS creates it on first use
 * (unencrypted, kept after the cluster is gone) unless it exists, so the stack creates it first.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-reference-performance-logs-ECS.html
 */
export function containerInsightsLogGroupName(clusterName: string): string {
  return `/aws/ecs/containerinsights/${clusterName}/performance`;
}

/**
 * Charset of environmentSuffix: lowercase letters and digits in groups joined by single hyphens
 * (an ECR repository name allows no "--": lib/aws/nameRules.ts ECR_REPOSITORY_RULE).
 */
export const SUFFIX_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Every (kind, rule) of a stack whose services have these name bases. */
function allKinds(serviceBases: readonly string[]): { kind: string; rule: NameRule }[] {
  return [
    ...Object.values(PLATFORM_NAMES),
    ...serviceBases.flatMap((base) => Object.values(SERVICE_NAMES).map(({ kind, rule }) => ({ kind: kind(base), rule }))),
  ];
}

/** The longest suffix every physical name still fits with (the ALB name, limited to 32, binds). */
export function maxSuffixLength(serviceBases: readonly string[]): number {
  return Math.min(...allKinds(serviceBases).map(({ kind, rule }) => rule.maxLength - kind.length - 1));
}

/** Every physical name for a suffix, checked; empty when all are valid. */
export function physicalNameProblems(suffix: string, serviceBases: readonly string[]): string[] {
  return allKinds(serviceBases).flatMap(({ kind, rule }) => nameProblems(withSuffix(kind, suffix), rule));
}
