/**
 * How the audit events and the WAF logs travel from CloudWatch Logs to the archive, as data: one
 * Firehose stream per kind of record, each writing under its own prefix of the archive
 * (lib/design/auditArchive.ts ARCHIVE_PREFIXES), fed by a subscription filter on each source log
 * group; and the two roles' policies, each naming exactly what it may touch. Pure: lib/infra/auditDelivery.ts
 * builds the resources from it.
 */
import { physicalName, withSuffix } from "../spec/names";
import { ARCHIVE_PREFIXES } from "./auditArchive";

/** An IAM role's trust or permissions policy (the shape of lib/infra/policies.ts, which design may not import). */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: {
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource?: string | string[];
    Principal?: { Service: string };
    Condition?: Record<string, Record<string, string>>;
  }[];
}

/**
 * Firehose writes an object when 5 MiB or 300 s have gathered, whichever comes first (AWS's
 * defaults for S3, https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html): an audit
 * record is in the archive at most about five minutes after CloudWatch Logs hands it over, and a
 * quiet stream writes at most 12 objects an hour.
 */
export const ARCHIVE_BUFFERING = { intervalSeconds: 300, sizeMiB: 5 } as const;

/**
 * UNCOMPRESSED: CloudWatch Logs already gzips every record it sends a subscription destination
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Subscriptions.html), so Firehose's own
 * GZIP would compress it twice, leaving objects no reader decodes in one pass
 * (https://github.com/ministryofjustice/modernisation-platform/pull/7936). Each object is a run of
 * gzip members, which `gunzip` reads as one gzip file (named .gz: ARCHIVE_FILE_EXTENSION).
 */
export const ARCHIVE_COMPRESSION = "UNCOMPRESSED";

/**
 * The objects are gzip (CloudWatch Logs' own), so they are named `.gz`: readers such as Athena pick
 * the decompression from the extension, and an uncompressed stream's objects would otherwise carry
 * none (FileExtension, https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html).
 */
export const ARCHIVE_FILE_EXTENSION = ".gz";

/**
 * Every line of an audit group is an audit event (the forwarder writes nothing else) and every
 * line of the WAF group is a WAF record, so the filter selects all of them: the empty pattern.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const EVERY_EVENT = "";

export interface ArchiveSource {
  /** Logical name of the subscription filter (unique in the stack). */
  resourceName: string;
  /** The filter's name (unique per log group, so the same for every group of one kind). */
  filterName: string;
  logGroupName: string;
}

export interface ArchiveStream {
  key: "auditEvents" | "wafLogs";
  /** The Firehose stream's name. */
  name: string;
  /** S3 key prefix; Firehose appends its UTC `YYYY/MM/DD/HH/` partitions. */
  prefix: string;
  sources: ArchiveSource[];
}

export interface ArchiveSourceGroups {
  /** The audit groups (one per service running the reference image). */
  auditLogGroupNames: string[];
  /** The WAF log group, when WAF is on. */
  wafLogGroupName?: string;
}

/** The logical name of a source's filter: the group's name as a name, `/ecs/payment-api-audit-dev` -> `ecs-payment-api-audit-to-archive-dev`. */
function sourceResourceName(logGroupName: string, suffix: string): string {
  const base = logGroupName
    .replace(new RegExp(`-${suffix}$`), "")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/^-+/, "");
  return withSuffix(`${base}-to-archive`, suffix);
}

/** The streams the stack needs: one for the audit events and one for the WAF logs, each only when it has a source. */
export function archiveStreams(suffix: string, groups: ArchiveSourceGroups): ArchiveStream[] {
  const streams: ArchiveStream[] = [];
  if (groups.auditLogGroupNames.length > 0) {
    streams.push({
      key: "auditEvents",
      name: physicalName("auditEventsStream", suffix),
      prefix: `${ARCHIVE_PREFIXES.auditEvents}/`,
      sources: groups.auditLogGroupNames.map((logGroupName) => ({
        resourceName: sourceResourceName(logGroupName, suffix),
        filterName: physicalName("auditEventsSubscriptionFilter", suffix),
        logGroupName,
      })),
    });
  }
  if (groups.wafLogGroupName !== undefined) {
    streams.push({
      key: "wafLogs",
      name: physicalName("wafLogsStream", suffix),
      prefix: `${ARCHIVE_PREFIXES.wafLogs}/`,
      sources: [
        {
          resourceName: sourceResourceName(groups.wafLogGroupName, suffix),
          filterName: physicalName("wafLogsSubscriptionFilter", suffix),
          logGroupName: groups.wafLogGroupName,
        },
      ],
    });
  }
  return streams;
}

/**
 * Firehose may assume its role only on behalf of this account: AWS's trust policy for a Firehose
 * role writing to S3 (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3).
 */
export function firehoseTrustPolicy(accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "FirehoseForThisAccount",
        Effect: "Allow",
        Principal: { Service: "firehose.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "sts:ExternalId": accountId } },
      },
    ],
  };
}

/**
 * What Firehose does with the archive: the bucket-level reads it makes before an upload on the
 * bucket, and the object writes (multipart included) under the streams' own prefixes only, the
 * actions AWS lists for an S3 destination (same page as firehoseTrustPolicy). No KMS: the archive
 * is SSE-S3. A log-archive account's bucket must also allow this role in its bucket policy.
 */
export function firehoseArchivePolicy(bucketArn: string, prefixes: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ArchiveBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
        Resource: bucketArn,
      },
      {
        Sid: "ArchiveObjectsUnderTheStreamsPrefixes",
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
        Resource: prefixes.map((prefix) => `${bucketArn}/${prefix}*`),
      },
    ],
  };
}

/**
 * CloudWatch Logs may assume the subscription role only for this account's log groups in this
 * Region. StringLike on `arn:aws:logs:<region>:<account>:*` is AWS's documented condition
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample)
 * and matches both ARN forms CloudWatch Logs presents: the bare log group ARN when
 * PutSubscriptionFilter sends its test message, and the `:*` form when it delivers.
 */
export function subscriptionTrustPolicy(region: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CloudWatchLogsOfThisAccountAndRegion",
        Effect: "Allow",
        Principal: { Service: "logs.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringLike: { "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:*` } },
      },
    ],
  };
}

/** The subscription role puts records into the stack's archive streams and nowhere else (same page as subscriptionTrustPolicy). */
export function subscriptionPolicy(streamArns: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PutIntoTheArchiveStreams",
        Effect: "Allow",
        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
        Resource: streamArns,
      },
    ],
  };
}
