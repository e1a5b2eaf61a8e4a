/**
 * The savings waterfall: from the baseline to the optimized spec one lever at a time, in a fixed
 * order, each step's saving = cost before - cost after. Step i's spec is the optimized spec with
 * the aspects of the levers after i still at their baseline values, so step 0 starts exactly at
 * baselineSpec() and the last step ends exactly at the optimized spec: the savings telescope to
 * baseline - optimized with no balancing entry.
 *
 * The order matters for the attribution (not the total): a lever applied later saves a share of a
 * smaller bill. Compute levers come first, from the price of a unit (ARM64) to the number of units
 * (right-sizing, autoscaling, off-hours minimum) to their discount (Spot), then the network
 * (NAT strategy, endpoints, AZ count), then observability.
 */
import { PlatformSpec } from "../../spec";
import { ALL_BASELINE_ASPECTS, BaselineAspect, revertToBaseline } from "./baseline";
import { CostEstimate, estimateMonthlyCost } from "./estimate";

export interface Lever {
  lever: string;
  aspect: BaselineAspect;
}

export const LEVERS: readonly Lever[] = [
  { lever: "ARM64 (Graviton) instead of X86_64", aspect: "architecture" },
  { lever: "Right-sized task CPU and memory", aspect: "taskSize" },
  { lever: "Target-tracking autoscaling instead of a fixed fleet", aspect: "autoscaling" },
  { lever: "Lower minimum off hours (scheduled scaling)", aspect: "scheduledScaling" },
  { lever: "Fargate Spot above the on-demand base", aspect: "spot" },
  { lever: "NAT gateway strategy", aspect: "natGateways" },
  { lever: "Interface endpoints vs NAT", aspect: "interfaceEndpoints" },
  { lever: "Availability Zone count", aspect: "availabilityZones" },
  { lever: "Log retention", aspect: "logRetention" },
  { lever: "Log class", aspect: "logClass" },
  { lever: "Container Insights mode", aspect: "containerInsights" },
];

export interface WaterfallStep {
  lever: string;
  aspect: BaselineAspect;
  monthlyUsdBefore: number;
  monthlyUsdAfter: number;
  /** Negative when the lever costs more than the baseline setting it replaces. */
  monthlyUsdSaved: number;
  /**
   * The line items this step moves most (at most LARGEST_CHANGES, largest first, none under a
   * cent): what a reader needs to see why a lever saves what it does, or why it costs more.
   */
  largestChanges: LineItemChange[];
}

export interface LineItemChange {
  id: string;
  /** After the lever minus before it: positive when the line item costs more. */
  monthlyUsdChange: number;
}

export const LARGEST_CHANGES = 3;

/** The line items that change most from one estimate to the next, by absolute amount. */
export function largestChanges(before: CostEstimate, after: CostEstimate): LineItemChange[] {
  const usdOf = (estimate: CostEstimate, id: string) => estimate.lineItems.find((item) => item.id === id)?.monthlyUsd ?? 0;
  const ids = [...new Set([...before.lineItems, ...after.lineItems].map((item) => item.id))];
  return ids
    .map((id) => ({ id, monthlyUsdChange: usdOf(after, id) - usdOf(before, id) }))
    .filter((change) => Math.abs(change.monthlyUsdChange) >= 0.005)
    .sort((a, b) => Math.abs(b.monthlyUsdChange) - Math.abs(a.monthlyUsdChange))
    .slice(0, LARGEST_CHANGES);
}

/** Every baseline aspect must be applied exactly once, or the steps would not end at the optimized spec. */
function checkLevers(levers: readonly Lever[]): void {
  const named = levers.map((l) => l.aspect);
  const missing = ALL_BASELINE_ASPECTS.filter((aspect) => !named.includes(aspect));
  const repeated = named.filter((aspect, i) => named.indexOf(aspect) !== i);
  if (missing.length > 0 || repeated.length > 0) {
    throw new Error(
      `The lever order must apply every baseline aspect exactly once (missing: ${missing.join(", ") || "none"}; repeated: ${repeated.join(", ") || "none"})`,
    );
  }
}

/** The specs the waterfall passes through: the baseline, then one per lever, the last being `spec`. */
export function waterfallSpecs(spec: PlatformSpec, levers: readonly Lever[] = LEVERS): PlatformSpec[] {
  checkLevers(levers);
  const aspects = levers.map((l) => l.aspect);
  return aspects.map((_, i) => revertToBaseline(spec, aspects.slice(i))).concat([spec]);
}

export function savingsWaterfall(spec: PlatformSpec, levers: readonly Lever[] = LEVERS): WaterfallStep[] {
  const estimates = waterfallSpecs(spec, levers).map(estimateMonthlyCost);
  return levers.map(({ lever, aspect }, i) => ({
    lever,
    aspect,
    monthlyUsdBefore: estimates[i].monthlyUsd,
    monthlyUsdAfter: estimates[i + 1].monthlyUsd,
    monthlyUsdSaved: estimates[i].monthlyUsd - estimates[i + 1].monthlyUsd,
    largestChanges: largestChanges(estimates[i], estimates[i + 1]),
  }));
}
