import * as fc from "fast-check";
import { PRICES } from "../../../../lib/aws/prices";
import { CostEstimate, LineItem, estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { baselineSpec } from "../../../../lib/models/cost/baseline";
import {
  ALB_MIN_AVAILABILITY_ZONES,
  FIXED_LINE_RULES,
  FloorTreatment,
  GapItemId,
  MIN_NAT_GATEWAYS,
  PhysicalFloor,
  REQUIRED_LOG_RETENTION_DAYS,
  fargateLineIds,
  minimumGbPerVcpu,
  physicalFloor,
} from "../../../../lib/models/cost/physicalFloor";
import { isOffHours } from "../../../../lib/models/fleet/webTaskCount";
import { PlatformSpec, serviceList } from "../../../../lib/spec";
import { HOURS_PER_WEEK, WEEKS_PER_MONTH } from "../../../../lib/spec/workload";
import {
  arbitrarySpec,
  devSpec,
  flatSpec,
  legacyDevSpec,
  legacyProdSpec,
  lineItem,
  prodSpec,
  stagingSpec,
  withApi,
  withNetwork,
  withObservability,
} from "./fixtures";

/** The floor of a spec against its own estimate and its baseline's, as the cost report builds it. */
function floorOf(spec: PlatformSpec): { floor: PhysicalFloor; stack: CostEstimate; baseline: CostEstimate } {
  const stack = estimateMonthlyCost(spec);
  const baseline = estimateMonthlyCost(baselineSpec(spec));
  return { floor: physicalFloor(spec, stack, baseline), stack, baseline };
}

const gapUsd = (floor: PhysicalFloor, id: GapItemId) => floor.gap.find((item) => item.id === id)!.monthlyUsd;
const gapVcpuHours = (floor: PhysicalFloor, id: GapItemId) => floor.gap.find((item) => item.id === id)!.vcpuHours;
const floorLine = (floor: PhysicalFloor, id: string) => floor.lines.find((line) => line.id === id)!;

// ARM64 Spot at the flat spec's 65% discount: $0.03238 x 0.35 per vCPU-hour, $0.00356 x 0.35 per GB-hour.
const SPOT_VCPU_HOUR = 0.03238 * 0.35;
const SPOT_GB_HOUR = 0.00356 * 0.35;
/** One idle vCPU-hour of a 1 vCPU / 2 GB task at ARM64 Spot: $0.013825. */
const IDLE_2GB = SPOT_VCPU_HOUR + 2 * SPOT_GB_HOUR;
/** 262,800,000 requests x 1 KB of logs, in GB (2^20 KB). */
const LOG_GB = 262_800_000 / 2 ** 20;

const ALL_GAP_ITEMS: GapItemId[] = [
  "cpuTarget",
  "requestPolicy",
  "wholeTasks",
  "minimumTasks",
  "offHoursMinimum",
  "maximumTasks",
  "memoryAboveMinimum",
  "onDemandPremium",
  "architecturePremium",
  "designChoices",
  "unclassified",
];

describe("physicalFloor on the flat week, every part by hand", () => {
  // GIVEN the flat spec: 100 rps x 10 ms = 1 vCPU of API demand every hour (730 vCPU-hours a month), one
  // 1 vCPU / 2 GB X86_64 on-demand API task (maximum 1, CPU target 50%) and the same worker, 2 AZs with
  // one NAT, 7-day STANDARD logs, Container Insights off, a 65% Spot discount
  const spec = flatSpec();
  const { floor, stack, baseline } = floorOf(spec);
  const usdOf = (id: string) => lineItem(stack, id).monthlyUsd;

  it("GIVEN 730 vCPU-hours of demand WHEN floored THEN the web compute is 730 x (0.03238 + 2 x 0.00356) x 0.35 = $10.09225", () => {
    expect(floor.webCompute).toEqual({
      demandVcpuHours: expect.closeTo(730, 9),
      gbPerVcpu: 2,
      vcpuHourUsd: expect.closeTo(0.011333, 12),
      gbHourUsd: expect.closeTo(0.001246, 12),
      monthlyUsd: expect.closeTo(10.09225, 9),
    });
  });

  it("GIVEN the flat stack's line items WHEN classified THEN each line's floor and gap are the table's, by hand", () => {
    const expected: [string, FloorTreatment, number, number][] = [
      // the worker at its estimate: 730 vCPU-h x $0.04048 and 1460 GB-h x $0.004445
      ["worker-ondemand-vcpu", "workerCompute", 29.5504, 0],
      ["worker-ondemand-memory", "workerCompute", 6.4897, 0],
      ["worker-spot-vcpu", "workerCompute", 0, 0],
      ["worker-spot-memory", "workerCompute", 0, 0],
      ["alb-hours", "unavoidable", 730 * 0.0225, 0],
      ["alb-lcu", "unavoidable", usdOf("alb-lcu"), 0],
      // one NAT: 730 h x $0.045, nothing above it
      ["nat-hours", "minimum", 32.85, 0],
      ["nat-data", "unavoidable", usdOf("nat-data"), 0],
      ["nat-cross-az", "designChoice", 0, usdOf("nat-cross-az")],
      ["endpoint-hours", "designChoice", 0, 0],
      ["endpoint-data", "unavoidable", 0, 0],
      // 2 ALB nodes + 1 NAT = 3 addresses x 730 h x $0.005, the least there can be
      ["public-ipv4", "minimum", 10.95, 0],
      ["cloud-map-namespace", "designChoice", 0, 0.5],
      // one task on average x $0.10
      ["cloud-map-instances", "designChoice", 0, 0.1],
      ["cloud-map-queries", "designChoice", 0, 0],
      // 250.63 GB at Infrequent Access ($0.25) in the floor, Standard's $0.25 more per GB a design choice
      ["logs-ingestion", "minimum", LOG_GB * 0.25, LOG_GB * 0.25],
      // already the 7 days the policy requires
      ["logs-storage", "minimum", usdOf("logs-storage"), 0],
      ["container-insights-metrics", "designChoice", 0, 0],
      ["container-insights-logs", "designChoice", 0, 0],
      ["service-metrics-20s", "designChoice", 0, 0],
      ["alarms-standard", "designChoice", 0, 0],
      ["alarms-high-resolution", "designChoice", 0, 0],
      ["dashboards", "designChoice", 0, 0],
      ["kms-keys", "designChoice", 0, 1],
      ["kms-requests", "designChoice", 0, 0],
      ["data-transfer-out", "unavoidable", usdOf("data-transfer-out"), 0],
    ];
    expect(floor.lines.map((line) => line.id)).toEqual(expected.map(([id]) => id));
    expected.forEach(([id, treatment, floorUsd, lineGapUsd]) => {
      const line = floorLine(floor, id);
      expect([id, line.treatment]).toEqual([id, treatment]);
      expect(line.floorUsd).toBeCloseTo(floorUsd, 9);
      expect(line.gapUsd).toBeCloseTo(lineGapUsd, 9);
    });
    expect(floor.linesFloorUsd).toBeCloseTo(
      expected.reduce((sum, [, , floorUsd]) => sum + floorUsd, 0),
      9,
    );
    expect(floor.unclassifiedLineItems).toEqual([]);
  });

  it("GIVEN one X86_64 on-demand task at a 50% target capped at 1 WHEN the gap is itemized THEN every item is the hand-computed amount", () => {
    // the CPU policy asks for 1 / (1 x 0.5) = 2 tasks: 730 idle vCPU-hours at $0.013825; the maximum of 1 takes them back
    expect(gapVcpuHours(floor, "cpuTarget")).toBeCloseTo(730, 9);
    expect(gapUsd(floor, "cpuTarget")).toBeCloseTo(730 * IDLE_2GB, 9);
    expect(gapVcpuHours(floor, "maximumTasks")).toBeCloseTo(-730, 9);
    expect(gapUsd(floor, "maximumTasks")).toBeCloseTo(-730 * IDLE_2GB, 9);
    for (const id of ["requestPolicy", "wholeTasks", "minimumTasks", "offHoursMinimum", "memoryAboveMinimum"] as const) {
      expect([id, gapUsd(floor, id)]).toEqual([id, 0]);
    }
    // 730 vCPU-h and 1460 GB-h on-demand: 65% of the ARM64 price, 0.65 x (730 x 0.03238 + 1460 x 0.00356) = $18.74275
    expect(gapUsd(floor, "onDemandPremium")).toBeCloseTo(18.74275, 9);
    // X86_64 above ARM64 on the same hours: 730 x (0.04048 - 0.03238) + 1460 x (0.004445 - 0.00356) = $7.2051
    expect(gapUsd(floor, "architecturePremium")).toBeCloseTo(7.2051, 9);
    // the cross-AZ hop, Cloud Map's $0.60, Standard logs' half and the KMS key
    expect(gapUsd(floor, "designChoices")).toBeCloseTo(usdOf("nat-cross-az") + 0.6 + LOG_GB * 0.25 + 1, 9);
    expect(gapUsd(floor, "unclassified")).toBe(0);
    expect(floor.gap.map((item) => item.id)).toEqual(ALL_GAP_ITEMS);
  });

  it("GIVEN the floor and the gap items WHEN added THEN they are the stack's estimate to the nanodollar, and the floor is the sum of its parts", () => {
    const items = floor.gap.reduce((sum, item) => sum + item.monthlyUsd, 0);
    expect(floor.gapUsd).toBe(items);
    expect(floor.monthlyUsd + items).toBeCloseTo(stack.monthlyUsd, 9);
    expect(floor.monthlyUsd).toBe(floor.webCompute.monthlyUsd + floor.linesFloorUsd);
    expect(floor.stackMonthlyUsd).toBe(stack.monthlyUsd);
  });

  it("GIVEN the floor WHEN framed like the savings THEN the best any design could save is (baseline - floor) / baseline x 100", () => {
    expect(floor.baselineMonthlyUsd).toBe(baseline.monthlyUsd);
    expect(floor.bestSavingsUsd).toBe(baseline.monthlyUsd - floor.monthlyUsd);
    expect(floor.bestSavingsPercent).toBe(((baseline.monthlyUsd - floor.monthlyUsd) / baseline.monthlyUsd) * 100);
    expect(floor.savingsCapturedPercent).toBe(
      ((baseline.monthlyUsd - stack.monthlyUsd) / (baseline.monthlyUsd - floor.monthlyUsd)) * 100,
    );
  });
});

describe("physicalFloor: each idle-compute item alone", () => {
  // GIVEN the flat spec on ARM64 (no architecture premium) with room to scale (maximum 10)
  const roomy = (api: Parameters<typeof withApi>[1]) =>
    floorOf(withApi({ ...flatSpec(), cpuArchitecture: "ARM64" }, { maxTasks: 10, ...api })).floor;

  it("GIVEN a 40% CPU target WHEN floored THEN 2.5 tasks' ask is 1.5 vCPU of latency headroom and 0.5 of rounding to 3 tasks", () => {
    const floor = roomy({ cpuTargetPercent: 40 });
    expect(gapVcpuHours(floor, "cpuTarget")).toBeCloseTo(1.5 * 730, 9);
    expect(gapVcpuHours(floor, "wholeTasks")).toBeCloseTo(0.5 * 730, 9);
    expect(gapUsd(floor, "wholeTasks")).toBeCloseTo(0.5 * 730 * IDLE_2GB, 9);
    expect(gapVcpuHours(floor, "maximumTasks")).toBe(0);
    expect(gapUsd(floor, "architecturePremium")).toBe(0);
  });

  it("GIVEN 1500 requests per task per minute WHEN floored THEN the request-count policy's 4 tasks are 2 vCPU above the CPU target's 2", () => {
    const floor = roomy({ requestsPerTargetPerMinute: 1500 });
    expect(gapVcpuHours(floor, "cpuTarget")).toBeCloseTo(730, 9);
    expect(gapVcpuHours(floor, "requestPolicy")).toBeCloseTo(2 * 730, 9);
    expect(gapUsd(floor, "requestPolicy")).toBeCloseTo(2 * 730 * IDLE_2GB, 9);
    expect(gapVcpuHours(floor, "wholeTasks")).toBe(0);
  });

  it("GIVEN a minimum of 5 all week WHEN floored THEN 3 tasks above the policies' 2 are spike headroom", () => {
    const floor = roomy({ minTasks: 5, desiredTasks: 5 });
    expect(gapVcpuHours(floor, "minimumTasks")).toBeCloseTo(3 * 730, 9);
    expect(gapUsd(floor, "minimumTasks")).toBeCloseTo(3 * 730 * IDLE_2GB, 9);
    expect(gapVcpuHours(floor, "offHoursMinimum")).toBe(0);
  });

  it("GIVEN a minimum of 5 lowered to 4 off hours (103 of 168 hours) WHEN floored THEN 3 tasks in business hours and 2 off hours are idle", () => {
    const spec = withApi(
      { ...flatSpec(), cpuArchitecture: "ARM64" },
      {
        maxTasks: 10,
        minTasks: 5,
        desiredTasks: 5,
        scheduledScaling: true,
        offHoursMinTasks: 4,
      },
    );
    // weekends (48 h) and weekdays before 7:00 and from 20:00 (9:00-18:00 widened by the 2 h ramps): 48 + 5 x 11
    const offHours = Array.from({ length: HOURS_PER_WEEK }, (_, h) => h).filter((h) => isOffHours(spec, h)).length;
    expect(offHours).toBe(103);
    const { floor } = floorOf(spec);
    expect(gapVcpuHours(floor, "minimumTasks")).toBeCloseTo(3 * 65 * WEEKS_PER_MONTH, 9);
    expect(gapVcpuHours(floor, "offHoursMinimum")).toBeCloseTo(2 * 103 * WEEKS_PER_MONTH, 9);
    expect(gapUsd(floor, "offHoursMinimum")).toBeCloseTo(2 * 103 * WEEKS_PER_MONTH * IDLE_2GB, 9);
  });

  it("GIVEN 1 vCPU / 4 GB tasks WHEN floored THEN the floor keeps 2 GB per vCPU and the other 2 GB on the demand are a gap item", () => {
    const floor = roomy({ memory: 4096 });
    expect(floor.webCompute.gbPerVcpu).toBe(2);
    expect(floor.webCompute.monthlyUsd).toBeCloseTo(730 * IDLE_2GB, 9);
    // 730 vCPU-hours x 2 GB x $0.001246
    expect(gapUsd(floor, "memoryAboveMinimum")).toBeCloseTo(730 * 2 * SPOT_GB_HOUR, 9);
    expect(gapVcpuHours(floor, "memoryAboveMinimum")).toBe(0);
    // an idle vCPU-hour carries the task's 4 GB
    expect(gapUsd(floor, "cpuTarget")).toBeCloseTo(730 * (SPOT_VCPU_HOUR + 4 * SPOT_GB_HOUR), 9);
  });

  it("GIVEN an on-demand base of 1 and the rest on Spot WHEN floored THEN only the base's hours carry the on-demand premium", () => {
    const floor = roomy({ onDemandBase: 1, onDemandWeight: 0, spotWeight: 1 });
    // 2 tasks: 1 on-demand (730 vCPU-h, 1460 GB-h), 1 on Spot
    expect(gapUsd(floor, "onDemandPremium")).toBeCloseTo(0.65 * (730 * 0.03238 + 1460 * 0.00356), 9);
    expect(gapUsd(floor, "architecturePremium")).toBe(0);
  });

  it("GIVEN X86_64 on Spot only WHEN floored THEN the architecture premium is X86's price above ARM64 at the Spot factor, and no on-demand premium", () => {
    const floor = floorOf(withApi(flatSpec(), { maxTasks: 10, onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 })).floor;
    // 2 tasks on Spot: 1460 vCPU-h, 2920 GB-h, at 35% of the price difference
    expect(gapUsd(floor, "architecturePremium")).toBeCloseTo(
      0.35 * (1460 * (0.04048 - 0.03238) + 2920 * (0.004445 - 0.00356)),
      9,
    );
    expect(gapUsd(floor, "onDemandPremium")).toBe(0);
  });
});

describe("physicalFloor: the least quantities of the per-AZ and log lines", () => {
  it("GIVEN 3 AZs with a NAT each WHEN floored THEN one NAT's hours and 3 addresses are floor, 2 NATs and 3 addresses a design choice", () => {
    const { floor } = floorOf(withNetwork(flatSpec(), { availabilityZoneCount: 3, natGateways: "perAz" }));
    expect(floorLine(floor, "nat-hours")).toEqual({
      id: "nat-hours",
      treatment: "minimum",
      floorUsd: expect.closeTo(32.85, 9),
      gapUsd: expect.closeTo(2 * 730 * 0.045, 9),
    });
    // 3 ALB nodes + 3 NAT addresses today
    expect(floorLine(floor, "public-ipv4").floorUsd).toBeCloseTo(
      (ALB_MIN_AVAILABILITY_ZONES + MIN_NAT_GATEWAYS) * 730 * 0.005,
      9,
    );
    expect(floorLine(floor, "public-ipv4").gapUsd).toBeCloseTo(3 * 730 * 0.005, 9);
    // no shared NAT, so no cross-AZ hop
    expect(floorLine(floor, "nat-cross-az").gapUsd).toBe(0);
  });

  it.each([
    // 14 days kept: the floor keeps 7 of them
    [14, 7 / 14],
    // never expire, costed at 12 months: the floor keeps 7 days of 30.42
    [0, 7 / (730 / 24) / 12],
  ])(
    "GIVEN %i-day retention WHEN floored THEN the storage line's floor is its share of %d of the required 7 days",
    (days, share) => {
      const spec = withObservability(flatSpec(), { logRetentionDays: days });
      const { floor, stack } = floorOf(spec);
      expect(REQUIRED_LOG_RETENTION_DAYS).toBe(7);
      expect(floorLine(floor, "logs-storage").floorUsd).toBeCloseTo(lineItem(stack, "logs-storage").monthlyUsd * share, 9);
      expect(floorLine(floor, "logs-storage").gapUsd).toBeCloseTo(lineItem(stack, "logs-storage").monthlyUsd * (1 - share), 9);
    },
  );

  it("GIVEN Infrequent Access logs WHEN floored THEN the whole ingestion line is floor", () => {
    const { floor, stack } = floorOf(withObservability(flatSpec(), { logClass: "INFREQUENT_ACCESS" }));
    expect(floorLine(floor, "logs-ingestion").floorUsd).toBeCloseTo(lineItem(stack, "logs-ingestion").monthlyUsd, 12);
    expect(floorLine(floor, "logs-ingestion").floorUsd).toBeCloseTo(LOG_GB * PRICES.logsIngestionInfrequentGb.usd, 9);
    expect(floorLine(floor, "logs-ingestion").gapUsd).toBe(0);
  });

  it("GIVEN a task CPU WHEN its least memory per vCPU is asked THEN it is 2 GB at every Fargate size", () => {
    expect([256, 512, 1024, 2048, 4096, 8192, 16384].map(minimumGbPerVcpu)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });
});

describe("physicalFloor: every line item the estimate can produce is classified", () => {
  /** The line ids that are not a service's Fargate lines. */
  const fixedIds = (spec: PlatformSpec) => {
    const fargate = new Set(serviceList(spec).flatMap((s) => fargateLineIds(s.id)));
    return estimateMonthlyCost(spec)
      .lineItems.map((item) => item.id)
      .filter((id) => !fargate.has(id));
  };

  it("GIVEN the default and legacy stacks WHEN estimated THEN their non-Fargate line ids are exactly the 22 the rules table names, none unclassified", () => {
    // A line item added to the estimate without a rule makes this fail (and a rule without a line too).
    for (const spec of [devSpec(), stagingSpec(), prodSpec(), legacyDevSpec(), legacyProdSpec(), flatSpec()]) {
      expect([...fixedIds(spec)].sort()).toEqual(Object.keys(FIXED_LINE_RULES).sort());
      expect(floorOf(spec).floor.unclassifiedLineItems).toEqual([]);
    }
    expect(Object.keys(FIXED_LINE_RULES)).toHaveLength(22);
  });

  it("GIVEN the rules table WHEN read THEN each line item has the treatment the module's table gives it", () => {
    const treatments = Object.fromEntries(Object.entries(FIXED_LINE_RULES).map(([id, rule]) => [id, rule.treatment]));
    expect(treatments).toEqual({
      "alb-hours": "unavoidable",
      "alb-lcu": "unavoidable",
      "nat-hours": "minimum",
      "nat-data": "unavoidable",
      "nat-cross-az": "designChoice",
      "endpoint-hours": "designChoice",
      "endpoint-data": "unavoidable",
      "public-ipv4": "minimum",
      "cloud-map-namespace": "designChoice",
      "cloud-map-instances": "designChoice",
      "cloud-map-queries": "designChoice",
      "logs-ingestion": "minimum",
      "logs-storage": "minimum",
      "container-insights-metrics": "designChoice",
      "container-insights-logs": "designChoice",
      "service-metrics-20s": "designChoice",
      "alarms-standard": "designChoice",
      "alarms-high-resolution": "designChoice",
      dashboards: "designChoice",
      "kms-keys": "designChoice",
      "kms-requests": "designChoice",
      "data-transfer-out": "unavoidable",
    });
  });

  it("GIVEN any valid stack WHEN floored THEN nothing is unclassified, floor + gap is the estimate, and only the maximum's cap is negative", () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        const { floor, stack } = floorOf(spec);
        const items = floor.gap.reduce((sum, item) => sum + item.monthlyUsd, 0);
        return (
          floor.unclassifiedLineItems.length === 0 &&
          Math.abs(floor.monthlyUsd + items - stack.monthlyUsd) < 1e-9 * Math.max(1, stack.monthlyUsd) &&
          floor.gap.every((item) => item.id === "maximumTasks" || item.monthlyUsd >= -1e-9) &&
          floor.lines.every((line) => line.floorUsd >= 0 && line.gapUsd >= -1e-12)
        );
      }),
      { numRuns: 60 },
    );
  });

  it("GIVEN an estimate with a line item no rule names WHEN floored THEN it is listed, counted whole in the gap, and the sum still holds", () => {
    const spec = flatSpec();
    const stack = estimateMonthlyCost(spec);
    const extra: LineItem = { ...lineItem(stack, "kms-keys"), id: "new-line", quantity: 2, monthlyUsd: 2 };
    const withExtra: CostEstimate = { monthlyUsd: stack.monthlyUsd + 2, lineItems: [...stack.lineItems, extra] };
    const floor = physicalFloor(spec, withExtra, estimateMonthlyCost(baselineSpec(spec)));
    expect(floor.unclassifiedLineItems).toEqual(["new-line"]);
    expect(floorLine(floor, "new-line")).toEqual({ id: "new-line", treatment: "unclassified", floorUsd: 0, gapUsd: 2 });
    expect(gapUsd(floor, "unclassified")).toBe(2);
    expect(floor.monthlyUsd).toBe(floorOf(spec).floor.monthlyUsd);
    expect(floor.monthlyUsd + floor.gapUsd).toBeCloseTo(withExtra.monthlyUsd, 9);
  });
});

describe("physicalFloor of the default stacks", () => {
  it.each([
    ["dev", devSpec],
    ["staging", stagingSpec],
    ["prod", prodSpec],
  ])(
    "GIVEN the default %s stack WHEN floored THEN floor + gap is its estimate and the best possible savings exceed its own",
    (_, make) => {
      const spec = make();
      const { floor, stack, baseline } = floorOf(spec);
      expect(floor.monthlyUsd + floor.gapUsd).toBeCloseTo(stack.monthlyUsd, 9);
      expect(floor.unclassifiedLineItems).toEqual([]);
      expect(floor.bestSavingsPercent).toBeGreaterThan(((baseline.monthlyUsd - stack.monthlyUsd) / baseline.monthlyUsd) * 100);
      // ARM64 everywhere: no architecture premium
      expect(gapUsd(floor, "architecturePremium")).toBe(0);
    },
  );
});
