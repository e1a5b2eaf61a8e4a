/**
 * Which bucket the audit trail goes to, named the way the program names it: a log-archive account's
 * bucket when auditArchiveBucketName is set (the stack then owns no bucket), else the stack's own
 * `payment-audit-archive-<account>-<suffix>` (lib/infra/auditArchive.ts).
 */
import { PlatformSpec } from "../../spec";
import { auditArchiveBucketName } from "../../spec/names";

export function archiveBucketName(spec: PlatformSpec, accountId: string): string {
  return spec.compliance.archive.externalBucketName ?? auditArchiveBucketName(accountId, spec.environmentSuffix);
}

/** True when the stack creates the bucket itself, so its lifecycle and public access block are the stack's to verify. */
export function stackOwnsArchive(spec: PlatformSpec): boolean {
  return spec.compliance.archive.externalBucketName === undefined;
}
