/**
 * The cost section of the plan: baseline and optimized estimates for the stack's workload, the
 * savings against the target, and the waterfall that explains them. Plain numbers, never rounded
 * (the plan's text rounds them: lib/commands/plan/costText.ts).
 */
import { PRICES_AS_OF } from "../../aws/prices";
import { PlatformSpec, WorkloadProfile, workerServices } from "../../spec";
import { HOURS_PER_MONTH } from "../../spec/workload";
import { baselineSpec } from "./baseline";
import { ComplianceEstimate, complianceEstimate } from "./compliance";
import { CostEstimate, estimateMonthlyCost } from "./estimate";
import { savingsWaterfall, WaterfallStep } from "./levers";
import { paymentDataEstimate } from "./paymentData";
import { PhysicalFloor, physicalFloor } from "./physicalFloor";

/** The workload the report prices: the web service's traffic and the background work's average vCPU. */
export type PricedWorkload = WorkloadProfile & {
  /** Average vCPU of all worker services together. */
  workerVcpuDemand: number;
};

export interface CostReport {
  currency: "USD";
  region: string;
  pricesAsOf: string;
  hoursPerMonth: number;
  workload: PricedWorkload;
  baseline: CostEstimate;
  optimized: CostEstimate;
  savingsUsd: number;
  /**
   * Like-for-like: (baseline - optimized) / baseline x 100, the platform against the baseline with
   * the same workload. The compliance controls (which the baseline lacks) and paymentData (the same
   * for both) are outside it; the target (minSavingsPercent) is judged on it.
   */
  savingsPercent: number;
  levers: Pick<WaterfallStep, "lever" | "aspect" | "monthlyUsdSaved" | "largestChanges">[];
  minSavingsPercent: number;
  meetsTarget: boolean;
  /**
   * The payments table and the reference image: the same for the baseline and this stack, so
   * outside the savings ratio and outside baseline/optimized monthlyUsd (lib/models/cost/paymentData.ts).
   */
  paymentData: CostEstimate;
  /**
   * The compliance controls (WAF, access and flow logs, the audit archive, DNS Firewall), which the
   * baseline lacks: outside the like-for-like savings (lib/models/cost/compliance.ts).
   */
  compliance: ComplianceEstimate;
  /**
   * The change in the monthly bill the controls included: (optimized + compliance - baseline) /
   * baseline x 100. Negative: the bill falls. paymentData is outside it too (the same on both sides).
   */
  billChangePercent: number;
  /**
   * The physical floor beside the savings: the fixed costs no design avoids plus the web service's
   * vCPU-hours at 100% utilization, what stands between it and this stack, and the best any design
   * could save against the same baseline (lib/models/cost/physicalFloor.ts).
   */
  physicalFloor: PhysicalFloor;
}

export function buildCostReport(spec: PlatformSpec): CostReport {
  const baseline = estimateMonthlyCost(baselineSpec(spec));
  const optimized = estimateMonthlyCost(spec);
  const savingsUsd = baseline.monthlyUsd - optimized.monthlyUsd;
  const savingsPercent = (savingsUsd / baseline.monthlyUsd) * 100;
  const compliance = complianceEstimate(spec);
  return {
    currency: "USD",
    region: spec.region,
    pricesAsOf: PRICES_AS_OF,
    hoursPerMonth: HOURS_PER_MONTH,
    workload: { ...spec.workload, workerVcpuDemand: workerServices(spec).reduce((sum, w) => sum + w.vcpuDemand, 0) },
    baseline: { monthlyUsd: baseline.monthlyUsd, lineItems: baseline.lineItems },
    optimized: { monthlyUsd: optimized.monthlyUsd, lineItems: optimized.lineItems },
    savingsUsd,
    savingsPercent,
    levers: savingsWaterfall(spec).map(({ lever, aspect, monthlyUsdSaved, largestChanges }) => ({
      lever,
      aspect,
      monthlyUsdSaved,
      largestChanges,
    })),
    minSavingsPercent: spec.cost.minSavingsPercent,
    meetsTarget: savingsPercent >= spec.cost.minSavingsPercent,
    paymentData: paymentDataEstimate(spec),
    compliance,
    billChangePercent: ((optimized.monthlyUsd + compliance.monthlyUsd - baseline.monthlyUsd) / baseline.monthlyUsd) * 100,
    physicalFloor: physicalFloor(spec, optimized, baseline),
  };
}
