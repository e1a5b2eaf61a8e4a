/**
 * The payments table and the reference image, priced beside the savings (lib/models/cost/paymentData.ts):
 * every line's quantity from the workload and the documented per-payment units, the PITR and image
 * lines switched by their settings, and none of it in the platform totals.
 */
import { FREE_TIER, PRICES } from "../../../../lib/aws/prices";
import { buildCostReport } from "../../../../lib/models/cost/costReport";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { paymentDataEstimate } from "../../../../lib/models/cost/paymentData";
import { monthlyRequests } from "../../../../lib/spec/workload";
import { resolveValues } from "../../support/configSource";

const resolve = (values: Record<string, string>) => resolveValues({ environmentSuffix: "dev", ...values });

describe("payments table and reference image cost", () => {
  const spec = resolve({});
  const requests = monthlyRequests(spec.workload);
  const created = requests * 0.1;
  const line = (id: string, s = spec) => paymentDataEstimate(s).lineItems.find((l) => l.id === id)!;

  it("GIVEN the dev defaults (10% of requests create a payment) THEN writes are 6 units a payment plus 1 per retried key (2%)", () => {
    expect(line("dynamodb-writes").quantity).toBeCloseTo(created * 6 + created * 0.02, 3);
    expect(line("dynamodb-writes").unitPriceUsd).toBe(PRICES.dynamodbWriteRequestUnit.usd);
  });

  it("THEN reads are one unit per payment read back, one per retry, and half a unit a second per pending-index shard (8) for the one worker", () => {
    const polling = 8 * 0.5 * 730 * 3600;
    expect(line("dynamodb-reads").quantity).toBeCloseTo(requests - created + created * 0.02 + polling, 3);
  });

  it("THEN storage is 12 months of 0.4 KB payments plus a day of idempotency records, less the 25 GB free tier; dev keeps no PITR", () => {
    const tableGb = (created * 12 * 0.4 + (created / (730 / 24)) * 0.4) / (1024 * 1024);
    expect(line("dynamodb-storage").quantity).toBeCloseTo(tableGb - FREE_TIER.dynamodbStorageGb, 6);
    expect(line("dynamodb-pitr").quantity).toBe(0);
    expect(line("dynamodb-pitr", resolve({ tablePointInTimeRecovery: "true" })).quantity).toBeCloseTo(tableGb, 6);
  });

  it("GIVEN a small table (no payments) THEN storage is within the free tier and costs nothing", () => {
    expect(line("dynamodb-storage", resolve({ workloadPaymentCreatePercent: "0" })).quantity).toBe(0);
  });

  it("THEN the image line keeps 10 images of workloadImageMb, and is 0 when every service has its own image", () => {
    expect(line("ecr-storage").quantity).toBeCloseTo((10 * 150) / 1024, 9);
    const own = resolve({
      containerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1",
      workerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/w:1",
    });
    expect(line("ecr-storage", own).quantity).toBe(0);
  });

  it("THEN the section is its lines' sum, in the report, and outside the platform's totals and savings", () => {
    const data = paymentDataEstimate(spec);
    expect(data.lineItems.map((l) => l.id)).toEqual([
      "dynamodb-writes",
      "dynamodb-reads",
      "dynamodb-storage",
      "dynamodb-pitr",
      "ecr-storage",
    ]);
    expect(data.monthlyUsd).toBeCloseTo(
      data.lineItems.reduce((sum, l) => sum + l.monthlyUsd, 0),
      9,
    );
    const report = buildCostReport(spec);
    expect(report.paymentData).toEqual(data);
    expect(report.optimized.monthlyUsd).toBe(estimateMonthlyCost(spec).monthlyUsd);
    expect(report.optimized.lineItems.some((l) => l.component === "data")).toBe(false);
  });
});
