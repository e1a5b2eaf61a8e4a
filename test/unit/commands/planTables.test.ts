/**
 * The cost tables every plan format shares: line items side by side, subtotals by component, and
 * the sentence under the waterfall for each lever that costs more. From the golden dev plan
 * document (test/golden/plan-dev.json) and constructed reports.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { PlanDocument } from "../../../lib/commands/plan/planDocument";
import {
  billChange,
  billChangePercentText,
  complianceLineItemTable,
  complianceSummary,
  complianceTable,
  componentRows,
  componentTable,
  costChange,
  costlierLeverNotes,
  costScope,
  leverSaving,
  lineItemRows,
  lineItemTable,
} from "../../../lib/commands/plan/planTables";
import { formatCostReport } from "../../../lib/commands/plan/costText";
import { buildCostReport, type CostReport } from "../../../lib/models/cost/costReport";
import { devSpec, stagingSpec } from "../models/cost/fixtures";

const dev: PlanDocument = JSON.parse(readFileSync(join(__dirname, "..", "..", "golden", "plan-dev.json"), "utf8"));

describe("costChange and leverSaving", () => {
  it.each([
    [-12.3, "-$12.30 (saved)", "-$12.30 (costs more)"],
    [4.5, "+$4.50 (added)", "$4.50"],
    [-0.004, "$0.00", "$0.00"],
  ])("GIVEN %d USD WHEN worded THEN the change reads %s and the saving %s", (usd, change, saving) => {
    expect(costChange(usd)).toBe(change);
    expect(leverSaving(usd)).toBe(saving);
  });
});

describe("GIVEN the golden dev cost report", () => {
  const cost = dev.cost;

  it("WHEN listing line items THEN there is one row per id, in baseline order, each with both sides and this stack minus the baseline", () => {
    const rows = lineItemRows(cost);
    expect(rows.map((r) => r.id)).toEqual(cost.baseline.lineItems.map((item) => item.id));
    for (const row of rows) {
      const before = cost.baseline.lineItems.find((item) => item.id === row.id)!;
      const after = cost.optimized.lineItems.find((item) => item.id === row.id)!;
      expect(row).toEqual({
        component: after.component,
        id: row.id,
        unit: after.unit,
        baseline: before,
        optimized: after,
        changeUsd: after.monthlyUsd - before.monthlyUsd,
      });
    }
  });

  it("WHEN subtotalling THEN each component's sums add up to both totals", () => {
    const rows = componentRows(cost);
    expect(rows.map((r) => r.component)).toEqual([...new Set(cost.baseline.lineItems.map((item) => item.component))]);
    expect(rows.reduce((sum, r) => sum + r.baselineUsd, 0)).toBeCloseTo(cost.baseline.monthlyUsd, 9);
    expect(rows.reduce((sum, r) => sum + r.optimizedUsd, 0)).toBeCloseTo(cost.optimized.monthlyUsd, 9);
    rows.forEach((r) => expect(r.changeUsd).toBeCloseTo(r.optimizedUsd - r.baselineUsd, 12));
  });

  it("WHEN explaining the levers that cost more THEN there is none: with dev's minimum of 1 task autoscaling saves, and enhanced Container Insights on its few tasks costs less than the baseline's standard metrics", () => {
    const lever = (aspect: string) => cost.levers.find((l) => l.aspect === aspect)!;
    expect(lever("autoscaling").monthlyUsdSaved).toBeGreaterThan(0);
    expect(lever("containerInsights").monthlyUsdSaved).toBeGreaterThan(0);
    expect(costlierLeverNotes(cost)).toEqual([]);
  });
});

/** How a report's lever moved its largest line items, as the sentences print them. */
function movedText(cost: CostReport, aspect: string): string {
  return cost.levers
    .find((l) => l.aspect === aspect)!
    .largestChanges.map((c) => `${c.id} ${c.monthlyUsdChange < 0 ? "-" : "+"}$${Math.abs(c.monthlyUsdChange).toFixed(2)}`)
    .join(", ");
}

const saved = (cost: CostReport, aspect: string) => cost.levers.find((l) => l.aspect === aspect)!.monthlyUsdSaved;

