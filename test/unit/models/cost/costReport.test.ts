import { baselineSpec } from "../../../../lib/models/cost/baseline";
import { CostReport, buildCostReport, formatCostReport } from "../../../../lib/models/cost/costReport";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { savingsWaterfall } from "../../../../lib/models/cost/levers";
import { devSpec, legacyDevSpec, legacyProdSpec, prodSpec, stagingSpec } from "./fixtures";

describe("buildCostReport", () => {
  it("has exactly the documented fields, computed from the baseline and optimized estimates", () => {
    // GIVEN the legacy dev stack WHEN its report is built
    const spec = legacyDevSpec();
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
  /** The report's levers as [lever, USD saved] pairs, each compared to 9 decimals. */
  function expectLevers(report: CostReport, expected: [string, number][]): void {
    expect(report.levers.map((l) => l.lever)).toEqual(expected.map(([lever]) => lever));
    report.levers.forEach((l, i) => expect(l.monthlyUsdSaved).toBeCloseTo(expected[i][1], 9));
  }

  it("dev saves 40.2% (648.92 -> 388.08 USD) and meets the 40% target", () => {
    // GIVEN the default dev stack WHEN costed
    const report = buildCostReport(devSpec());
    // THEN savings >= 40%, the target is met, and the waterfall is the model's
    expect(report.baseline.monthlyUsd).toBeCloseTo(648.9199901806422, 9);
    expect(report.optimized.monthlyUsd).toBeCloseTo(388.07884341230846, 9);
    expect(report.savingsUsd).toBeCloseTo(260.8411467683338, 9);
    expect(report.savingsPercent).toBeCloseTo(40.19619532690347, 9);
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
    expectLevers(report, [
      ["ARM64 (Graviton) instead of X86_64", 57.64080000000001],
      // only the worker is smaller than the baseline's 1 vCPU / 2 GB: the API tasks are 1 vCPU / 2 GB too
      ["Right-sized task CPU and memory", 43.25249999999994],
      // a minimum of 10 all week (the spike's headroom) is more than the baseline's fixed 6 tasks...
      ["Target-tracking autoscaling instead of a fixed fleet", -111.26051788330074],
      // ...until the schedule lowers it to 1 off hours
      ["Lower minimum off hours (scheduled scaling)", 155.5500545592535],
      ["Fargate Spot above the on-demand base", 57.89401203482487],
      ["NAT gateway strategy", 69.44399192446758],
      ["Interface endpoints vs NAT", 0],
      ["Availability Zone count", 4.539002018883082],
      ["Log retention", 14.092018399919766],
      ["Log class", 0],
      // enhanced Container Insights costs more than the baseline's standard
      ["Container Insights mode", -30.310714285714255],
    ]);
  });

  it("staging saves 44.7% (648.92 -> 359.13 USD): dev's API size, target and minimums with standard Container Insights", () => {
    // GIVEN the default staging stack (also: 2400 requests per task per minute, maximum 12, 14-day logs) WHEN costed
    const report = buildCostReport(stagingSpec());
    // THEN it meets the target, and its standard Container Insights costs what the baseline's does
    expect(report.optimized.monthlyUsd).toBeCloseTo(359.13059470603577, 9);
    expect(report.savingsPercent).toBeCloseTo(44.657184222963565, 9);
    expect(report.meetsTarget).toBe(true);
    expect(report.levers.find((l) => l.lever === "Container Insights mode")?.monthlyUsdSaved).toBe(0);
  });

  it("prod saves 42.4% (648.92 -> 373.81 USD) and meets the 40% target", () => {
    // GIVEN the default prod stack WHEN costed
    const report = buildCostReport(prodSpec());
    // THEN savings >= 40% and the target is met
    expect(report.baseline.monthlyUsd).toBeCloseTo(648.9199901806422, 9);
    expect(report.optimized.monthlyUsd).toBeCloseTo(373.80965012995404, 9);
    expect(report.savingsUsd).toBeCloseTo(275.1103400506882, 9);
    expect(report.savingsPercent).toBeCloseTo(42.395109445481054, 9);
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
    // AND right-sizing, the schedule and the log class carry what the network levers do not: prod
    // keeps 3 AZs with a NAT each
    expectLevers(report, [
      ["ARM64 (Graviton) instead of X86_64", 57.64080000000001],
      ["Right-sized task CPU and memory", 115.34000000000003],
      // a minimum of 19 all week (the spike's headroom) against the baseline's fixed 6 tasks...
      ["Target-tracking autoscaling instead of a fixed fleet", -176.52707153320307],
      // ...lowered to 3 off hours
      ["Lower minimum off hours (scheduled scaling)", 141.82858064197347],
      ["Fargate Spot above the on-demand base", 56.495070268176846],
      ["NAT gateway strategy", 0],
      ["Interface endpoints vs NAT", 0],
      ["Availability Zone count", 0],
      ["Log retention", 13.816476140703458],
      ["Log class", 66.51648453303744],
      ["Container Insights mode", 0],
    ]);
  });

  it.each([
    // the minimum of 19 runs all week: the scheduled scaling lever (141.83 USD) is lost, Spot takes back part of it
    ["scheduledScaling false", { scheduledScaling: "false" }, 440.9621211084638, 32.04676573675723],
    // the log class lever (66.52 USD) is lost
    ["logClass STANDARD", { logClass: "STANDARD" }, 440.3261346629915, 32.14477264902623],
    // 55.03 USD of per-task metrics, about 13% of the bill
    ["enhanced Container Insights", { containerInsights: "enhanced" }, 428.83822155852545, 33.91508536527775],
  ])("prod misses 40%% with %s: each of these defaults is needed", (_, config, optimizedUsd, percent) => {
    // GIVEN prod with one of these defaults set back WHEN costed THEN it misses the target
    const report = buildCostReport(prodSpec(config));
    expect(report.optimized.monthlyUsd).toBeCloseTo(optimizedUsd, 9);
    expect(report.savingsPercent).toBeCloseTo(percent, 9);
    expect(report.meetsTarget).toBe(false);
  });

  it("dev misses 40% without scheduled scaling: its minimum of 10 would run all week", () => {
    const report = buildCostReport(devSpec({ scheduledScaling: "false" }));
    expect(report.optimized.monthlyUsd).toBeCloseTo(494.74373869378223, 9);
    expect(report.savingsPercent).toBeCloseTo(23.758899990727887, 9);
    expect(report.meetsTarget).toBe(false);
  });
});

describe("formatCostReport", () => {
  const report = buildCostReport(legacyDevSpec());
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
    // GIVEN legacy prod (31.2% savings) WHEN formatted THEN the savings line says it misses the target
    expect(formatCostReport(buildCostReport(legacyProdSpec()))).toMatch(/MISSES the 40% target\.$/m);
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
