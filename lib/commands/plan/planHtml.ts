/**
 * The plan as one self-contained HTML page to open in a browser: the verdict first (the same parts
 * as the text and markdown), the warnings, the charts rendered to inline SVG when the page is written
 * (planCharts.ts), then the tables: cost by component, line items, the waterfall and the scenarios.
 * Nothing loads at view time: inline CSS, no script, no external font or image. Every text from the
 * document is escaped. Stable hooks (data-total, data-savings-percent, data-chart) let a test read
 * the totals and find the charts.
 */
import { dollars, percent } from "../../format";
import { PlatformSpec } from "../../spec";
import { Chart, planCharts } from "./planCharts";
import { PlanDocument } from "./planDocument";
import {
  complianceLineItemTable,
  complianceSummary,
  complianceTable,
  componentTable,
  costlierLeverNotes,
  costScope,
  CostTable,
  leverSaving,
  lineItemTable,
} from "./planTables";
import { planVerdict } from "./planVerdict";
import { scenarioCells, SCENARIO_HEADER, steadyStateCells, STEADY_STATE_HEADER } from "./sloWords";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or an attribute value from the document, safe inside HTML. */
export const escapeHtml = (raw: string): string => raw.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A table cell: text is escaped; `attributes` is markup this file writes (hooks, classes). */
interface Cell {
  text: string;
  attributes?: string;
}

const cellOf = (cell: string | Cell): Cell => (typeof cell === "string" ? { text: cell } : cell);

