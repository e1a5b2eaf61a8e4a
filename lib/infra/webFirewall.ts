/**
 * The web application firewall in front of the public payment API (PCI DSS v4 6.4.2): a regional
 * WAFv2 web ACL with the rules of lib/design/webAclRules.ts, associated with the ALB, logging every
 * request a rule blocked or counted to a CloudWatch Logs group with the `authorization` header redacted. The program constructs
 * it only while wafMode is count or block.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, wafLogGroupName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";
import { REDACTED_HEADER, visibility, webAclDescription, webAclRules } from "../design/webAclRules";

export interface WebFirewallArgs {
  /** The public ALB the web ACL guards. */
  albArn: pulumi.Input<string>;
  /** The stack's KMS key: the WAF log group is encrypted with it (its key policy lists the group: encryptedLogGroupNames). */
  kmsKeyArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
}

/**
 * WAF logs only the requests a rule blocked or counted: the ALB access logs already record every
 * request (PCI DSS v4 10.2.1), and logging every allowed request as a ~2 KB record would cost more than
 * the web ACL itself. EXCLUDED_AS_COUNT matches rules whose action is overridden to Count (the
 * managed groups in count mode, NoUserAgent_HEADER in every mode), COUNT the rate rule in count mode
 * (https://docs.aws.amazon.com/waf/latest/APIReference/API_ActionCondition.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-management.html).
 */
export const WAF_LOGGING_FILTER = {
  defaultBehavior: "DROP",
  filters: [
    {
      behavior: "KEEP",
      requirement: "MEETS_ANY",
      conditions: ["BLOCK", "COUNT", "EXCLUDED_AS_COUNT"].map((action) => ({ actionCondition: { action } })),
    },
  ],
};

/**
 * The CloudWatch Logs resource policy that lets the log delivery service write WAF's logs into the
 * WAF log group and nowhere else, for this account's deliveries only (aws:SourceAccount, and
 * aws:SourceArn, which for vended logs is a CloudWatch Logs delivery ARN of the account and region,
 * not the web ACL's). The statement is the one the provider documents for a managed policy
 * (https://www.pulumi.com/registry/packages/aws/api-docs/wafv2/webaclloggingconfiguration/, "With
 * CloudWatch Log Group and managed CloudWatch Log Resource Policy") and AWS for vended logs
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html).
 */
export function wafLogDeliveryPolicy(region: string, accountId: string, logGroupArn: string): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WafLogDeliveryToThisGroupOnly",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        // The group's log streams: LogGroup.arn carries no ":*" (the provider removes it).
        Resource: `${logGroupArn}:*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:*` },
        },
      },
    ],
  };
}

export class WebFirewall extends pulumi.ComponentResource {
  /**
   * The WAF log group's name (`aws-waf-logs-payment-<suffix>`), for the audit delivery's subscription
   * filter: an Output of the group, so whatever takes it waits for the group to exist.
   */
  readonly wafLogGroupName: pulumi.Output<string>;
  /** The WAF log group's ARN, without ":*". */
  readonly wafLogGroupArn: pulumi.Output<string>;
  readonly webAclArn: pulumi.Output<string>;

  constructor(spec: PlatformSpec, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:security:WebFirewall", withSuffix("web-firewall", suffix), {}, opts);
    const { mode, rateLimitPerFiveMinutes } = spec.compliance.waf;
    if (mode === "off") {
      throw new Error(
        "WebFirewall: spec.compliance.waf.mode is off; construct the web firewall only when wafMode is count or block",
      );
    }
    const child = { parent: this };

    const aclName = physicalName("webAcl", suffix);
    const webAcl = new aws.wafv2.WebAcl(
      aclName,
      {
        name: aclName,
        description: webAclDescription(mode),
        // REGIONAL: an ALB's web ACL lives in the ALB's region (CLOUDFRONT is for distributions only,
        // https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html).
        scope: "REGIONAL",
        // Requests no rule blocks are the API's to judge: the service validates every request itself.
        defaultAction: { allow: {} },
        rules: webAclRules({ mode, rateLimitPerFiveMinutes }),
        visibilityConfig: visibility(aclName),
      },
      child,
    );
    this.webAclArn = webAcl.arn;

    new aws.wafv2.WebAclAssociation(
      withSuffix("payment-waf-association", suffix),
      { resourceArn: args.albArn, webAclArn: webAcl.arn },
      child,
    );

    // WAF logs only to a destination named `aws-waf-logs-...`. Standard class: a subscription filter
    // ships the group to the audit archive, and the Infrequent Access class took none at launch
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html); with
    // Standard the subscription works whatever that class supports today.
    const logGroupName = wafLogGroupName(suffix);
    const logGroup = new aws.cloudwatch.LogGroup(
      logGroupName,
      {
        name: logGroupName,
        retentionInDays: spec.observability.logRetentionDays,
        kmsKeyId: args.kmsKeyArn,
        logGroupClass: "STANDARD",
      },
      // A fixed name that a replacement would collide with.
      { parent: this, deleteBeforeReplace: true },
    );
    this.wafLogGroupName = logGroup.name;
    this.wafLogGroupArn = logGroup.arn;

    // The stack's own resource policy, in place before WAF's logging starts: without one WAF adds this
    // group to the account-wide AWSWAF-LOGS policy itself, which outlives `pulumi destroy` and fails the
    // logging configuration once it reaches CloudWatch Logs' 5,120-character limit
    // (https://github.com/hashicorp/terraform-provider-aws/issues/25296). An account holds at most 10
    // such policies per region (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html).
    const deliveryPolicy = new aws.cloudwatch.LogResourcePolicy(
      physicalName("wafLogDeliveryPolicy", suffix),
      {
        policyName: physicalName("wafLogDeliveryPolicy", suffix),
        policyDocument: pulumi
          .all([args.accountId, logGroup.arn])
          .apply(([accountId, arn]) => JSON.stringify(wafLogDeliveryPolicy(spec.region, accountId, arn))),
      },
      child,
    );

    new aws.wafv2.WebAclLoggingConfiguration(
      withSuffix("payment-waf-logging", suffix),
      {
        resourceArn: webAcl.arn,
        // The group's ARN, as WAF's logging destination takes it: @pulumi/aws v7 LogGroup.arn carries
        // no ":*" (the provider strips the suffix DescribeLogGroups adds "for greater compatibility with
        // other AWS services that do not accept the suffix": node_modules/@pulumi/aws/cloudwatch/logGroup.d.ts).
        logDestinationConfigs: [logGroup.arn],
        redactedFields: [{ singleHeader: { name: REDACTED_HEADER } }],
        loggingFilter: WAF_LOGGING_FILTER,
      },
      { parent: this, dependsOn: [deliveryPolicy] },
    );

    this.registerOutputs({ wafLogGroupName: this.wafLogGroupName, wafLogGroupArn: this.wafLogGroupArn });
  }
}
