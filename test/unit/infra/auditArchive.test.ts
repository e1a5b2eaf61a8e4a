/**
 * The AuditArchive component under the mock engine, built directly: the stack's own bucket with its
 * settings and policy, or a log-archive account's bucket with no bucket resources, plus the VPC flow
 * log, and the order AWS needs (writers wait for the bucket policy).
 */
import * as pulumi from "@pulumi/pulumi";
import { installMockEngine, MOCK_ACCOUNT_ID, MockEngine, resolveOutput } from "../../../lib/commands/mockEngine";
import { AuditArchive } from "../../../lib/infra/auditArchive";
import { resolveValues } from "../support/configSource";
import { countByType, json, PROJECT, qualify } from "../support/runPlatform";

interface Built {
  engine: MockEngine;
  archive: AuditArchive;
  bucketName: string;
  bucketArn: string;
}

async function build(config: Record<string, string>): Promise<Built> {
  const engine = await installMockEngine(PROJECT, "test", qualify({ environmentSuffix: "dev", ...config }));
  const spec = resolveValues({ environmentSuffix: "dev", ...config });
  const archive = new AuditArchive(
    spec,
    { accountId: MOCK_ACCOUNT_ID, vpcId: "vpc-dev-id" },
    { transformations: [engine.recordParent] },
  );
  await engine.settle();
  return {
    engine,
    archive,
    bucketName: await resolveOutput(archive.bucketName),
    bucketArn: await resolveOutput(archive.bucketArn),
  };
}

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

