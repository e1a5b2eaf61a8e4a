/**
 * The cost section of the plan: baseline and optimized estimates for the stack's workload, the
 * savings against the target, and the waterfall that explains them; plus a text rendering for
 * people. Money is rounded to cents only in the text, never in the numbers.
 */
import { PlatformSpec, WorkloadProfile } from "../spec";
import { HOURS_PER_MONTH } from "../workload";
import { baselineSpec } from "./baseline";
import { CostEstimate, LineItem, estimateMonthlyCost } from "./estimate";
import { savingsWaterfall } from "./levers";
import { PRICES_AS_OF } from "./priceCatalog";

export interface CostReport {
  currency: "USD";
  region: string;
  pricesAsOf: string;
  hoursPerMonth: number;
  workload: WorkloadProfile;
  baseline: CostEstimate;
  optimized: CostEstimate;
  savingsUsd: number;
  savingsPercent: number;
  levers: { lever: string; monthlyUsdSaved: number }[];
  minSavingsPercent: number;
  meetsTarget: boolean;
}

export function buildCostReport(spec: PlatformSpec): CostReport {
  const baseline = estimateMonthlyCost(baselineSpec(spec));
  const optimized = estimateMonthlyCost(spec);
  const savingsUsd = baseline.monthlyUsd - optimized.monthlyUsd;
  const savingsPercent = (savingsUsd / baseline.monthlyUsd) * 100;
  return {
    currency: "USD",
    region: spec.region,
    pricesAsOf: PRICES_AS_OF,
    hoursPerMonth: HOURS_PER_MONTH,
    workload: spec.workload,
    baseline: { monthlyUsd: baseline.monthlyUsd, lineItems: baseline.lineItems },
    optimized: { monthlyUsd: optimized.monthlyUsd, lineItems: optimized.lineItems },
    savingsUsd,
    savingsPercent,
    levers: savingsWaterfall(spec).map(({ lever, monthlyUsdSaved }) => ({ lever, monthlyUsdSaved })),
    minSavingsPercent: spec.cost.minSavingsPercent,
    meetsTarget: savingsPercent >= spec.cost.minSavingsPercent,
  };
}

const usd = (value: number) => value.toFixed(2);
const quantity = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  // The first column is text (left-aligned), the rest are numbers (right-aligned).
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ")
      .trimEnd(),
  );
}

/** One row per line item id, in baseline order, then any the optimized spec adds. */
function lineItemRows(baseline: LineItem[], optimized: LineItem[]): string[][] {
  const ids = [...new Set([...baseline, ...optimized].map((item) => item.id))];
  const cells = (item: LineItem | undefined) => (item ? [quantity(item.quantity), usd(item.monthlyUsd)] : ["-", "-"]);
  return ids.map((id) => {
    const before = baseline.find((item) => item.id === id);
    const after = optimized.find((item) => item.id === id);
    const unit = (after ?? before)!.unit;
    return [id, unit, ...cells(before), ...cells(after)];
  });
}

function describeWorkload(w: WorkloadProfile): string {
  return (
    `Workload (an assumption, from the workload* config keys): ${w.peakRps} rps weekdays ${w.businessStartHour}:00-${w.businessEndHour}:00 US Eastern, ` +
    `${w.nightRps} rps at night, ${w.rampHours} h ramps, weekends at ${Math.round(w.weekendFactor * 100)}%; ` +
    `${w.cpuMsPerRequest} ms CPU, ${w.requestKb} KB in / ${w.responseKb} KB out, ${w.logKbPerRequest} KB of logs per request.`
  );
}

/** A readable text report: line items side by side, totals, savings against the target, the waterfall. */
export function formatCostReport(report: CostReport): string {
  const items = table([
    ["Line item", "Unit", "Baseline qty", "Baseline USD", "Optimized qty", "Optimized USD"],
    ...lineItemRows(report.baseline.lineItems, report.optimized.lineItems),
    ["Total per month", "", "", usd(report.baseline.monthlyUsd), "", usd(report.optimized.monthlyUsd)],
  ]);
  const verdict = report.meetsTarget ? "meets" : "MISSES";
  const waterfall = table([
    ["Lever (applied in this order)", "USD saved per month"],
    ...report.levers.map((l) => [l.lever, usd(l.monthlyUsdSaved)]),
    ["Total", usd(report.levers.reduce((sum, l) => sum + l.monthlyUsdSaved, 0))],
  ]);
  return [
    `Monthly cost estimate, ${report.region}, ${report.currency}, ${report.hoursPerMonth} hours per month, prices as of ${report.pricesAsOf}`,
    describeWorkload(report.workload),
    "",
    ...items,
    "",
    `Savings: ${usd(report.savingsUsd)} USD per month (${report.savingsPercent.toFixed(1)}%), ${verdict} the ${report.minSavingsPercent}% target.`,
    "",
    ...waterfall,
    "",
  ].join("\n");
}
