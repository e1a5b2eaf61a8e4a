/**
 * The audit archive: the S3 bucket that keeps the audit trail 12 months (ALB access logs, VPC flow
 * logs, audit events and WAF logs through Firehose), or a log-archive account's bucket named in
 * auditArchiveBucketName, and the VPC flow log that writes to it. The layout, lifecycle and bucket
 * policy are data in lib/design/auditArchive.ts.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ARCHIVE_PREFIXES,
  archiveBucketPolicy,
  archiveLifecycleRules,
  archiveNeeded,
  bucketArnOf,
  TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZE,
} from "../design/auditArchive";
import { auditArchiveBucketName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";

export interface AuditArchiveArgs {
  /** The stack's account: in the bucket name and in every writer statement of the bucket policy. */
  accountId: pulumi.Input<string>;
  /** The VPC whose traffic the flow log records. */
  vpcId: pulumi.Input<string>;
}

/**
 * VPC flow log records aggregated over at most 10 minutes: AWS's default and the cheaper of the two
 * choices (60 s writes up to ten times as many records), fine for an audit trail read after the fact
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html#flow-logs-basics).
 */
const FLOW_LOG_AGGREGATION_SECONDS = 600;

export class AuditArchive extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /**
   * What a writer must wait for before it names the bucket: the bucket policy and the settings S3
   * applies before it (CreateLoadBalancer / ModifyLoadBalancerAttributes test-write ELBAccessLogTestFile
   * and fail with "Access Denied for bucket" without the policy). Empty for an external bucket.
   */
  readonly deliveryReady: pulumi.Resource[];

  constructor(spec: PlatformSpec, args: AuditArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:auditArchive:AuditArchive", withSuffix("audit-archive", suffix), {}, opts);
    const compliance = spec.compliance;
    if (!archiveNeeded(compliance)) {
      // A wiring error, not a user one: platform.ts builds the archive only when a log goes to it.
      throw new Error("AuditArchive built with albAccessLogs, vpcFlowLogs and auditEventsToArchive all off");
    }
    const external = compliance.archive.externalBucketName;
    if (external === undefined) {
      const own = this.ownBucket(spec, args);
      this.bucketName = own.bucketName;
      this.bucketArn = own.bucketArn;
      this.deliveryReady = own.deliveryReady;
    } else {
      // A log-archive account's bucket: its policy is that account's (docs/compliance.md), nothing to wait for.
      this.bucketName = pulumi.output(external);
      this.bucketArn = pulumi.output(bucketArnOf(external));
      this.deliveryReady = [];
    }

    if (compliance.vpcFlowLogs) {
      new aws.ec2.FlowLog(
        withSuffix("vpc-flow-log", suffix),
        {
          vpcId: args.vpcId,
          trafficType: "ALL",
          logDestinationType: "s3",
          // A folder of the bucket: `<bucket ARN>/<folder>`, no trailing slash ("AWSLogs" is not allowed as the folder):
          // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-create-flow-log.html
          logDestination: pulumi.interpolate`${this.bucketArn}/${ARCHIVE_PREFIXES.vpcFlowLogs}`,
          // Parquet: smaller and faster to query with Athena than plain text; Hive-compatible per-hour
          // partitions let Athena prune by hour. The bucket policy's write path follows the Hive layout
          // (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html).
          destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
          maxAggregationInterval: FLOW_LOG_AGGREGATION_SECONDS,
        },
        // CreateFlowLogs checks the bucket policy, and writes one of its own (replacing the bucket's) when the
        // caller owns the bucket and the policy lacks the statements: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
        { parent: this, dependsOn: this.deliveryReady },
      );
    }
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }

  /**
   * The stack's own bucket. Its configuration calls run one after another: S3 answers concurrent
   * configuration writes on a new bucket with "OperationAborted: A conflicting conditional operation"
   * (https://github.com/pulumi/pulumi-aws/issues/1570, https://github.com/hashicorp/terraform-provider-aws/issues/7628).
   */
  private ownBucket(spec: PlatformSpec, args: AuditArchiveArgs) {
    const suffix = spec.environmentSuffix;
    const name = (kind: string) => withSuffix(kind, suffix);
    const compliance = spec.compliance;
    const bucket = new aws.s3.Bucket(
      name("audit-archive-bucket"),
      {
        bucket: pulumi.output(args.accountId).apply((accountId) => auditArchiveBucketName(accountId, suffix)),
        // The brief: the stack destroys cleanly, objects and all. The PCI-durable record is the
        // log-archive account's bucket (auditArchiveBucketName), which no destroy of this stack touches.
        forceDestroy: true,
        objectLockEnabled: false,
      },
      { parent: this },
    );
    const after = (previous: pulumi.Resource) => ({ parent: this, dependsOn: [previous] });

    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      name("audit-archive-public-access-block"),
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    // ACLs off: the bucket owns every object whoever writes it (ELB and log delivery send
    // bucket-owner-full-control, which BucketOwnerEnforced accepts):
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
    const ownership = new aws.s3.BucketOwnershipControls(
      name("audit-archive-ownership"),
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      after(publicAccessBlock),
    );
    // SSE-S3: the only default encryption ALB access log delivery supports
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html). SSE-C
    // blocked as S3 does for every new bucket since March 2026; stated so the provider reads back no diff.
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      name("audit-archive-encryption"),
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }],
      },
      after(ownership),
    );
    const policy = new aws.s3.BucketPolicy(
      name("audit-archive-policy"),
      {
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, args.accountId]).apply(([bucketArn, accountId]) =>
          JSON.stringify(
            archiveBucketPolicy({
              bucketArn,
              accountId,
              region: spec.region,
              writers: { albAccessLogs: compliance.albAccessLogs, vpcFlowLogs: compliance.vpcFlowLogs },
            }),
          ),
        ),
      },
      after(encryption),
    );
    new aws.s3.BucketLifecycleConfiguration(
      name("audit-archive-lifecycle"),
      {
        bucket: bucket.id,
        rules: archiveLifecycleRules(compliance.archive),
        transitionDefaultMinimumObjectSize: TRANSITION_DEFAULT_MINIMUM_OBJECT_SIZE,
      },
      after(policy),
    );
    return {
      bucketName: bucket.bucket,
      bucketArn: bucket.arn,
      deliveryReady: [publicAccessBlock, ownership, encryption, policy] as pulumi.Resource[],
    };
  }
}
