/**
 * The plan as an HTML page: the golden prod plan document rendered once, and once a copy with a
 * hostile warning, an overloaded hour and an overloaded failing scenario (rendering the charts costs
 * about a second, so each page is built once in beforeAll). The page opened in a real browser is
 * test/browser/planReport.test.ts.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { LineItem } from "../../../lib/models/cost/estimate";
import type { PlanDocument } from "../../../lib/commands/plan/planDocument";
import { escapeHtml, formatPlanHtml } from "../../../lib/commands/plan/planHtml";
import { planChartSpecs, scenarioTimeline } from "../../../lib/commands/plan/planCharts";
import { costlierLeverNotes } from "../../../lib/commands/plan/planTables";
import { OVERLOADED } from "../../../lib/commands/plan/sloWords";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { loadStack } from "../../../lib/commands/stackConfig";
import { dollars, percent } from "../../../lib/format";

const golden = (stack: string): PlanDocument =>
  JSON.parse(readFileSync(join(__dirname, "..", "..", "golden", `plan-${stack}.json`), "utf8"));

const count = (text: string, needle: string | RegExp): number =>
  needle instanceof RegExp ? (text.match(needle) ?? []).length : text.split(needle).length - 1;

/** The text inside the first element that carries this attribute. */
const hooked = (html: string, attribute: string): string => {
  const match = html.match(new RegExp(`<[a-z]+ ${attribute}>([^<]*)<`));
  return match ? match[1] : "";
};

