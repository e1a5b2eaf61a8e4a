/**
 * The plan as a pull-request comment: the golden dev and prod plan documents rendered to markdown
 * and read back with a GFM parser (marked's lexer), and the verdict's exact text for a passing plan
 * and for a constructed one that misses both targets.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { lexer, Tokens } from "marked";
import type { PlanDocument } from "../../../lib/commands/plan/planDocument";
import { costlierLeverNotes } from "../../../lib/commands/plan/planTables";
import { formatPlanMarkdown, verdictMarkdown } from "../../../lib/commands/plan/planMarkdown";
import { planExitCode } from "../../../lib/commands/plan/planExitCode";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { loadStack } from "../../../lib/commands/stackConfig";
import { dollars, percent, signedDollars, usd } from "../../../lib/format";

const golden = (stack: string): PlanDocument =>
  JSON.parse(readFileSync(join(__dirname, "..", "..", "golden", `plan-${stack}.json`), "utf8"));
const specOf = (stack: string) => loadStack(PROJECT_DIR, stack, []).spec;

/** The markdown's blocks, without the blank lines between them. */
const blocks = (markdown: string) => lexer(markdown).filter((t) => t.type !== "space");
const tables = (markdown: string) => blocks(markdown).filter((t): t is Tokens.Table => t.type === "table");
const headerOf = (table: Tokens.Table) => table.header.map((c) => c.text);
const lastRow = (table: Tokens.Table) => table.rows[table.rows.length - 1].map((c) => c.text);

/** The verdict's cost line, from the document's numbers (the bill with the compliance controls and its change). */
const costLine = (cost: PlanDocument["cost"]) =>
  `- **Monthly cost:** ${dollars(cost.optimized.monthlyUsd)} for this stack against ${dollars(cost.baseline.monthlyUsd)} for the baseline; ` +
  `${dollars(cost.optimized.monthlyUsd + cost.compliance.monthlyUsd)} with the compliance controls (bill ${cost.billChangePercent > 0 ? "+" : ""}${percent(cost.billChangePercent)})`;

