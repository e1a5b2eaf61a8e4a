/**
 * Generated blocks in README.md and docs/: rendered from the golden plans, replaced between their
 * markers, refused when a document names a block that does not exist.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BLOCK_NAMES, documentFiles, GoldenPlans, withGeneratedBlocks } from "../../../lib/commands/docBlocks";
import type { PlanDocument } from "../../../lib/commands/plan/planDocument";
import { buildCostReport } from "../../../lib/models/cost/costReport";
import { resolveSpec } from "../../../lib/stackSpec";
import { mapSource } from "../support/configSource";

const GOLDEN = path.join(__dirname, "..", "..", "golden");
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";

/** The golden plans as the golden command holds them, read back from the committed files. */
function goldenPlans(): GoldenPlans {
  const configs: Record<string, Record<string, string>> = {
    dev: { environment: "dev", environmentSuffix: "dev" },
    staging: { environment: "staging", environmentSuffix: "staging" },
    prod: { environment: "prod", environmentSuffix: "prod", certificateArn: CERT, alarmEmail: "payments-oncall@example.com" },
  };
  return new Map(
    Object.entries(configs).map(([name, config]) => [
      name,
      {
        document: JSON.parse(fs.readFileSync(path.join(GOLDEN, `plan-${name}.json`), "utf8")) as PlanDocument,
        spec: resolveSpec(mapSource(config), { project: "payment-platform", stack: name }),
        notes: [],
        registrations: [],
        summary: fs.readFileSync(path.join(GOLDEN, `plan-${name}.txt`), "utf8"),
      },
    ]),
  );
}

