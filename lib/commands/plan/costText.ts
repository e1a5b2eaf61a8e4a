/** The plan's cost section as text: line items side by side, subtotals by component, savings against the target, the waterfall. */
import type { LineItem } from "../../models/cost/estimate";
import type { CostReport, PricedWorkload } from "../../models/cost/costReport";
import { dollars, percent, quantity, table, usd } from "../../format";
import { Paint, plainPaint } from "../colors";
import {
  CostTable,
  complianceLineItemTable,
  complianceSummary,
  complianceTable,
  componentRows,
  costChange,
  costlierLeverNotes,
  leverSaving,
  lineItemRows,
} from "./planTables";

const cells = (item: LineItem | undefined): string[] => (item ? [quantity(item.quantity), usd(item.monthlyUsd)] : ["-", "-"]);

function describeWorkload(w: PricedWorkload): string {
  return (
    `Workload (an assumption, from the workload* config keys): ${w.peakRps} rps weekdays ${w.businessStartHour}:00-${w.businessEndHour}:00 US Eastern, ` +
    `${w.nightRps} rps at night, ${w.rampHours} h ramps, weekends at ${Math.round(w.weekendFactor * 100)}%; ` +
    `${w.cpuMsPerRequest} ms CPU, ${w.requestKb} KB in / ${w.responseKb} KB out, ${w.logKbPerRequest} KB of logs per request.`
  );
}

/** A shared cost table as aligned text columns, its total row last; `textColumns` columns are left-aligned. */
const textTable = (t: CostTable, textColumns: number): string[] => table([t.header, ...t.rows, t.total], textColumns);

/** `paint` colours the verdict word (meets, MISSES). */
export function formatCostReport(report: CostReport, paint: Paint = plainPaint): string {
  const items = table([
    ["Line item", "Unit", "Baseline qty", "Baseline USD", "Optimized qty", "Optimized USD"],
    ...lineItemRows(report).map((row) => [row.id, row.unit, ...cells(row.baseline), ...cells(row.optimized)]),
    ["Total per month", "", "", usd(report.baseline.monthlyUsd), "", usd(report.optimized.monthlyUsd)],
  ]);
  const components = table([
    ["Component", "Baseline USD", "Optimized USD", "Change"],
    ...componentRows(report).map((row) => [
      row.component,
      usd(row.baselineUsd),
      usd(row.optimizedUsd),
      costChange(row.changeUsd),
    ]),
    [
      "Total per month",
      usd(report.baseline.monthlyUsd),
      usd(report.optimized.monthlyUsd),
      costChange(report.optimized.monthlyUsd - report.baseline.monthlyUsd),
    ],
  ]);
  const verdict = report.meetsTarget ? paint("meets", "good") : paint("MISSES", "bad");
  const waterfall = table([
    ["Lever (applied in this order)", "Saved per month"],
    ...report.levers.map((l) => [l.lever, leverSaving(l.monthlyUsdSaved)]),
    ["Total", leverSaving(report.levers.reduce((sum, l) => sum + l.monthlyUsdSaved, 0))],
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
    ...components,
    "",
    `Savings: ${dollars(report.savingsUsd)} per month (${percent(report.savingsPercent)}), ${verdict} the ${report.minSavingsPercent}% target.`,
    "",
    ...waterfall,
    ...costlierLeverNotes(report).map((note) => `  ${note}`),
    "",
    `Payments table and reference image (${Math.round(report.workload.paymentCreateFraction * 100)}% of requests create a payment): the same for the baseline and this stack, so outside the totals and the savings above.`,
    "",
    ...dataItems,
    "",
    "Compliance controls (docs/compliance.md): priced here, outside the totals and the like-for-like savings above, because the baseline has none of them.",
    "",
    ...textTable(complianceTable(report), 3),
    "",
    ...textTable(complianceLineItemTable(report), 3),
    "",
    ...complianceSummary(report),
    "",
  ].join("\n");
}
