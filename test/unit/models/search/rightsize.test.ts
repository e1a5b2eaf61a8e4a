import * as path from "path";
import { readTaskMetricsCsv } from "../../../../lib/commands/metricsCsv";
import { rightsizeConfigLines } from "../../../../lib/commands/rightsize";
import {
  TaskMetricSample,
  findingOf,
  percentile,
  rightsize,
  smallestSize,
  withSize,
} from "../../../../lib/models/search/rightsize";
import { rightsizeConfidence } from "../../../../lib/models/search/rightsizeConfidence";
import { rightsizeRisk } from "../../../../lib/models/search/rightsizeRisk";
import { p99LatencyMs } from "../../../../lib/models/slo/latency";
import { PlatformSpec, webService, workerServices } from "../../../../lib/spec";
import { legacyProdSpec } from "../slo/fixtures";

/** $30 per vCPU and $3 per GiB: the known answer is easy to check by hand. */
const toyCost = (spec: PlatformSpec) => (webService(spec).cpu / 1024) * 30 + (webService(spec).memory / 1024) * 3;
const EXAMPLE = readTaskMetricsCsv(path.join(__dirname, "../../../../examples/task-metrics.csv"));

function samples(cpuValues: number[], memoryMiB: number, reserved = { cpu: 1024, memory: 2048 }): TaskMetricSample[] {
  return cpuValues.map((cpu, i) => ({
    timestamp: Date.UTC(2026, 10, 2, 14, i),
    taskId: `task-${i % 2}`,
    cpuUtilizedUnits: cpu,
    cpuReservedUnits: reserved.cpu,
    memoryUtilizedMiB: memoryMiB,
    memoryReservedMiB: reserved.memory,
  }));
}

