/**
 * The diff of two configurations as text: the verdict first (monthly cost, savings against the
 * target, p99, and the compared configuration's exit code with its reason), then what changed:
 * resources by type, settings, cost by component, line items and levers, and every scenario's p99.
 * Built from the PlanDiff document only (lib/commands/plan/planDiff.ts).
 */
import { dollars, percent, quantity, seconds, signedDollars, table } from "../../format";
import { Change, LineItemChange, NumberChange, PlanDiff, SettingValue } from "./planDiff";
import { costChange, leverSaving } from "./planTables";
import { minutesOver, p99Text, recoveryText, scenarioP99 } from "./sloWords";

const NO_CHANGE = "  no change";

/** "a -> b", or "a (no change)" when both sides read the same. */
const arrow = (before: string, after: string): string => (before === after ? `${before} (no change)` : `${before} -> ${after}`);

/** The same in a table cell, where "(no change)" would only widen the column. */
const cellArrow = (before: string, after: string): string => (before === after ? before : `${before} -> ${after}`);

/** A count change with its sign: "+2", "-1", "0". */
const signedCount = (delta: number): string => (delta > 0 ? `+${delta}` : String(delta));

const usdArrow = (change: NumberChange): string => arrow(dollars(change.before), dollars(change.after));

/** Percentages before -> after with the change in points, of the printed (one-decimal) values. */
function percentArrow(change: NumberChange): string {
  const tenths = Math.round(change.after * 10) - Math.round(change.before * 10);
  const shown = arrow(percent(change.before), percent(change.after));
  return tenths === 0 ? shown : `${shown} (${tenths > 0 ? "+" : "-"}${(Math.abs(tenths) / 10).toFixed(1)} points)`;
}

/** Dollars before -> after with the change and its word, "(no change)" to the cent. */
function usdArrowWithChange(change: NumberChange): string {
  const shown = usdArrow(change);
  return dollars(change.before) === dollars(change.after) ? shown : `${shown}, ${costChange(change.delta)}`;
}

const metOrMissed = (met: boolean): string => (met ? "met" : "missed");
const passOrFail = (passed: boolean): string => (passed ? "pass" : "FAIL");

/** A setting's value as a reader types it in a stack file: strings bare, "(not set)" for none. */
function settingText(value: SettingValue): string {
  if (value === null) return "(not set)";
  return typeof value === "string" && value !== "" ? value : JSON.stringify(value);
}

function verdict(diff: PlanDiff): string[] {
  const { cost, slo, before, after } = diff;
  const target = (c: Change<number>) =>
    c.before === c.after ? `the ${c.after}% target` : `the ${c.before}% -> ${c.after}% target`;
  const p99Target =
    slo.targetP99Ms.before === slo.targetP99Ms.after
      ? `target ${slo.targetP99Ms.after} ms`
      : `target ${slo.targetP99Ms.before} ms -> ${slo.targetP99Ms.after} ms`;
  const failing = slo.scenarios.filter((s) => !s.after.passed).map((s) => s.name);
  const exitWas =
    before.exitReason === after.exitReason ? `the same as ${before.label}` : `${before.label} exits ${before.exitReason}`;
  return [
    "Verdict",
    `  Monthly cost: ${usdArrowWithChange(cost.monthlyUsd)}`,
    `  Monthly bill with the payments table and image and the compliance controls: ${usdArrowWithChange(cost.billMonthlyUsd)}`,
    `  Bill change against the baseline with the compliance controls: ${percentArrow(cost.billChangePercent)}`,
    `  Savings: ${percentArrow(cost.savingsPercent)} against ${target(cost.minSavingsPercent)}: ${arrow(metOrMissed(cost.meetsTarget.before), metOrMissed(cost.meetsTarget.after))}`,
    `  p99 latency (${p99Target}): ${arrow(metOrMissed(slo.meetsTarget.before), metOrMissed(slo.meetsTarget.after))}${failing.length === 0 ? "" : `; failing in the compared configuration: ${failing.join(", ")}`}`,
    `  Exit code of the compared configuration: ${after.exitReason} (${exitWas})`,
  ];
}

function resourceSection(diff: PlanDiff): string[] {
  const { total, byType } = diff.resources;
  const head = `Resources: ${arrow(String(total.before), String(total.after))}${total.delta === 0 ? "" : ` (${signedCount(total.delta)})`}`;
  if (byType.length === 0) return [head, NO_CHANGE];
  return [
    head,
    ...table([
      ["  Type", "Before", "After", "Change"],
      ...byType.map((t) => [`  ${t.type}`, String(t.before), String(t.after), signedCount(t.delta)]),
    ]),
  ];
}

