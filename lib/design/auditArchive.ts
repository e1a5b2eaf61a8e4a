/**
 * The audit archive as data: where each source writes in the bucket, the lifecycle that keeps the
 * trail 12 months (Standard, then Glacier Instant Retrieval, then expiry), and the bucket policy that
 * admits the AWS log writers and refuses plain HTTP. Pure: lib/infra/auditArchive.ts builds the
 * resources from it, and the tests assert it without an engine.
 */
import type { AuditArchiveSpec, ComplianceSpec } from "../spec/platformSpec";

/**
 * The key prefix of each source, without slashes: ELB and VPC Flow Logs take the prefix bare and add
 * `/AWSLogs/<account>/...` themselves (the prefix must not contain "AWSLogs"), and a Firehose
 * delivery stream writes under `${prefix}/` (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html,
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-create-flow-log.html).
 */
export const ARCHIVE_PREFIXES = {
  albAccessLogs: "alb-access-logs",
  vpcFlowLogs: "vpc-flow-logs",
  auditEvents: "audit-events",
  wafLogs: "waf-logs",
} as const;

/** Whether any log of the trail goes to the archive, so the stack needs one. */
export function archiveNeeded(
  compliance: Pick<ComplianceSpec, "albAccessLogs" | "vpcFlowLogs" | "auditEventsToArchive">,
): boolean {
  return compliance.albAccessLogs || compliance.vpcFlowLogs || compliance.auditEventsToArchive;
}

/** Glacier Instant Retrieval: millisecond reads like Standard, so a 12-month-old record is as quick to produce to an assessor. */
export const COLD_STORAGE_CLASS = "GLACIER_IR";

/**
 * A multipart upload that never completes (a Firehose or ELB delivery cut off) keeps its parts, billed
 * as storage, until aborted; a week covers any retry (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html).
 */
export const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

/**
 * S3's default for lifecycle configurations written since September 2024: objects under 128 KB stay in
 * Standard (Glacier IR bills every object as at least 128 KB, so moving them would cost more). Set
 * explicitly because the provider otherwise reads back AWS's value and shows a diff
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html,
 * https://github.com/hashicorp/terraform-provider-aws/pull/41159).
 */
export const TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZE = "all_storage_classes_128K";

/** The one lifecycle rule of the stack's own archive bucket, in the provider's input shape. */
export interface ArchiveLifecycleRule {
  id: string;
  status: "Enabled";
  filter: { prefix: string };
  transitions: { days: number; storageClass: string }[];
  expiration: { days: number };
  abortIncompleteMultipartUpload: { daysAfterInitiation: number };
}

/**
 * One rule for every object. The filter is an explicit empty prefix (every key): a rule with no filter
 * or an empty `filter {}` draws a provider warning and has flip-flopped between forms
 * (https://github.com/hashicorp/terraform-provider-aws/issues/41710, https://github.com/hashicorp/terraform-provider-aws/issues/42714);
 * `prefix = ""` is the form the provider's acceptance tests keep diff-free (filterWithEmptyPrefix).
 * No noncurrent-version rules: the bucket is not versioned, so there are no noncurrent versions.
 */
export function archiveLifecycleRules(archive: AuditArchiveSpec): ArchiveLifecycleRule[] {
  return [
    {
      id: "audit-trail-retention",
      status: "Enabled",
      filter: { prefix: "" },
      transitions: [{ days: archive.coldAfterDays, storageClass: COLD_STORAGE_CLASS }],
      expiration: { days: archive.retentionDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS },
    },
  ];
}

/**
 * Who writes ALB access logs. AWS's pages disagree on which principal a Region opened before August
 * 2022 uses: the ELB guide's current page names the log delivery service, while the provider's
 * `aws.elb.getServiceAccount` docs and the SDKs' region tables still name, for us-east-1, the Region's
 * ELB account 127311923021 and reserve the service principal for Regions opened since December 2021
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html,
 * https://www.pulumi.com/registry/packages/aws/api-docs/elb/getserviceaccount/). The statement names
 * both, so the test write at CreateLoadBalancer succeeds whichever ELB uses; either is scoped by the
 * account id in the object path.
 */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";
/** The ELB account of us-east-1 (the same two sources). */
export const ELB_ACCOUNT_BY_REGION: Readonly<Record<string, string>> = { "us-east-1": "127311923021" };
/** The CloudWatch Logs delivery service that writes VPC flow logs to S3 (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html). */
export const LOG_DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal: "*" | { Service: string } | { AWS: string; Service: string };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface ArchivePolicyInputs {
  bucketArn: string;
  /** The account whose load balancer and VPC write (the stack's). */
  accountId: string;
  region: string;
  /** The writers that need a statement; Firehose writes with its role's IAM policy (same account) and needs none. */
  writers: { albAccessLogs: boolean; vpcFlowLogs: boolean };
}

/**
 * The archive bucket's policy. Every statement is scoped to the stack's account:
 * - TLS only, for everyone (aws:SecureTransport false is denied: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit).
 * - ALB access logs: s3:PutObject for ELB's delivery service under `<prefix>/AWSLogs/<account>/*`; the account
 *   in the path is how AWS scopes it to this account's load balancers (the page documents no condition keys).
 * - VPC flow logs: the two documented statements, with aws:SourceAccount and aws:SourceArn (the confused-deputy
 *   guard); the write path is the Hive-compatible one (`AWSLogs/aws-account-id=<account>/`) because the flow
 *   log uses Hive-compatible partitions. The ACL check lists GetBucketAcl and ListBucket by name (the page's
 *   newer copy shows s3:Get* and s3:List*, which the pack's no-wildcard rule would flag for no gain).
 * Firehose (auditEventsToArchive) writes as an IAM role of the same account: its identity policy grants the
 * write, and a bucket policy statement is needed only across accounts.
 */
export function archiveBucketPolicy({ bucketArn, accountId, region, writers }: ArchivePolicyInputs): PolicyDocument {
  const logDeliveryConditions = {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:*` },
  };
  const statements: PolicyStatement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
  if (writers.albAccessLogs) {
    statements.push({
      Sid: "AlbAccessLogDelivery",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ELB_ACCOUNT_BY_REGION[region]}:root`, Service: ELB_LOG_DELIVERY_PRINCIPAL },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/${ARCHIVE_PREFIXES.albAccessLogs}/AWSLogs/${accountId}/*`,
    });
  }
  if (writers.vpcFlowLogs) {
    statements.push(
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY_PRINCIPAL },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/${ARCHIVE_PREFIXES.vpcFlowLogs}/AWSLogs/aws-account-id=${accountId}/*`,
        Condition: {
          StringEquals: { ...logDeliveryConditions.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" },
          ArnLike: logDeliveryConditions.ArnLike,
        },
      },
      {
        Sid: "AWSLogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY_PRINCIPAL },
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: bucketArn,
        Condition: logDeliveryConditions,
      },
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The ARN of a bucket from its name (S3 ARNs carry no Region or account). */
export function bucketArnOf(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}
