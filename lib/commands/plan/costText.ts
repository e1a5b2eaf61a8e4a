/** The plan's cost section as text: line items side by side, subtotals by component, savings against the target, the waterfall, the physical floor. */
import type { LineItem } from "../../models/cost/estimate";
import type { CostReport, PricedWorkload } from "../../models/cost/costReport";
import type { PhysicalFloor } from "../../models/cost/physicalFloor";
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

/** Amounts that print as 0.00 (and 0.00 vCPU-hours): left out of the floor's gap rows. */
const negligible = (value: number) => Math.abs(value) < 0.005;

/**
 * The physical floor block: the floor's two parts, the gap items between it and this stack (each
 * with the web vCPU-hours it adds, for idle compute), the stack's estimate, and the best any design
 * could save beside this stack's savings.
 */
export function physicalFloorLines(floor: PhysicalFloor, savingsPercent: number): string[] {
  const { webCompute } = floor;
  // The design-choice lines under their total, largest first.
  const designRows = floor.lines
    .filter((line) => (line.treatment === "designChoice" || line.treatment === "minimum") && !negligible(line.gapUsd))
    .sort((a, b) => b.gapUsd - a.gapUsd)
    .map((line) => [`      ${line.id}`, "", usd(line.gapUsd)]);
  const gapRows = floor.gap
    .filter((item) => !negligible(item.monthlyUsd) || !negligible(item.vcpuHours))
    .flatMap((item) => [
      [
        `  + ${item.group}: ${item.description}`,
        item.group === "idle compute" && item.id !== "memoryAboveMinimum" ? quantity(item.vcpuHours) : "",
        usd(item.monthlyUsd),
      ],
      ...(item.id === "designChoices" ? designRows : []),
    ]);
  const rows = table([
    ["Part", "vCPU-hours", "USD per month"],
    [
      `Web compute at 100% utilization (ARM64 Fargate Spot, ${webCompute.gbPerVcpu} GB per vCPU)`,
      quantity(webCompute.demandVcpuHours),
      usd(webCompute.monthlyUsd),
    ],
    ["Line items no design avoids, at their least (workers as estimated)", "", usd(floor.linesFloorUsd)],
    ["Floor", "", usd(floor.monthlyUsd)],
    ...gapRows,
    ["Gap", "", usd(floor.gapUsd)],
    ["This stack", "", usd(floor.stackMonthlyUsd)],
  ]);
  const unclassified =
    floor.unclassifiedLineItems.length === 0
      ? []
      : [`Line items without a floor rule, counted whole in the gap: ${floor.unclassifiedLineItems.join(", ")}.`];
  return [
    "Physical floor (lib/models/cost/physicalFloor.ts): the fixed costs no design avoids plus the web service's vCPU-hours at 100% utilization.",
    "",
    ...rows,
    ...unclassified,
    `The best any design could save: ${dollars(floor.bestSavingsUsd)} per month (${percent(floor.bestSavingsPercent)}) against the same baseline; ` +
      `this stack saves ${percent(savingsPercent)}, ${percent(floor.savingsCapturedPercent)} of that.`,
  ];
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
    ...physicalFloorLines(report.physicalFloor, report.savingsPercent),
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
