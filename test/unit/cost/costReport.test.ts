import { baselineSpec } from "../../../lib/cost/baseline";
import { CostReport, buildCostReport, formatCostReport } from "../../../lib/cost/costReport";
import { estimateMonthlyCost } from "../../../lib/cost/estimate";
import { savingsWaterfall } from "../../../lib/cost/levers";
import { devSpec, prodSpec, withObservability } from "./fixtures";

describe("buildCostReport", () => {
  it("has exactly the documented fields, computed from the baseline and optimized estimates", () => {
    // GIVEN the dev stack WHEN its report is built
    const spec = devSpec();
    const report = buildCostReport(spec);
    const baseline = estimateMonthlyCost(baselineSpec(spec));
    const optimized = estimateMonthlyCost(spec);
    // THEN its fields are the contract's, nothing more
    expect(Object.keys(report)).toEqual([
      "currency",
      "region",
      "pricesAsOf",
      "hoursPerMonth",
      "workload",
      "baseline",
      "optimized",
      "savingsUsd",
      "savingsPercent",
      "levers",
      "minSavingsPercent",
      "meetsTarget",
    ]);
    expect(report).toEqual({
      currency: "USD",
      region: "us-east-1",
      pricesAsOf: "2026-11-01",
      hoursPerMonth: 730,
      workload: spec.workload,
      baseline,
      optimized,
      savingsUsd: baseline.monthlyUsd - optimized.monthlyUsd,
      savingsPercent: ((baseline.monthlyUsd - optimized.monthlyUsd) / baseline.monthlyUsd) * 100,
      levers: savingsWaterfall(spec).map(({ lever, monthlyUsdSaved }) => ({ lever, monthlyUsdSaved })),
      minSavingsPercent: 40,
      meetsTarget: true,
    });
    expect(Object.keys(report.baseline)).toEqual(["monthlyUsd", "lineItems"]);
  });

  it("survives JSON (the plan prints it)", () => {
    const report = buildCostReport(prodSpec());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("meets the target exactly at the threshold", () => {
    // GIVEN a target equal to the achieved savings WHEN the report is built THEN it meets the target
    const spec = devSpec();
    const achieved = buildCostReport(spec).savingsPercent;
    const atThreshold = { ...spec, cost: { ...spec.cost, minSavingsPercent: achieved } };
    expect(buildCostReport(atThreshold).meetsTarget).toBe(true);
    expect(buildCostReport({ ...spec, cost: { ...spec.cost, minSavingsPercent: achieved + 1e-9 } }).meetsTarget).toBe(false);
  });
});

describe("default stacks against the default baseline and workload", () => {
  it("dev saves at least 40%", () => {
    // GIVEN the default dev stack WHEN costed THEN savings >= 40% and the target is met
    const report = buildCostReport(devSpec());
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
  });

  // KNOWN GAP (docs/cost-model.md, "Do the defaults reach 40%?"): prod keeps the baseline's 3 AZs,
  // NAT per AZ and STANDARD log class, and the cluster runs enhanced Container Insights, which costs
  // more than the baseline's standard Container Insights. This test pins the shortfall so that a
  // change of defaults that closes it fails here and the test is turned into the >= 40% assertion.
  it("prod misses 40% with today's defaults: the network and log-class levers save nothing and Container Insights costs more", () => {
    const report = buildCostReport(prodSpec());
    const saved = Object.fromEntries(report.levers.map((l) => [l.lever, l.monthlyUsdSaved]));
    expect(report.meetsTarget).toBe(false);
    expect(report.savingsPercent).toBeLessThan(40);
    expect(saved["NAT gateway strategy"]).toBe(0);
    expect(saved["Availability Zone count"]).toBe(0);
    expect(saved["Log class"]).toBe(0);
    expect(saved["Container Insights mode"]).toBeLessThan(0);
  });

  it.each([
    ["logClass INFREQUENT_ACCESS", { logClass: "INFREQUENT_ACCESS" }, "enhanced"],
    ["logClass INFREQUENT_ACCESS and standard Container Insights", { logClass: "INFREQUENT_ACCESS" }, "enabled"],
    ["a single NAT gateway", { natGateways: "single" }, "enhanced"],
  ] as const)("prod reaches 40%% with %s (the proposed default changes)", (_, config, containerInsights) => {
    // GIVEN prod with one proposed default change WHEN costed THEN savings >= 40%
    const report = buildCostReport(withObservability(prodSpec(config), { containerInsights }));
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
  });
});

describe("formatCostReport", () => {
  const report = buildCostReport(devSpec());
  const text = formatCostReport(report);
  const lines = text.split("\n");

  it("heads the report with the region, hours and the prices' date, then the workload", () => {
    expect(lines[0]).toBe("Monthly cost estimate, us-east-1, USD, 730 hours per month, prices as of 2026-11-01");
    expect(lines[1]).toBe(
      "Workload (an assumption, from the workload* config keys): 250 rps weekdays 9:00-18:00 US Eastern, 25 rps at night, 2 h ramps, " +
        "weekends at 40%; 10 ms CPU, 2 KB in / 2 KB out, 1 KB of logs per request.",
    );
  });

  it("puts every line item's baseline and optimized quantity and cost side by side, in cents", () => {
    // GIVEN the ALB hours line (the same on both sides) THEN its row shows 730 h and 16.43 USD twice
    expect(lines).toContainEqual(expect.stringMatching(/^alb-hours +ALB-hour +730 +16\.43 +730 +16\.43$/));
    for (const item of report.optimized.lineItems) {
      expect(lines.some((line) => line.startsWith(`${item.id} `))).toBe(true);
    }
    const total = lines.find((line) => line.startsWith("Total per month"))!;
    expect(total).toMatch(new RegExp(` ${report.baseline.monthlyUsd.toFixed(2)} +${report.optimized.monthlyUsd.toFixed(2)}$`));
  });

  it("states the savings against the target and lists the waterfall with its total", () => {
    expect(text).toContain(
      `Savings: ${report.savingsUsd.toFixed(2)} USD per month (${report.savingsPercent.toFixed(1)}%), meets the 40% target.`,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ARM64 \(Graviton\) instead of X86_64 +57\.64$/));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^Total +${report.savingsUsd.toFixed(2)}$`)));
  });

  it("says MISSES when the target is not met", () => {
    expect(formatCostReport(buildCostReport(prodSpec()))).toMatch(/MISSES the 40% target\.$/m);
  });

  it("shows a dash where a line item exists on one side only", () => {
    // GIVEN a report whose optimized side lacks a line and has an extra one
    const [first, ...rest] = report.optimized.lineItems;
    const extra = { ...first, id: "extra-item", quantity: 1.5, monthlyUsd: 2 };
    const partial: CostReport = { ...report, optimized: { ...report.optimized, lineItems: [...rest, extra] } };
    // WHEN formatted THEN the missing side shows "-" and fractional quantities show 2 decimals
    const formatted = formatCostReport(partial).split("\n");
    expect(formatted).toContainEqual(expect.stringMatching(new RegExp(`^${first.id} +vCPU-hours +[0-9.]+ +[0-9.]+ +- +-$`)));
    expect(formatted).toContainEqual(expect.stringMatching(/^extra-item +vCPU-hours +- +- +1\.50 +2\.00$/));
  });
});