describe.each(["dev", "prod"])("GIVEN the golden %s plan document", (stack) => {
  const document = golden(stack);
  const markdown = formatPlanMarkdown(document, specOf(stack));
  const found = tables(markdown);
  const byHeader = (first: string) => found.find((t) => t.header[0].text === first)!;

  it("WHEN rendered as markdown THEN the first block is the verdict list: stack, cost, savings, p99, exit code", () => {
    const first = blocks(markdown)[0] as Tokens.List;
    expect(first.type).toBe("list");
    expect(first.items.map((item) => item.text.split(":")[0])).toEqual([
      "**Stack",
      "**Monthly cost",
      "**Savings",
      "**p99 latency (target 200 ms)",
      "**Exit code",
    ]);
    expect(first.items[4].text).toBe("**Exit code:** 0: savings and p99 targets met");
  });

  it("WHEN parsed as GFM THEN the tables have the expected headers and one row per component, line item, lever, scenario, steady state and resource type", () => {
    const { cost, slo, resources } = document;
    const components = new Set(cost.baseline.lineItems.map((i) => i.component));
    const lineItems = new Set([...cost.baseline.lineItems, ...cost.optimized.lineItems].map((i) => i.id));
    expect(found.map(headerOf)).toEqual([
      ["Component", "Baseline", "This stack", "Change"],
      ["Component", "Line item", "Unit", "Baseline qty", "Baseline", "This stack qty", "This stack", "Change"],
      ["Lever (applied in this order)", "Saved per month"],
      ["Compliance control", "Setting", "State", "Per month"],
      ["Control", "Line item", "Unit", "Quantity", "Per month"],
      ["Scenario", "Worst p99", "Over target", "Scale-out", "Recovery", "Result"],
      ["Steady state", "Load", "Tasks", "Nodes", "Utilization", "Simulated p99", "Approximation", "Result"],
      ["Type", "Count"],
    ]);
    expect(found.map((t) => t.rows.length)).toEqual([
      components.size + 1,
      lineItems.size + 1,
      cost.levers.length + 1,
      cost.compliance.controls.length + 1,
      cost.compliance.lineItems.length + 1,
      slo.scenarios.length,
      slo.steadyStates.length,
      new Set(resources.map((r) => r.type)).size,
    ]);
    expect(byHeader("Type").rows.reduce((sum, row) => sum + Number(row[1].text), 0)).toBe(resources.length);
    expect(markdown).toContain(`<details><summary>${resources.length} resources of `);
  });

  it("WHEN parsed THEN the totals in the tables equal the document's baseline and optimized monthly cost", () => {
    const { baseline, optimized } = document.cost;
    const total = [`$${usd(baseline.monthlyUsd)}`, `$${usd(optimized.monthlyUsd)}`];
    expect(lastRow(byHeader("Component"))).toEqual([
      "**Total per month**",
      ...total,
      `${signedDollars(optimized.monthlyUsd - baseline.monthlyUsd)} (saved)`,
    ]);
    expect(lastRow(found[1])).toEqual(["", "**Total per month**", "", "", total[0], "", total[1], expect.any(String)]);
    expect(lastRow(byHeader("Lever (applied in this order)"))).toEqual(["**Total**", `$${usd(document.cost.savingsUsd)}`]);
  });

  it("WHEN parsed THEN the compliance section lists each control on or off with its cost, the total, and the two numbers", () => {
    const { compliance, savingsUsd, savingsPercent, baseline, optimized } = document.cost;
    const controls = byHeader("Compliance control");
    expect(controls.rows.map((row) => row.map((c) => c.text))).toEqual([
      ...compliance.controls.map((c) => [c.name, c.setting, c.enabled ? "on" : "off", dollars(c.monthlyUsd)]),
      ["**Total per month**", "", "", dollars(compliance.monthlyUsd)],
    ]);
    expect(markdown).toContain(
      `- Like-for-like savings (this stack against the baseline, without the controls; the 40% target is judged on it): ${dollars(savingsUsd)} per month (${percent(savingsPercent)}).`,
    );
    expect(markdown).toContain(
      `- Bill change with the compliance controls the baseline lacks: ${dollars(baseline.monthlyUsd)} -&gt; ${dollars(optimized.monthlyUsd + compliance.monthlyUsd)} per month`,
    );
  });

  it("WHEN parsed THEN the steady-state table follows the routing assumption, one row per state: its cells and pass, as the document has them", () => {
    const { slo } = document;
    expect(markdown).toContain(`\nSteady states re-checked by the routing simulation (${slo.routing}):\n`);
    expect(byHeader("Steady state").rows.map((row) => row.map((c) => c.text))).toEqual(
      slo.steadyStates.map((s) => [
        s.name,
        `${s.rps} rps`,
        String(s.tasks),
        String(s.nodes),
        `${Math.round(s.utilization! * 1000) / 10}%`,
        `${s.simulatedP99Ms} ms`,
        `${s.approximationP99Ms} ms`,
        "pass",
      ]),
    );
    expect(byHeader("Steady state").rows.map((row) => row[0].text)).toEqual([
      "peak",
      "worst-hour",
      "spot-reclaim",
      "az-loss",
      "spike",
    ]);
  });

  it("WHEN rendered THEN each lever that costs more in the document has one list item below the waterfall, and no other lever", () => {
    const notes = costlierLeverNotes(document.cost);
    expect(notes).toHaveLength(document.cost.levers.filter((l) => Math.round(l.monthlyUsdSaved * 100) < 0).length);
    expect(markdown.split("\n").filter((line) => line.includes("more at its place in the order"))).toEqual(
      notes.map((note) => `- ${note}`),
    );
  });

  /** The document with every lever saving what it saves or costs, and autoscaling set to `autoscaling`. */
  const withLevers = (autoscaling: number | null): PlanDocument => ({
    ...document,
    cost: {
      ...document.cost,
      levers: document.cost.levers.map((l) => ({
        ...l,
        monthlyUsdSaved: l.aspect === "autoscaling" && autoscaling !== null ? autoscaling : Math.abs(l.monthlyUsdSaved),
      })),
    },
  });

  it("WHEN every lever saves (each made positive) THEN no list item follows the waterfall", () => {
    const saving = withLevers(null);
    expect(costlierLeverNotes(saving.cost)).toEqual([]);
    expect(formatPlanMarkdown(saving, specOf(stack))).not.toContain("more at its place in the order");
  });

  it("WHEN autoscaling alone costs $12.34 more THEN one list item right below the waterfall names it and says why", () => {
    const costlier = withLevers(-12.34);
    const notes = costlierLeverNotes(costlier.cost);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^Target-tracking autoscaling instead of a fixed fleet costs \$12\.34 more at its place in the order /,
    );
    // Right below the waterfall's total row, after one blank line.
    const lines = formatPlanMarkdown(costlier, specOf(stack)).split("\n");
    const at = lines.indexOf(`- ${notes[0]}`);
    expect(lines.slice(at - 2, at + 2).map((line) => line.replace(/^(\| \*\*Total\*\* \|).*$/, "$1"))).toEqual([
      "| **Total** |",
      "",
      `- ${notes[0]}`,
      "",
    ]);
  });
});

