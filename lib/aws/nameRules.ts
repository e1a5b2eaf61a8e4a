/** The AWS naming rules the platform's physical names must obey, each with the page that states it. */

export interface NameRule {
  /** What the AWS API calls the thing, for error messages. */
  label: string;
  maxLength: number;
  pattern: RegExp;
  /** Where the limit is documented. */
  source: string;
}

/** ALB and target group names: 32 characters, letters/digits/hyphens, no leading/trailing hyphen, not "internal-". */
export const LOAD_BALANCER_RULE: NameRule = {
  label: "load balancer / target group name",
  maxLength: 32,
  pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
};
export const ECS_RULE: NameRule = {
  label: "ECS cluster / service / task family name",
  maxLength: 255,
  pattern: /^[A-Za-z0-9_-]+$/,
  source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html",
};
export const IAM_ROLE_RULE: NameRule = {
  label: "IAM role name",
  maxLength: 64,
  pattern: /^[\w+=,.@-]+$/,
  source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
};
export const LOG_GROUP_RULE: NameRule = {
  label: "CloudWatch log group name",
  maxLength: 512,
  pattern: /^[.\-_/#A-Za-z0-9]+$/,
  source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
};
export const GENERIC_256_RULE: NameRule = {
  label: "name (SNS topic, security group, alarm, scaling policy, KMS alias)",
  maxLength: 255,
  pattern: /^[A-Za-z0-9_./:-]+$/,
  source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
};
/** A Cloud Map private DNS namespace label is a DNS label: 63 characters. */
export const DNS_LABEL_RULE: NameRule = {
  label: "DNS label",
  maxLength: 63,
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  source: "https://datatracker.ietf.org/doc/html/rfc1035#section-2.3.4",
};
export const BUDGET_RULE: NameRule = {
  label: "AWS Budgets budget name",
  maxLength: 100,
  pattern: /^[^:\\]+$/,
  source: "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html",
};

export const DYNAMODB_TABLE_RULE: NameRule = {
  label: "DynamoDB table name",
  maxLength: 255,
  pattern: /^[A-Za-z0-9_.-]{3,}$/,
  source: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
};
/** ECR repository names are lower case (the pattern allows namespaces; the platform uses none). */
export const ECR_REPOSITORY_RULE: NameRule = {
  label: "ECR repository name",
  maxLength: 256,
  pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
};

/** S3 general purpose bucket names: 3-63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
export const S3_BUCKET_RULE: NameRule = {
  label: "S3 bucket name",
  maxLength: 63,
  pattern: /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
};

/** WAFv2 web ACL names: 1-128 letters, digits, underscores and hyphens. */
export const WAFV2_NAME_RULE: NameRule = {
  label: "WAFv2 web ACL name",
  maxLength: 128,
  pattern: /^[\w-]+$/,
  source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html",
};

/**
 * WAFv2 descriptions (web ACLs, rule groups, IP sets): 1-256 characters of letters, digits, spaces and
 * `_+=:#@/-,.`; no parentheses, quotes or other punctuation, and no space at either end. CreateWebACL
 * refuses anything else with a WAFInvalidParameterException
 * (https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html, Description pattern).
 */
export const WAFV2_DESCRIPTION_RULE: NameRule = {
  label: "WAFv2 description",
  maxLength: 256,
  pattern: /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/,
  source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html",
};

/** Route 53 Resolver DNS Firewall names (domain lists, rule groups, rules, associations): up to 64 characters, not all digits. */
export const DNS_FIREWALL_NAME_RULE: NameRule = {
  label: "Route 53 Resolver DNS Firewall name",
  maxLength: 64,
  pattern: /^(?![0-9]+$)[A-Za-z0-9_' -]+$/,
  source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateFirewallDomainList.html",
};

/** Firehose stream names: 1-64 letters, digits, underscores, hyphens and periods. */
export const FIREHOSE_STREAM_RULE: NameRule = {
  label: "Firehose stream name",
  maxLength: 64,
  pattern: /^[A-Za-z0-9_.-]+$/,
  source: "https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html",
};

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
