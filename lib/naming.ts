/**
 * Names: every logical and physical name is `${kind}-${environmentSuffix}`. The catalogue below
 * lists every physical name the program creates with the AWS rule it must obey, so the longest
 * allowed suffix is derived from it instead of guessed, and a bad suffix fails before any resource.
 */

export interface NameRule {
  /** What the AWS API calls the thing, for error messages. */
  label: string;
  maxLength: number;
  pattern: RegExp;
  /** Where the limit is documented. */
  source: string;
}

/** ALB and target group names: 32 characters, letters/digits/hyphens, no leading/trailing hyphen. */
const LOAD_BALANCER_RULE: NameRule = {
  label: "load balancer / target group name",
  maxLength: 32,
  pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
};
const ECS_RULE: NameRule = {
  label: "ECS cluster / service / task family name",
  maxLength: 255,
  pattern: /^[A-Za-z0-9_-]+$/,
  source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html",
};
const IAM_ROLE_RULE: NameRule = {
  label: "IAM role name",
  maxLength: 64,
  pattern: /^[\w+=,.@-]+$/,
  source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
};
const LOG_GROUP_RULE: NameRule = {
  label: "CloudWatch log group name",
  maxLength: 512,
  pattern: /^[.\-_/#A-Za-z0-9]+$/,
  source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
};
const GENERIC_256_RULE: NameRule = {
  label: "name (SNS topic, security group, alarm, scaling policy, KMS alias)",
  maxLength: 255,
  pattern: /^[A-Za-z0-9_./:-]+$/,
  source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
};
/** A Cloud Map private DNS namespace label is a DNS label: 63 characters. */
const DNS_LABEL_RULE: NameRule = {
  label: "DNS label",
  maxLength: 63,
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  source: "https://datatracker.ietf.org/doc/html/rfc1035#section-2.3.4",
};
const BUDGET_RULE: NameRule = {
  label: "AWS Budgets budget name",
  maxLength: 100,
  pattern: /^[^:\\]+$/,
  source: "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html",
};

/** Every kind of physical name the program creates, and its rule. */
export const PHYSICAL_NAMES = {
  alb: { kind: "payment-alb", rule: LOAD_BALANCER_RULE },
  // The target group's name carries the container port (targetGroupName): a port change replaces the
  // group, and a new name lets the new group exist before the listener lets go of the old one. The
  // kind here is the longest such name (a 5-digit port), so the suffix limit covers every port.
  targetGroup: { kind: "api-65535", rule: LOAD_BALANCER_RULE },
  cluster: { kind: "ecs-cluster", rule: ECS_RULE },
  apiService: { kind: "payment-api", rule: ECS_RULE },
  workerService: { kind: "payment-worker", rule: ECS_RULE },
  executionRole: { kind: "ecs-task-execution-role", rule: IAM_ROLE_RULE },
  apiTaskRole: { kind: "payment-api-task-role", rule: IAM_ROLE_RULE },
  workerTaskRole: { kind: "payment-worker-task-role", rule: IAM_ROLE_RULE },
  apiLogGroup: { kind: "/ecs/payment-api", rule: LOG_GROUP_RULE },
  workerLogGroup: { kind: "/ecs/payment-worker", rule: LOG_GROUP_RULE },
  alarmTopic: { kind: "payment-alarms", rule: GENERIC_256_RULE },
  albSecurityGroup: { kind: "payment-alb-sg", rule: GENERIC_256_RULE },
  apiSecurityGroup: { kind: "payment-api-sg", rule: GENERIC_256_RULE },
  workerSecurityGroup: { kind: "payment-worker-sg", rule: GENERIC_256_RULE },
  endpointSecurityGroup: { kind: "vpc-endpoints-sg", rule: GENERIC_256_RULE },
  kmsAlias: { kind: "alias/payment", rule: GENERIC_256_RULE },
  performanceDashboard: { kind: "payment-performance", rule: GENERIC_256_RULE },
  costDashboard: { kind: "payment-cost", rule: GENERIC_256_RULE },
  serviceNamespace: { kind: "payment", rule: DNS_LABEL_RULE },
  latencyAlarm: { kind: "payment-api-p99-latency", rule: GENERIC_256_RULE },
  target5xxAlarm: { kind: "payment-api-target-5xx-rate", rule: GENERIC_256_RULE },
  elb5xxAlarm: { kind: "payment-alb-5xx", rule: GENERIC_256_RULE },
  unhealthyHostsAlarm: { kind: "payment-api-unhealthy-hosts", rule: GENERIC_256_RULE },
  cpuHighAlarm: { kind: "payment-api-cpu-high", rule: GENERIC_256_RULE },
  memoryHighAlarm: { kind: "payment-api-memory-high", rule: GENERIC_256_RULE },
  runningTasksLowAlarm: { kind: "payment-api-running-tasks-low", rule: GENERIC_256_RULE },
  budget: { kind: "payment-monthly-budget", rule: BUDGET_RULE },
  costAnomalyMonitor: { kind: "payment-cost-anomaly", rule: GENERIC_256_RULE },
  costAnomalySubscription: { kind: "payment-cost-anomaly-alerts", rule: GENERIC_256_RULE },
} as const satisfies Record<string, { kind: string; rule: NameRule }>;

export type PhysicalNameKey = keyof typeof PHYSICAL_NAMES;

/** `${kind}-${suffix}`: the one way names are formed. */
export function withSuffix(kind: string, suffix: string): string {
  return `${kind}-${suffix}`;
}

export function physicalName(key: PhysicalNameKey, suffix: string): string {
  return withSuffix(PHYSICAL_NAMES[key].kind, suffix);
}

/** `api-<port>-<suffix>`: see the targetGroup entry of PHYSICAL_NAMES. */
export function targetGroupName(containerPort: number, suffix: string): string {
  return withSuffix(`api-${containerPort}`, suffix);
}

/** Charset of environmentSuffix: lowercase letters, digits and inner hyphens. */
export const SUFFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** The longest suffix every physical name still fits with (the ALB name, limited to 32, binds). */
export function maxSuffixLength(): number {
  return Math.min(...Object.values(PHYSICAL_NAMES).map(({ kind, rule }) => rule.maxLength - kind.length - 1));
}

/** Problems of a name against its rule, as sentences; empty when the name is valid. */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  if (name.length > rule.maxLength) {
    problems.push(`"${name}" is ${name.length} characters; a ${rule.label} allows ${rule.maxLength} (${rule.source})`);
  }
  if (!rule.pattern.test(name)) {
    problems.push(`"${name}" does not match the ${rule.label} rule ${rule.pattern} (${rule.source})`);
  }
  return problems;
}

/** Every physical name for a suffix, checked; empty when all are valid. */
export function physicalNameProblems(suffix: string): string[] {
  return (Object.keys(PHYSICAL_NAMES) as PhysicalNameKey[]).flatMap((key) =>
    nameProblems(physicalName(key, suffix), PHYSICAL_NAMES[key].rule),
  );
}
