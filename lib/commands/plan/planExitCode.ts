/**
 * The plan's exit code from its targets: 10 when a mandatory policy is violated (it wins over both
 * targets: the stack must not deploy, whatever it costs), 3 when savings miss minSavingsPercent
 * (it wins over the SLO when both miss), 4 when p99 misses the SLO, else 0; and the reasons a
 * command prints with it.
 */
import { percent, plural } from "../../format";
import type { Io } from "../cli";
import type { PlanDocument } from "./planDocument";
import { p99Text } from "./sloWords";

export function planExitCode(document: PlanDocument): 0 | 3 | 4 | 10 {
  if (document.policies.mandatory > 0) return 10;
  if (!document.cost.meetsTarget) return 3;
  return document.slo.meetsTarget ? 0 : 4;
}

/**
 * Exit 10 on a mandatory policy violation, else 3 when the stack misses its savings target, 4 when
 * it misses the p99 SLO (cost first), with every reason on stderr.
 */
export function targetsExitCode(document: PlanDocument, io: Io): number {
  const { cost, slo, policies } = document;
  if (policies.mandatory > 0) {
    io.err(
      `policy violated: ${plural(policies.mandatory, "mandatory policy violation")} (listed under Policies); the stack must not deploy until the resources comply (README.md, "The policy pack").`,
    );
  }
  if (!slo.meetsTarget) {
    const failed = slo.scenarios.filter((s) => !s.passed).map((s) => s.name);
    const failedStates = slo.steadyStates.filter((s) => !s.passed).map((s) => s.name);
    io.err(
      `SLO missed: p99 must stay under ${slo.targetP99Ms} ms (peak hour p99 ${p99Text(slo.peak.p99Ms)}; failing scenarios: ${failed.join(", ") || "none"}; steady states over the target in the routing simulation: ${failedStates.join(", ") || "none"}). ` +
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
