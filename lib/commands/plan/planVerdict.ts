/**
 * The plan's verdict, what a reader needs first: this stack's monthly cost against the baseline, the
 * savings against the target, the p99 against its target with the peak hour, the worst hour and any
 * failing scenario named, and the exit code with its reason. The text summary and the markdown
 * render the same parts.
 */
import type { HourLatency } from "../../models/slo/hourly";
import type { ScenarioResult } from "../../models/slo/scenarios";
import { dollars, percent, plural, signedDollars } from "../../format";
import { PlatformSpec } from "../../spec";
import { WORKLOAD_TIME_ZONE } from "../../spec/workload";
import { PlanDocument } from "./planDocument";
import { planExitCode } from "./planExitCode";
import { hourLabel } from "./sloText";

const TIME_ZONE = `US Eastern (${WORKLOAD_TIME_ZONE})`;
const OVERLOADED = "overloaded (requests time out at the ALB idle timeout)";

export interface VerdictPart {
  label: string;
  text: string;
  /** Lines under it (the peak and worst hours, the failing scenarios). */
  details: string[];
}

const hourText = (hour: HourLatency): string =>
  `${hourLabel(hour.hourOfWeek)} ${TIME_ZONE}, ${hour.rps} rps on ${plural(hour.tasks, "task")}, p99 ${hour.p99Ms === null ? OVERLOADED : `${hour.p99Ms} ms`}`;

/** A scenario's worst p99, or what a p99 at the ALB's idle timeout means. */
export function scenarioP99(scenario: ScenarioResult, idleTimeoutSeconds: number): string {
  return scenario.worstP99Ms >= idleTimeoutSeconds * 1000 ? OVERLOADED : `${scenario.worstP99Ms} ms`;
}

function exitLine(document: PlanDocument): string {
  const { cost, slo } = document;
  const savingsMissed = `savings below the ${cost.minSavingsPercent}% target`;
  switch (planExitCode(document)) {
    case 0:
      return "0: savings and p99 targets met";
    case 3:
      return slo.meetsTarget
        ? `3: ${savingsMissed}`
        : `3: ${savingsMissed}; the p99 SLO is missed too (exit 4), and 3 wins when both targets are missed`;
    default:
      return "4: p99 SLO missed";
  }
}

export function planVerdict(document: PlanDocument, spec: PlatformSpec): VerdictPart[] {
  const { cost, slo } = document;
  const peak = slo.hourly.reduce((first, hour) => (hour.rps > first.rps ? hour : first));
  const worst = slo.hourly.reduce((first, hour) => ((hour.p99Ms ?? Infinity) > (first.p99Ms ?? Infinity) ? hour : first));
  const failing = slo.scenarios.filter((s) => !s.passed);
  const idle = spec.loadBalancer.idleTimeoutSeconds;
  const savings =
    cost.savingsUsd < 0
      ? `${signedDollars(cost.savingsUsd)} per month, a cost increase (${percent(cost.savingsPercent)})`
      : `${dollars(cost.savingsUsd)} per month (${percent(cost.savingsPercent)})`;
  const scenarios =
    failing.length === 0
      ? [`all ${plural(slo.scenarios.length, "scenario")} pass`]
      : failing.map(
          (s) =>
            `failing scenario ${s.name}: worst p99 ${scenarioP99(s, idle)}, ${plural(s.minutesOverSlo, "minute")} over target`,
        );
  return [
    {
      label: "Monthly cost",
      text: `${dollars(cost.optimized.monthlyUsd)} for this stack against ${dollars(cost.baseline.monthlyUsd)} for the baseline`,
      details: [],
    },
    {
      label: "Savings",
      text: `${savings} against the ${cost.minSavingsPercent}% target: ${cost.meetsTarget ? "met" : "missed"}`,
      details: [],
    },
    {
      label: `p99 latency (target ${slo.targetP99Ms} ms)`,
      text: slo.meetsTarget ? "met" : "missed",
      details: [`peak hour: ${hourText(peak)}`, `worst hour: ${hourText(worst)}`, ...scenarios],
    },
    { label: "Exit code", text: exitLine(document), details: [] },
  ];
}