describe("GIVEN the prod plan, which meets both targets", () => {
  it("WHEN rendered THEN its warnings come before the cost, with <placeholders> escaped so GitHub shows them", () => {
    const markdown = formatPlanMarkdown(golden("prod"), specOf("prod"));
    const warnings = blocks(markdown)[2] as Tokens.List;
    expect(blocks(markdown)[1]).toMatchObject({ type: "heading", text: "Before `pulumi up`" });
    expect(warnings.items.map((item) => item.text)).toEqual(
      golden("prod").warnings.map((w) => w.replace(/</g, "&lt;").replace(/>/g, "&gt;")),
    );
    expect(markdown).toContain("certificate/&lt;id&gt;");
  });

  it("WHEN its verdict is rendered THEN it reads exactly so, with time zones, the scenario count and the tightest scenario (the spike, whose requests time out at the ALB for a moment)", () => {
    // The numbers are the golden document's (test/golden/plan-prod.json), not typed here.
    const { cost, slo } = golden("prod");
    const peak = slo.hourly.reduce((first, hour) => (hour.rps > first.rps ? hour : first));
    const worst = slo.hourly.reduce((first, hour) => (hour.p99Ms! > first.p99Ms! ? hour : first));
    const tightest = slo.scenarios.reduce((first, s) => (s.worstP99Ms > first.worstP99Ms ? s : first));
    expect(tightest.worstP99Ms).toBeGreaterThanOrEqual(specOf("prod").loadBalancer.idleTimeoutSeconds * 1000);
    const at = (hour: typeof peak) =>
      `${["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][Math.floor(hour.hourOfWeek / 24)]} ${String(hour.hourOfWeek % 24).padStart(2, "0")}:00 US Eastern (America/New_York), ${hour.rps} rps on ${hour.tasks} tasks, p99 ${hour.p99Ms} ms`;
    expect(verdictMarkdown(golden("prod"), specOf("prod"))).toEqual([
      "- **Stack:** `prod` (payment-platform, us-east-1), computed offline: nothing was deployed",
      costLine(cost),
      `- **Savings:** ${dollars(cost.savingsUsd)} per month (${percent(cost.savingsPercent)}) against the 40% target: met`,
      "- **p99 latency (target 200 ms):** met",
      `  - peak hour: ${at(peak)}`,
      `  - worst hour: ${at(worst)}`,
      // The spike's worst p99 reaches the ALB's 60 s idle timeout (requests time out) for under the
      // minutes the scenario allows, so it passes and is worded as overload, not as 60000 ms.
      `  - all 4 scenarios pass; the tightest is ${tightest.name}, worst p99 overloaded (requests time out at the ALB idle timeout)`,
      "- **Exit code:** 0: savings and p99 targets met",
    ]);
  });
});

/** Prod missing both targets: more expensive than the baseline, an overloaded peak, two failing scenarios, an overloaded spike plateau. */
function failingPlan(): PlanDocument {
  const document = golden("prod");
  const { cost, slo } = document;
  const peak = slo.hourly.reduce((first, hour) => (hour.rps > first.rps ? hour : first));
  Object.assign(peak, { tasks: 1, p99Ms: null });
  Object.assign(cost, { savingsUsd: -12.347, savingsPercent: -1.9, meetsTarget: false });
  cost.levers = [{ lever: "Fixed | pinned <fleet> & co", aspect: "autoscaling", monthlyUsdSaved: 0.001, largestChanges: [] }];
  // One line item only in the baseline, one only in this stack.
  cost.baseline.lineItems = cost.baseline.lineItems.filter((i) => i.id !== "alarms-standard");
  cost.optimized.lineItems = cost.optimized.lineItems.filter((i) => i.id !== "dashboards");
  Object.assign(slo, { meetsTarget: false });
  Object.assign(slo.scenarios[1], { passed: false, worstP99Ms: 60000, minutesOverSlo: 1 });
  Object.assign(slo.scenarios[3], { passed: false, worstP99Ms: 250.5, minutesOverSlo: 12 });
  Object.assign(slo.steadyStates[4], { passed: false, simulatedP99Ms: null });
  document.warnings = [];
  return document;
}