describe("AuditArchive with the stack's own bucket", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build({});
  });
  const inputs = (type: string) => built.engine.ofType(type)[0].inputs;

  it("GIVEN the defaults THEN one bucket, its four settings, the policy, the lifecycle and the flow log exist", () => {
    expect(countByType(built.engine)).toEqual({
      "payment:auditArchive:AuditArchive": 1,
      "aws:s3/bucket:Bucket": 1,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
      "aws:s3/bucketPolicy:BucketPolicy": 1,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 1,
      [FLOW_LOG]: 1,
    });
  });

  it("GIVEN the defaults THEN the bucket is named with the account and suffix, destroys with its objects and has no Object Lock", () => {
    expect(inputs("aws:s3/bucket:Bucket")).toEqual({
      bucket: "payment-audit-archive-123456789012-dev",
      forceDestroy: true,
      objectLockEnabled: false,
    });
    expect(built.bucketName).toBe("payment-audit-archive-123456789012-dev");
  });

  it("GIVEN the defaults THEN SSE-S3 (the only encryption ALB log delivery supports), ACLs disabled, and all public access blocked", () => {
    expect(inputs("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] },
    ]);
    expect(inputs("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
    expect(inputs("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).toEqual({
      bucket: "audit-archive-bucket-dev-id",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it("GIVEN the defaults THEN the lifecycle is the design's rule with the 128 KB transition floor stated", () => {
    expect(inputs("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).toEqual({
      bucket: "audit-archive-bucket-dev-id",
      rules: [
        {
          id: "audit-trail-retention",
          status: "Enabled",
          filter: { prefix: "" },
          transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
          expiration: { days: 366 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
      transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
    });
  });

  it("GIVEN ALB access logs and flow logs on THEN the bucket policy on the bucket's ARN has the TLS, ELB and log-delivery statements", () => {
    const policy = json<{ Statement: { Sid: string; Resource: string | string[] }[] }>(
      inputs("aws:s3/bucketPolicy:BucketPolicy").policy,
    );
    expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ["DenyInsecureTransport", [built.bucketArn, `${built.bucketArn}/*`]],
      ["AlbAccessLogDelivery", `${built.bucketArn}/alb-access-logs/AWSLogs/123456789012/*`],
      ["AWSLogDeliveryWrite", `${built.bucketArn}/vpc-flow-logs/AWSLogs/aws-account-id=123456789012/*`],
      ["AWSLogDeliveryAclCheck", built.bucketArn],
    ]);
  });

  it("GIVEN vpcFlowLogs on THEN the flow log records ALL traffic of the VPC into the bucket's folder as Hive-partitioned hourly Parquet, aggregated over 600 s", () => {
    expect(inputs(FLOW_LOG)).toEqual({
      vpcId: "vpc-dev-id",
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: `${built.bucketArn}/vpc-flow-logs`,
      destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
      maxAggregationInterval: 600,
    });
  });

  it("GIVEN the bucket's settings THEN they apply one after another (S3 aborts concurrent configuration writes) and the policy comes before the lifecycle", () => {
    const waits = (type: string) => built.engine.ofType(type)[0].options.dependsOn;
    expect([
      waits("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
      waits("aws:s3/bucketOwnershipControls:BucketOwnershipControls"),
      waits("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
      waits("aws:s3/bucketPolicy:BucketPolicy"),
      waits("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"),
    ]).toEqual([
      undefined,
      ["audit-archive-public-access-block-dev"],
      ["audit-archive-ownership-dev"],
      ["audit-archive-encryption-dev"],
      ["audit-archive-policy-dev"],
    ]);
  });

  it("GIVEN the archive THEN the flow log depends on deliveryReady (CreateFlowLogs checks the bucket policy and would write its own), which ends with the bucket policy", () => {
    const ready = [
      "audit-archive-public-access-block-dev",
      "audit-archive-ownership-dev",
      "audit-archive-encryption-dev",
      "audit-archive-policy-dev",
    ];
    expect(built.engine.named("vpc-flow-log-dev").options.dependsOn).toEqual(ready);
    expect(built.archive.deliveryReady.length).toBe(4);
  });

  it("GIVEN the archive THEN every resource is the component's child", () => {
    const children = built.engine.resources.filter((r) => r.type !== "payment:auditArchive:AuditArchive");
    expect(new Set(children.map((r) => r.parent))).toEqual(new Set(["audit-archive-dev"]));
  });
});

describe("AuditArchive with a log-archive account's bucket", () => {
  it("GIVEN auditArchiveBucketName THEN no bucket resource exists, the outputs name that bucket, nothing is waited for, and the flow log writes there", async () => {
    const built = await build({ auditArchiveBucketName: "acme-log-archive-us-east-1" });
    expect(countByType(built.engine)).toEqual({ "payment:auditArchive:AuditArchive": 1, [FLOW_LOG]: 1 });
    expect([built.bucketName, built.bucketArn, built.archive.deliveryReady]).toEqual([
      "acme-log-archive-us-east-1",
      "arn:aws:s3:::acme-log-archive-us-east-1",
      [],
    ]);
    expect(built.engine.named("vpc-flow-log-dev").inputs.logDestination).toBe(
      "arn:aws:s3:::acme-log-archive-us-east-1/vpc-flow-logs",
    );
    expect(built.engine.named("vpc-flow-log-dev").options.dependsOn).toBeUndefined();
  });
});

describe("AuditArchive with some writers off", () => {
  it("GIVEN vpcFlowLogs and albAccessLogs off THEN the bucket exists for the audit events, with no flow log and a TLS-only policy", async () => {
    const built = await build({ vpcFlowLogs: "false", albAccessLogs: "false" });
    expect(built.engine.ofType(FLOW_LOG)).toEqual([]);
    const policy = json<{ Statement: { Sid: string }[] }>(
      built.engine.ofType("aws:s3/bucketPolicy:BucketPolicy")[0].inputs.policy,
    );
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("GIVEN every log of the trail off THEN building the archive is refused as a wiring error", async () => {
    await installMockEngine(PROJECT, "test", qualify({ environmentSuffix: "dev" }));
    const spec = resolveValues({
      environmentSuffix: "dev",
      vpcFlowLogs: "false",
      albAccessLogs: "false",
      auditEventsToArchive: "false",
    });
    expect(() => new AuditArchive(spec, { accountId: pulumi.output(MOCK_ACCOUNT_ID), vpcId: "vpc-dev-id" })).toThrow(
      "AuditArchive built with albAccessLogs, vpcFlowLogs and auditEventsToArchive all off",
    );
  });
});