describe("rightsize", () => {
  it("GIVEN the example (1 vCPU / 2 GiB tasks at p95 264 CPU units, peak 439 MiB) WHEN right-sizing for a 60% target THEN 0.5 vCPU / 1 GiB is enough and halves the cost", () => {
    const spec = legacyProdSpec({ apiCpu: "1024", apiMemory: "2048" });
    const result = rightsize(spec, EXAMPLE, toyCost);
    const recommendedSpec = withSize(spec, { cpu: 512, memory: 1024 });
    expect(result).toEqual({
      finding: "over-provisioned",
      // two hours of samples: under the 14-day lookback and the 24 hours of data (rightsizeConfidence.test.ts)
      confidence: {
        level: "low",
        reasons: ["series spans 2.0 hours, under the 14-day lookback", "2 hours of data, under 24"],
      },
      warnings: rightsizeConfidence(EXAMPLE).warnings,
      // the risk of 0.5 vCPU at the example's busiest minute (rightsizeRisk.test.ts)
      risk: rightsizeRisk(recommendedSpec, EXAMPLE),
      window: { from: "2026-11-02T14:00:00.000Z", to: "2026-11-02T15:59:00.000Z", samples: 360, tasks: 3 },
      measured: { cpu: 1024, memory: 2048 },
      configured: { cpu: 1024, memory: 2048 },
      observed: { cpuP95Units: 263.9, cpuMaxUnits: 315.3, memoryPeakMiB: 439 },
      // 263.9 / 0.6 CPU units; 439 x 1.25 MiB.
      needed: { cpuUnits: 263.9 / 0.6, memoryMiB: 548.75 },
      recommended: { cpu: 512, memory: 1024 },
      currentMonthlyUsd: 36,
      recommendedMonthlyUsd: 18,
      monthlySavingsUsd: 18,
      largerBecause: null,
      notes: [],
    });
    // AND the risk is the SLO model's p99 for the busiest minute's CPU (14:48, 3 tasks) on 3 tasks of 0.5 vCPU
    const busiestCpu = EXAMPLE.filter((s) => s.timestamp === Date.parse("2026-11-02T14:48:00Z")).reduce(
      (sum, s) => sum + s.cpuUtilizedUnits,
      0,
    );
    const peakRps = ((busiestCpu / 1024) * 1000) / spec.workload.cpuMsPerRequest;
    expect([result.risk.peak.at, result.risk.tasks, result.risk.p99Ms]).toEqual([
      "2026-11-02T14:48:00.000Z",
      3,
      p99LatencyMs(recommendedSpec, peakRps, 3),
    ]);
    // AND the rightsize command (lib/commands/rightsize.ts) prints the two keys to set
    expect(rightsizeConfigLines(spec, result)).toEqual([
      "pulumi config set --stack prod apiCpu 512",
      "pulumi config set --stack prod apiMemory 1024",
    ]);
  });

  it("GIVEN samples measured on 1 vCPU while the stack config says 0.5 vCPU WHEN the recommendation is the configured size THEN nothing is saved: savings are against what `pulumi up` deploys", () => {
    const result = rightsize(legacyProdSpec(), EXAMPLE, toyCost);
    expect(result.notes).toEqual([
      "The samples were measured on 1024 CPU / 2048 MiB, the stack config says 512 / 1024: savings are against the configured size, the one `pulumi up` deploys.",
    ]);
    expect(result.measured).toEqual({ cpu: 1024, memory: 2048 });
    expect(result.configured).toEqual({ cpu: 512, memory: 1024 });
    expect(result.recommended).toEqual({ cpu: 512, memory: 1024 });
    expect(rightsizeConfigLines(legacyProdSpec(), result)).toEqual([]);
    expect([result.currentMonthlyUsd, result.monthlySavingsUsd, result.largerBecause]).toEqual([18, 0, null]);
  });

  it("GIVEN a 45% target (p95 263.9 / 0.45 = 586 CPU units) on a stack configured at 0.5 vCPU WHEN right-sizing THEN 1 vCPU is recommended, it costs $18 more, and the per-task CPU rule is named as the reason", () => {
    const result = rightsize(legacyProdSpec({ apiCpuTargetPercent: "45" }), EXAMPLE, toyCost);
    expect(result.recommended).toEqual({ cpu: 1024, memory: 2048 });
    expect([result.currentMonthlyUsd, result.recommendedMonthlyUsd, result.monthlySavingsUsd]).toEqual([18, 36, -18]);
    expect(result.largerBecause).toBe(
      "1024 CPU / 2048 MiB is larger than the configured 512 / 1024: the per-task rule asks for p95 CPU 263.9 units / CPU target 45% = 586 CPU units, more than the configured 512.",
    );
  });

  it("GIVEN a memory peak above the configured memory WHEN right-sizing THEN the memory rule is named as the reason", () => {
    const result = rightsize(legacyProdSpec(), samples([100, 100], 900, { cpu: 512, memory: 1024 }), toyCost);
    expect(result.recommended).toEqual({ cpu: 512, memory: 2048 });
    expect(result.largerBecause).toBe(
      "512 CPU / 2048 MiB is larger than the configured 512 / 1024: peak memory + 25% = 1125 MiB, more than the configured 1024.",
    );
  });

  it("GIVEN a stack configured at 0.25 vCPU below the latency floor WHEN right-sizing an almost idle service THEN the SLO model's floor is named as the reason", () => {
    const spec = legacyProdSpec({ apiCpu: "256", apiMemory: "512" });
    const result = rightsize(spec, samples([20, 30, 40], 100, { cpu: 256, memory: 512 }), toyCost);
    expect(result.recommended).toEqual({ cpu: 512, memory: 1024 });
    expect(result.largerBecause).toBe(
      "512 CPU / 1024 MiB is larger than the configured 256 / 512: the SLO model needs 512 CPU units to keep p99 under 200 ms.",
    );
  });

  it("GIVEN one single-threaded process and p95 of 900 CPU units WHEN right-sizing THEN the CPU stops at 1 vCPU, with a note to add tasks instead", () => {
    const result = rightsize(legacyProdSpec(), samples([900, 900, 900], 300), toyCost);
    expect(result.needed.cpuUnits).toBe(1024);
    expect(result.recommended).toEqual({ cpu: 1024, memory: 2048 });
    expect(result.notes[1]).toBe(
      "p95 CPU / target asks for 1500 CPU units, but 1 single-threaded process(es) use at most 1024: more tasks, not bigger ones.",
    );
  });

  it("GIVEN an almost idle service WHEN right-sizing THEN 0.25 vCPU is refused (its p99 misses 200 ms) and 0.5 vCPU is recommended, with a note", () => {
    const result = rightsize(legacyProdSpec(), samples([20, 30, 40], 100, { cpu: 512, memory: 1024 }), toyCost);
    expect(result.recommended).toEqual({ cpu: 512, memory: 1024 });
    expect(result.notes).toEqual([
      "Utilization alone allows 256 CPU / 512 MiB; 512 CPU is the smallest that meets the 200 ms p99 target in the SLO model.",
    ]);
    expect(result.monthlySavingsUsd).toBe(0);
  });

  it("GIVEN a 50 ms target no size can meet WHEN right-sizing THEN the utilization-based size is kept, with a note", () => {
    const result = rightsize(
      legacyProdSpec({ targetP99Ms: "50" }),
      samples([20, 30, 40], 100, { cpu: 512, memory: 1024 }),
      toyCost,
    );
    expect(result.recommended).toEqual({ cpu: 256, memory: 512 });
    expect(result.notes).toEqual([
      "No size meets the 50 ms p99 target in every hour of the SLO model; recommending the utilization-based size.",
    ]);
    expect(result.monthlySavingsUsd).toBe(9);
  });

  it("GIVEN samples out of time order WHEN finding the measured size THEN the latest sample's reserved size counts", () => {
    const [older, newer] = samples([100, 100], 300);
    const result = rightsize(legacyProdSpec(), [{ ...newer, cpuReservedUnits: 512, memoryReservedMiB: 1024 }, older], toyCost);
    expect(result.measured).toEqual({ cpu: 512, memory: 1024 });
  });

  it("GIVEN a peak memory no Fargate size holds WHEN right-sizing THEN it fails with the sizes it needed", () => {
    expect(() => rightsize(legacyProdSpec(), samples([100], 200000), toyCost)).toThrow(
      "no Fargate size has 167 CPU units and 250000 MiB: the task needs splitting",
    );
  });
});