function settingsSection(diff: PlanDiff): string[] {
  const head = `Settings that changed (resolved, derived ones included): ${diff.settings.length}`;
  if (diff.settings.length === 0) return [head, NO_CHANGE];
  return [head, ...diff.settings.map((s) => `  ${s.path}: ${settingText(s.before)} -> ${settingText(s.after)}`)];
}

const qty = (value: number | null) => (value === null ? "-" : quantity(value));

/** Changed line items as a table, or "no change". */
function lineItemTable(items: LineItemChange[]): string[] {
  if (items.length === 0) return [NO_CHANGE];
  return table(
    [
      ["  Component", "Line item", "Unit", "Qty before", "Qty after", "Before", "After", "Change"],
      ...items.map((item) => [
        `  ${item.component}`,
        item.id,
        item.unit,
        qty(item.quantity.before),
        qty(item.quantity.after),
        dollars(item.monthlyUsd.before),
        dollars(item.monthlyUsd.after),
        costChange(item.monthlyUsd.delta),
      ]),
    ],
    3,
  );
}

function costSection(diff: PlanDiff): string[] {
  const { cost } = diff;
  const components = table([
    ["  Component", "Before", "After", "Change"],
    ...cost.components.map((c) => [`  ${c.component}`, dollars(c.before), dollars(c.after), costChange(c.delta)]),
    ["  Total per month", dollars(cost.monthlyUsd.before), dollars(cost.monthlyUsd.after), costChange(cost.monthlyUsd.delta)],
  ]);
  const items = lineItemTable(cost.lineItems);
  const dataItems = lineItemTable(cost.paymentData.lineItems);
  const complianceItems = lineItemTable(cost.compliance.lineItems);
  const levers =
    cost.levers.length === 0
      ? [NO_CHANGE]
      : table([
          ["  Lever (applied in this order)", "Saved before", "Saved after", "Change"],
          ...cost.levers.map((l) => [`  ${l.lever}`, leverSaving(l.before), leverSaving(l.after), signedDollars(l.delta)]),
        ]);
  return [
    "Monthly cost by component",
    ...components,
    `  Baseline: ${usdArrow(cost.baselineMonthlyUsd)}; savings ${arrow(dollars(cost.savingsUsd.before), dollars(cost.savingsUsd.after))} per month`,
    "",
    `Line items that changed: ${cost.lineItems.length}`,
    ...items,
    "",
    `Savings waterfall levers that changed: ${cost.levers.length}`,
    ...levers,
    "",
    `Payments table and reference image (the same for the baseline, outside the savings): ${usdArrowWithChange(cost.paymentData.monthlyUsd)}`,
    `Their line items that changed: ${cost.paymentData.lineItems.length}`,
    ...dataItems,
    "",
    `Compliance controls (outside the like-for-like savings): ${usdArrowWithChange(cost.compliance.monthlyUsd)}`,
    `Their line items that changed: ${cost.compliance.lineItems.length}`,
    ...complianceItems,
  ];
}

function sloSection(diff: PlanDiff): string[] {
  const { slo, before, after } = diff;
  const p99 = (c: Change<number | null>) => arrow(p99Text(c.before), p99Text(c.after));
  return [
    "p99 latency",
    `  peak hour: ${p99(slo.peakP99Ms)}`,
    `  worst hour of the week: ${p99(slo.worstHourP99Ms)}`,
    ...table(
      [
        ["  Scenario", "Result", "Worst p99", "Over target", "Scale-out", "Recovery"],
        ...slo.scenarios.map((s) => [
          `  ${s.name}`,
          cellArrow(passOrFail(s.before.passed), passOrFail(s.after.passed)),
          cellArrow(scenarioP99(s.before, before.idleTimeoutSeconds), scenarioP99(s.after, after.idleTimeoutSeconds)),
          cellArrow(minutesOver(s.before.minutesOverSlo), minutesOver(s.after.minutesOverSlo)),
          cellArrow(seconds(s.before.scaleOutSeconds, "n/a"), seconds(s.after.scaleOutSeconds, "n/a")),
          cellArrow(recoveryText(s.before), recoveryText(s.after)),
        ]),
      ],
      1,
    ),
  ];
}

export function formatPlanDiff(diff: PlanDiff): string {
  return [
    "Diff of two plans, computed offline: nothing was deployed",
    `  before: ${diff.before.label}`,
    `  after:  ${diff.after.label} (the compared configuration)`,
    "",
    ...verdict(diff),
    "",
    ...resourceSection(diff),
    "",
    ...settingsSection(diff),
    "",
    ...costSection(diff),
    "",
    ...sloSection(diff),
    "",
  ].join("\n");
}
