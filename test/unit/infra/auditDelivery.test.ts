/**
 * The AuditDelivery component under the mock engine, built directly with two audit log groups and
 * the WAF group: exactly which resources exist, both roles' trust and permission policies, the
 * streams' S3 settings, one filter per group with the empty pattern, and the order AWS needs
 * (filters wait for the subscription role's policy and their log group; streams for Firehose's policy).
 */
import * as pulumi from "@pulumi/pulumi";
import { installMockEngine, MOCK_ACCOUNT_ID, MockEngine, resolveOutput } from "../../../lib/commands/mockEngine";
import { ARCHIVE_BUFFERING, archiveStreams } from "../../../lib/design/auditDelivery";
import * as aws from "../../../lib/infra/aws";
import { AuditDelivery } from "../../../lib/infra/auditDelivery";
import { serviceName, wafLogGroupName } from "../../../lib/spec/names";
import { resolveValues } from "../support/configSource";
import { countByType, json, PROJECT, qualify } from "../support/runPlatform";

const BUCKET_ARN = "arn:aws:s3:::payment-audit-archive-123456789012-dev";
const AUDIT_GROUPS = [serviceName("auditLogGroup", "payment-api", "dev"), serviceName("auditLogGroup", "payment-worker", "dev")];
const WAF_GROUP = wafLogGroupName("dev");
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";

interface Built {
  engine: MockEngine;
  delivery: AuditDelivery;
}

async function build(groups: { audit: string[]; waf?: string }, withArchiveReady = true): Promise<Built> {
  const engine = await installMockEngine(PROJECT, "test", qualify({ environmentSuffix: "dev" }));
  const spec = resolveValues({ environmentSuffix: "dev" });
  const opts = { transformations: [engine.recordParent] };
  // The source groups as the platform creates them (FargateService, WebFirewall), so the edges can be named.
  const logGroups = [...groups.audit, ...(groups.waf === undefined ? [] : [groups.waf])].map(
    (name) => new aws.cloudwatch.LogGroup(`group${name.replace(/\//g, "-")}`, { name }, opts),
  );
  // Stands for AuditArchive.deliveryReady (the bucket policy).
  const bucketPolicy = new pulumi.ComponentResource("test:archive:Ready", "archive-ready-dev", {}, opts);
  const delivery = new AuditDelivery(
    spec,
    {
      bucketArn: BUCKET_ARN,
      accountId: MOCK_ACCOUNT_ID,
      auditLogGroupNames: groups.audit,
      wafLogGroupName: groups.waf,
      dependsOn: logGroups,
      ...(withArchiveReady ? { archiveReady: [bucketPolicy] } : {}),
    },
    opts,
  );
  await engine.settle();
  return { engine, delivery };
}

