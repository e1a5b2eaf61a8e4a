/**
 * verify's compliance checks (ALB access logs, WAF, VPC flow logs, the archive bucket, the audit
 * delivery) against the fake account of ../support/deployedStack.ts: each row starts from the stack
 * as its golden registrations deploy it, changes one AWS answer (or one setting), runs the one check
 * that reads it, and expects exactly these findings not to pass. The passing side, every check on
 * every shipped stack, is findings.test.ts's "deployed exactly as the program registers it".
 */
import { DescribeSubscriptionFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeFlowLogsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { GetBucketLifecycleConfigurationCommand, GetPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import { GetLoggingConfigurationCommand, GetWebACLForResourceCommand } from "@aws-sdk/client-wafv2";
import { CheckResult } from "../../../../lib/checks/checkResult";
import { runChecks } from "../../../../lib/checks/runChecks";
import { AWS_VERIFY_CHECKS } from "../../../../lib/checks/verify/verifyChecks";
import { VerifyContext } from "../../../../lib/checks/verify/verifyContext";
import { ComplianceSpec } from "../../../../lib/spec/platformSpec";
import { answerAsDeployed, awsMocks, AwsMocks } from "../support/deployedStack";
import { awsError } from "../support/awsError";
import { stackSpec, verifyContext } from "./support";

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

type Expected = Pick<CheckResult, "subject" | "status" | "expected" | "found"> & { failureClass?: CheckResult["failureClass"] };

/** The findings of one check that do not pass, as the fields a row states (each with an action). */
async function notPassing(checkId: string, ctx: VerifyContext): Promise<Expected[]> {
  const results = await runChecks(
    AWS_VERIFY_CHECKS.filter((c) => c.id === checkId),
    ctx,
  );
  return results
    .filter((r) => r.status !== "pass")
    .map((r) => {
      expect(r.action).toEqual(expect.stringMatching(/\w+/));
      return {
        subject: r.subject,
        status: r.status,
        expected: r.expected,
        found: r.found,
        ...(r.failureClass ? { failureClass: r.failureClass } : {}),
      };
    });
}

/** The stack's spec with some compliance settings changed. */
function withCompliance(stack: string, change: Partial<ComplianceSpec>): Partial<VerifyContext> {
  const spec = stackSpec(stack);
  return { spec: { ...spec, compliance: { ...spec.compliance, ...change } } };
}

const drift = (subject: string, expected: string, found: string): Expected => ({
  subject,
  status: "fail",
  expected,
  found,
  failureClass: "drift",
});

const DEV_BUCKET = "payment-audit-archive-123456789012-dev";
const DEV_ACCESS_LOGS = `enabled, s3://${DEV_BUCKET}/alb-access-logs`;
const PROD_LOGGING = "to arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-payment-prod, authorization redacted";
const DEV_FLOW_LOG = `ALL traffic to arn:aws:s3:::${DEV_BUCKET}/vpc-flow-logs (s3), ACTIVE`;
const DEV_RULE =
  'audit-trail-retention Enabled, prefix "", GLACIER_IR after 30 days, expire after 366 days, abort uploads after 7 days';
const PROD_BUCKET_ARN = "arn:aws:s3:::payment-audit-archive-123456789012-prod";
const streamArn = (name: string) => `arn:aws:firehose:us-east-1:123456789012:deliverystream/${name}`;

interface Row {
  name: string;
  check: string;
  stack?: string;
  ctx?: Partial<VerifyContext>;
  change?: (m: AwsMocks) => void;
  findings: Expected[];
  /** Calls that must not have been made (a control that is off is not looked at). */
  noCalls?: (m: AwsMocks) => unknown[];
}

const ROWS: Row[] = [
  // --- ALB access logs
  {
    name: "access logging was switched off on the ALB",
    check: "compliance.albAccessLogs",
    change: (m) =>
      void m.elb.on(DescribeLoadBalancerAttributesCommand).resolves({
        Attributes: [
          { Key: "access_logs.s3.enabled", Value: "false" },
          { Key: "access_logs.s3.bucket", Value: "" },
          { Key: "access_logs.s3.prefix", Value: "" },
        ],
      }),
    findings: [drift("payment-alb-dev access logs", DEV_ACCESS_LOGS, "disabled, s3:///")],
  },
  {
    name: "ELB answers no attributes",
    check: "compliance.albAccessLogs",
    change: (m) => void m.elb.on(DescribeLoadBalancerAttributesCommand).resolves({}),
    findings: [drift("payment-alb-dev access logs", DEV_ACCESS_LOGS, "disabled, s3://unset/unset")],
  },
  {
    name: "the ALB is not found",
    check: "compliance.albAccessLogs",
    change: (m) => void m.elb.on(DescribeLoadBalancersCommand).rejects(awsError("LoadBalancerNotFoundException")),
    findings: [drift("payment-alb-dev", "the stack's load balancer", "not found")],
  },
  {
    name: "auditArchiveBucketName names a log-archive account's bucket, but the ALB still logs to the stack's",
    check: "compliance.albAccessLogs",
    ctx: withCompliance("dev", {
      archive: { ...stackSpec("dev").compliance.archive, externalBucketName: "org-log-archive-us-east-1" },
    }),
    findings: [
      drift(
        "payment-alb-dev access logs",
        "enabled, s3://org-log-archive-us-east-1/alb-access-logs",
        `enabled, s3://${DEV_BUCKET}/alb-access-logs`,
      ),
    ],
  },
  {
    name: "albAccessLogs is off",
    check: "compliance.albAccessLogs",
    ctx: withCompliance("dev", { albAccessLogs: false }),
    findings: [],
    noCalls: (m) => m.elb.commandCalls(DescribeLoadBalancerAttributesCommand),
  },
  // --- WAF (prod: wafMode block)
  {
    name: "the ALB has no web ACL",
    check: "compliance.waf",
    stack: "prod",
    change: (m) => void m.wafv2.on(GetWebACLForResourceCommand).resolves({}),
    findings: [drift("payment-alb-prod web ACL", "payment-waf-prod", "none")],
    noCalls: (m) => m.wafv2.commandCalls(GetLoggingConfigurationCommand),
  },
  {
    name: "another web ACL was associated with the ALB",
    check: "compliance.waf",
    stack: "prod",
    change: (m) =>
      void m.wafv2.on(GetWebACLForResourceCommand).resolves({
        WebACL: {
          Name: "legacy-acl",
          Id: "1",
          ARN: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/legacy-acl/1",
          DefaultAction: { Allow: {} },
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: "legacy" },
        },
      }),
    findings: [drift("payment-alb-prod web ACL", "payment-waf-prod", "legacy-acl")],
  },
  {
    name: "the web ACL's logging was deleted",
    check: "compliance.waf",
    stack: "prod",
    change: (m) => void m.wafv2.on(GetLoggingConfigurationCommand).rejects(awsError("WAFNonexistentItemException")),
    findings: [drift("payment-waf-prod logging", PROD_LOGGING, "no logging configuration")],
  },
  {
    name: "the web ACL logs nowhere and redacts nothing",
    check: "compliance.waf",
    stack: "prod",
    change: (m) =>
      void m.wafv2.on(GetLoggingConfigurationCommand).resolves({
        LoggingConfiguration: {
          ResourceArn: "arn:aws:wafv2:us-east-1:123456789012:webacl/payment-waf-prod",
          LogDestinationConfigs: [],
        },
      }),
    findings: [drift("payment-waf-prod logging", PROD_LOGGING, "to nowhere, authorization not redacted")],
  },
  {
    name: "WAF answers no logging configuration in a successful response",
    check: "compliance.waf",
    stack: "prod",
    change: (m) => void m.wafv2.on(GetLoggingConfigurationCommand).resolves({}),
    findings: [drift("payment-waf-prod logging", PROD_LOGGING, "no logging configuration")],
  },
  {
    name: "the header is redacted as `Authorization` (WAF matches header names case-insensitively: no drift)",
    check: "compliance.waf",
    stack: "prod",
    change: (m) =>
      void m.wafv2.on(GetLoggingConfigurationCommand).resolves({
        LoggingConfiguration: {
          ResourceArn: "arn:aws:wafv2:us-east-1:123456789012:webacl/payment-waf-prod",
          LogDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-payment-prod"],
          RedactedFields: [{ UriPath: {} }, { SingleHeader: { Name: "Authorization" } }],
        },
      }),
    findings: [],
  },
  {
    name: "WAF denies GetLoggingConfiguration",
    check: "compliance.waf",
    stack: "prod",
    change: (m) => void m.wafv2.on(GetLoggingConfigurationCommand).rejects(awsError("AccessDeniedException", "not authorized")),
    findings: [
      {
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: "access denied (AccessDeniedException: not authorized)",
        failureClass: "access",
      },
    ],
  },
  {
    name: "the ALB is not found by the WAF check",
    check: "compliance.waf",
    stack: "prod",
    change: (m) => void m.elb.on(DescribeLoadBalancersCommand).rejects(awsError("LoadBalancerNotFoundException")),
    findings: [drift("payment-alb-prod", "the stack's load balancer", "not found")],
  },
  {
    name: "wafMode is off (dev)",
    check: "compliance.waf",
    findings: [],
    noCalls: (m) => m.wafv2.calls(),
  },
  // --- VPC flow logs
  {
    name: "the VPC has no flow log",
    check: "compliance.vpcFlowLogs",
    change: (m) => void m.ec2.on(DescribeFlowLogsCommand).resolves({}),
    findings: [drift("vpc-dev flow log", DEV_FLOW_LOG, "no flow log")],
  },
  {
    name: "the VPC's only flow log keeps rejected traffic in CloudWatch Logs and failed",
    check: "compliance.vpcFlowLogs",
    change: (m) =>
      void m.ec2.on(DescribeFlowLogsCommand).resolves({
        FlowLogs: [
          {
            TrafficType: "REJECT",
            LogDestination: "arn:aws:logs:us-east-1:123456789012:log-group:flows",
            LogDestinationType: "cloud-watch-logs",
            FlowLogStatus: "FAILED",
          },
        ],
      }),
    findings: [
      drift(
        "vpc-dev flow log",
        DEV_FLOW_LOG,
        "REJECT traffic to arn:aws:logs:us-east-1:123456789012:log-group:flows (cloud-watch-logs), FAILED",
      ),
    ],
  },
  {
    name: "a team's own flow log sits beside the stack's (no drift)",
    check: "compliance.vpcFlowLogs",
    change: (m) =>
      void m.ec2.on(DescribeFlowLogsCommand).resolves({
        FlowLogs: [
          {
            TrafficType: "REJECT",
            LogDestination: "arn:aws:s3:::team-bucket",
            LogDestinationType: "s3",
            FlowLogStatus: "ACTIVE",
          },
          {
            TrafficType: "ALL",
            LogDestination: `arn:aws:s3:::${DEV_BUCKET}/vpc-flow-logs`,
            LogDestinationType: "s3",
            FlowLogStatus: "ACTIVE",
          },
        ],
      }),
    findings: [],
  },
  {
    name: "no VPC carries the stack's Name tag",
    check: "compliance.vpcFlowLogs",
    change: (m) => void m.ec2.on(DescribeVpcsCommand).resolves({}),
    findings: [drift("vpc-dev", "the stack's VPC", "not found")],
    noCalls: (m) => m.ec2.commandCalls(DescribeFlowLogsCommand),
  },
  {
    name: "vpcFlowLogs is off",
    check: "compliance.vpcFlowLogs",
    ctx: withCompliance("dev", { vpcFlowLogs: false }),
    findings: [],
    noCalls: (m) => m.ec2.calls(),
  },
  // --- the archive bucket
  {
    name: "the archive's lifecycle was deleted",
    check: "compliance.archiveLifecycle",
    change: (m) => void m.s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError("NoSuchLifecycleConfiguration")),
    findings: [drift(`${DEV_BUCKET} lifecycle`, DEV_RULE, "no lifecycle rules")],
  },
  {
    name: "S3 answers no rules",
    check: "compliance.archiveLifecycle",
    change: (m) => void m.s3.on(GetBucketLifecycleConfigurationCommand).resolves({}),
    findings: [drift(`${DEV_BUCKET} lifecycle`, DEV_RULE, "no lifecycle rules")],
  },
  {
    name: "the rule was shortened to 90 days in Standard-IA, and a legacy and a tag-filtered rule keep everything",
    check: "compliance.archiveLifecycle",
    change: (m) =>
      void m.s3.on(GetBucketLifecycleConfigurationCommand).resolves({
        Rules: [
          {
            ID: "audit-trail-retention",
            Status: "Enabled",
            Filter: { Prefix: "" },
            Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }],
            Expiration: { Days: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
          { ID: "legacy", Status: "Disabled", Prefix: "old/" },
          { ID: "tagged", Status: "Enabled", Filter: { Tag: { Key: "keep", Value: "forever" } } },
        ],
      }),
    findings: [
      drift(
        `${DEV_BUCKET} lifecycle`,
        DEV_RULE,
        'audit-trail-retention Enabled, prefix "", STANDARD_IA after 30 days, expire after 90 days, abort uploads after 7 days; ' +
          'legacy Disabled, prefix "old/", no transition, never expire, incomplete uploads kept; ' +
          "tagged Enabled, no prefix filter, no transition, never expire, incomplete uploads kept",
      ),
    ],
  },
  ...[
    ["an empty filter", { Filter: {} }],
    ["no filter at all", {}],
  ].map(([form, filter]): Row => ({
    name: `S3 answers the every-key rule with ${form} (no drift)`,
    check: "compliance.archiveLifecycle",
    change: (m) =>
      void m.s3.on(GetBucketLifecycleConfigurationCommand).resolves({
        Rules: [
          {
            ID: "audit-trail-retention",
            Status: "Enabled",
            ...(filter as object),
            Transitions: [{ Days: 30, StorageClass: "GLACIER_IR" }],
            Expiration: { Days: 366 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      }),
    findings: [],
  })),
  {
    name: "the archive bucket is gone (lifecycle)",
    check: "compliance.archiveLifecycle",
    change: (m) => void m.s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError("NoSuchBucket")),
    findings: [drift(DEV_BUCKET, "the stack's archive bucket with its lifecycle", "bucket not found")],
  },
  {
    name: "the archive is a log-archive account's bucket (lifecycle: that account's to verify)",
    check: "compliance.archiveLifecycle",
    ctx: withCompliance("dev", { archive: { ...stackSpec("dev").compliance.archive, externalBucketName: "org-log-archive" } }),
    findings: [],
    noCalls: (m) => m.s3.calls(),
  },
  {
    name: "no log goes to an archive, so there is no bucket",
    check: "compliance.archiveLifecycle",
    ctx: withCompliance("dev", { albAccessLogs: false, vpcFlowLogs: false, auditEventsToArchive: false }),
    findings: [],
    noCalls: (m) => m.s3.calls(),
  },
  {
    name: "the public access block was deleted",
    check: "compliance.archivePublicAccess",
    change: (m) => void m.s3.on(GetPublicAccessBlockCommand).rejects(awsError("NoSuchPublicAccessBlockConfiguration")),
    findings: [
      drift(
        `${DEV_BUCKET} public access block`,
        "all four settings on",
        "off: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets",
      ),
    ],
  },
  {
    name: "public policies were allowed again",
    check: "compliance.archivePublicAccess",
    change: (m) =>
      void m.s3.on(GetPublicAccessBlockCommand).resolves({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      }),
    findings: [
      drift(`${DEV_BUCKET} public access block`, "all four settings on", "off: BlockPublicPolicy, RestrictPublicBuckets"),
    ],
  },
  {
    name: "S3 answers no public access block configuration",
    check: "compliance.archivePublicAccess",
    change: (m) => void m.s3.on(GetPublicAccessBlockCommand).resolves({}),
    findings: [
      drift(
        `${DEV_BUCKET} public access block`,
        "all four settings on",
        "off: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets",
      ),
    ],
  },
  {
    name: "the archive bucket is gone (public access block)",
    check: "compliance.archivePublicAccess",
    change: (m) => void m.s3.on(GetPublicAccessBlockCommand).rejects(awsError("NoSuchBucket")),
    findings: [drift(DEV_BUCKET, "the stack's archive bucket with its public access block", "bucket not found")],
  },
  {
    name: "the archive is a log-archive account's bucket (public access block: that account's to verify)",
    check: "compliance.archivePublicAccess",
    ctx: withCompliance("dev", { archive: { ...stackSpec("dev").compliance.archive, externalBucketName: "org-log-archive" } }),
    findings: [],
    noCalls: (m) => m.s3.calls(),
  },
  // --- the audit delivery (prod: audit events and WAF logs)
  {
    name: "the WAF logs stream is gone",
    check: "compliance.auditStreams",
    stack: "prod",
    change: (m) =>
      void m.firehose
        .on(DescribeDeliveryStreamCommand, { DeliveryStreamName: "payment-waf-logs-prod" })
        .rejects(awsError("ResourceNotFoundException")),
    findings: [drift("payment-waf-logs-prod", `ACTIVE, to ${PROD_BUCKET_ARN} prefix waf-logs/`, "not found")],
  },
  {
    name: "the audit events stream is still CREATING and describes no destination",
    check: "compliance.auditStreams",
    stack: "prod",
    change: (m) =>
      void m.firehose.on(DescribeDeliveryStreamCommand, { DeliveryStreamName: "payment-audit-events-prod" }).resolves({
        DeliveryStreamDescription: {
          DeliveryStreamName: "payment-audit-events-prod",
          DeliveryStreamARN: streamArn("payment-audit-events-prod"),
          DeliveryStreamStatus: "CREATING",
          DeliveryStreamType: "DirectPut",
          VersionId: "1",
          Destinations: [],
          HasMoreDestinations: false,
        },
      }),
    findings: [
      {
        subject: "payment-audit-events-prod",
        status: "fail",
        expected: `ACTIVE, to ${PROD_BUCKET_ARN} prefix audit-events/`,
        found: "CREATING, to no S3 destination prefix none",
        failureClass: "health",
      },
    ],
  },
  {
    name: "the audit events stream writes to another bucket and prefix",
    check: "compliance.auditStreams",
    stack: "prod",
    change: (m) =>
      void m.firehose.on(DescribeDeliveryStreamCommand, { DeliveryStreamName: "payment-audit-events-prod" }).resolves({
        DeliveryStreamDescription: {
          DeliveryStreamName: "payment-audit-events-prod",
          DeliveryStreamARN: streamArn("payment-audit-events-prod"),
          DeliveryStreamStatus: "ACTIVE",
          DeliveryStreamType: "DirectPut",
          VersionId: "2",
          Destinations: [
            {
              DestinationId: "destinationId-000000000001",
              ExtendedS3DestinationDescription: {
                BucketARN: "arn:aws:s3:::elsewhere",
                Prefix: "events/",
                RoleARN: "arn:aws:iam::123456789012:role/x",
                BufferingHints: {},
                CompressionFormat: "GZIP",
                EncryptionConfiguration: {},
              },
            },
          ],
          HasMoreDestinations: false,
        },
      }),
    findings: [
      drift(
        "payment-audit-events-prod",
        `ACTIVE, to ${PROD_BUCKET_ARN} prefix audit-events/`,
        "ACTIVE, to arn:aws:s3:::elsewhere prefix events/",
      ),
    ],
  },
  {
    name: "auditEventsToArchive is off (streams)",
    check: "compliance.auditStreams",
    stack: "prod",
    ctx: withCompliance("prod", { auditEventsToArchive: false }),
    findings: [],
    noCalls: (m) => m.firehose.calls(),
  },
  {
    name: "the WAF group lost its filter, the API's audit group is gone, the worker's points elsewhere",
    check: "compliance.auditSubscriptions",
    stack: "prod",
    change: (m) => {
      m.logs.on(DescribeSubscriptionFiltersCommand, { logGroupName: "aws-waf-logs-payment-prod" }).resolves({});
      m.logs
        .on(DescribeSubscriptionFiltersCommand, { logGroupName: "/ecs/payment-api-audit-prod" })
        .rejects(awsError("ResourceNotFoundException"));
      m.logs.on(DescribeSubscriptionFiltersCommand, { logGroupName: "/ecs/payment-worker-audit-prod" }).resolves({
        subscriptionFilters: [{ filterName: "payment-audit-events-to-archive-prod", destinationArn: streamArn("other") }],
      });
    },
    findings: [
      drift(
        "/ecs/payment-api-audit-prod",
        `payment-audit-events-to-archive-prod -> ${streamArn("payment-audit-events-prod")}`,
        "log group not found",
      ),
      drift(
        "/ecs/payment-worker-audit-prod",
        `payment-audit-events-to-archive-prod -> ${streamArn("payment-audit-events-prod")}`,
        `payment-audit-events-to-archive-prod -> ${streamArn("other")}`,
      ),
      drift(
        "aws-waf-logs-payment-prod",
        `payment-waf-logs-to-archive-prod -> ${streamArn("payment-waf-logs-prod")}`,
        "no subscription filter",
      ),
    ],
  },
  {
    name: "auditEventsToArchive is off (subscriptions)",
    check: "compliance.auditSubscriptions",
    stack: "prod",
    ctx: withCompliance("prod", { auditEventsToArchive: false }),
    findings: [],
    noCalls: (m) => m.logs.commandCalls(DescribeSubscriptionFiltersCommand),
  },
];

describe("verify's compliance findings when one AWS answer or setting differs from the deployed stack", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))(
    "GIVEN %s WHEN its check runs THEN exactly these findings do not pass",
    async (_name, row) => {
      const stack = row.stack ?? "dev";
      answerAsDeployed(mocks, stackSpec(stack), stack);
      row.change?.(mocks);
      expect(await notPassing(row.check, verifyContext(stack, row.ctx))).toEqual(row.findings);
      if (row.noCalls) expect(row.noCalls(mocks)).toHaveLength(0);
    },
  );
});
