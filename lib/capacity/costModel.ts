/**
 * The cost model as the capacity commands' cost function. The optimizer and the right-sizer take
 * their cost function injected, so this adapter is the only place lib/capacity reads lib/cost.
 */
import { estimateMonthlyCost } from "../cost/estimate";
import { PlatformSpec } from "../spec";

export function monthlyCostUsd(spec: PlatformSpec): number {
  return estimateMonthlyCost(spec).monthlyUsd;
}