describe("AuditDelivery with two audit groups and the WAF group", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build({ audit: AUDIT_GROUPS, waf: WAF_GROUP });
  });
  const named = (name: string) => built.engine.named(name);

  it("THEN two streams, two roles with one policy each, and three filters, all children of the component", () => {
    const { "aws:cloudwatch/logGroup:LogGroup": groups, "test:archive:Ready": ready, ...delivery } = countByType(built.engine);
    expect([groups, ready]).toEqual([3, 1]);
    expect(delivery).toEqual({
      "payment:compliance:AuditDelivery": 1,
      [STREAM]: 2,
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicy:RolePolicy": 2,
      [FILTER]: 3,
    });
    const owned = built.engine.resources.filter((r) => r.parent === "audit-delivery-dev");
    expect(owned).toHaveLength(9);
  });

  it("THEN each stream writes its own prefix of the archive, buffered 5 MiB / 300 s, uncompressed (CloudWatch Logs already gzips) and named .gz for readers", () => {
    expect(built.engine.ofType(STREAM).map((r) => [r.name, r.inputs])).toEqual([
      [
        "payment-audit-events-dev",
        {
          name: "payment-audit-events-dev",
          destination: "extended_s3",
          extendedS3Configuration: {
            roleArn: "arn:aws:iam:us-east-1:123456789012:role/payment-audit-firehose-role-dev",
            bucketArn: BUCKET_ARN,
            prefix: "audit-events/",
            bufferingInterval: 300,
            bufferingSize: 5,
            compressionFormat: "UNCOMPRESSED",
            fileExtension: ".gz",
          },
        },
      ],
      [
        "payment-waf-logs-dev",
        {
          name: "payment-waf-logs-dev",
          destination: "extended_s3",
          extendedS3Configuration: {
            roleArn: "arn:aws:iam:us-east-1:123456789012:role/payment-audit-firehose-role-dev",
            bucketArn: BUCKET_ARN,
            prefix: "waf-logs/",
            bufferingInterval: 300,
            bufferingSize: 5,
            compressionFormat: "UNCOMPRESSED",
            fileExtension: ".gz",
          },
        },
      ],
    ]);
    expect(ARCHIVE_BUFFERING).toEqual({ intervalSeconds: 300, sizeMiB: 5 });
  });

  it("THEN Firehose's role is assumable by Firehose for this account only, and writes objects only under the two prefixes", () => {
    const role = named("payment-audit-firehose-role-dev");
    expect(json(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "FirehoseForThisAccount",
          Effect: "Allow",
          Principal: { Service: "firehose.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: { StringEquals: { "sts:ExternalId": "123456789012" } },
        },
      ],
    });
    const policy = named("audit-firehose-policy-dev");
    expect(policy.inputs.role).toBe("payment-audit-firehose-role-dev");
    expect(json(policy.inputs.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ArchiveBucket",
          Effect: "Allow",
          Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
          Resource: BUCKET_ARN,
        },
        {
          Sid: "ArchiveObjectsUnderTheStreamsPrefixes",
          Effect: "Allow",
          Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
          Resource: [`${BUCKET_ARN}/audit-events/*`, `${BUCKET_ARN}/waf-logs/*`],
        },
      ],
    });
  });

  it("THEN CloudWatch Logs' role is assumable by logs.amazonaws.com for this account and Region only, and puts records only into the two streams", () => {
    const role = named("payment-audit-subscription-role-dev");
    expect(json(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchLogsOfThisAccountAndRegion",
          Effect: "Allow",
          Principal: { Service: "logs.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: { StringLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:*" } },
        },
      ],
    });
    expect(json(named("audit-subscription-policy-dev").inputs.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PutIntoTheArchiveStreams",
          Effect: "Allow",
          Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
          Resource: [
            "arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-audit-events-dev",
            "arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-waf-logs-dev",
          ],
        },
      ],
    });
  });

  it("THEN one filter per group, every event (the empty pattern), the audit groups into the audit stream and the WAF group into its own", () => {
    const streamArn = (name: string) => `arn:aws:firehose:us-east-1:123456789012:deliverystream/${name}`;
    const roleArn = "arn:aws:iam:us-east-1:123456789012:role/payment-audit-subscription-role-dev";
    expect(built.engine.ofType(FILTER).map((r) => [r.name, r.inputs])).toEqual([
      [
        "ecs-payment-api-audit-to-archive-dev",
        {
          name: "payment-audit-events-to-archive-dev",
          logGroup: "/ecs/payment-api-audit-dev",
          filterPattern: "",
          destinationArn: streamArn("payment-audit-events-dev"),
          roleArn,
        },
      ],
      [
        "ecs-payment-worker-audit-to-archive-dev",
        {
          name: "payment-audit-events-to-archive-dev",
          logGroup: "/ecs/payment-worker-audit-dev",
          filterPattern: "",
          destinationArn: streamArn("payment-audit-events-dev"),
          roleArn,
        },
      ],
      [
        "aws-waf-logs-payment-to-archive-dev",
        {
          name: "payment-waf-logs-to-archive-dev",
          logGroup: "aws-waf-logs-payment-dev",
          filterPattern: "",
          destinationArn: streamArn("payment-waf-logs-dev"),
          roleArn,
        },
      ],
    ]);
  });

  // Guards the first `pulumi up`: PutSubscriptionFilter test-delivers through the role at once
  // ("Could not deliver test message to specified Firehose stream" without the policy), and a
  // filter on a group that does not exist yet fails.
  it("THEN every filter depends on the subscription role's policy and the source groups; every stream on Firehose's policy and the archive's readiness", () => {
    const groups = ["group-ecs-payment-api-audit-dev", "group-ecs-payment-worker-audit-dev", "groupaws-waf-logs-payment-dev"];
    expect(built.engine.ofType(FILTER).map((r) => r.options.dependsOn)).toEqual([
      ["audit-subscription-policy-dev", ...groups],
      ["audit-subscription-policy-dev", ...groups],
      ["audit-subscription-policy-dev", ...groups],
    ]);
    expect(built.engine.ofType(STREAM).map((r) => r.options.dependsOn)).toEqual([
      ["audit-firehose-policy-dev", "archive-ready-dev"],
      ["audit-firehose-policy-dev", "archive-ready-dev"],
    ]);
  });

  it("THEN the component exposes the two streams' ARNs, audit events first", async () => {
    expect(await Promise.all(built.delivery.streamArns.map((arn) => resolveOutput(arn)))).toEqual([
      "arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-audit-events-dev",
      "arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-waf-logs-dev",
    ]);
  });
});

describe("AuditDelivery with fewer sources", () => {
  it("GIVEN one audit group, WAF off and no archive readiness to wait for THEN only the audit stream, waiting for Firehose's policy alone, writing only its prefix", async () => {
    const { engine } = await build({ audit: AUDIT_GROUPS.slice(0, 1) }, false);
    expect(engine.ofType(STREAM).map((r) => r.options.dependsOn)).toEqual([["audit-firehose-policy-dev"]]);
    expect([engine.ofType(STREAM).map((r) => r.name), engine.ofType(FILTER).map((r) => r.name)]).toEqual([
      ["payment-audit-events-dev"],
      ["ecs-payment-api-audit-to-archive-dev"],
    ]);
    expect(
      json<{ Statement: { Resource: unknown }[] }>(engine.named("audit-firehose-policy-dev").inputs.policy).Statement[1].Resource,
    ).toEqual([`${BUCKET_ARN}/audit-events/*`]);
  });

  it("GIVEN no audit group (configured images only) and the WAF group THEN only the WAF stream and its filter", () => {
    expect(archiveStreams("dev", { auditLogGroupNames: [], wafLogGroupName: WAF_GROUP }).map((s) => [s.key, s.prefix])).toEqual([
      ["wafLogs", "waf-logs/"],
    ]);
  });

  it("GIVEN nothing to ship THEN the component alone: no roles with empty policies, no streams", async () => {
    const { engine, delivery } = await build({ audit: [] });
    expect(countByType(engine)).toEqual({ "payment:compliance:AuditDelivery": 1, "test:archive:Ready": 1 });
    expect(delivery.streamArns).toEqual([]);
  });
});