/** A table with a caption; `numeric` columns are right-aligned; the last row is a total when `total` is set. */
function htmlTable(
  caption: string,
  header: string[],
  rows: (string | Cell)[][],
  numeric: ReadonlySet<number>,
  total?: (string | Cell)[],
): string {
  const td = (tag: "td" | "th", cell: string | Cell, column: number) => {
    const { text, attributes } = cellOf(cell);
    const cls = numeric.has(column) ? ` class="num"` : "";
    return `<${tag}${cls}${attributes ? ` ${attributes}` : ""}>${escapeHtml(text)}</${tag}>`;
  };
  const row = (cells: (string | Cell)[], tag: "td" | "th" = "td") => `<tr>${cells.map((c, i) => td(tag, c, i)).join("")}</tr>`;
  return [
    `<table>`,
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead>${row(header, "th")}</thead>`,
    `<tbody>${rows.map((r) => row(r)).join("\n")}</tbody>`,
    ...(total ? [`<tfoot>${row(total)}</tfoot>`] : []),
    `</table>`,
  ].join("\n");
}

const columns = (...indexes: number[]): ReadonlySet<number> => new Set(indexes);

function verdictSection(document: PlanDocument, spec: PlatformSpec): string {
  const { cost } = document;
  const parts = planVerdict(document, spec).map((part) => {
    const tone = part.tone ? ` class="${part.tone}"` : "";
    const details = part.details.length === 0 ? "" : `<ul>${part.details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>`;
    return `<dt>${escapeHtml(part.label)}</dt><dd><span${tone}>${escapeHtml(part.text)}</span>${details}</dd>`;
  });
  return [
    `<section class="verdict" aria-labelledby="verdict">`,
    `<h2 id="verdict">Verdict</h2>`,
    `<p>Stack <code>${escapeHtml(document.stack)}</code> (${escapeHtml(document.project)}, ${escapeHtml(document.region)}), computed offline: nothing was deployed.</p>`,
    `<p class="totals">This stack <strong data-total="optimized">${dollars(cost.optimized.monthlyUsd)}</strong> per month against <strong data-total="baseline">${dollars(
      cost.baseline.monthlyUsd,
    )}</strong> for the baseline: <strong data-total="savings">${dollars(cost.savingsUsd)}</strong> saved (<strong data-savings-percent>${percent(
      cost.savingsPercent,
    )}</strong>).</p>`,
    `<dl>${parts.join("\n")}</dl>`,
    `</section>`,
  ].join("\n");
}

function warningSection(document: PlanDocument): string {
  if (document.warnings.length === 0) return "";
  return [
    `<section class="warnings" aria-labelledby="warnings">`,
    `<h2 id="warnings">Before <code>pulumi up</code></h2>`,
    `<ul>${document.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("\n")}</ul>`,
    `</section>`,
  ].join("\n");
}

function chartSection(charts: Chart[]): string {
  const figures = charts.map((chart) =>
    [
      `<figure class="chart" data-chart="${escapeHtml(chart.id)}" aria-label="${escapeHtml(chart.title)}">`,
      chart.svg,
      `<figcaption>${escapeHtml(chart.description)}</figcaption>`,
      `</figure>`,
    ].join("\n"),
  );
  return [`<section aria-labelledby="charts">`, `<h2 id="charts">Charts</h2>`, ...figures, `</section>`].join("\n");
}

function costSection(document: PlanDocument): string {
  const { cost } = document;
  const table = (caption: string, t: CostTable) => htmlTable(caption, t.header, t.rows, t.numeric, t.total);
  return [
    `<section aria-labelledby="cost">`,
    `<h2 id="cost">Monthly cost</h2>`,
    `<p>${escapeHtml(costScope(cost))}</p>`,
    table("Cost by component", componentTable(cost)),
    table("Line items", lineItemTable(cost)),
    `</section>`,
  ].join("\n");
}

function waterfallSection(document: PlanDocument): string {
  const { levers } = document.cost;
  const total = levers.reduce((sum, l) => sum + l.monthlyUsdSaved, 0);
  const notes = costlierLeverNotes(document.cost);
  return [
    `<section aria-labelledby="waterfall">`,
    `<h2 id="waterfall">Savings waterfall</h2>`,
    htmlTable(
      "Levers, applied one at a time in this order",
      ["Lever", "Saved per month"],
      levers.map((l) => [l.lever, leverSaving(l.monthlyUsdSaved)]),
      columns(1),
      ["Total", leverSaving(total)],
    ),
    ...(notes.length === 0 ? [] : [`<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("\n")}</ul>`]),
    `</section>`,
  ].join("\n");
}

/** The controls the baseline lacks, outside the totals above; data-bill-change-percent is a hook for tests. */
function complianceSection(document: PlanDocument): string {
  const { cost } = document;
  const table = (caption: string, t: CostTable) => htmlTable(caption, t.header, t.rows, t.numeric, t.total);
  return [
    `<section aria-labelledby="compliance">`,
    `<h2 id="compliance">Compliance controls</h2>`,
    table("Controls, outside the totals and the like-for-like savings", complianceTable(cost)),
    table("Compliance line items", complianceLineItemTable(cost)),
    `<ul class="notes" data-bill-change-percent="${cost.billChangePercent}">${complianceSummary(cost)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join("\n")}</ul>`,
    `</section>`,
  ].join("\n");
}

function scenarioSection(document: PlanDocument, spec: PlatformSpec): string {
  const { slo } = document;
  const idle = spec.loadBalancer.idleTimeoutSeconds;
  return [
    `<section aria-labelledby="scenarios">`,
    `<h2 id="scenarios">p99 latency by scenario (target ${slo.targetP99Ms} ms)</h2>`,
    htmlTable(
      "Scenarios",
      SCENARIO_HEADER,
      slo.scenarios.map((s) => [
        ...scenarioCells(s, idle),
        s.passed ? { text: "pass", attributes: `class="good"` } : { text: "FAIL", attributes: `class="bad"` },
      ]),
      columns(1, 2, 3, 4),
    ),
    `<p>Steady states re-checked by the routing simulation (${escapeHtml(slo.routing)}):</p>`,
    htmlTable(
      "Steady states",
      STEADY_STATE_HEADER,
      slo.steadyStates.map((s) => [
        ...steadyStateCells(s),
        s.passed ? { text: "pass", attributes: `class="good"` } : { text: "FAIL", attributes: `class="bad"` },
      ]),
      columns(1, 2, 3, 4, 5, 6),
    ),
    `</section>`,
  ].join("\n");
}

/** Readable on a laptop and when printed; system fonts only (nothing to download). */
const STYLE = `
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #1d1d1d; margin: 0 auto; max-width: 960px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
code { font: 13px Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 3px; }
.verdict { background: #f7f9fb; border: 1px solid #d8e0e8; border-radius: 6px; padding: 4px 18px 12px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; } dt { font-weight: bold; } dd { margin: 0; }
dd ul, .warnings ul, .notes { margin: 4px 0 0; padding-left: 18px; }
.good { color: #1e6b30; font-weight: bold; } .bad { color: #b3261e; font-weight: bold; }
.warnings { margin-top: 16px; background: #fff8e5; border: 1px solid #f0d48a; border-radius: 6px; padding: 4px 18px 12px; }
figure.chart { margin: 0 0 28px; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #555; margin-top: 4px; }
table { border-collapse: collapse; margin: 8px 0 20px; font-size: 13px; } caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 10px; text-align: left; vertical-align: top; } .num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: bold; border-top: 2px solid #999; }
`;

export async function formatPlanHtml(document: PlanDocument, spec: PlatformSpec): Promise<string> {
  const charts = await planCharts(document, spec);
  const title = `Plan for stack ${document.stack} (${document.project})`;
  return [
    `<!doctype html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    verdictSection(document, spec),
    warningSection(document),
    chartSection(charts),
    costSection(document),
    waterfallSection(document),
    complianceSection(document),
    scenarioSection(document, spec),
    `</main>`,
    `</body>`,
    `</html>`,
    "",
  ].join("\n");
}
