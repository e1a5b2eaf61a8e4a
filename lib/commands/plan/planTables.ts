/**
 * The plan's cost tables as data, shared by every format (text, markdown, HTML) so they show the
 * same rows and the same words: line items side by side, subtotals by component, and one sentence
 * for each lever that costs more than the baseline setting it replaces.
 */
import type { BaselineAspect } from "../../models/cost/baseline";
import type { CostReport } from "../../models/cost/costReport";
import type { LineItem } from "../../models/cost/estimate";
import { dollars, percent, quantity, signedDollars } from "../../format";

/** This stack minus the baseline, with the word for its sign: a negative change is money saved. */
export function costChange(usdDelta: number): string {
  const text = signedDollars(usdDelta);
  return text.startsWith("-") ? `${text} (saved)` : text.startsWith("+") ? `${text} (added)` : text;
}

/** A lever's saving: a negative one costs more than the baseline setting it replaces. */
export function leverSaving(usdSaved: number): string {
  const text = signedDollars(usdSaved);
  return text.startsWith("-") ? `${text} (costs more)` : text.replace(/^\+/, "");
}

export interface LineItemRow {
  component: string;
  id: string;
  unit: string;
  baseline?: LineItem;
  optimized?: LineItem;
  /** This stack minus the baseline, in USD per month. */
  changeUsd: number;
}

/** One row per line item id, in baseline order, then any this stack adds. */
export function lineItemRows(cost: CostReport): LineItemRow[] {
  const { baseline, optimized } = cost;
  const ids = [...new Set([...baseline.lineItems, ...optimized.lineItems].map((item) => item.id))];
  return ids.map((id) => {
    const before = baseline.lineItems.find((item) => item.id === id);
    const after = optimized.lineItems.find((item) => item.id === id);
    const item = (after ?? before)!;
    return {
      component: item.component,
      id,
      unit: item.unit,
      baseline: before,
      optimized: after,
      changeUsd: (after?.monthlyUsd ?? 0) - (before?.monthlyUsd ?? 0),
    };
  });
}

export interface ComponentRow {
  component: string;
  baselineUsd: number;
  optimizedUsd: number;
  changeUsd: number;
}

/** The subtotals by component (compute, network, observability, ...), in line item order. */
export function componentRows(cost: CostReport): ComponentRow[] {
  const rows = lineItemRows(cost);
  const components = [...new Set(rows.map((row) => row.component))];
  return components.map((component) => {
    const mine = rows.filter((row) => row.component === component);
    const baselineUsd = mine.reduce((sum, row) => sum + (row.baseline?.monthlyUsd ?? 0), 0);
    const optimizedUsd = mine.reduce((sum, row) => sum + (row.optimized?.monthlyUsd ?? 0), 0);
    return { component, baselineUsd, optimizedUsd, changeUsd: optimizedUsd - baselineUsd };
  });
}

/** A table as the markdown and HTML formats print it: header, rows, total row, right-aligned columns. */
export interface CostTable {
  header: string[];
  rows: string[][];
  total: string[];
  numeric: ReadonlySet<number>;
}

const qty = (item: LineItem | undefined): string => (item ? quantity(item.quantity) : "-");

const totalChange = (cost: CostReport): string => costChange(cost.optimized.monthlyUsd - cost.baseline.monthlyUsd);

/** Cost by component: baseline, this stack and the change, with the totals. */
export function componentTable(cost: CostReport): CostTable {
  return {
    header: ["Component", "Baseline", "This stack", "Change"],
    rows: componentRows(cost).map((row) => [
      row.component,
      dollars(row.baselineUsd),
      dollars(row.optimizedUsd),
      costChange(row.changeUsd),
    ]),
    total: ["Total per month", dollars(cost.baseline.monthlyUsd), dollars(cost.optimized.monthlyUsd), totalChange(cost)],
    numeric: new Set([1, 2, 3]),
  };
}

/** Every line item: its component, unit, both quantities and costs, and the change, with the totals. */
export function lineItemTable(cost: CostReport): CostTable {
  return {
    header: ["Component", "Line item", "Unit", "Baseline qty", "Baseline", "This stack qty", "This stack", "Change"],
    rows: lineItemRows(cost).map((row) => [
      row.component,
      row.id,
      row.unit,
      qty(row.baseline),
      dollars(row.baseline?.monthlyUsd ?? 0),
      qty(row.optimized),
      dollars(row.optimized?.monthlyUsd ?? 0),
      costChange(row.changeUsd),
    ]),
    total: [
      "",
      "Total per month",
      "",
      "",
      dollars(cost.baseline.monthlyUsd),
      "",
      dollars(cost.optimized.monthlyUsd),
      totalChange(cost),
    ],
    numeric: new Set([3, 4, 5, 6, 7]),
  };
}

/** The compliance controls: each one's name, setting, on or off, and what it costs a month, with the total. */
export function complianceTable(cost: CostReport): CostTable {
  const { compliance } = cost;
  return {
    header: ["Compliance control", "Setting", "State", "Per month"],
    rows: compliance.controls.map((c) => [c.name, c.setting, c.enabled ? "on" : "off", dollars(c.monthlyUsd)]),
    total: ["Total per month", "", "", dollars(compliance.monthlyUsd)],
    numeric: new Set([3]),
  };
}

