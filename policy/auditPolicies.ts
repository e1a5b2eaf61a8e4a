/**
 * The controls issue 12 adds and the stack does not have yet: WAF in front of the public ALB in
 * prod, ALB access logs, VPC flow logs. They are advisory, so the plan and `pulumi preview` show them
 * as open gaps without failing; each becomes mandatory when its control is built.
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
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const associations = args.resources.filter((r) => r.type === "aws:wafv2/webAclAssociation:WebAclAssociation");
    const prodAlbs = args.resources.filter((r) => isPublicAlb(r) && stackTag(r.provider, "Environment") === "prod");
    for (const alb of prodAlbs) {
      if (!associations.some((a) => references(a, "resourceArn", alb))) {
        reportViolation("no WAFv2 web ACL association: the public payment API has no web application firewall", alb.urn);
      }
    }
  },
};

export const albAccessLogs: ResourceValidationPolicy = {
  name: "alb-access-logs",
  description:
    "PCI DSS v4 10.2.1 (audit logs capture access to system components): every ALB writes access logs to an S3 bucket.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type !== LOAD_BALANCER) return args.notApplicable("not a load balancer");
    const logs = args.props.accessLogs as { enabled?: boolean; bucket?: string } | undefined;
    if (logs?.enabled !== true || !logs.bucket)
      reportViolation("access logs are off: no record of the requests the ALB served", args.urn);
  },
};

export const vpcFlowLogs: StackValidationPolicy = {
  name: "vpc-flow-logs",
  description:
    "PCI DSS v4 10.2.1 (audit logs) and CIS AWS Foundations (VPC flow logging is enabled in all VPCs): every VPC has a flow log of all traffic.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const flowLogs = args.resources.filter((r) => r.type === "aws:ec2/flowLog:FlowLog" && r.props.trafficType === "ALL");
    for (const vpc of args.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
      if (!flowLogs.some((f) => references(f, "vpcId", vpc))) {
        reportViolation("no flow log of ALL traffic: no record of the network's connections", vpc.urn);
      }
    }
  },
};
