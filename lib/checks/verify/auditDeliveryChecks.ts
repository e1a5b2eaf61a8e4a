/**
 * The audit delivery (auditEventsToArchive = true, lib/infra/auditDelivery.ts): every Firehose stream
 * of lib/design/auditDelivery.ts is ACTIVE and writes to the archive under its prefix
 * (https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html), and
 * every source log group (each audit group, the WAF group while WAF is on) has the stack's
 * subscription filter pointing at its stream
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeSubscriptionFilters.html).
 * With auditEventsToArchive off, or nothing to ship, the checks report nothing.
 */
import { SubscriptionFilter, DescribeSubscriptionFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DeliveryStreamDescription, DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { bucketArnOf } from "../../design/auditArchive";
import { ArchiveStream, archiveStreams } from "../../design/auditDelivery";
import { PlatformSpec, serviceList } from "../../spec";
import { serviceName, wafLogGroupName } from "../../spec/names";
import { compare } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { archiveBucketName } from "./archiveBucket";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

/** Firehose's and CloudWatch Logs' answer for a stream or a log group that is not there. */
const NOT_FOUND = "ResourceNotFoundException";

/** The streams the program builds for this spec: the audit groups of the reference-image services, the WAF group while WAF is on. */
export function expectedStreams(spec: PlatformSpec): ArchiveStream[] {
  if (!spec.compliance.auditEventsToArchive) return [];
  const suffix = spec.environmentSuffix;
  return archiveStreams(suffix, {
    auditLogGroupNames: serviceList(spec)
      .filter((service) => service.container.source === "reference")
      .map((service) => serviceName("auditLogGroup", service.name, suffix)),
    wafLogGroupName: spec.compliance.waf.mode === "off" ? undefined : wafLogGroupName(suffix),
  });
}

const streamArn = (ctx: VerifyContext, name: string) =>
  `arn:aws:firehose:${ctx.spec.region}:${ctx.accountId}:deliverystream/${name}`;

async function orNotFound<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof Error && error.name === NOT_FOUND) return undefined;
    throw error;
  }
}

export const deliveryStreamsCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.auditStreams",
  title: "Audit delivery streams to the archive",
  failureClass: "drift",
  permissions: ["firehose:DescribeDeliveryStream"],
  async run(ctx) {
    const bucketArn = bucketArnOf(archiveBucketName(ctx.spec, ctx.accountId));
    return Promise.all(
      expectedStreams(ctx.spec).map(async (stream) => {
        const description: DeliveryStreamDescription | undefined = await orNotFound(
          async () =>
            (await ctx.clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: stream.name })))
              .DeliveryStreamDescription,
        );
        const s3 = description?.Destinations?.[0]?.ExtendedS3DestinationDescription;
        return compare(
          stream.name,
          `ACTIVE, to ${bucketArn} prefix ${stream.prefix}`,
          description === undefined
            ? "not found"
            : `${description.DeliveryStreamStatus}, to ${s3?.BucketARN ?? "no S3 destination"} prefix ${s3?.Prefix ?? "none"}`,
          `${RESTORE}; a stream that is not ACTIVE drops the audit records CloudWatch Logs hands it`,
          description !== undefined && description.DeliveryStreamStatus !== "ACTIVE" ? "health" : undefined,
        );
      }),
    );
  },
};

const filterText = (f: SubscriptionFilter) => `${f.filterName} -> ${f.destinationArn}`;

export const subscriptionFiltersCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.auditSubscriptions",
  title: "Audit log groups subscribed to the archive",
  failureClass: "drift",
  permissions: ["logs:DescribeSubscriptionFilters"],
  async run(ctx) {
    return Promise.all(
      expectedStreams(ctx.spec).flatMap((stream) =>
        stream.sources.map(async (source) => {
          const filters = await orNotFound(
            async () =>
              (await ctx.clients.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: source.logGroupName })))
                .subscriptionFilters ?? [],
          );
          const expected = `${source.filterName} -> ${streamArn(ctx, stream.name)}`;
          const described = (filters ?? []).map(filterText);
          return compare(
            source.logGroupName,
            expected,
            filters === undefined
              ? "log group not found"
              : described.length === 0
                ? "no subscription filter"
                : described.includes(expected)
                  ? expected
                  : described.join("; "),
            `${RESTORE}; without its filter the group's records never reach the archive`,
          );
        }),
      ),
    );
  },
};