describe("GIVEN the golden prod plan document", () => {
  const document = golden("prod");
  const { spec } = loadStack(PROJECT_DIR, "prod", []);
  let html: string;
  beforeAll(async () => {
    html = await formatPlanHtml(document, spec);
  });

  it("WHEN rendered as HTML THEN it is one page with doctype, language, charset and title, and the verdict before the charts", () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(count(html, "<title>Plan for stack prod (payment-platform)</title>")).toBe(1);
    expect(html.indexOf('<h2 id="verdict">')).toBeLessThan(html.indexOf('<h2 id="warnings">'));
    expect(html.indexOf('<h2 id="warnings">')).toBeLessThan(html.indexOf('<h2 id="charts">'));
    expect(html.indexOf('<h2 id="charts">')).toBeLessThan(html.indexOf('<h2 id="cost">'));
    expect(count(html, "<dt>")).toBe(4);
    const { cost } = document;
    expect(
      count(
        html,
        `<dd><span>${dollars(cost.optimized.monthlyUsd)} for this stack against ${dollars(cost.baseline.monthlyUsd)} for the baseline; ` +
          `${dollars(cost.optimized.monthlyUsd + cost.compliance.monthlyUsd)} with the compliance controls (bill ${cost.billChangePercent > 0 ? "+" : ""}${percent(cost.billChangePercent)})</span></dd>`,
      ),
    ).toBe(1);
  });

  it("WHEN the charts are counted THEN there are 4 plus one per scenario, each a figure with an inline SVG in page order", () => {
    const charts = [...html.matchAll(/<figure class="chart" data-chart="([a-z-]+)"[^>]*>\n<svg/g)].map((m) => m[1]);
    expect(charts).toEqual([
      "cost-by-component",
      "savings-waterfall",
      "hourly-week",
      "scenario-diurnal",
      "scenario-spike",
      "scenario-spot-reclaim",
      "scenario-az-loss",
    ]);
    expect(charts).toHaveLength(3 + document.slo.scenarios.length);
    expect(count(html, "<svg")).toBe(7);
    expect(count(html, "</svg>")).toBe(7);
    expect(count(html, ">Hour of the week (a tick at each midnight), US Eastern (America/New_York)</text>")).toBe(1);
  });

  it("WHEN the totals are read from their hooks THEN they are the document's numbers as lib/format prints them", () => {
    const { cost } = document;
    expect({
      baseline: hooked(html, 'data-total="baseline"'),
      optimized: hooked(html, 'data-total="optimized"'),
      savings: hooked(html, 'data-total="savings"'),
      percent: hooked(html, "data-savings-percent"),
    }).toEqual({
      baseline: dollars(cost.baseline.monthlyUsd),
      optimized: dollars(cost.optimized.monthlyUsd),
      savings: dollars(cost.savingsUsd),
      percent: percent(cost.savingsPercent),
    });
  });

  it("WHEN the tables are counted THEN there is a row per component, line item, lever, scenario and steady state, the totals in footers, and a note per lever that costs more", () => {
    const { cost, slo } = document;
    const components = new Set(cost.baseline.lineItems.map((i) => i.component)).size;
    const lineItems = new Set([...cost.baseline.lineItems, ...cost.optimized.lineItems].map((i) => i.id)).size;
    const bodies = [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => count(m[1], "<tr>"));
    expect(bodies).toEqual([
      components,
      lineItems,
      cost.levers.length,
      cost.compliance.controls.length,
      cost.compliance.lineItems.length,
      slo.scenarios.length,
      slo.steadyStates.length,
    ]);
    expect(count(html, "<tfoot>")).toBe(5);
    // 4 scenarios and 5 steady states, all passing.
    expect(count(html, '<td class="good">pass</td>')).toBe(9);
    const notes = costlierLeverNotes(cost);
    expect(notes).toHaveLength(cost.levers.filter((l) => Math.round(l.monthlyUsdSaved * 100) < 0).length);
    expect(count(html, "more at its place in the order")).toBe(notes.length);
    for (const note of notes) expect(count(html, `<li>${escapeHtml(note)}</li>`)).toBe(1);
    expect(count(html, '<ul class="notes" data-bill-change-percent=')).toBe(1);
  });

  it("WHEN every lever saves (each made positive) THEN no note follows the waterfall and its chart says no lever moves the bar right", async () => {
    // With the diurnal scenario alone, so only four charts are rendered.
    const saving: PlanDocument = {
      ...document,
      cost: {
        ...document.cost,
        levers: document.cost.levers.map((l) => ({ ...l, monthlyUsdSaved: Math.abs(l.monthlyUsdSaved) })),
      },
      slo: { ...document.slo, scenarios: document.slo.scenarios.slice(0, 1) },
    };
    const waterfall = planChartSpecs(saving, spec).find((c) => c.id === "savings-waterfall")!;
    expect(waterfall.description).toMatch(/; a lever that costs more moves the bar right: none does\.$/);
    const page = await formatPlanHtml(saving, spec);
    expect(count(page, "more at its place in the order")).toBe(0);
    expect(count(page, '<ul class="notes">')).toBe(0);
    expect(count(page, "a lever that costs more moves the bar right: none does.")).toBe(1);
  });

  it("WHEN the steady states are read THEN the routing assumption introduces their table, one row per state with its cells and pass", () => {
    const { slo } = document;
    expect(count(html, `<p>Steady states re-checked by the routing simulation (${slo.routing}):</p>`)).toBe(1);
    for (const s of slo.steadyStates) {
      expect(
        count(
          html,
          `<tr><td>${s.name}</td><td class="num">${s.rps} rps</td><td class="num">${s.tasks}</td><td class="num">${s.nodes}</td>` +
            `<td class="num">${Math.round(s.utilization! * 1000) / 10}%</td><td class="num">${s.simulatedP99Ms} ms</td>` +
            `<td class="num">${s.approximationP99Ms} ms</td><td class="good">pass</td></tr>`,
        ),
      ).toBe(1);
    }
  });

  it("WHEN the compliance section is read THEN it comes after the waterfall, lists every control and carries the bill change in its hook", () => {
    const { compliance, billChangePercent } = document.cost;
    expect(html.indexOf('<h2 id="waterfall">')).toBeLessThan(html.indexOf('<h2 id="compliance">'));
    expect(html.indexOf('<h2 id="compliance">')).toBeLessThan(html.indexOf('<h2 id="scenarios">'));
    for (const c of compliance.controls) {
      expect(
        count(
          html,
          `<tr><td>${c.name}</td><td>${c.setting}</td><td>${c.enabled ? "on" : "off"}</td><td class="num">${dollars(c.monthlyUsd)}</td></tr>`,
        ),
      ).toBe(1);
    }
    expect(count(html, `data-bill-change-percent="${billChangePercent}"`)).toBe(1);
    expect(count(html, "<li>Like-for-like savings (this stack against the baseline")).toBe(1);
    expect(count(html, "<li>Bill change with the compliance controls the baseline lacks: ")).toBe(1);
  });

  it("WHEN searched for anything that would load at view time THEN there is no script, link, src, url() or import", () => {
    expect(count(html, /<script|<link|<img|<iframe|src=|url\(|@import|xlink:href/gi)).toBe(0);
    // The only URLs are the SVG namespace names of each chart, which nothing fetches.
    const urls = [...html.matchAll(/https?:\/\/[^"'\s)]*/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]));
    expect(count(html, /xmlns(:xlink)?="http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)"/g)).toBe(urls.length);
  });
});

describe("GIVEN a copy with a hostile project name and line item, autoscaling costing $12.34 more, an overloaded hour, an overloaded failing spike and spike plateau, on a web service held at 6 tasks", () => {
  const prod = loadStack(PROJECT_DIR, "prod", []).spec;
  // Held at 6 tasks, the web service cannot scale out for the tripled spike: part of the simulated
  // timeline overloads, which the spike's chart must show as a band, not as a p99 value.
  const held = 6;
  const spec = {
    ...prod,
    services: Object.fromEntries(
      Object.entries(prod.services).map(([id, s]) => [
        id,
        s.role === "web"
          ? { ...s, minTasks: held, maxTasks: held, desiredTasks: held, onDemandBase: Math.min(s.onDemandBase, held) }
          : s,
      ]),
    ),
  } as typeof prod;
  const timeoutMs = spec.loadBalancer.idleTimeoutSeconds * 1000;
  const base = golden("prod");
  const hostile = `<script>alert("x")</script> & 'quoted'`;
  const [dropped, ...keptBaseline] = base.cost.baseline.lineItems;
  const document: PlanDocument = {
    ...base,
    project: hostile,
    warnings: [],
    cost: {
      ...base.cost,
      // A line item only this stack has, one only the baseline has, and one lever that costs more
      // (no default stack has one: the golden prod page above shows the case without).
      baseline: { ...base.cost.baseline, lineItems: keptBaseline },
      optimized: {
        ...base.cost.optimized,
        lineItems: [...base.cost.optimized.lineItems.filter((i) => i.id !== keptBaseline[0].id), { ...dropped, id: hostile }],
      },
      levers: base.cost.levers.map((l) => ({
        ...l,
        monthlyUsdSaved: l.aspect === "autoscaling" ? -12.34 : Math.abs(l.monthlyUsdSaved),
      })),
    },
    slo: {
      ...base.slo,
      meetsTarget: false,
      hourly: base.slo.hourly.map((h) => (h.hourOfWeek === 9 ? { ...h, p99Ms: null } : h)),
      scenarios: base.slo.scenarios.map((s) =>
        s.name === "spike" ? { ...s, worstP99Ms: timeoutMs, minutesOverSlo: 1, passed: false } : s,
      ),
      steadyStates: base.slo.steadyStates.map((s) =>
        s.name === "spike" ? { ...s, approximationP99Ms: null, simulatedP99Ms: null, passed: false } : s,
      ),
    },
  };
  let html: string;
  beforeAll(async () => {
    html = await formatPlanHtml(document, spec);
  });

  it("WHEN rendered THEN the hostile project name and line item id are escaped, never markup, and there is no warnings section", () => {
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;";
    expect(escapeHtml(hostile)).toBe(escaped);
    expect(count(html, "<script")).toBe(0);
    expect(count(html, `<title>Plan for stack prod (${escaped})</title>`)).toBe(1);
    expect(count(html, `<td>${escaped}</td>`)).toBe(1);
    expect(count(html, '<h2 id="warnings">')).toBe(0);
  });

  it("WHEN a line item is on one side only THEN its other side reads - and $0.00; the lever costing more gets its note below the waterfall and the chart names it", () => {
    const row = (item: LineItem) => `<td>${item.component}</td><td>${item.id}</td><td>${item.unit}</td>`;
    expect(count(html, `${row(dropped)}<td class="num">-</td><td class="num">$0.00</td>`)).toBe(1);
    expect(count(html, `${row(keptBaseline[0])}<td class="num">${keptBaseline[0].quantity}</td>`)).toBe(1);
    // Baseline side of the dropped and the added item, this stack's side of the removed one.
    expect(count(html, /<td class="num">-<\/td><td class="num">\$0\.00<\/td>/g)).toBe(3);
    expect(
      count(
        html,
        '<ul class="notes"><li>Target-tracking autoscaling instead of a fixed fleet costs $12.34 more at its place in the order (',
      ),
    ).toBe(1);
    expect(count(html, "a lever that costs more moves the bar right: none does.")).toBe(0);
    expect(
      count(
        html,
        "a lever that costs more moves the bar right: Target-tracking autoscaling instead of a fixed fleet -$12.34 (costs more).",
      ),
    ).toBe(1);
  });

  it("WHEN rendered THEN the overloaded hour, scenario and steady state are worded as timeouts in the verdict, the tables and the charts", () => {
    const { points } = scenarioTimeline(spec, "spike");
    const overloadedPoints = points.filter((p) => p.p99Ms === null).length;
    // Some minutes overload and some do not: the band and the p99 line are both drawn.
    expect(overloadedPoints > 0 && overloadedPoints < points.length).toBe(true);
    // The golden prod peak hour (Mon 09:00, 250 rps), its p99 made overloaded.
    const peakTasks = base.slo.hourly.find((h) => h.hourOfWeek === 9)!.tasks;
    expect(
      count(html, `worst hour: Mon 09:00 US Eastern (America/New_York), 250 rps on ${peakTasks} tasks, p99 ${OVERLOADED}`),
    ).toBe(1);
    expect(count(html, `failing scenario spike: worst p99 ${OVERLOADED}, 1 minute over target`)).toBe(1);
    expect(count(html, `<tr><td>spike</td><td class="num">${OVERLOADED}</td>`)).toBe(1);
    expect(count(html, '<td class="bad">FAIL</td>')).toBe(2);
    expect(
      count(html, `<td class="num">${OVERLOADED}</td><td class="num">${OVERLOADED}</td><td class="bad">FAIL</td></tr>`),
    ).toBe(1);
    expect(count(html, `; ${OVERLOADED} at Mon 09:00.</figcaption>`)).toBe(1);
    expect(count(html, `; ${overloadedPoints} points ${OVERLOADED}.</figcaption>`)).toBe(1);
  });
});
