/** The plan's cost section as text: line items side by side, totals, savings against the target, the waterfall. */
import type { LineItem } from "../../models/cost/estimate";
import type { CostReport, PricedWorkload } from "../../models/cost/costReport";
import { percent, quantity, table, usd } from "../../format";

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

function describeWorkload(w: PricedWorkload): string {
  return (
    `Workload (an assumption, from the workload* config keys): ${w.peakRps} rps weekdays ${w.businessStartHour}:00-${w.businessEndHour}:00 US Eastern, ` +
    `${w.nightRps} rps at night, ${w.rampHours} h ramps, weekends at ${Math.round(w.weekendFactor * 100)}%; ` +
    `${w.cpuMsPerRequest} ms CPU, ${w.requestKb} KB in / ${w.responseKb} KB out, ${w.logKbPerRequest} KB of logs per request.`
  );
}

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
  const data = report.paymentData;
  const dataItems = table([
    ["Line item", "Unit", "Quantity", "USD"],
    ...data.lineItems.map((item) => [item.id, item.unit, quantity(item.quantity), usd(item.monthlyUsd)]),
    ["Total per month", "", "", usd(data.monthlyUsd)],
  ]);
  return [
    `Monthly cost estimate, ${report.region}, ${report.currency}, ${report.hoursPerMonth} hours per month, prices as of ${report.pricesAsOf}`,
    describeWorkload(report.workload),
    "",
    ...items,
    "",
    `Savings: ${usd(report.savingsUsd)} USD per month (${percent(report.savingsPercent)}), ${verdict} the ${report.minSavingsPercent}% target.`,
    "",
    ...waterfall,
    "",
    `Payments table and reference image (${Math.round(report.workload.paymentCreateFraction * 100)}% of requests create a payment): the same for the baseline and this stack, so outside the totals and the savings above.`,
    "",
    ...dataItems,
    "",
  ].join("\n");
}
