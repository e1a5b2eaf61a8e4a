/** The plan's exit code from its targets: 3 when savings miss minSavingsPercent (it wins when both miss), 4 when p99 misses the SLO, else 0. */
import { PlanDocument } from "./planDocument";

export function planExitCode(document: PlanDocument): 0 | 3 | 4 {
  if (!document.cost.meetsTarget) return 3;
  return document.slo.meetsTarget ? 0 : 4;
}
