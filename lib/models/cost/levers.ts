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
import { estimateMonthlyCost } from "./estimate";

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
  const costs = waterfallSpecs(spec, levers).map((s) => estimateMonthlyCost(s).monthlyUsd);
  return levers.map(({ lever, aspect }, i) => ({
    lever,
    aspect,
    monthlyUsdBefore: costs[i],
    monthlyUsdAfter: costs[i + 1],
    monthlyUsdSaved: costs[i] - costs[i + 1],
  }));
}
