/**
 * The numbers and lists the README and docs quote, generated from the golden plans and the code
 * instead of typed by hand.
 * A document marks a block with `<!-- golden:NAME:start -->` and `<!-- golden:NAME:end -->`;
 * `npm run golden -- --update` rewrites what is between them and `npm run golden` (and its unit
 * test) fails when a block is stale, so a model change shows up in the docs' diff too.
 */
import * as fs from "fs";
import * as path from "path";
import type { ScenarioResult } from "../models/slo/scenarios";
import { serviceList, webService } from "../spec";
import { percent, usd } from "../format";
import { FAILURE_EXIT_CODES } from "../checks/checkResult";
import { callerPolicyActions, CheckDefinition } from "../checks/runChecks";
import { PREFLIGHT_CHECKS } from "../checks/preflight/preflightChecks";
import { VERIFY_CHECKS } from "../checks/verify/verifyChecks";
import { GOLDEN_STACKS } from "./goldenStacks";
import type { Plan } from "./plan/planDocument";
import { billChangePercentText } from "./plan/planTables";

/** A golden stack's plan and its text summary, by its golden name (dev, staging, prod). */
export type GoldenPlans = ReadonlyMap<string, Plan & { summary: string }>;

const scenariosText = (scenarios: ScenarioResult[]) =>
  scenarios.every((s) => s.passed)
    ? `${scenarios.map((s) => s.name).join(", ")}: pass`
    : scenarios.map((s) => `${s.name} ${s.passed ? "pass" : "FAIL"}`).join(", ");

/** A Markdown table as Prettier lays it out: cells padded to the column's width, left-aligned. */
function markdown(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(3, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  return [line(rows[0]), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
}

/**
 * One row per named amount and a total row, one column per stack; `amounts` lists the same names in
 * the same order for every stack (they come from the same model).
 */
function perStack(
  plans: GoldenPlans,
  title: string,
  amounts: (plan: Plan) => [string, number][],
  total: (plan: Plan) => number,
): string {
  const stacks = [...plans];
  const columns = stacks.map(([, plan]) => amounts(plan));
  return markdown([
    [title, ...stacks.map(([name]) => name)],
    ...columns[0].map(([name], i) => [name, ...columns.map((column) => usd(column[i][1]))]),
    ["total", ...stacks.map(([, plan]) => usd(total(plan)))],
  ]);
}

/** A command's checks as a table: what each checks, the exit code of its failures, the IAM actions it calls. */
function checksTable(checks: readonly CheckDefinition<never>[]): string {
  return markdown([
    ["check", "what it checks", "fails as (exit)", "IAM actions"],
    ...checks.map((c) => [
      c.id,
      c.title,
      `${c.failureClass} (${FAILURE_EXIT_CODES[c.failureClass]})`,
      c.permissions.length === 0 ? "none (HTTP from the caller)" : c.permissions.join(", "),
    ]),
  ]);
}

/** The read-only IAM policy a command needs: its checks' actions and the caller-identity call every run starts with. */
function policyDocument(checks: readonly CheckDefinition<never>[]): string {
  const actions = callerPolicyActions(checks);
  return [
    "```json",
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }, null, 2),
    "```",
  ].join("\n");
}