describe("rightsize finding (Compute Optimizer's labels)", () => {
  it.each([
    [{ cpu: 1024, memory: 2048 }, { cpu: 512, memory: 1024 }, "over-provisioned"],
    [{ cpu: 512, memory: 2048 }, { cpu: 512, memory: 1024 }, "over-provisioned"],
    [{ cpu: 512, memory: 1024 }, { cpu: 1024, memory: 2048 }, "under-provisioned"],
    [{ cpu: 512, memory: 1024 }, { cpu: 512, memory: 2048 }, "under-provisioned"],
    [{ cpu: 1024, memory: 2048 }, { cpu: 512, memory: 4096 }, "under-provisioned"],
    [{ cpu: 512, memory: 1024 }, { cpu: 512, memory: 1024 }, "optimal"],
  ])(
    "GIVEN the configured %j and the recommended %j WHEN labelling THEN the finding is %s",
    (configured, recommended, finding) => {
      expect(findingOf(configured, recommended)).toBe(finding);
    },
  );

  it("GIVEN the example on stacks configured larger, smaller and at the recommended size WHEN right-sizing THEN each result carries its label", () => {
    const findings = [
      legacyProdSpec({ apiCpu: "1024", apiMemory: "2048" }),
      legacyProdSpec({ apiCpuTargetPercent: "45" }),
      legacyProdSpec(),
    ].map((spec) => rightsize(spec, EXAMPLE, toyCost).finding);
    expect(findings).toEqual(["over-provisioned", "under-provisioned", "optimal"]);
  });
});

describe("sizing helpers", () => {
  it.each([
    [0, 0, 0, { cpu: 256, memory: 512 }],
    [300, 5000, 0, { cpu: 1024, memory: 5120 }],
    [0, 600, 257, { cpu: 512, memory: 1024 }],
    [20000, 1, 0, null],
  ])(
    "GIVEN %i CPU units, %i MiB and a minimum of %i WHEN choosing the smallest size THEN it is %j",
    (cpu, memory, minimum, expected) => {
      expect(smallestSize(cpu, memory, minimum)).toEqual(expected);
    },
  );

  it("GIVEN 1..100 WHEN taking the nearest-rank p95 THEN it is 95; one value is its own percentile", () => {
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => 100 - i),
        0.95,
      ),
    ).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
  });

  it("GIVEN a spec WHEN resizing it THEN only the API size changes", () => {
    const spec = withSize(legacyProdSpec(), { cpu: 2048, memory: 4096 });
    expect([webService(spec).cpu, webService(spec).memory]).toEqual([2048, 4096]);
    expect(workerServices(spec)).toEqual(workerServices(legacyProdSpec()));
    expect({ ...webService(spec), cpu: 512, memory: 1024 }).toEqual(webService(legacyProdSpec()));
  });
});