// The dev defaults with the business-hours minimum of 10 tasks they had before December 2026: a
// minimum that, held all week at the autoscaling step, costs more than the baseline's fixed fleet.
describe("GIVEN dev's cost report with a business-hours minimum of 10 tasks (apiMinTasks=10)", () => {
  const cost = buildCostReport(devSpec({ apiMinTasks: "10" }));

  it("WHEN explaining the levers that cost more THEN autoscaling alone gets one sentence with its amount, its largest changes, why, and what the off-hours schedule wins back", () => {
    expect(costlierLeverNotes(cost)).toEqual([
      `Target-tracking autoscaling instead of a fixed fleet costs $${(-saved(cost, "autoscaling")).toFixed(2)} more at its place in the order (${movedText(cost, "autoscaling")}): ` +
        "at this step the fleet target tracking keeps for the latency target (and the business-hours minimum) runs all week; " +
        `the next lever, the off-hours schedule, lowers it and saves $${saved(cost, "scheduledScaling").toFixed(2)}.`,
    ]);
    expect(saved(cost, "scheduledScaling")).toBeGreaterThan(0);
  });

  it("WHEN the cost report is printed as text THEN the sentence is printed once, indented, a blank line after it", () => {
    const lines = formatCostReport(cost).split("\n");
    const [note] = costlierLeverNotes(cost);
    expect(lines.filter((line) => line.includes("more at its place in the order"))).toEqual([`  ${note}`]);
    expect(lines[lines.indexOf(`  ${note}`) + 1]).toBe("");
  });
});

// Without the off-hours schedule the 10 tasks run all week, so enhanced Container Insights' per-task
// metrics on them cost more than the baseline's standard metrics too.
describe("GIVEN dev's cost report with a minimum of 10 tasks and the off-hours schedule off (apiMinTasks=10, scheduledScaling=false)", () => {
  const cost = buildCostReport(devSpec({ apiMinTasks: "10", scheduledScaling: "false" }));

  it("WHEN explaining the levers that cost more THEN autoscaling and Container Insights each get one sentence with their amount, their largest changes and why, and the schedule is not said to win anything back", () => {
    expect(saved(cost, "scheduledScaling")).toBe(0);
    expect(costlierLeverNotes(cost)).toEqual([
      `Target-tracking autoscaling instead of a fixed fleet costs $${(-saved(cost, "autoscaling")).toFixed(2)} more at its place in the order (${movedText(cost, "autoscaling")}): ` +
        "at this step the fleet target tracking keeps for the latency target (and the business-hours minimum) runs all week.",
      `Container Insights mode costs $${(-saved(cost, "containerInsights")).toFixed(2)} more at its place in the order (${movedText(cost, "containerInsights")}): ` +
        "enhanced Container Insights bills per-task and per-container metrics that the baseline's standard level does not have (decision 0003).",
    ]);
  });
});

describe("GIVEN a report whose optimized side drops one line item and adds another", () => {
  const [first, ...rest] = dev.cost.optimized.lineItems;
  const extra = {
    ...first,
    id: "extra-item",
    component: "extra" as CostReport["optimized"]["lineItems"][number]["component"],
    monthlyUsd: 2,
  };
  const cost: CostReport = { ...dev.cost, optimized: { monthlyUsd: 0, lineItems: [...rest, extra] }, levers: [] };

  it("WHEN listing line items THEN the dropped one has no optimized side and the added one no baseline side, last", () => {
    const rows = lineItemRows(cost);
    expect(rows.find((r) => r.id === first.id)).toMatchObject({
      optimized: undefined,
      changeUsd: -dev.cost.baseline.lineItems[0].monthlyUsd,
    });
    expect(rows.at(-1)).toMatchObject({ id: "extra-item", baseline: undefined, changeUsd: 2 });
    expect(componentRows(cost).at(-1)).toEqual({ component: "extra", baselineUsd: 0, optimizedUsd: 2, changeUsd: 2 });
  });

  it("WHEN tabulated THEN the dropped item's quantity and cost read - and $0.00 on its missing side, and the totals row is each side's total", () => {
    const items = lineItemTable(cost);
    const dropped = items.rows.find((row) => row[1] === first.id)!;
    expect(dropped.slice(5)).toEqual(["-", "$0.00", `-$${dev.cost.baseline.lineItems[0].monthlyUsd.toFixed(2)} (saved)`]);
    expect(items.total).toEqual([
      "",
      "Total per month",
      "",
      "",
      `$${dev.cost.baseline.monthlyUsd.toFixed(2)}`,
      "",
      "$0.00",
      `-$${dev.cost.baseline.monthlyUsd.toFixed(2)} (saved)`,
    ]);
    expect([...items.numeric]).toEqual([3, 4, 5, 6, 7]);
    expect(componentTable(cost).rows.at(-1)).toEqual(["extra", "$0.00", "$2.00", "+$2.00 (added)"]);
  });

  it("WHEN no lever costs more THEN there is no note", () => {
    expect(costlierLeverNotes(cost)).toEqual([]);
  });
});

