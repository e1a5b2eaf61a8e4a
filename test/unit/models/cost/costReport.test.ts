import { baselineSpec } from "../../../../lib/models/cost/baseline";
import { formatCostReport } from "../../../../lib/commands/plan/costText";
import { CostReport, buildCostReport } from "../../../../lib/models/cost/costReport";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { savingsWaterfall } from "../../../../lib/models/cost/levers";
import { paymentDataEstimate } from "../../../../lib/models/cost/paymentData";
import { complianceEstimate } from "../../../../lib/models/cost/compliance";
import { physicalFloor } from "../../../../lib/models/cost/physicalFloor";
import { ServiceIdentity, ServiceDefaults, commonServiceKeys, workerServiceKeys } from "../../../../lib/config/serviceKeys";
import { SERVICE_CATALOG, ServiceCatalog, WorkerServiceEntry } from "../../../../lib/config/services";
import { resolveSpec } from "../../../../lib/stackSpec";
import { mapSource } from "../../support/configSource";
import {
  DEV_CONFIG,
  LEGACY_DEV_CONFIG,
  devSpec,
  goldenPlan,
  legacyDevSpec,
  legacyProdSpec,
  prodSpec,
  stagingSpec,
} from "./fixtures";

/** A small always-Spot worker, as the catalogue's worker. */
const WORKER_DEFAULTS: ServiceDefaults = {
  cpu: 256,
  memory: 512,
  minTasks: 1,
  maxTasks: 2,
  cpuTargetPercent: 70,
  onDemandBase: 0,
  onDemandWeight: 0,
  spotWeight: 1,
  stopTimeoutSeconds: 120,
  baseline: { tasks: 1, cpu: 1024, memory: 2048 },
  exampleImage: "example/worker:1",
};

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
      "paymentData",
      "compliance",
      "billChangePercent",
      "physicalFloor",
    ]);
    expect(report).toEqual({
      currency: "USD",
      region: "us-east-1",
      pricesAsOf: "2026-11-01",
      hoursPerMonth: 730,
      // the web service's traffic, and the average vCPU of the background work (the worker's 100 millicores)
      workload: { ...spec.workload, workerVcpuDemand: 0.1 },
      baseline,
      optimized,
      savingsUsd: baseline.monthlyUsd - optimized.monthlyUsd,
      savingsPercent: ((baseline.monthlyUsd - optimized.monthlyUsd) / baseline.monthlyUsd) * 100,
      levers: savingsWaterfall(spec).map(({ lever, aspect, monthlyUsdSaved, largestChanges }) => ({
        lever,
        aspect,
        monthlyUsdSaved,
        largestChanges,
      })),
      minSavingsPercent: 40,
      meetsTarget: true,
      paymentData: paymentDataEstimate(spec),
      compliance: complianceEstimate(spec),
      billChangePercent:
        ((optimized.monthlyUsd + complianceEstimate(spec).monthlyUsd - baseline.monthlyUsd) / baseline.monthlyUsd) * 100,
      physicalFloor: physicalFloor(spec, optimized, baseline),
    });
    expect(Object.keys(report.baseline)).toEqual(["monthlyUsd", "lineItems"]);
  });

  it("GIVEN a second worker service of 0.3 vCPU in the catalogue WHEN the report is built THEN the priced workload's worker demand is the sum of both workers'", () => {
    // GIVEN the catalogue with a reconciler worker (its own keys, the worker's defaults otherwise)
    const worker = SERVICE_CATALOG.find((e): e is WorkerServiceEntry => e.id === "worker")!;
    const reconciler: ServiceIdentity = { id: "reconciler", role: "worker", label: "reconciler" };
    const catalog: ServiceCatalog = [
      ...SERVICE_CATALOG,
      {
        ...reconciler,
        role: "worker",
        name: "payment-reconciler",
        keys: commonServiceKeys(reconciler, { ...WORKER_DEFAULTS, exampleImage: "example/reconciler:1" }),
        workerKeys: workerServiceKeys(reconciler, { millicores: 300 }),
      },
    ];
    const config: Record<string, string> = { ...DEV_CONFIG, ...LEGACY_DEV_CONFIG };
    const spec = resolveSpec(mapSource(config), { project: "payment-platform", stack: "dev" }, catalog);
    expect(worker.workerKeys.millicores.defaults).toBe(100);
    expect(Object.keys(spec.services)).toEqual(["api", "worker", "reconciler"]);
    // WHEN the report is built THEN 0.1 + 0.3 vCPU of background work is priced
    expect(buildCostReport(spec).workload.workerVcpuDemand).toBeCloseTo(0.4, 12);
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
  /**
   * The report's levers against the golden plan's, as [lever, USD saved] pairs compared to 9 decimals.
   * The golden plan documents (test/golden/) hold the default stacks' numbers; they are not typed here.
   */
  function expectLevers(report: CostReport, expected: CostReport["levers"]): void {
    expect(report.levers.map((l) => l.lever)).toEqual(expected.map((l) => l.lever));
    report.levers.forEach((l, i) => expect(l.monthlyUsdSaved).toBeCloseTo(expected[i].monthlyUsdSaved, 9));
  }

  /** Totals, savings and the verdict compared to the golden plan's cost section. */
  function expectGoldenTotals(report: CostReport, golden: CostReport): void {
    expect(report.baseline.monthlyUsd).toBeCloseTo(golden.baseline.monthlyUsd, 9);
    expect(report.optimized.monthlyUsd).toBeCloseTo(golden.optimized.monthlyUsd, 9);
    expect(report.savingsUsd).toBeCloseTo(golden.savingsUsd, 9);
    expect(report.savingsPercent).toBeCloseTo(golden.savingsPercent, 9);
    expect(report.meetsTarget).toBe(golden.meetsTarget);
  }

  const lever = (report: CostReport, name: string) => report.levers.find((l) => l.lever === name)!.monthlyUsdSaved;

  it("GIVEN the default dev stack WHEN costed THEN its totals, savings and waterfall are the golden dev plan's, and it saves at least 40%", () => {
    const report = buildCostReport(devSpec());
    const golden = goldenPlan("dev").cost;
    expectGoldenTotals(report, golden);
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
    expectLevers(report, golden.levers);
    // only the worker is smaller than the baseline's 1 vCPU / 2 GB: the API tasks are 1 vCPU / 2 GB too
    expect(lever(report, "Right-sized task CPU and memory")).toBeGreaterThan(0);
    // the API scales from its minimum of 1 (off peak) to 8 tasks (the 250 rps peak: 2.5 vCPU at 35%), 597 / 168 = 3.55
    // on average, instead of the baseline's fixed 6...
    expect(lever(report, "Target-tracking autoscaling instead of a fixed fleet")).toBeGreaterThan(0);
    // ...and that minimum of 1 is already the off-hours minimum: the schedule has nothing left to lower
    expect(lever(report, "Lower minimum off hours (scheduled scaling)")).toBe(0);
    expect(lever(report, "Interface endpoints vs NAT")).toBe(0);
    expect(lever(report, "Log class")).toBe(0);
    // enhanced Container Insights bills its metrics at the ECS enhanced rate ($0.07), the baseline's standard
    // metrics are custom metrics ($0.30): dev's enhanced metrics cost less than the baseline's fewer standard ones
    expect(lever(report, "Container Insights mode")).toBeGreaterThan(0);
  });

  it("GIVEN the default staging stack (dev's API size, target and minimums, 2400 requests per task per minute, maximum 23, 14-day logs) WHEN costed THEN it is the golden staging plan, meets the target, and its standard Container Insights costs what the baseline's does", () => {
    const report = buildCostReport(stagingSpec());
    const golden = goldenPlan("staging").cost;
    expectGoldenTotals(report, golden);
    expectLevers(report, golden.levers);
    expect(report.meetsTarget).toBe(true);
    expect(lever(report, "Container Insights mode")).toBe(0);
  });

  it("GIVEN the default prod stack WHEN costed THEN its totals, savings and waterfall are the golden prod plan's, and it saves at least 40%", () => {
    const report = buildCostReport(prodSpec());
    const golden = goldenPlan("prod").cost;
    expectGoldenTotals(report, golden);
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
    expectLevers(report, golden.levers);
    // AND right-sizing, the schedule and the log class carry what the network levers do not: prod
    // keeps 3 AZs with a NAT each
    for (const name of [
      "NAT gateway strategy",
      "Interface endpoints vs NAT",
      "Availability Zone count",
      "Container Insights mode",
    ]) {
      expect(lever(report, name)).toBe(0);
    }
    // the schedule lowers the minimum of 5 to 3 in the 81 off-peak hours a week that run at the minimum
    for (const name of ["Right-sized task CPU and memory", "Lower minimum off hours (scheduled scaling)", "Log class"]) {
      expect(lever(report, name)).toBeGreaterThan(0);
    }
    // at the autoscaling step the business-hours minimum of 5 runs all week: the API scales from 5 to 15 tasks
    // (2.5 vCPU at 35% of 0.5 vCPU at the 250 rps peak), 1378 / 168 = 8.20 on average, more than the baseline's
    // fixed 6, and the worker's 1 task instead of 2 does not make up for it: autoscaling costs more
    expect(lever(report, "Target-tracking autoscaling instead of a fixed fleet")).toBeLessThan(0);
  });

  it("GIVEN prod with logClass STANDARD WHEN costed THEN it costs the golden plan's log class lever more than the golden prod plan and misses 40%: the default is needed", () => {
    const golden = goldenPlan("prod").cost;
    const report = buildCostReport(prodSpec({ logClass: "STANDARD" }));
    // the log class lever is lost: every logged GB at the STANDARD price, exactly the lever the golden plan credits
    const expectedExtra = golden.levers.find((l) => l.lever === "Log class")!.monthlyUsdSaved;
    expect(report.baseline.monthlyUsd).toBeCloseTo(golden.baseline.monthlyUsd, 9);
    expect(report.optimized.monthlyUsd - golden.optimized.monthlyUsd).toBeCloseTo(expectedExtra, 9);
    expect(report.savingsPercent).toBeCloseTo(
      ((golden.baseline.monthlyUsd - report.optimized.monthlyUsd) / golden.baseline.monthlyUsd) * 100,
      9,
    );
    expect(report.savingsPercent).toBeLessThan(40);
    expect(report.meetsTarget).toBe(false);
  });

  it("GIVEN dev with scheduledScaling false WHEN costed THEN it costs exactly the golden plan and still meets 40%: its minimum of 1 is already the off-hours minimum", () => {
    const golden = goldenPlan("dev").cost;
    const report = buildCostReport(devSpec({ scheduledScaling: "false" }));
    expect(report.optimized.monthlyUsd).toBe(golden.optimized.monthlyUsd);
    expectGoldenTotals(report, golden);
    expect(report.savingsPercent).toBeGreaterThanOrEqual(40);
    expect(report.meetsTarget).toBe(true);
  });

  it("GIVEN prod with scheduledScaling false WHEN costed THEN its minimum of 5 runs in the 81 off-peak hours a week the schedule runs 3 in: the golden plan's schedule lever more, and it misses 40%: the schedule is needed", () => {
    const golden = goldenPlan("prod").cost;
    const report = buildCostReport(prodSpec({ scheduledScaling: "false" }));
    const extra = report.optimized.monthlyUsd - golden.optimized.monthlyUsd;
    expect(report.baseline.monthlyUsd).toBeCloseTo(golden.baseline.monthlyUsd, 9);
    expect(extra).toBeCloseTo(
      golden.levers.find((l) => l.lever === "Lower minimum off hours (scheduled scaling)")!.monthlyUsdSaved,
      9,
    );
    // 2 x 81 task-hours a week more (5 tasks instead of 3), 2 x 81 / 168 x 730 h of 0.5 vCPU / 1 GB ARM64
    // on-demand (the on-demand base is 5): 11.40 + 2.51 USD, and cents of Cloud Map, Container Insights logs and
    // NAT data
    const computeUsd = 2 * (81 / 168) * 730 * (0.5 * 0.03238 + 1 * 0.00356);
    expect(computeUsd).toBeCloseTo(13.90259, 5);
    expect(extra - computeUsd).toBeCloseTo(0.13397, 5);
    expect(report.savingsPercent).toBeCloseTo(
      ((golden.baseline.monthlyUsd - report.optimized.monthlyUsd) / golden.baseline.monthlyUsd) * 100,
      9,
    );
    expect(report.savingsPercent).toBeLessThan(40);
    expect(report.meetsTarget).toBe(false);
  });

  it("GIVEN prod with enhanced Container Insights WHEN costed THEN (52 + 18 x 8.24 average tasks) metrics at 0.07 USD instead of 52 at 0.30 USD cost 1.58 USD less than the golden prod plan, which still meets 40%", () => {
    const golden = goldenPlan("prod").cost;
    const report = buildCostReport(prodSpec({ containerInsights: "enhanced" }));
    // 8.24 average tasks: the API's 1216 task-hours a week / 168 (3 off peak, 15 at the peak) and the worker's 1
    const averageTasks = 1216 / 168 + 1;
    expect(report.baseline.monthlyUsd).toBeCloseTo(golden.baseline.monthlyUsd, 9);
    expect(report.optimized.monthlyUsd - golden.optimized.monthlyUsd).toBeCloseTo((52 + 18 * averageTasks) * 0.07 - 52 * 0.3, 9);
    expect(report.optimized.monthlyUsd - golden.optimized.monthlyUsd).toBeCloseTo(-1.58, 9);
    expect(report.meetsTarget).toBe(golden.meetsTarget);
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
      `Savings: $${report.savingsUsd.toFixed(2)} per month (${report.savingsPercent.toFixed(1)}%), meets the 40% target.`,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ARM64 \(Graviton\) instead of X86_64 +\$57\.64$/));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^Total +\\$${report.savingsUsd.toFixed(2)}$`)));
  });

  it("GIVEN the legacy dev report WHEN formatted THEN the subtotals by component add up to each side's total and say what changed", () => {
    const start = lines.indexOf(lines.find((line) => line.startsWith("Component "))!);
    const rows = lines.slice(start + 1, lines.indexOf("", start));
    const components = [...new Set(report.optimized.lineItems.map((item) => item.component))];
    // THEN one row per component, then the totals
    expect(rows.map((row) => row.split(/ {2,}/)[0])).toEqual([...components, "Total per month"]);
    for (const component of components) {
      const sum = (items: typeof report.baseline.lineItems) =>
        items.filter((item) => item.component === component).reduce((total, item) => total + item.monthlyUsd, 0);
      const row = rows.find((r) => r.startsWith(`${component}  `))!.split(/ {2,}/);
      expect(row.slice(1, 3)).toEqual([sum(report.baseline.lineItems).toFixed(2), sum(report.optimized.lineItems).toFixed(2)]);
    }
    expect(rows.at(-1)).toMatch(new RegExp(`-\\$${report.savingsUsd.toFixed(2)} \\(saved\\)$`));
  });

  it("says MISSES when the target is not met", () => {
    // GIVEN legacy prod (31.1% savings) WHEN formatted THEN the savings line says it misses the target
    expect(formatCostReport(buildCostReport(legacyProdSpec()))).toMatch(/MISSES the 40% target\.$/m);
  });

  it("GIVEN the legacy dev report WHEN formatted THEN the compliance section lists each control on or off with its cost, every line, and the two numbers last", () => {
    const { compliance } = report;
    const heading = lines.indexOf(
      "Compliance controls (docs/compliance.md): priced here, outside the totals and the like-for-like savings above, because the baseline has none of them.",
    );
    expect(heading).toBeGreaterThan(lines.findIndex((line) => line.startsWith("dynamodb-writes ")));
    const escaped = (text: string) => text.replace(/[()$.]/g, (c) => `\\${c}`);
    for (const c of compliance.controls) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${escaped(c.name)} +${escaped(c.setting)} +${c.enabled ? "on" : "off"} +${escaped(`$${c.monthlyUsd.toFixed(2)}`)}$`,
          ),
        ),
      );
    }
    for (const item of compliance.lineItems)
      expect(lines.some((line) => new RegExp(`^[a-zA-Z]+ +${item.id} `).test(line))).toBe(true);
    expect(lines.slice(-3)).toEqual([
      `Like-for-like savings (this stack against the baseline, without the controls; the 40% target is judged on it): $${report.savingsUsd.toFixed(2)} per month (${report.savingsPercent.toFixed(1)}%).`,
      `Bill change with the compliance controls the baseline lacks: $${report.baseline.monthlyUsd.toFixed(2)} -> $${(report.optimized.monthlyUsd + compliance.monthlyUsd).toFixed(2)} per month ` +
        `(this stack $${report.optimized.monthlyUsd.toFixed(2)} + controls $${compliance.monthlyUsd.toFixed(2)}), ${report.billChangePercent.toFixed(1)}%, the bill falls.`,
      "",
    ]);
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