describe("generated document blocks", () => {
  const plans = goldenPlans();

  it("GIVEN a stale headline block WHEN rendered THEN only the text between its markers is replaced, by one row per stack", () => {
    const text = "before\n<!-- golden:headline:start -->\nstale\n<!-- golden:headline:end -->\nafter\n";
    const out = withGeneratedBlocks(text, plans, "README.md");
    const lines = out.split("\n");
    expect(lines.slice(0, 3)).toEqual(["before", "<!-- golden:headline:start -->", ""]);
    expect(lines.slice(-4)).toEqual(["", "<!-- golden:headline:end -->", "after", ""]);
    const rows = lines.filter((l) => l.startsWith("| "));
    expect(rows.map((r) => r.split("|")[1].trim())).toEqual(["stack", "-------", "dev", "staging", "prod"]);
    const prod = plans.get("prod")!.document.cost;
    expect(rows[4]).toContain(`| ${prod.optimized.monthlyUsd.toFixed(2)} USD/month |`);
    // The bill with the compliance controls, beside the like-for-like number.
    const withControls = (prod.optimized.monthlyUsd + prod.compliance.monthlyUsd).toFixed(2);
    expect(rows[4]).toContain(`| ${withControls} USD/month (bill ${prod.billChangePercent.toFixed(1)}%) |`);
  });

  it("GIVEN the levers block THEN it has one row per lever of the waterfall and a total equal to each stack's savings", () => {
    const out = withGeneratedBlocks("<!-- golden:levers:start -->\n<!-- golden:levers:end -->", plans, "docs/cost-model.md");
    const rows = out.split("\n").filter((l) => l.startsWith("| "));
    const dev = plans.get("dev")!.document.cost;
    expect(rows).toHaveLength(2 + dev.levers.length + 1);
    expect(
      rows
        .at(-1)!
        .split("|")
        .map((c) => c.trim()),
    ).toEqual(["", "total", ...["dev", "staging", "prod"].map((n) => plans.get(n)!.document.cost.savingsUsd.toFixed(2)), ""]);
  });

  it("GIVEN the margins block THEN each stack's row shows its savings, its target share of the baseline and the margin between them", () => {
    const out = withGeneratedBlocks("<!-- golden:margins:start -->\n<!-- golden:margins:end -->", plans, "docs/cost-model.md");
    const rows = out
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .map((r) =>
        r
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows[0]).toEqual(["stack", "savings", "savings target", "margin"]);
    expect(rows.slice(2).map((r) => r[0])).toEqual(["dev", "staging", "prod"]);
    for (const row of rows.slice(2)) {
      const cost = plans.get(row[0])!.document.cost;
      const target = (cost.baseline.monthlyUsd * cost.minSavingsPercent) / 100;
      expect(row[1]).toBe(`${cost.savingsUsd.toFixed(2)} USD`);
      expect(row[2]).toBe(`${target.toFixed(2)} USD (${cost.minSavingsPercent}% of the baseline)`);
      expect(row[3]).toBe(`${(cost.savingsUsd - target).toFixed(2)} USD`);
    }
  });

  it("GIVEN the slo-prod block THEN it quotes the plan's SLO section verbatim in a code fence", () => {
    const out = withGeneratedBlocks("<!-- golden:slo-prod:start -->\n<!-- golden:slo-prod:end -->", plans, "docs/slo-model.md");
    const summary = plans.get("prod")!.summary;
    expect(out).toContain(["```", summary.slice(summary.indexOf("SLO model:")).trimEnd(), "```"].join("\n"));
  });

  it("GIVEN the services block THEN it lists every service of every stack", () => {
    const out = withGeneratedBlocks("<!-- golden:services:start -->\n<!-- golden:services:end -->", plans, "docs/x.md");
    const rows = out
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .slice(2);
    expect(
      rows.map((r) =>
        r
          .split("|")
          .slice(1, 3)
          .map((c) => c.trim()),
      ),
    ).toEqual([
      ["dev", "api"],
      ["dev", "worker"],
      ["staging", "api"],
      ["staging", "worker"],
      ["prod", "api"],
      ["prod", "worker"],
    ]);
  });

  it("GIVEN a stack that misses its savings target and fails a scenario THEN the headline and savings blocks say so", () => {
    const prod = plans.get("prod")!;
    const document: PlanDocument = JSON.parse(JSON.stringify(prod.document));
    document.cost.meetsTarget = false;
    document.slo.scenarios[1].passed = false;
    const missing: GoldenPlans = new Map([["prod", { ...prod, document }]]);
    const headline = withGeneratedBlocks("<!-- golden:headline:start -->\n<!-- golden:headline:end -->", missing, "README.md");
    expect(headline).toContain("| diurnal pass, spike FAIL, spot-reclaim pass, az-loss pass |");
    const savings = withGeneratedBlocks(
      "<!-- golden:savings:start -->\n<!-- golden:savings:end -->",
      missing,
      "docs/cost-model.md",
    );
    expect(savings).toContain(`(misses ${document.cost.minSavingsPercent}%) |`);
    expect(
      withGeneratedBlocks("<!-- golden:savings:start -->\n<!-- golden:savings:end -->", plans, "docs/cost-model.md"),
    ).toContain("(meets 40%) |");
  });

  it("GIVEN each stack's compliance section WHEN the compliance block is rendered THEN a row per control with each stack's cost, then each stack's bill with the controls", () => {
    // The compliance section as the model builds it for each golden stack's spec (independent of the golden files' age).
    const priced: GoldenPlans = new Map(
      [...plans].map(([name, plan]) => {
        const { compliance, billChangePercent } = buildCostReport(plan.spec);
        return [
          name,
          { ...plan, document: { ...plan.document, cost: { ...plan.document.cost, compliance, billChangePercent } } },
        ];
      }),
    );
    const out = withGeneratedBlocks(
      "<!-- golden:compliance:start -->\n<!-- golden:compliance:end -->",
      priced,
      "docs/cost-model.md",
    );
    const rows = out
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .map((r) =>
        r
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const cost = (name: string) => priced.get(name)!.document.cost;
    expect(rows[0]).toEqual(["compliance control (USD per month)", "dev", "staging", "prod"]);
    expect(rows.slice(2, 8).map((r) => r[0])).toEqual(cost("dev").compliance.controls.map((c) => c.name));
    expect(rows[8]).toEqual(["total", ...["dev", "staging", "prod"].map((n) => cost(n).compliance.monthlyUsd.toFixed(2))]);
    expect(rows[9]).toEqual(["stack", "baseline", "this stack", "with the controls", "like-for-like savings", "bill change"]);
    const prod = cost("prod");
    expect(rows[13]).toEqual([
      "prod",
      `${prod.baseline.monthlyUsd.toFixed(2)} USD`,
      `${prod.optimized.monthlyUsd.toFixed(2)} USD`,
      `${(prod.optimized.monthlyUsd + prod.compliance.monthlyUsd).toFixed(2)} USD`,
      `${prod.savingsPercent.toFixed(1)}%`,
      `${prod.billChangePercent > 0 ? "+" : ""}${prod.billChangePercent.toFixed(1)}%`,
    ]);
  });

  it("GIVEN an unknown block name THEN the file and the known names are in the error", () => {
    expect(() => withGeneratedBlocks("<!-- golden:totals:start -->\n<!-- golden:totals:end -->", plans, "docs/x.md")).toThrow(
      `docs/x.md: unknown generated block "totals" (known: ${BLOCK_NAMES.join(", ")})`,
    );
    expect(BLOCK_NAMES).toEqual([
      "headline",
      "savings",
      "payment-data",
      "compliance",
      "levers",
      "margins",
      "slo-dev",
      "slo-staging",
      "slo-prod",
      "verify-checks",
      "verify-policy",
      "preflight-policy",
      "services",
    ]);
  });

  it("GIVEN a project with a README and nested docs THEN documentFiles lists README.md and every .md under docs/", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
    fs.mkdirSync(path.join(dir, "docs", "decisions"), { recursive: true });
    for (const file of ["README.md", "docs/a.md", "docs/decisions/0001.md", "docs/notes.txt"])
      fs.writeFileSync(path.join(dir, file), "");
    expect(documentFiles(dir).sort()).toEqual(
      ["README.md", path.join("docs", "a.md"), path.join("docs", "decisions", "0001.md")].sort(),
    );
  });
});
