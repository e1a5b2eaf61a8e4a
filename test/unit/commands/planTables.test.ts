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
import { buildCostReport, type CostReport } from "../../../lib/models/cost/costReport";
import { stagingSpec } from "../models/cost/fixtures";

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

  it("WHEN explaining the levers that cost more THEN autoscaling and Container Insights each get one sentence with their amount, their largest changes and why", () => {
    const lever = (aspect: string) => cost.levers.find((l) => l.aspect === aspect)!;
    const moved = (aspect: string) =>
      lever(aspect)
        .largestChanges.map((c) => `${c.id} ${c.monthlyUsdChange < 0 ? "-" : "+"}$${Math.abs(c.monthlyUsdChange).toFixed(2)}`)
        .join(", ");
    expect(costlierLeverNotes(cost)).toEqual([
      `Target-tracking autoscaling instead of a fixed fleet costs $${(-lever("autoscaling").monthlyUsdSaved).toFixed(2)} more at its place in the order (${moved("autoscaling")}): ` +
        "at this step the scaling minimum (held for a tripled load in business hours, decision 0004) runs all week; " +
        `the next lever, the off-hours schedule, lowers it and saves $${lever("scheduledScaling").monthlyUsdSaved.toFixed(2)}.`,
      `Container Insights mode costs $${(-lever("containerInsights").monthlyUsdSaved).toFixed(2)} more at its place in the order (${moved("containerInsights")}): ` +
        "enhanced Container Insights bills per-task and per-container metrics that the baseline's standard level does not have (decision 0003).",
    ]);
  });
});

describe("GIVEN dev's cost report with the off-hours schedule saving nothing (scheduledScaling=false)", () => {
  const levers = dev.cost.levers.map((l) => (l.aspect === "scheduledScaling" ? { ...l, monthlyUsdSaved: 0 } : l));
  it("WHEN explaining autoscaling THEN the sentence does not say the schedule wins it back", () => {
    const [autoscaling] = costlierLeverNotes({ ...dev.cost, levers });
    expect(autoscaling).toMatch(/^Target-tracking autoscaling instead of a fixed fleet costs .* runs all week\.$/);
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