/** Every block a document may ask for. */
const BLOCKS: Record<string, (plans: GoldenPlans) => string> = {
  /** README: what the defaults achieve. */
  headline: (plans) =>
    markdown([
      ["stack", "baseline", "this stack", "savings", "with the compliance controls", "p99 at the weekday peak", "scenarios"],
      ...[...plans].map(([name, { document, spec }]) => {
        const { cost, slo } = document;
        const web = webService(spec);
        return [
          name,
          `${usd(cost.baseline.monthlyUsd)} USD/month`,
          `${usd(cost.optimized.monthlyUsd)} USD/month`,
          percent(cost.savingsPercent),
          `${usd(cost.optimized.monthlyUsd + cost.compliance.monthlyUsd)} USD/month (bill ${billChangePercentText(cost)})`,
          `${slo.peak.p99Ms} ms (${slo.peak.tasks} tasks of ${web.cpu / 1024} vCPU)`,
          scenariosText(slo.scenarios),
        ];
      }),
    ]),
  /** Cost model: baseline, optimized and savings per stack. */
  savings: (plans) =>
    markdown([
      ["", "baseline", "optimized", "savings"],
      ...[...plans].map(([name, { document }]) => {
        const { cost } = document;
        const verdict = cost.meetsTarget ? "meets" : "misses";
        return [
          name,
          `${usd(cost.baseline.monthlyUsd)} USD`,
          `${usd(cost.optimized.monthlyUsd)} USD`,
          `${usd(cost.savingsUsd)} USD, **${percent(cost.savingsPercent)}** (${verdict} ${cost.minSavingsPercent}%)`,
        ];
      }),
    ]),
  /** Cost model: the payments table and the reference image, line by line, per stack (outside the savings). */
  "payment-data": (plans) =>
    perStack(
      plans,
      "line item (USD per month)",
      (p) => p.document.cost.paymentData.lineItems.map((l) => [l.id, l.monthlyUsd]),
      (p) => p.document.cost.paymentData.monthlyUsd,
    ),
  /**
   * Cost model: the compliance controls, control by control, per stack (outside the like-for-like
   * savings), then each stack's bill with them against the baseline.
   */
  compliance: (plans) =>
    [
      perStack(
        plans,
        "compliance control (USD per month)",
        (p) => p.document.cost.compliance.controls.map((c) => [c.name, c.monthlyUsd]),
        (p) => p.document.cost.compliance.monthlyUsd,
      ),
      "",
      markdown([
        ["stack", "baseline", "this stack", "with the controls", "like-for-like savings", "bill change"],
        ...[...plans].map(([name, { document }]) => {
          const { cost } = document;
          return [
            name,
            `${usd(cost.baseline.monthlyUsd)} USD`,
            `${usd(cost.optimized.monthlyUsd)} USD`,
            `${usd(cost.optimized.monthlyUsd + cost.compliance.monthlyUsd)} USD`,
            percent(cost.savingsPercent),
            billChangePercentText(cost),
          ];
        }),
      ]),
    ].join("\n"),
  /** Cost model: the waterfall, lever by lever, per stack. */
  levers: (plans) =>
    perStack(
      plans,
      "lever (USD saved per month)",
      (p) => p.document.cost.levers.map((l) => [l.lever, l.monthlyUsdSaved]),
      (p) => p.document.cost.savingsUsd,
    ),
  /** Cost model: how far each stack's savings are above its savings target, in USD a month. */
  margins: (plans) =>
    markdown([
      ["stack", "savings", "savings target", "margin"],
      ...[...plans].map(([name, { document }]) => {
        const { cost } = document;
        const target = (cost.baseline.monthlyUsd * cost.minSavingsPercent) / 100;
        return [
          name,
          `${usd(cost.savingsUsd)} USD`,
          `${usd(target)} USD (${cost.minSavingsPercent}% of the baseline)`,
          `${usd(cost.savingsUsd - target)} USD`,
        ];
      }),
    ]),
  /** SLO model: peak, worst hour and scenarios per stack, as the plan prints them. */
  ...Object.fromEntries(
    GOLDEN_STACKS.map(({ name }) => [
      `slo-${name}`,
      (plans: GoldenPlans) => {
        const text = plans.get(name)!.summary;
        const start = text.indexOf("SLO model:");
        return ["```", text.slice(start).trimEnd(), "```"].join("\n");
      },
    ]),
  ),
  /** docs/deployment.md: what `npm run verify` checks, and the policy it needs (from the checks themselves). */
  "verify-checks": () => checksTable(VERIFY_CHECKS),
  "verify-policy": () => policyDocument(VERIFY_CHECKS),
  /** docs/deployment.md: the policy `npm run preflight` needs. */
  "preflight-policy": () => policyDocument(PREFLIGHT_CHECKS),
  /** Each stack's services as the plan sizes them. */
  services: (plans) =>
    markdown([
      ["stack", "service", "size", "tasks min / max", "capacity"],
      ...[...plans].flatMap(([name, { spec }]) =>
        serviceList(spec).map((s) => [
          name,
          s.id,
          `${s.cpu / 1024} vCPU / ${s.memory} MiB`,
          `${s.minTasks} / ${s.maxTasks}`,
          `base ${s.onDemandBase}, FARGATE ${s.onDemandWeight} : FARGATE_SPOT ${s.spotWeight}`,
        ]),
      ),
    ]),
};

export const BLOCK_NAMES = Object.keys(BLOCKS);

const MARKER = /<!-- golden:([a-z-]+):start -->\n[\s\S]*?<!-- golden:\1:end -->/g;

/** A document with every generated block re-rendered; an unknown block name is an error. */
export function withGeneratedBlocks(text: string, plans: GoldenPlans, file: string): string {
  return text.replace(MARKER, (_, name: string) => {
    const render = BLOCKS[name];
    if (render === undefined) throw new Error(`${file}: unknown generated block "${name}" (known: ${BLOCK_NAMES.join(", ")})`);
    // Blank lines around the block: what Prettier keeps, and what Markdown needs to end the comment's HTML block.
    return `<!-- golden:${name}:start -->\n\n${render(plans)}\n\n<!-- golden:${name}:end -->`;
  });
}

/** README.md and every Markdown file under docs/ (relative paths). */
export function documentFiles(projectDir: string): string[] {
  const docs = (dir: string): string[] =>
    fs.readdirSync(path.join(projectDir, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return docs(relative);
      return entry.name.endsWith(".md") ? [relative] : [];
    });
  return ["README.md", ...docs("docs")];
}
