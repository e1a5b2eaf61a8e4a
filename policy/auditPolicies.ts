/**
 * The audit-trail controls of issue 12: WAF in front of the public ALB in prod, with the clients'
 * credentials redacted from its logs (mandatory: lib/infra/webFirewall.ts builds both), ALB access logs and VPC flow logs (mandatory: lib/infra/auditArchive.ts builds
 * them), and an archive bucket the stack owns that keeps 12 months and still destroys cleanly
 * (mandatory).
 */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { stackTag } from "./stackTags";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const isPublicAlb = (r: PolicyResource) =>
  r.type === LOAD_BALANCER && r.props.internal !== true && (r.props.loadBalancerType ?? "application") === "application";

/**
 * Whether `resource` points at `target` through `input`: the engine's property dependencies under
 * the CLI; offline, where the mock engine records none, the reference's value, whose mock IDs and
 * ARNs end in the target's logical name (`vpc-prod-id`, `.../loadbalancer/payment-alb-prod`).
 */
function references(resource: PolicyResource, input: string, target: PolicyResource): boolean {
  if ((resource.propertyDependencies[input] ?? []).includes(target)) return true;
  const value: unknown = resource.props[input];
  return typeof value === "string" && new RegExp(`(^|[/:])${target.name}(-id)?$`).test(value);
}

export const wafOnPublicAlb: StackValidationPolicy = {
  name: "waf-on-public-alb-in-prod",
  description:
    "PCI DSS v4 6.4.2 (an automated technical solution detects and prevents web-based attacks on public-facing web applications, mandatory since 31 March 2025): a WAFv2 web ACL is associated with every public ALB of a prod stack.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const associations = args.resources.filter((r) => r.type === "aws:wafv2/webAclAssociation:WebAclAssociation");
    const prodAlbs = args.resources.filter((r) => isPublicAlb(r) && stackTag(r.provider, "Environment") === "prod");
    for (const alb of prodAlbs) {
      if (!associations.some((a) => references(a, "resourceArn", alb))) {
        reportViolation(
          "no WAFv2 web ACL association: the public payment API has no web application firewall; set wafMode block (or count)",
          alb.urn,
        );
      }
    }
  },
};

const WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
/** WAF takes a redacted header's name in lower case (https://docs.aws.amazon.com/waf/latest/APIReference/API_SingleHeader.html). */
const CREDENTIALS_HEADER = "authorization";

export const wafLogsRedactAuthorization: ResourceValidationPolicy = {
  name: "waf-logs-redact-authorization",
  description:
    "PCI DSS v4 8.3.2 (authentication factors are unreadable in storage): every WAFv2 logging configuration redacts the authorization header, so the clients' credentials reach neither the WAF logs nor the audit archive.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== WAF_LOGGING) return args.notApplicable("not a WAFv2 logging configuration");
    const redacted = (args.props.redactedFields ?? []) as { singleHeader?: { name?: string } }[];
    if (!redacted.some((field) => field.singleHeader?.name === CREDENTIALS_HEADER)) {
      reportViolation(
        `the ${CREDENTIALS_HEADER} header is not redacted (redactedFields singleHeader name "${CREDENTIALS_HEADER}"): the logs would keep client credentials`,
        args.urn,
      );
    }
  },
};

export const albAccessLogs: ResourceValidationPolicy = {
  name: "alb-access-logs",
  description:
    "PCI DSS v4 10.2.1 (audit logs capture access to system components): every ALB writes access logs to an S3 bucket.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== LOAD_BALANCER) return args.notApplicable("not a load balancer");
    const logs = args.props.accessLogs as { enabled?: boolean; bucket?: string } | undefined;
    if (logs?.enabled !== true || !logs.bucket)
      reportViolation("access logs are off: no record of the requests the ALB served; set albAccessLogs true", args.urn);
  },
};

export const vpcFlowLogs: StackValidationPolicy = {
  name: "vpc-flow-logs",
  description:
    "PCI DSS v4 10.2.1 (audit logs) and CIS AWS Foundations (VPC flow logging is enabled in all VPCs): every VPC has a flow log of all traffic.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const flowLogs = args.resources.filter((r) => r.type === "aws:ec2/flowLog:FlowLog" && r.props.trafficType === "ALL");
    for (const vpc of args.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
      if (!flowLogs.some((f) => references(f, "vpcId", vpc))) {
        reportViolation("no flow log of ALL traffic: no record of the network's connections; set vpcFlowLogs true", vpc.urn);
      }
    }
  },
};

/** PCI DSS v4 10.5.1: 12 months of audit log history; 366 days covers 12 months across a February 29. */
const MIN_ARCHIVE_RETENTION_DAYS = 366;
const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

interface LifecycleRule {
  status?: string;
  filter?: { prefix?: string; and?: unknown; tag?: unknown; objectSizeGreaterThan?: number; objectSizeLessThan?: number };
  prefix?: string;
  expiration?: { days?: number };
}

/** A rule that applies to every object: enabled, and filtering on nothing (no prefix, tag or size). */
const coversEveryObject = (rule: LifecycleRule) =>
  rule.status === "Enabled" &&
  !rule.prefix &&
  !rule.filter?.prefix &&
  rule.filter?.and === undefined &&
  rule.filter?.tag === undefined &&
  rule.filter?.objectSizeGreaterThan === undefined &&
  rule.filter?.objectSizeLessThan === undefined;

export const archiveBucketKeepsTwelveMonths: StackValidationPolicy = {
  name: "archive-bucket-keeps-12-months",
  description:
    "PCI DSS v4 10.5.1 (audit log history is retained for at least 12 months) and the brief (everything destroys cleanly): a bucket the stack owns has forceDestroy and a lifecycle whose rules for every object expire nothing before 366 days.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const lifecycles = args.resources.filter((r) => r.type === LIFECYCLE);
    for (const bucket of args.resources.filter((r) => r.type === BUCKET)) {
      const problems: string[] = [];
      if (bucket.props.forceDestroy !== true) problems.push("no forceDestroy: pulumi destroy fails on a bucket with objects");
      const rules = lifecycles
        .filter((l) => references(l, "bucket", bucket))
        .flatMap((l) => (l.props.rules ?? []) as LifecycleRule[]);
      const expiring = rules.filter((rule) => rule.status === "Enabled" && rule.expiration?.days !== undefined);
      const early = expiring.filter((rule) => rule.expiration!.days! < MIN_ARCHIVE_RETENTION_DAYS);
      if (early.length > 0) {
        problems.push(
          `expires objects after ${early.map((rule) => rule.expiration!.days).join(", ")} days: fewer than ${MIN_ARCHIVE_RETENTION_DAYS} (12 months)`,
        );
      } else if (!expiring.some(coversEveryObject)) {
        problems.push("no lifecycle rule expires every object: the archive grows without bound");
      }
      for (const problem of problems) reportViolation(problem, bucket.urn);
    }
  },
};
