/**
 * The plan's exit code from its targets: 3 when savings miss minSavingsPercent (it wins when both
 * miss), 4 when p99 misses the SLO, else 0; and the reasons a command prints with it.
 */
import { percent } from "../../format";
import type { Io } from "../cli";
import type { PlanDocument } from "./planDocument";

export function planExitCode(document: PlanDocument): 0 | 3 | 4 {
  if (!document.cost.meetsTarget) return 3;
  return document.slo.meetsTarget ? 0 : 4;
}

/**
 * Exit 3 when the stack misses its savings target, 4 when it misses the p99 SLO (cost first: both
 * are reported), with the reasons on stderr.
 */
export function targetsExitCode(document: PlanDocument, io: Io): number {
  const { cost, slo } = document;
  if (!slo.meetsTarget) {
    const failed = slo.scenarios.filter((s) => !s.passed).map((s) => s.name);
    io.err(
      `SLO missed: p99 must stay under ${slo.targetP99Ms} ms (peak hour p99 ${slo.peak.p99Ms === null ? "unbounded" : `${slo.peak.p99Ms.toFixed(1)} ms`}; failing scenarios: ${failed.join(", ") || "none"}). ` +
        "Run `npm run optimize` for the cheapest settings that pass.",
    );
  }
  if (!cost.meetsTarget) {
    io.err(
      `cost target missed: this stack saves ${percent(cost.savingsPercent)} against the baseline, below minSavingsPercent ${cost.minSavingsPercent}%. ` +
        "The savings waterfall in the plan shows which levers are not pulled; change those settings (or, with a reason, minSavingsPercent).",
    );
  }
  return planExitCode(document);
}
