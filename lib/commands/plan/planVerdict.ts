/**
 * The plan's verdict, what a reader needs first: this stack's monthly cost against the baseline, the
 * savings against the target, the p99 against its target with the peak hour, the worst hour and any
 * failing scenario named, and the exit code with its reason. The text summary and the markdown
 * render the same parts.
 */
import { dollars, percent, plural, signedDollars } from "../../format";
import { peakHour, worstHour } from "../../models/slo/hourly";
import { PlatformSpec } from "../../spec";
import type { Tone } from "../colors";
import { PlanDocument } from "./planDocument";
import { planExitCode } from "./planExitCode";
import { billChangePercentText } from "./planTables";
import { hourText, minutesOver, scenarioP99 } from "./sloWords";

export interface VerdictPart {
  label: string;
  text: string;
  /** Lines under it (the peak and worst hours, the failing scenarios). */
  details: string[];
  /** Whether `text` is good or bad news, for formats that colour it; none for a plain figure. */
  tone?: Tone;
}

const toneOf = (good: boolean): Tone => (good ? "good" : "bad");

/** "0: savings and p99 targets met", or the code and which target was missed. */
export function exitLine(document: PlanDocument): string {
  const { cost, slo } = document;
  const savingsMissed = `savings below the ${cost.minSavingsPercent}% target`;
  switch (planExitCode(document)) {
    case 0:
      return "0: savings and p99 targets met";
    case 10:
      return `10: ${plural(document.policies.mandatory, "mandatory policy violation")}: the stack must not deploy (10 wins over the savings and p99 codes)`;
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
  const peak = peakHour(slo.hourly);
  const worst = worstHour(slo.hourly);
  const failing = slo.scenarios.filter((s) => !s.passed);
  // The worst case a reader needs beside the worst hour: the scenario closest to the target.
  const tightest = slo.scenarios.reduce((first, s) => (s.worstP99Ms > first.worstP99Ms ? s : first));
  const idle = spec.loadBalancer.idleTimeoutSeconds;
  const savings =
    cost.savingsUsd < 0
      ? `${signedDollars(cost.savingsUsd)} per month, a cost increase (${percent(cost.savingsPercent)})`
      : `${dollars(cost.savingsUsd)} per month (${percent(cost.savingsPercent)})`;
  const scenarios =
    failing.length === 0
      ? [
          `all ${plural(slo.scenarios.length, "scenario")} pass; the tightest is ${tightest.name}, worst p99 ${scenarioP99(tightest, idle)}`,
        ]
      : failing.map(
          (s) => `failing scenario ${s.name}: worst p99 ${scenarioP99(s, idle)}, ${minutesOver(s.minutesOverSlo)} over target`,
        );
  return [
    {
      label: "Monthly cost",
      text:
        `${dollars(cost.optimized.monthlyUsd)} for this stack against ${dollars(cost.baseline.monthlyUsd)} for the baseline; ` +
        `${dollars(cost.optimized.monthlyUsd + cost.compliance.monthlyUsd)} with the compliance controls (bill ${billChangePercentText(cost)})`,
      details: [],
    },
    {
      label: "Savings",
      text: `${savings} against the ${cost.minSavingsPercent}% target: ${cost.meetsTarget ? "met" : "missed"}`,
      details: [],
      tone: toneOf(cost.meetsTarget),
    },
    {
      label: `p99 latency (target ${slo.targetP99Ms} ms)`,
      text: slo.meetsTarget ? "met" : "missed",
      details: [`peak hour: ${hourText(peak)}`, `worst hour: ${hourText(worst)}`, ...scenarios],
      tone: toneOf(slo.meetsTarget),
    },
    { label: "Exit code", text: exitLine(document), details: [], tone: toneOf(planExitCode(document) === 0) },
  ];
}
