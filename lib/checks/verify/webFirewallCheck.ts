/**
 * The WAF in front of the ALB (wafMode count or block): the ALB's web ACL is the stack's
 * (https://docs.aws.amazon.com/waf/latest/APIReference/API_GetWebACLForResource.html: the call also
 * checks wafv2:GetWebACL on the web ACL it finds, so the check needs both actions), and that web
 * ACL logs to the stack's `aws-waf-logs-` group with the `authorization` header redacted
 * (https://docs.aws.amazon.com/waf/latest/APIReference/API_GetLoggingConfiguration.html). With
 * wafMode off there is nothing to check and the check reports nothing.
 */
import { GetLoggingConfigurationCommand, GetWebACLForResourceCommand, LoggingConfiguration } from "@aws-sdk/client-wafv2";
import { physicalName, wafLogGroupName } from "../../spec/names";
import { compare, fail, Finding } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { RESTORE } from "./clusterCheck";
import { notDeployed } from "./loadBalancerChecks";
import { VerifyContext } from "./verifyContext";
import { REDACTED_HEADER } from "../../design/webAclRules";

/** WAF's answer when a web ACL has no logging configuration. */
const NO_SUCH_ITEM = "WAFNonexistentItemException";

async function loggingOf(ctx: VerifyContext, webAclArn: string): Promise<LoggingConfiguration | undefined> {
  try {
    const answer = await ctx.clients.wafv2.send(new GetLoggingConfigurationCommand({ ResourceArn: webAclArn }));
    return answer.LoggingConfiguration;
  } catch (error) {
    if (error instanceof Error && error.name === NO_SUCH_ITEM) return undefined;
    throw error;
  }
}

export const webFirewallCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.waf",
  title: "WAF web ACL on the ALB, logging redacted",
  failureClass: "drift",
  permissions: [
    "elasticloadbalancing:DescribeLoadBalancers",
    "wafv2:GetWebACLForResource",
    "wafv2:GetWebACL",
    "wafv2:GetLoggingConfiguration",
  ],
  async run(ctx) {
    const { spec, deployed, clients, accountId } = ctx;
    if (spec.compliance.waf.mode === "off") return [];
    const alb = await deployed.loadBalancer();
    if (alb === undefined) return [notDeployed(deployed.names.loadBalancer, "load balancer")];
    const suffix = spec.environmentSuffix;
    const webAclName = physicalName("webAcl", suffix);
    const answer = await clients.wafv2.send(new GetWebACLForResourceCommand({ ResourceArn: alb.LoadBalancerArn }));
    const webAcl = answer.WebACL;
    const association = compare(
      `${deployed.names.loadBalancer} web ACL`,
      webAclName,
      webAcl?.Name ?? "none",
      `${RESTORE}; without its web ACL the payment API is unprotected (PCI DSS 6.4.2)`,
    );
    if (webAcl?.Name !== webAclName) return [association];
    const group = wafLogGroupName(suffix);
    const destination = `arn:aws:logs:${spec.region}:${accountId}:log-group:${group}`;
    const expected = `to ${destination}, ${REDACTED_HEADER} redacted`;
    const logging = await loggingOf(ctx, webAcl.ARN!);
    const loggingFinding: Finding =
      logging === undefined
        ? fail(`${webAclName} logging`, expected, "no logging configuration", RESTORE)
        : compare(
            `${webAclName} logging`,
            expected,
            `to ${logging.LogDestinationConfigs?.join(", ") || "nowhere"}, ${
              (logging.RedactedFields ?? []).some((f) => f.SingleHeader?.Name?.toLowerCase() === REDACTED_HEADER)
                ? `${REDACTED_HEADER} redacted`
                : `${REDACTED_HEADER} not redacted`
            }`,
            `${RESTORE}; an unredacted authorization header puts credentials in the logs`,
          );
    return [association, loggingFinding];
  },
};
