import { ALL_BASELINE_ASPECTS, baselineSpec } from "../../../../lib/models/cost/baseline";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { largestChanges, LARGEST_CHANGES, LEVERS, savingsWaterfall, waterfallSpecs } from "../../../../lib/models/cost/levers";
import { PRICES } from "../../../../lib/aws/prices";
import { serviceUsage } from "../../../../lib/models/fleet/usage";
import { PlatformSpec, serviceList } from "../../../../lib/spec";
import { apiOf, devSpec, flatSpec, goldenPlan, legacyDevSpec, legacyProdSpec, lineItem, prodSpec, withApi } from "./fixtures";

/** What the golden plan of a default stack credits a lever with (test/golden/plan-<stack>.json). */
const goldenLever = (stack: "dev" | "prod", lever: string) =>
  goldenPlan(stack).cost.levers.find((l) => l.lever === lever)!.monthlyUsdSaved;

describe("lever order", () => {
  it("applies every baseline aspect exactly once, compute first, observability last", () => {
    expect(LEVERS.map((l) => l.aspect)).toEqual([
      "architecture",
      "taskSize",
      "autoscaling",
      "scheduledScaling",
      "spot",
      "natGateways",
      "interfaceEndpoints",
      "availabilityZones",
      "logRetention",
      "logClass",
      "containerInsights",
    ]);
    expect([...LEVERS.map((l) => l.aspect)].sort()).toEqual([...ALL_BASELINE_ASPECTS].sort());
  });

  it("refuses an order that misses an aspect", () => {
    // GIVEN the order without its last lever WHEN the waterfall is built THEN it names the missing aspect
    expect(() => savingsWaterfall(devSpec(), LEVERS.slice(0, -1))).toThrow(
      "The lever order must apply every baseline aspect exactly once (missing: containerInsights; repeated: none)",
    );
  });

  it("refuses an order that repeats an aspect", () => {
    expect(() => waterfallSpecs(devSpec(), [...LEVERS, LEVERS[0]])).toThrow(
      "The lever order must apply every baseline aspect exactly once (missing: none; repeated: architecture)",
    );
  });
});

describe("waterfallSpecs", () => {
  it("starts at the baseline and ends at the optimized spec itself", () => {
    // GIVEN the prod stack WHEN the waterfall's specs are listed
    const spec = prodSpec();
    const specs = waterfallSpecs(spec);
    // THEN there is one more spec than levers, the first is the baseline, the last is the spec
    expect(specs).toHaveLength(LEVERS.length + 1);
    expect(specs[0]).toEqual(baselineSpec(spec));
    expect(specs[specs.length - 1]).toBe(spec);
  });
});

describe("largestChanges", () => {
  const item = (id: string, monthlyUsd: number) => ({ ...lineItem(estimateMonthlyCost(devSpec()), "alb-hours"), id, monthlyUsd });
  it("GIVEN two estimates WHEN comparing them THEN the items that moved most come first by absolute amount, at most three, none under a cent, one-sided items counted from zero", () => {
    const before = { monthlyUsd: 0, lineItems: [item("a", 10), item("b", 5), item("c", 1), item("gone", 2), item("same", 7)] };
    const after = { monthlyUsd: 0, lineItems: [item("a", 4), item("b", 5.004), item("c", 4), item("new", 3.5), item("same", 7)] };
    expect(LARGEST_CHANGES).toBe(3);
    expect(largestChanges(before, after)).toEqual([
      { id: "a", monthlyUsdChange: -6 },
      { id: "new", monthlyUsdChange: 3.5 },
      { id: "c", monthlyUsdChange: 3 },
    ]);
  });

  it("GIVEN dev WHEN building its waterfall THEN each step's largest changes are those between the estimates of the specs around it", () => {
    const specs = waterfallSpecs(devSpec());
    savingsWaterfall(devSpec()).forEach((step, i) =>
      expect(step.largestChanges).toEqual(largestChanges(estimateMonthlyCost(specs[i]), estimateMonthlyCost(specs[i + 1]))),
    );
    // THEN the autoscaling step's first mover is the on-demand API vCPU it removes: 1 vCPU ARM64 tasks scaling
    // from 1 to 8 (597 task-hours a week) instead of the baseline's fixed 6, (597 / 168 - 6) x 730 h x $0.03238
    const autoscaling = savingsWaterfall(devSpec()).find((s) => s.aspect === "autoscaling")!;
    expect(autoscaling.largestChanges[0].id).toBe("api-ondemand-vcpu");
    expect(autoscaling.largestChanges[0].monthlyUsdChange).toBeCloseTo((597 / 168 - 6) * 730 * PRICES.fargateVcpuHourArm.usd, 9);
    expect(autoscaling.largestChanges[0].monthlyUsdChange).toBeCloseTo(-57.82721071428573, 9);
  });
});

