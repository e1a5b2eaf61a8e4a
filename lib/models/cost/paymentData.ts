/**
 * What the payments table and the reference image cost a month: DynamoDB on-demand writes and
 * reads, table storage and point-in-time recovery, and the image's ECR storage. These lines are
 * the same for the baseline and the optimized stack (the same payments, the same table), so the
 * report shows them beside the savings and leaves them out of the savings ratio: no platform
 * setting changes them except tablePointInTimeRecovery and the workload itself.
 */
import { FREE_TIER, PRICES } from "../../aws/prices";
import { IMAGES_KEPT } from "../../design/imageRepository";
import { TABLE } from "../../../app/src/contract";
import { PlatformSpec, usesReferenceImage, workerServices } from "../../spec";
import { HOURS_PER_MONTH, monthlyRequests } from "../../spec/workload";
import {
  DAYS_PER_MONTH,
  IDEMPOTENT_RETRY_FRACTION,
  KB_PER_GB,
  MB_PER_GB,
  PAYMENT_ITEM_KB,
  PAYMENT_RETENTION_MONTHS,
  READ_UNITS_PER_PAYMENT_READ,
  SETTLEMENT_POLL_READ_UNITS_PER_SECOND,
  WRITE_UNITS_PER_PAYMENT,
} from "./assumptions";
import { CostEstimate, billed } from "./estimate";

export function paymentDataEstimate(spec: PlatformSpec): CostEstimate {
  const requests = monthlyRequests(spec.workload);
  const created = requests * spec.workload.paymentCreateFraction;
  const readBack = requests - created;
  const retries = created * IDEMPOTENT_RETRY_FRACTION;
  const pollingReads =
    workerServices(spec).length * TABLE.pendingShards * SETTLEMENT_POLL_READ_UNITS_PER_SECOND * HOURS_PER_MONTH * 3600;
  const tableGb =
    (created * PAYMENT_RETENTION_MONTHS * PAYMENT_ITEM_KB + (created / DAYS_PER_MONTH) * PAYMENT_ITEM_KB) / KB_PER_GB;
  const lineItems = [
    billed(
      "dynamodb-writes",
      "data",
      `payments table writes (${WRITE_UNITS_PER_PAYMENT} per payment, 1 per retried key)`,
      PRICES.dynamodbWriteRequestUnit,
      created * WRITE_UNITS_PER_PAYMENT + retries,
    ),
    billed(
      "dynamodb-reads",
      "data",
      "payments table reads (payments read back, idempotency records of retries, settlement polling)",
      PRICES.dynamodbReadRequestUnit,
      readBack * READ_UNITS_PER_PAYMENT_READ + retries + pollingReads,
    ),
    billed(
      "dynamodb-storage",
      "data",
      `payments table storage after ${PAYMENT_RETENTION_MONTHS} months (first ${FREE_TIER.dynamodbStorageGb} GB free)`,
      PRICES.dynamodbStorageGbMonth,
      Math.max(0, tableGb - FREE_TIER.dynamodbStorageGb),
    ),
    billed(
      "dynamodb-pitr",
      "data",
      "point-in-time recovery (continuous backups of the table)",
      PRICES.dynamodbPitrGbMonth,
      spec.data.pointInTimeRecovery ? tableGb : 0,
    ),
    billed(
      "ecr-storage",
      "data",
      `reference image storage (${IMAGES_KEPT} images kept, ${spec.workload.imageMb} MB each: workloadImageMb)`,
      PRICES.ecrStorageGbMonth,
      usesReferenceImage(spec) ? (IMAGES_KEPT * spec.workload.imageMb) / MB_PER_GB : 0,
    ),
  ];
  return { monthlyUsd: lineItems.reduce((total, item) => total + item.monthlyUsd, 0), lineItems };
}
