/**
 * The stack's own audit archive bucket: the lifecycle that keeps the trail 12 months
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html) and a
 * public access block with all four settings on
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html), as
 * lib/design/auditArchive.ts and lib/infra/auditArchive.ts define them.
 *
 * Reported only when the stack owns the bucket. With auditArchiveBucketName the bucket is a
 * log-archive account's: its lifecycle and access settings are that account's to set and verify,
 * and the deploying role normally may not read them (GetBucketLifecycleConfiguration and
 * GetPublicAccessBlock are the bucket owner's unless its policy grants them), so the checks report
 * nothing rather than a failure the workload team cannot fix. With no archive at all (every
 * archived log off) they report nothing either.
 */
import { GetBucketLifecycleConfigurationCommand, GetPublicAccessBlockCommand, LifecycleRule } from "@aws-sdk/client-s3";
import { ArchiveLifecycleRule, archiveLifecycleRules, archiveNeeded } from "../../design/auditArchive";
import { PlatformSpec } from "../../spec";
import { compare, fail, Finding } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { archiveBucketName, stackOwnsArchive } from "./archiveBucket";
import { RESTORE } from "./clusterCheck";
import { VerifyContext } from "./verifyContext";

/** S3's answers for a bucket that is not there, or has no such configuration. */
const NO_BUCKET = "NoSuchBucket";
const NO_LIFECYCLE = "NoSuchLifecycleConfiguration";
const NO_PUBLIC_ACCESS_BLOCK = "NoSuchPublicAccessBlockConfiguration";

const isError = (error: unknown, name: string) => error instanceof Error && error.name === name;

const checksTheArchive = (spec: PlatformSpec) => archiveNeeded(spec.compliance) && stackOwnsArchive(spec);

/** A rule as people read it; the expected and the deployed rule go through the same words. */
const describeRule = (r: {
  id?: string;
  status?: string;
  prefix?: string;
  transitions: { days?: number; storageClass?: string }[];
  expirationDays?: number;
  abortDays?: number;
}) =>
  [
    `${r.id} ${r.status}`,
    // No prefix at all is a filter on tags or sizes (or none), not "every key".
    r.prefix === undefined ? "no prefix filter" : `prefix "${r.prefix}"`,
    r.transitions.length === 0 ? "no transition" : r.transitions.map((t) => `${t.storageClass} after ${t.days} days`).join(", "),
    r.expirationDays === undefined ? "never expire" : `expire after ${r.expirationDays} days`,
    r.abortDays === undefined ? "incomplete uploads kept" : `abort uploads after ${r.abortDays} days`,
  ].join(", ");

const ruleText = (r: ArchiveLifecycleRule) =>
  describeRule({
    id: r.id,
    status: r.status,
    prefix: r.filter.prefix,
    transitions: r.transitions,
    expirationDays: r.expiration.days,
    abortDays: r.abortIncompleteMultipartUpload.daysAfterInitiation,
  });

/**
 * The key prefix a deployed rule applies to. S3 answers the filter's prefix in Filter.Prefix and a
 * rule written before filters existed in the top-level Prefix; an empty Filter, or none, selects
 * every key, the same as the empty prefix (the provider has seen both forms come back:
 * https://github.com/hashicorp/terraform-provider-aws/issues/41710). Only a filter on tags or sizes
 * selects a subset without a prefix.
 */
function deployedPrefix(r: LifecycleRule): string | undefined {
  const filter = r.Filter ?? {};
  const subset =
    filter.Tag !== undefined ||
    filter.And !== undefined ||
    filter.ObjectSizeGreaterThan !== undefined ||
    filter.ObjectSizeLessThan !== undefined;
  return filter.Prefix ?? r.Prefix ?? (subset ? undefined : "");
}

const deployedRuleText = (r: LifecycleRule) =>
  describeRule({
    id: r.ID,
    status: r.Status,
    prefix: deployedPrefix(r),
    transitions: (r.Transitions ?? []).map((t) => ({ days: t.Days, storageClass: t.StorageClass })),
    expirationDays: r.Expiration?.Days,
    abortDays: r.AbortIncompleteMultipartUpload?.DaysAfterInitiation,
  });

const bucketGone = (bucket: string, what: string): Finding =>
  fail(bucket, `the stack's archive bucket with its ${what}`, "bucket not found", RESTORE);

export const archiveLifecycleCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.archiveLifecycle",
  title: "Audit archive lifecycle (12 months)",
  failureClass: "drift",
  permissions: ["s3:GetLifecycleConfiguration"],
  async run({ spec, clients, accountId }) {
    if (!checksTheArchive(spec)) return [];
    const bucket = archiveBucketName(spec, accountId);
    let rules: LifecycleRule[];
    try {
      rules = (await clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    } catch (error) {
      if (isError(error, NO_BUCKET)) return [bucketGone(bucket, "lifecycle")];
      if (!isError(error, NO_LIFECYCLE)) throw error;
      rules = [];
    }
    return [
      compare(
        `${bucket} lifecycle`,
        archiveLifecycleRules(spec.compliance.archive).map(ruleText).join("; "),
        rules.length === 0 ? "no lifecycle rules" : rules.map(deployedRuleText).join("; "),
        `${RESTORE}; the archive must keep the audit trail ${spec.compliance.archive.retentionDays} days (PCI DSS 10.5.1)`,
      ),
    ];
  },
};

const BLOCK_SETTINGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;

export const archivePublicAccessCheck: CheckDefinition<VerifyContext> = {
  id: "compliance.archivePublicAccess",
  title: "Audit archive public access blocked",
  failureClass: "drift",
  permissions: ["s3:GetBucketPublicAccessBlock"],
  async run({ spec, clients, accountId }) {
    if (!checksTheArchive(spec)) return [];
    const bucket = archiveBucketName(spec, accountId);
    let settings: Partial<Record<(typeof BLOCK_SETTINGS)[number], boolean>>;
    try {
      const answer = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
      settings = answer.PublicAccessBlockConfiguration ?? {};
    } catch (error) {
      if (isError(error, NO_BUCKET)) return [bucketGone(bucket, "public access block")];
      if (!isError(error, NO_PUBLIC_ACCESS_BLOCK)) throw error;
      settings = {};
    }
    const off = BLOCK_SETTINGS.filter((key) => settings[key] !== true);
    return [
      compare(
        `${bucket} public access block`,
        "all four settings on",
        off.length === 0 ? "all four settings on" : `off: ${off.join(", ")}`,
        `${RESTORE}; an audit archive must never be public`,
      ),
    ];
  },
};