describe("GIVEN a plan that misses both targets", () => {
  const document = failingPlan();
  const spec = specOf("prod");

  it("WHEN its verdict is rendered THEN the negative saving has its sign and word, overload is named, and exit 3 wins", () => {
    expect(verdictMarkdown(document, spec)).toEqual([
      "- **Stack:** `prod` (payment-platform, us-east-1), computed offline: nothing was deployed",
      costLine(document.cost),
      "- **Savings:** -$12.35 per month, a cost increase (-1.9%) against the 40% target: missed",
      "- **p99 latency (target 200 ms):** missed",
      "  - peak hour: Mon 09:00 US Eastern (America/New_York), 250 rps on 1 task, p99 overloaded (requests time out at the ALB idle timeout)",
      "  - worst hour: Mon 09:00 US Eastern (America/New_York), 250 rps on 1 task, p99 overloaded (requests time out at the ALB idle timeout)",
      "  - failing scenario spike: worst p99 overloaded (requests time out at the ALB idle timeout), 1 minute over target",
      "  - failing scenario az-loss: worst p99 250.5 ms, 12 minutes over target",
      "- **Exit code:** 3: savings below the 40% target; the p99 SLO is missed too (exit 4), and 3 wins when both targets are missed",
    ]);
    expect(planExitCode(document)).toBe(3);
  });

  it("WHEN rendered THEN a `|` stays inside its cell, line items on one side only show a dash, FAIL rows stand out, and no waterfall note is added", () => {
    const markdown = formatPlanMarkdown(document, spec);
    // cost by component, line items, waterfall, the compliance controls and their lines, then the scenarios
    const [, items, waterfall, , , scenarios, steadyStates] = tables(markdown);
    expect(waterfall.rows[0].map((c) => c.text)).toEqual(["Fixed | pinned &lt;fleet&gt; &amp; co", "$0.00"]);
    expect(markdown).toContain("| Fixed \\| pinned &lt;fleet&gt; &amp; co | $0.00 |");
    const row = (id: string) => items.rows.find((r) => r[1].text === id)!.map((c) => c.text);
    expect(row("alarms-standard")).toEqual([
      "monitoring",
      "alarms-standard",
      "alarm-month",
      "-",
      "$0.00",
      "2",
      "$0.20",
      "+$0.20 (added)",
    ]);
    expect(row("dashboards").slice(3)).toEqual(["0", "$0.00", "-", "$0.00", "$0.00"]);
    expect(scenarios.rows.map((r) => r[5].text)).toEqual(["pass", "**FAIL**", "pass", "**FAIL**"]);
    // The golden prod's simulated p99s of the first four, and the spike's plateau made overloaded by failingPlan.
    const kept = document.slo.steadyStates.map((c) => [c.name, `${c.simulatedP99Ms} ms`, "pass"]);
    expect(steadyStates.rows.map((r) => [r[0].text, r[5].text, r[7].text])).toEqual([
      ...kept.slice(0, 4),
      ["spike", "overloaded (requests time out at the ALB idle timeout)", "**FAIL**"],
    ]);
    expect(markdown).not.toContain("costs more than the baseline setting");
    expect(markdown).not.toContain("Before `pulumi up`");
  });

  it("WHEN only the SLO is missed THEN the exit line is 4", () => {
    const sloOnly = failingPlan();
    sloOnly.cost.meetsTarget = true;
    expect(verdictMarkdown(sloOnly, spec).at(-1)).toBe("- **Exit code:** 4: p99 SLO missed");
    expect(planExitCode(sloOnly)).toBe(4);
  });

  it("WHEN only savings are missed THEN the exit line is 3 alone", () => {
    const costOnly = golden("prod");
    costOnly.cost.meetsTarget = false;
    expect(verdictMarkdown(costOnly, spec).at(-1)).toBe("- **Exit code:** 3: savings below the 40% target");
  });
});

describe("GIVEN amounts of money with a sign", () => {
  it("WHEN formatted THEN they carry + or -, and anything that rounds to zero cents is $0.00", () => {
    expect([signedDollars(1.234), signedDollars(-1.236), signedDollars(-0.004), signedDollars(0)]).toEqual([
      "+$1.23",
      "-$1.24",
      "$0.00",
      "$0.00",
    ]);
  });
});