describe("GIVEN staging's cost report (WAF in block mode, archive on, DNS Firewall off), built from its spec", () => {
  const cost = buildCostReport(stagingSpec());
  const { compliance } = cost;

  it("WHEN the controls are tabulated THEN each control reads its name, setting, on or off and monthly cost, with the section's total", () => {
    const table = complianceTable(cost);
    expect(table.header).toEqual(["Compliance control", "Setting", "State", "Per month"]);
    expect(table.rows).toEqual([
      ["Web application firewall on the ALB", "wafMode=block", "on", `$${compliance.controls[0].monthlyUsd.toFixed(2)}`],
      ["ALB access logs to the archive", "albAccessLogs=true", "on", `$${compliance.controls[1].monthlyUsd.toFixed(2)}`],
      ["VPC flow logs to the archive", "vpcFlowLogs=true", "on", `$${compliance.controls[2].monthlyUsd.toFixed(2)}`],
      [
        "Blocking audit stream (audit log groups)",
        "audit log groups=2",
        "on",
        `$${compliance.controls[3].monthlyUsd.toFixed(2)}`,
      ],
      ["Audit events to the archive", "auditEventsToArchive=true", "on", `$${compliance.controls[4].monthlyUsd.toFixed(2)}`],
      ["Route 53 Resolver DNS Firewall", "dnsFirewall=false", "off", "$0.00"],
    ]);
    expect(table.total).toEqual(["Total per month", "", "", `$${compliance.monthlyUsd.toFixed(2)}`]);
    expect([...table.numeric]).toEqual([3]);
  });

  it("WHEN the compliance lines are tabulated THEN there is one row per line, named by its control, with the total", () => {
    const table = complianceLineItemTable(cost);
    expect(table.rows).toHaveLength(compliance.lineItems.length);
    expect(table.rows[0]).toEqual(["waf", "waf-web-acl", "web ACL-month", "1", "$5.00"]);
    expect(table.rows.at(-1)).toEqual(["dnsFirewall", "dns-firewall-queries", "query", "0", "$0.00"]);
    expect(table.rows.map((row) => row[0]).filter((control, i, all) => all.indexOf(control) === i)).toEqual([
      "waf",
      "albAccessLogs",
      "vpcFlowLogs",
      "auditStream",
      "auditEvents",
      "dnsFirewall",
    ]);
    expect(table.total).toEqual(["", "Total per month", "", "", `$${compliance.monthlyUsd.toFixed(2)}`]);
    expect([...table.numeric]).toEqual([3, 4]);
  });

  it("WHEN summarised THEN the like-for-like savings and the bill change with the controls are stated, and the scope says the controls are outside", () => {
    const bill = cost.optimized.monthlyUsd + compliance.monthlyUsd;
    // Staging's controls cost less than its like-for-like savings: the bill falls.
    expect(bill).toBeLessThan(cost.baseline.monthlyUsd);
    expect(complianceSummary(cost)).toEqual([
      `Like-for-like savings (this stack against the baseline, without the controls; the 40% target is judged on it): $${cost.savingsUsd.toFixed(2)} per month (${cost.savingsPercent.toFixed(1)}%).`,
      `Bill change with the compliance controls the baseline lacks: $${cost.baseline.monthlyUsd.toFixed(2)} -> $${bill.toFixed(2)} per month ` +
        `(this stack $${cost.optimized.monthlyUsd.toFixed(2)} + controls $${compliance.monthlyUsd.toFixed(2)}), ${cost.billChangePercent.toFixed(1)}%, the bill falls.`,
    ]);
    expect(costScope(cost)).toContain(`as are the compliance controls ($${compliance.monthlyUsd.toFixed(2)} per month, below).`);
  });

  it.each([
    [12.34, "+12.3%", "+12.3%, the bill rises"],
    [-8, "-8.0%", "-8.0%, the bill falls"],
    [0.04, "0.0%", "0.0%, the bill is unchanged"],
    [-0.04, "0.0%", "0.0%, the bill is unchanged"],
  ])("GIVEN a bill change of %d%% THEN it reads %s and in words %s", (billChangePercent, signed, words) => {
    expect(billChangePercentText({ ...cost, billChangePercent })).toBe(signed);
    expect(billChange({ ...cost, billChangePercent })).toBe(words);
  });

  it("GIVEN savings below zero THEN the like-for-like sentence carries the sign", () => {
    const [savings] = complianceSummary({ ...cost, savingsUsd: -12.347, savingsPercent: -1.9 });
    expect(savings).toBe(
      "Like-for-like savings (this stack against the baseline, without the controls; the 40% target is judged on it): -$12.35 per month (-1.9%).",
    );
  });
});