describe("savingsWaterfall", () => {
  it.each([
    ["dev", devSpec()],
    ["prod", prodSpec()],
  ])("chains the %s steps from the baseline cost to the optimized cost", (_, spec) => {
    // WHEN the waterfall is built
    const steps = savingsWaterfall(spec);
    const baseline = estimateMonthlyCost(baselineSpec(spec)).monthlyUsd;
    const optimized = estimateMonthlyCost(spec).monthlyUsd;
    // THEN each step starts where the previous ended and the savings add up to baseline - optimized
    expect(steps[0].monthlyUsdBefore).toBeCloseTo(baseline, 9);
    expect(steps[steps.length - 1].monthlyUsdAfter).toBeCloseTo(optimized, 9);
    steps.slice(1).forEach((step, i) => expect(step.monthlyUsdBefore).toBe(steps[i].monthlyUsdAfter));
    steps.forEach((step) => expect(step.monthlyUsdSaved).toBeCloseTo(step.monthlyUsdBefore - step.monthlyUsdAfter, 12));
    expect(steps.reduce((sum, s) => sum + s.monthlyUsdSaved, 0)).toBeCloseTo(baseline - optimized, 9);
  });

  it("credits ARM64 first with the price difference of the whole baseline fleet", () => {
    // GIVEN the baseline's 8 tasks of 1 vCPU / 2 GB all month
    const [arm] = savingsWaterfall(devSpec());
    // THEN (0.04048 - 0.03238) x 8 x 730 + (0.004445 - 0.00356) x 16 x 730 = 47.304 + 10.3368
    expect(arm.lever).toBe("ARM64 (Graviton) instead of X86_64");
    expect(arm.monthlyUsdSaved).toBeCloseTo(57.6408, 9);
    // AND it is what the golden dev plan credits ARM64 with
    expect(arm.monthlyUsdSaved).toBeCloseTo(goldenLever("dev", arm.lever), 9);
  });

  it("credits the single NAT gateway in dev with 2 gateways and 2 EIPs, less the cross-AZ hop it adds", () => {
    // GIVEN the legacy dev stack (single NAT) against the baseline's 3 per-AZ NAT gateways
    const spec = legacyDevSpec();
    const steps = savingsWaterfall(spec);
    const nat = steps.find((s) => s.aspect === "natGateways")!;
    const after = waterfallSpecs(spec)[LEVERS.findIndex((l) => l.aspect === "natGateways") + 1];
    // THEN 2 x 730 x $0.045 + 2 x 730 x $0.005 = 73 USD saved, minus the new cross-AZ transfer
    expect(nat.monthlyUsdSaved).toBeCloseTo(73 - lineItem(estimateMonthlyCost(after), "nat-cross-az").monthlyUsd, 9);
  });

  it("saves nothing with the levers prod keeps at the baseline's setting", () => {
    // GIVEN legacy prod: 3 AZs, NAT per AZ, STANDARD logs, no scheduled scaling, endpoints off (auto chose NAT)
    const saved = Object.fromEntries(savingsWaterfall(legacyProdSpec()).map((s) => [s.aspect, s.monthlyUsdSaved]));
    // THEN those levers save exactly 0
    expect([
      saved.scheduledScaling,
      saved.natGateways,
      saved.interfaceEndpoints,
      saved.availabilityZones,
      saved.logClass,
    ]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("the observability levers of the default prod stack", () => {
  const saved = (spec: PlatformSpec) => Object.fromEntries(savingsWaterfall(spec).map((s) => [s.aspect, s.monthlyUsdSaved]));

  it("credits the INFREQUENT_ACCESS log class with half the Standard ingestion price of every logged GB", () => {
    // GIVEN prod's default INFREQUENT_ACCESS class against the baseline's STANDARD
    const spec = prodSpec();
    const ingestedGb = lineItem(estimateMonthlyCost(spec), "logs-ingestion").quantity;
    // THEN the lever saves 266.07 GB x ($0.50 - $0.25) = 66.52 USD; with STANDARD it would save nothing
    expect(spec.observability.logClass).toBe("INFREQUENT_ACCESS");
    expect(saved(spec).logClass).toBeCloseTo(
      ingestedGb * (PRICES.logsIngestionStandardGb.usd - PRICES.logsIngestionInfrequentGb.usd),
      9,
    );
    expect(saved(spec).logClass).toBeCloseTo(goldenLever("prod", "Log class"), 9);
    expect(saved(prodSpec({ logClass: "STANDARD" })).logClass).toBe(0);
  });

  it("costs nothing extra with standard Container Insights, where enhanced would bill its 52 + 18 per running task metrics at 0.07 USD instead of 52 at 0.30 USD (1.58 USD less)", () => {
    // GIVEN prod's default standard ("enabled") Container Insights, the baseline's own setting
    const spec = prodSpec();
    const enhanced = prodSpec({ containerInsights: "enhanced" });
    const averageTasks = serviceList(enhanced).reduce((sum, service) => sum + serviceUsage(enhanced, service).averageTasks, 0);
    // THEN its lever saves exactly 0; enhanced would cost (52 + 18 x 8.24 average tasks) x $0.07 - 52 x $0.30 = 1.58 USD less:
    // 8.24 = the API's 1216 task-hours a week / 168 (3 tasks off peak, 15 at the peak) + the worker's 1
    expect(spec.observability.containerInsights).toBe("enabled");
    expect(saved(spec).containerInsights).toBe(0);
    expect(averageTasks).toBeCloseTo(1216 / 168 + 1, 9);
    expect(saved(enhanced).containerInsights).toBeCloseTo(
      52 * PRICES.customMetricMonth.usd - (52 + 18 * averageTasks) * PRICES.containerInsightsEcsEnhancedMetricMonth.usd,
      9,
    );
    expect(saved(enhanced).containerInsights).toBeCloseTo(1.58, 9);
  });
});

describe("the scheduled scaling lever", () => {
  const saved = (spec: PlatformSpec) => Object.fromEntries(savingsWaterfall(spec).map((s) => [s.aspect, s.monthlyUsdSaved]));

  it("credits dev's schedule with nothing (the golden plan's lever): its business-hours minimum of 1 is already the off-hours minimum, as with scheduledScaling false", () => {
    // GIVEN the default dev stack, whose minimum equals offHoursMinTasks
    expect([apiOf(devSpec()).minTasks, apiOf(devSpec()).offHoursMinTasks]).toEqual([1, 1]);
    // THEN the schedule lowers nothing at night and on weekends
    expect(saved(devSpec()).scheduledScaling).toBe(goldenLever("dev", "Lower minimum off hours (scheduled scaling)"));
    expect(saved(devSpec()).scheduledScaling).toBe(0);
    expect(saved(devSpec({ scheduledScaling: "false" })).scheduledScaling).toBe(0);
  });

  it("credits prod's schedule (the golden plan's lever) with two tasks of 0.5 vCPU / 1 GB ARM64 on-demand in the 81 off hours a week that run at the minimum, and nothing with scheduledScaling false", () => {
    // GIVEN the default prod stack: a minimum of 5 in business hours, 3 off hours; of the 103 off hours a week
    // (48 weekend + 5 x 11 weekday), the 81 at 10, 25 and 32.5 rps need no more than 3 tasks (0.325 vCPU at 35%
    // of 0.5 vCPU asks 2), so the schedule runs 3 instead of 5 in them; the other 22 (77.5 and 100 rps) need 5
    // and 6 with or without the schedule
    const spec = prodSpec();
    expect([apiOf(spec).minTasks, apiOf(spec).offHoursMinTasks, apiOf(spec).scheduledScaling]).toEqual([5, 3, true]);
    const step = savingsWaterfall(spec).find((s) => s.aspect === "scheduledScaling")!;
    // THEN 2 x 81 / 168 x 730 task-hours fewer of 0.5 vCPU and 1 GB (all within the on-demand base of 5), and
    // 2 x 81 / 168 fewer registered Cloud Map instances
    const taskHours = 2 * (81 / 168) * 730;
    expect(step.largestChanges.map((c) => c.id)).toEqual(["api-ondemand-vcpu", "api-ondemand-memory", "cloud-map-instances"]);
    expect(step.largestChanges[0].monthlyUsdChange).toBeCloseTo(-taskHours * 0.5 * PRICES.fargateVcpuHourArm.usd, 9);
    expect(step.largestChanges[1].monthlyUsdChange).toBeCloseTo(-taskHours * 1 * PRICES.fargateGbHourArm.usd, 9);
    expect(step.largestChanges[2].monthlyUsdChange).toBeCloseTo(-2 * (81 / 168) * PRICES.cloudMapRegisteredResourceMonth.usd, 9);
    // AND the lever is those 14.00 USD plus the two tasks' Container Insights performance logs (4.0 cents), less
    // 0.28 cents more on the NAT data line: the golden plan's 14.04 USD, twice the one task's 7.02 USD
    const largest = -step.largestChanges.reduce((sum, c) => sum + c.monthlyUsdChange, 0);
    expect(largest).toBeCloseTo(13.999018, 6);
    expect(step.monthlyUsdSaved).toBeCloseTo(goldenLever("prod", "Lower minimum off hours (scheduled scaling)"), 9);
    expect(step.monthlyUsdSaved).toBeCloseTo(14.036558, 6);
    expect(saved(prodSpec({ scheduledScaling: "false" })).scheduledScaling).toBe(0);
  });

  it("GIVEN the flat spec with a business-hours minimum of 3 and 1 off hours WHEN building its waterfall THEN the schedule credits the one task the demand does not need in the 103 off hours a week", () => {
    // GIVEN 100 rps every hour (1 vCPU at the 50% target: 2 tasks of 1 vCPU / 2 GB X86_64 on-demand), 3 tasks
    // from 7:00 to 20:00 on weekdays (business hours 9-18 and their 2 h ramps), offHoursMinTasks 1
    const spec = withApi(flatSpec(), { minTasks: 3, maxTasks: 3, desiredTasks: 3, scheduledScaling: true, offHoursMinTasks: 1 });
    const step = savingsWaterfall(spec).find((s) => s.aspect === "scheduledScaling")!;
    // THEN off hours (48 weekend + 5 x 11 weekday hours = 103 a week) run 2 tasks instead of 3: 103 / 168 x 730
    // task-hours fewer of 1 vCPU and 2 GB, and 103 / 168 fewer registered Cloud Map instances
    const taskHours = (103 / 168) * 730;
    expect(step.largestChanges).toHaveLength(3);
    expect(step.largestChanges.map((c) => c.id)).toEqual(["api-ondemand-vcpu", "api-ondemand-memory", "cloud-map-instances"]);
    expect(step.largestChanges[0].monthlyUsdChange).toBeCloseTo(-taskHours * PRICES.fargateVcpuHourX86.usd, 9);
    expect(step.largestChanges[1].monthlyUsdChange).toBeCloseTo(-taskHours * 2 * PRICES.fargateGbHourX86.usd, 9);
    expect(step.largestChanges[2].monthlyUsdChange).toBeCloseTo(-(103 / 168) * PRICES.cloudMapRegisteredResourceMonth.usd, 9);
    // AND the lever is those 22.16 USD, plus the one task's Container Insights performance logs (2.6 cents),
    // less 0.06 cents more on the NAT data line
    const largest = -step.largestChanges.reduce((sum, c) => sum + c.monthlyUsdChange, 0);
    expect(largest).toBeCloseTo(22.157323, 6);
    expect(step.monthlyUsdSaved - largest).toBeGreaterThan(0);
    expect(step.monthlyUsdSaved - largest).toBeLessThan(0.03);
    // AND nothing once scheduledScaling is false
    expect(saved(withApi(spec, { scheduledScaling: false })).scheduledScaling).toBe(0);
  });
});