/** Every compliance line item: its control, unit, quantity and cost, with the total. */
export function complianceLineItemTable(cost: CostReport): CostTable {
  const { compliance } = cost;
  const controlOf = (id: string) => compliance.controls.find((c) => c.lineItemIds.includes(id))!.id;
  return {
    header: ["Control", "Line item", "Unit", "Quantity", "Per month"],
    rows: compliance.lineItems.map((item) => [
      controlOf(item.id),
      item.id,
      item.unit,
      quantity(item.quantity),
      dollars(item.monthlyUsd),
    ]),
    total: ["", "Total per month", "", "", dollars(compliance.monthlyUsd)],
    numeric: new Set([3, 4]),
  };
}

/** The bill change with the controls, signed to a tenth of a percent: "+12.3%", "-8.0%", "0.0%". */
export function billChangePercentText(cost: CostReport): string {
  const tenths = Math.round(cost.billChangePercent * 10);
  return tenths > 0 ? `+${percent(tenths / 10)}` : percent(tenths === 0 ? 0 : tenths / 10);
}

/** The bill change with the controls in words: "+12.3%, the bill rises" or "-8.0%, the bill falls". */
export function billChange(cost: CostReport): string {
  const text = billChangePercentText(cost);
  const word = text.startsWith("+") ? "rises" : text.startsWith("-") ? "falls" : "is unchanged";
  return `${text}, the bill ${word}`;
}

/**
 * The two numbers the report states: the like-for-like savings (the platform against the baseline,
 * what the target judges) and the change in the monthly bill once the controls the baseline lacks
 * are added.
 */
export function complianceSummary(cost: CostReport): string[] {
  const bill = cost.optimized.monthlyUsd + cost.compliance.monthlyUsd;
  const saved = cost.savingsUsd < 0 ? signedDollars(cost.savingsUsd) : dollars(cost.savingsUsd);
  return [
    `Like-for-like savings (this stack against the baseline, without the controls; the ${cost.minSavingsPercent}% target is judged on it): ${saved} per month (${percent(cost.savingsPercent)}).`,
    `Bill change with the compliance controls the baseline lacks: ${dollars(cost.baseline.monthlyUsd)} -> ${dollars(bill)} per month (this stack ${dollars(cost.optimized.monthlyUsd)} + controls ${dollars(cost.compliance.monthlyUsd)}), ${billChange(cost)}.`,
  ];
}

/** What the cost tables price, and what they leave out. */
export function costScope(cost: CostReport): string {
  return `${cost.region}, ${cost.currency}, ${cost.hoursPerMonth} hours per month, prices as of ${cost.pricesAsOf}. The payments table and the reference image cost the same in both (${dollars(cost.paymentData.monthlyUsd)} per month) and are outside these totals, as are the compliance controls (${dollars(cost.compliance.monthlyUsd)} per month, below).`;
}

/**
 * Why a lever can cost more than the baseline setting it replaces. Levers apply one at a time in a
 * fixed order (lib/models/cost/levers.ts), so a later one can win back what an earlier one adds.
 */
const COSTS_MORE_BECAUSE: Record<BaselineAspect, string> = {
  architecture: "the chosen CPU architecture costs more per vCPU-hour than the baseline's",
  taskSize: "the tasks are larger than the baseline's",
  autoscaling:
    "at this step the fleet target tracking keeps for the latency target (and the business-hours minimum) runs all week",
  scheduledScaling: "the off-hours minimum is higher than the baseline's fixed fleet",
  spot: "more tasks run on-demand than in the baseline",
  natGateways: "this stack runs more NAT gateways than the baseline",
  interfaceEndpoints:
    "interface endpoints bill per AZ-hour whatever the traffic, and at this traffic the NAT data they avoid costs less",
  availabilityZones: "this stack spans more Availability Zones than the baseline, with one more of each per-AZ resource",
  logRetention: "logs are kept longer than in the baseline",
  logClass: "the log class costs more than the baseline's",
  containerInsights:
    "enhanced Container Insights bills per-task and per-container metrics that the baseline's standard level does not have (decision 0003)",
};

/** Which later lever wins back what a costlier one adds, where one does: the off-hours schedule after autoscaling. */
function wonBack(cost: CostReport, aspect: BaselineAspect): string {
  const schedule = cost.levers.find((l) => l.aspect === "scheduledScaling");
  if (aspect !== "autoscaling" || schedule === undefined || Math.round(schedule.monthlyUsdSaved * 100) <= 0) return "";
  return `; the next lever, the off-hours schedule, lowers it and saves ${dollars(schedule.monthlyUsdSaved)}`;
}

/** One sentence per lever that costs more (rounded to the cent): how much, the line items it moves most, and why. */
export function costlierLeverNotes(cost: CostReport): string[] {
  return cost.levers
    .filter((lever) => Math.round(lever.monthlyUsdSaved * 100) < 0)
    .map((lever) => {
      const moved = lever.largestChanges.map((c) => `${c.id} ${signedDollars(c.monthlyUsdChange)}`).join(", ");
      return `${lever.lever} costs ${dollars(-lever.monthlyUsdSaved)} more at its place in the order (${moved}): ${COSTS_MORE_BECAUSE[lever.aspect]}${wonBack(cost, lever.aspect)}.`;
    });
}
