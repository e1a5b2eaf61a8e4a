/**
 * The audit archive as data: the prefixes each source writes under, the lifecycle rule, and the
 * bucket policy statements, exactly as the bucket gets them.
 */
import {
  ARCHIVE_PREFIXES,
  archiveBucketPolicy,
  archiveLifecycleRules,
  archiveNeeded,
  bucketArnOf,
} from "../../../lib/design/auditArchive";
import { resolveValues } from "../support/configSource";

const BUCKET_ARN = "arn:aws:s3:::payment-audit-archive-123456789012-dev";
const ACCOUNT = "123456789012";
const compliance = resolveValues({ environmentSuffix: "dev" }).compliance;

const TLS_ONLY = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const LOG_DELIVERY_SCOPE = {
  StringEquals: { "aws:SourceAccount": ACCOUNT },
  ArnLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:*" },
};

describe("archive prefixes", () => {
  it("GIVEN the four sources THEN each writes under its own slash-free prefix (ELB and VPC Flow Logs add /AWSLogs/ themselves)", () => {
    expect(ARCHIVE_PREFIXES).toEqual({
      albAccessLogs: "alb-access-logs",
      vpcFlowLogs: "vpc-flow-logs",
      auditEvents: "audit-events",
      wafLogs: "waf-logs",
    });
  });

  it("GIVEN a bucket name THEN its ARN carries no Region or account", () => {
    expect(bucketArnOf("acme-log-archive-us-east-1")).toBe("arn:aws:s3:::acme-log-archive-us-east-1");
  });
});

describe("archiveNeeded", () => {
  it.each([
    [{ albAccessLogs: true, vpcFlowLogs: false, auditEventsToArchive: false }, true],
    [{ albAccessLogs: false, vpcFlowLogs: true, auditEventsToArchive: false }, true],
    [{ albAccessLogs: false, vpcFlowLogs: false, auditEventsToArchive: true }, true],
    [{ albAccessLogs: false, vpcFlowLogs: false, auditEventsToArchive: false }, false],
  ])("GIVEN the writers %j THEN an archive is needed: %s", (writers, needed) => {
    expect(archiveNeeded({ ...compliance, ...writers })).toBe(needed);
  });
});

describe("archive lifecycle", () => {
  it("GIVEN the default 30/366 days THEN one rule for every object moves it to Glacier IR at 30 days, expires it at 366 and aborts stale multipart uploads after 7", () => {
    expect(archiveLifecycleRules(compliance.archive)).toEqual([
      {
        id: "audit-trail-retention",
        status: "Enabled",
        filter: { prefix: "" },
        transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
        expiration: { days: 366 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  it("GIVEN 90 cold days and 730 retention days THEN the rule follows them", () => {
    const [rule] = archiveLifecycleRules({ retentionDays: 730, coldAfterDays: 90 });
    expect([rule.transitions, rule.expiration]).toEqual([[{ days: 90, storageClass: "GLACIER_IR" }], { days: 730 }]);
  });
});

describe("archive bucket policy", () => {
  const policy = (writers: { albAccessLogs: boolean; vpcFlowLogs: boolean }) =>
    archiveBucketPolicy({ bucketArn: BUCKET_ARN, accountId: ACCOUNT, region: "us-east-1", writers });

  it("GIVEN ALB access logs and flow logs THEN TLS is required of everyone, ELB (its us-east-1 account and its delivery service, as the AWS pages name either) writes under its prefix and account, and log delivery gets the documented write and ACL-check statements scoped to the account", () => {
    expect(policy({ albAccessLogs: true, vpcFlowLogs: true })).toEqual({
      Version: "2012-10-17",
      Statement: [
        TLS_ONLY,
        {
          Sid: "AlbAccessLogDelivery",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::127311923021:root", Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${BUCKET_ARN}/alb-access-logs/AWSLogs/123456789012/*`,
        },
        {
          Sid: "AWSLogDeliveryWrite",
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: "s3:PutObject",
          // Hive-compatible partitions put `aws-account-id=` in the path.
          Resource: `${BUCKET_ARN}/vpc-flow-logs/AWSLogs/aws-account-id=123456789012/*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT, "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: LOG_DELIVERY_SCOPE.ArnLike,
          },
        },
        {
          Sid: "AWSLogDeliveryAclCheck",
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: ["s3:GetBucketAcl", "s3:ListBucket"],
          Resource: BUCKET_ARN,
          Condition: LOG_DELIVERY_SCOPE,
        },
      ],
    });
  });

  it("GIVEN only audit events (Firehose writes with its same-account role) THEN the policy only requires TLS", () => {
    expect(policy({ albAccessLogs: false, vpcFlowLogs: false })).toEqual({ Version: "2012-10-17", Statement: [TLS_ONLY] });
  });

  it("GIVEN ALB access logs alone THEN no log-delivery statement is granted", () => {
    expect(policy({ albAccessLogs: true, vpcFlowLogs: false }).Statement.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "AlbAccessLogDelivery",
    ]);
  });
});
