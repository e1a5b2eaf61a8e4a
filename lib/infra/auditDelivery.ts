/**
 * The audit events and the WAF logs, from CloudWatch Logs to the archive bucket: a Firehose stream
 * per kind (lib/design/auditDelivery.ts), the role Firehose writes the bucket with, the role
 * CloudWatch Logs puts records into the streams with, and a subscription filter on every source log
 * group. CloudWatch Logs stays the short operational tier (7-14 days); the archive keeps the record.
 *
 * Order at `pulumi up`: PutSubscriptionFilter sends a test record through the role at once and fails
 * with "Could not deliver test message to specified Firehose stream" while the stream is not ACTIVE
 * or the role cannot put into it yet (https://github.com/hashicorp/terraform-provider-aws/issues/17049;
 * the provider retries that message for five minutes:
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/logs/subscription_filter.go),
 * so each filter depends on the role policy (and, through its ARN, on the created stream) and on its
 * log group; each stream depends on Firehose's role policy, so no record is refused for want of
 * permission. `pulumi destroy` runs in reverse: filters first, so nothing is put into a deleted stream.
 * A role whose trust policy has not propagated yet is refused with "Make sure you have given
 * CloudWatch Logs permission to assume the provided role", which the provider does not retry
 * (https://github.com/hashicorp/terraform-provider-aws/issues/29737): the role policy in between
 * gives it seconds; a second `pulumi up` completes it if that was not enough.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ARCHIVE_BUFFERING,
  ARCHIVE_COMPRESSION,
  ARCHIVE_FILE_EXTENSION,
  archiveStreams,
  EVERY_EVENT,
  firehoseArchivePolicy,
  firehoseTrustPolicy,
  subscriptionPolicy,
  subscriptionTrustPolicy,
} from "../design/auditDelivery";
import { physicalName, withSuffix } from "../spec/names";
import type { PlatformSpec } from "../spec";

export interface AuditDeliveryArgs {
  /** The archive bucket (lib/infra/auditArchive.ts bucketArn; a log-archive account's bucket too). */
  bucketArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  /** The audit log groups (FargateService.auditLogGroup of each service running the reference image). */
  auditLogGroupNames: string[];
  /** The WAF log group (lib/infra/webFirewall.ts), when WAF is on. */
  wafLogGroupName?: string;
  /** The source log groups: a filter on a group that does not exist yet fails. */
  dependsOn: pulumi.Resource[];
  /** What a writer of the archive must wait for (AuditArchive.deliveryReady): the streams wait for it. */
  archiveReady?: pulumi.Resource[];
}

export class AuditDelivery extends pulumi.ComponentResource {
  /** The streams' ARNs, audit events first (none when there is nothing to ship). */
  readonly streamArns: pulumi.Output<string>[];

  constructor(spec: PlatformSpec, args: AuditDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:compliance:AuditDelivery", withSuffix("audit-delivery", suffix), {}, opts);
    const parent = { parent: this };
    const streams = archiveStreams(suffix, args);
    const json = (document: object) => JSON.stringify(document);
    // Nothing to ship (no service runs the reference image and WAF is off): no roles with empty policies.
    if (streams.length === 0) {
      this.streamArns = [];
      this.registerOutputs({});
      return;
    }

    // --- Firehose's role: write the streams' prefixes of the archive
    const firehoseRoleName = physicalName("auditFirehoseRole", suffix);
    const firehoseRole = new aws.iam.Role(
      firehoseRoleName,
      {
        name: firehoseRoleName,
        description: "Firehose: write the audit events and WAF logs to the audit archive",
        assumeRolePolicy: pulumi.output(args.accountId).apply((accountId) => json(firehoseTrustPolicy(accountId))),
      },
      parent,
    );
    const firehosePolicy = new aws.iam.RolePolicy(
      withSuffix("audit-firehose-policy", suffix),
      {
        role: firehoseRole.name,
        policy: pulumi.output(args.bucketArn).apply((bucketArn) =>
          json(
            firehoseArchivePolicy(
              bucketArn,
              streams.map((stream) => stream.prefix),
            ),
          ),
        ),
      },
      parent,
    );

    // --- the streams
    const deliveryStreams = streams.map(
      (stream) =>
        new aws.kinesis.FirehoseDeliveryStream(
          stream.name,
          {
            name: stream.name,
            destination: "extended_s3",
            extendedS3Configuration: {
              roleArn: firehoseRole.arn,
              bucketArn: args.bucketArn,
              prefix: stream.prefix,
              bufferingInterval: ARCHIVE_BUFFERING.intervalSeconds,
              bufferingSize: ARCHIVE_BUFFERING.sizeMiB,
              compressionFormat: ARCHIVE_COMPRESSION,
              fileExtension: ARCHIVE_FILE_EXTENSION,
            },
          },
          { ...parent, dependsOn: [firehosePolicy, ...(args.archiveReady ?? [])] },
        ),
    );
    this.streamArns = deliveryStreams.map((stream) => stream.arn);

    // --- CloudWatch Logs' role: put records into these streams
    const subscriptionRoleName = physicalName("auditSubscriptionRole", suffix);
    const subscriptionRole = new aws.iam.Role(
      subscriptionRoleName,
      {
        name: subscriptionRoleName,
        description: "CloudWatch Logs: put the audit and WAF log groups' events into the archive streams",
        assumeRolePolicy: pulumi
          .output(args.accountId)
          .apply((accountId) => json(subscriptionTrustPolicy(spec.region, accountId))),
      },
      parent,
    );
    const subscriptionRolePolicy = new aws.iam.RolePolicy(
      withSuffix("audit-subscription-policy", suffix),
      {
        role: subscriptionRole.name,
        policy: pulumi.all(this.streamArns).apply((arns) => json(subscriptionPolicy(arns))),
      },
      parent,
    );

    // --- one filter per source group, every event
    streams.forEach((stream, i) =>
      stream.sources.forEach(
        (source) =>
          new aws.cloudwatch.LogSubscriptionFilter(
            source.resourceName,
            {
              name: source.filterName,
              logGroup: source.logGroupName,
              filterPattern: EVERY_EVENT,
              destinationArn: deliveryStreams[i].arn,
              roleArn: subscriptionRole.arn,
            },
            { ...parent, dependsOn: [subscriptionRolePolicy, ...args.dependsOn] },
          ),
      ),
    );

    this.registerOutputs({ streamArns: this.streamArns });
  }
}
