/**
 * The plan as GitHub-flavoured markdown for a pull-request comment: the verdict first (cost, savings
 * against the target, p99 with the worst case named, the exit code and why), then GFM tables: cost
 * by component and per line item (baseline against this stack), the savings waterfall, the
 * scenarios, and the resources by type in a collapsed block. Built from the plan document only,
 * plus the spec's ALB idle timeout (the p99 of a timed-out request).
 */
import { plural } from "../../format";
import { PlatformSpec } from "../../spec";
import { PlanDocument } from "./planDocument";
import { planVerdict } from "./planVerdict";
import { scenarioCells, SCENARIO_HEADER, steadyStateCells, STEADY_STATE_HEADER } from "./sloWords";
import {
  complianceLineItemTable,
  complianceSummary,
  complianceTable,
  componentTable,
  costlierLeverNotes,
  costScope,
  CostTable,
  leverSaving as saved,
  lineItemTable,
} from "./planTables";

/** Text from the document: `<placeholder>` would be read as an HTML tag (and dropped by GitHub). */
const text = (raw: string): string => raw.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A table cell: `|` would end the cell, so it is escaped. */
const cell = (raw: string): string => text(raw).replace(/\|/g, "\\|");

/** A GFM table; `numeric` columns are right-aligned. */
function gfmTable(header: string[], rows: string[][], numeric: ReadonlySet<number>): string[] {
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = header.map((_, column) => (numeric.has(column) ? "---:" : "---"));
  return [line(header), `| ${rule.join(" | ")} |`, ...rows.map(line)];
}

const columns = (...indexes: number[]): ReadonlySet<number> => new Set(indexes);

/** A cost table in GFM, its total row's label in bold. */
function costTable(table: CostTable): string[] {
  const label = table.total.findIndex((c) => c !== "");
  const total = table.total.map((c, i) => (i === label ? `**${c}**` : c));
  return gfmTable(table.header, [...table.rows, total], table.numeric);
}

function costSection(document: PlanDocument): string[] {
  const { cost } = document;
  return [
    `### Monthly cost by component`,
    "",
    costScope(cost),
    "",
    ...costTable(componentTable(cost)),
    "",
    `### Line items`,
    "",
    ...costTable(lineItemTable(cost)),
  ];
}

/** The controls the baseline lacks, outside the totals above: each control, its lines, and the two numbers. */
function complianceSection(document: PlanDocument): string[] {
  const { cost } = document;
  return [
    `### Compliance controls`,
    "",
    ...costTable(complianceTable(cost)),
    "",
    `<details><summary>${cost.compliance.lineItems.length} compliance line items</summary>`,
    "",
    ...costTable(complianceLineItemTable(cost)),
    "",
    "</details>",
    "",
    ...complianceSummary(cost).map((line) => `- ${text(line)}`),
  ];
}

function waterfallSection(document: PlanDocument): string[] {
  const { levers } = document.cost;
  const notes = costlierLeverNotes(document.cost);
  const total = levers.reduce((sum, l) => sum + l.monthlyUsdSaved, 0);
  return [
    `### Savings waterfall`,
    "",
    ...gfmTable(
      ["Lever (applied in this order)", "Saved per month"],
      [...levers.map((l) => [l.lever, saved(l.monthlyUsdSaved)]), ["**Total**", saved(total)]],
      columns(1),
    ),
    ...(notes.length === 0 ? [] : ["", ...notes.map((note) => `- ${text(note)}`)]),
  ];
}

function scenarioSection(document: PlanDocument, spec: PlatformSpec): string[] {
  const { slo } = document;
  const idle = spec.loadBalancer.idleTimeoutSeconds;
  return [
    `### p99 latency by scenario (target ${slo.targetP99Ms} ms)`,
    "",
    ...gfmTable(
      SCENARIO_HEADER,
      slo.scenarios.map((s) => [...scenarioCells(s, idle), s.passed ? "pass" : "**FAIL**"]),
      columns(1, 2, 3, 4),
    ),
    "",
    `Steady states re-checked by the routing simulation (${text(slo.routing)}):`,
    "",
    ...gfmTable(
      STEADY_STATE_HEADER,
      slo.steadyStates.map((s) => [...steadyStateCells(s), s.passed ? "pass" : "**FAIL**"]),
      columns(1, 2, 3, 4, 5, 6),
    ),
  ];
}

function resourceSection(document: PlanDocument): string[] {
  const counts = new Map<string, number>();
  for (const r of document.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => [`\`${type}\``, String(count)]);
  return [
    `<details><summary>${plural(document.resources.length, "resource")} of ${plural(counts.size, "type")}</summary>`,
    "",
    ...gfmTable(["Type", "Count"], rows, columns(1)),
    "",
    "</details>",
  ];
}

/** The verdict as a list: each part's label in bold, its details nested under it. */
export function verdictMarkdown(document: PlanDocument, spec: PlatformSpec): string[] {
  return [
    `- **Stack:** \`${document.stack}\` (${document.project}, ${document.region}), computed offline: nothing was deployed`,
    ...planVerdict(document, spec).flatMap((part) => [
      `- **${part.label}:** ${text(part.text)}`,
      ...part.details.map((d) => `  - ${text(d)}`),
    ]),
  ];
}

export function formatPlanMarkdown(document: PlanDocument, spec: PlatformSpec): string {
  const warnings = document.warnings.map((w) => `- ${text(w)}`);
  return [
    ...verdictMarkdown(document, spec),
    "",
    ...(warnings.length === 0 ? [] : ["### Before `pulumi up`", "", ...warnings, ""]),
    ...costSection(document),
    "",
    ...waterfallSection(document),
    "",
    ...complianceSection(document),
    "",
    ...scenarioSection(document, spec),
    "",
    ...resourceSection(document),
    "",
  ].join("\n");
}
