import { configLinesFor } from "../../../../lib/commands/optimize";
import {
  WebSettings,
  applySettings,
  candidateSettings,
  changedSettings,
  maxTasksFor,
  optimize,
  settingsOf,
  spikeHeadroomMinTasks,
} from "../../../../lib/models/search/optimizer";
import { PlatformSpec, webService } from "../../../../lib/spec";
import { legacyDevSpec, legacyProdSpec, SMALL_SEARCH as SMALL } from "../slo/fixtures";

/**
 * Cheaper with a higher CPU target (fewer tasks), a lower minimum and on ARM64: the order the real
 * cost model gives too.
 */
const toyCost = (spec: PlatformSpec) =>
  (spec.cpuArchitecture === "ARM64" ? 0.8 : 1) * (webService(spec).minTasks + 100 / webService(spec).cpuTargetPercent);

const WINNER: WebSettings = {
  cpu: 512,
  memory: 1024,
  cpuArchitecture: "ARM64",
  cpuTargetPercent: 60,
  minTasks: 25,
  maxTasks: 25,
  desiredTasks: 25,
  onDemandBase: 3,
  onDemandWeight: 1,
  spotWeight: 3,
  offHoursMinTasks: 3,
};

describe("optimize on a small search with a known answer", () => {
  const result = optimize(legacyProdSpec(), toyCost, SMALL);

  it("GIVEN legacy prod, whose spike fails, WHEN optimizing THEN the cheapest passing candidate keeps the tripled peak's 25 tasks (at 60%) as its minimum, on ARM64", () => {
    expect(result.winner?.settings).toEqual(WINNER);
    expect(result.winner?.monthlyUsd).toBeCloseTo(0.8 * (25 + 100 / 60), 12);
    expect(result.winner?.peakP99Ms).toBe(122.1);
    expect(result.winner?.scenarios.map((s) => [s.name, s.passed])).toEqual([
      ["diurnal", true],
      ["spike", true],
      ["spot-reclaim", true],
      ["az-loss", true],
    ]);
  });

  it("GIVEN a larger maximum costs nothing in the steady state WHEN ranking THEN the runner-up is the same settings with room for 42 tasks", () => {
    expect(
      result.runnerUps.map((c) => [
        c.settings.cpuArchitecture,
        c.settings.cpuTargetPercent,
        c.settings.minTasks,
        c.settings.maxTasks,
      ]),
    ).toEqual([["ARM64", 60, 25, 42]]);
    expect(result.runnerUps[0].monthlyUsd).toBeCloseTo(0.8 * (25 + 100 / 60), 12);
  });

  it("GIVEN the winner WHEN listing what it changes THEN only the minimum, desired count and maximum differ from legacy prod", () => {
    expect(changedSettings(legacyProdSpec(), result.winner!.settings)).toEqual(["minTasks", "desiredTasks", "maxTasks"]);
  });

  it("GIVEN the winner WHEN printing config lines (lib/commands/optimize.ts) THEN only the changed keys are set", () => {
    expect(configLinesFor(legacyProdSpec(), result.winner!.settings)).toEqual([
      "pulumi config set --stack prod apiMinTasks 25",
      "pulumi config set --stack prod apiDesiredTasks 25",
      "pulumi config set --stack prod apiMaxTasks 25",
    ]);
  });

  it("GIVEN maxima below the spike's capacity and shared scenario results WHEN optimizing THEN those 4 are dropped unsimulated and the rest need 10 runs: 1 failing spike per minimum-3 setting, 4 per passing one", () => {
    expect(result.stats).toMatchObject({ candidates: 16, prunedAnalytically: 4, costed: 12, scenarioRuns: 10 });
  });

  it("GIVEN the current legacy prod settings WHEN reporting them THEN their cost, peak p99 and failing spike are shown", () => {
    expect(result.current.settings).toEqual(settingsOf(legacyProdSpec()));
    expect(result.current.monthlyUsd).toBeCloseTo(0.8 * (3 + 100 / 60), 12);
    expect(result.current.peakP99Ms).toBe(122.6);
    expect(result.current.passed).toBe(false);
  });
});

describe("optimize pruning and limits", () => {
  it("GIVEN only 0.25 vCPU tasks (exponential 40 ms service: p99 >= 214 ms) WHEN optimizing THEN every candidate is dropped analytically without simulating", () => {
    const result = optimize(legacyProdSpec(), toyCost, { ...SMALL, cpuValues: [256] });
    expect(result.winner).toBeNull();
    expect(result.runnerUps).toEqual([]);
    expect(result.stats).toMatchObject({ candidates: 16, prunedAnalytically: 16, costed: 0, scenarioRuns: 0 });
  });

  it("GIVEN no runner-ups wanted WHEN optimizing THEN the search stops at the winner", () => {
    const result = optimize(legacyProdSpec(), toyCost, { ...SMALL, runnerUps: 0 });
    expect(result.winner?.settings).toEqual(WINNER);
    expect(result.runnerUps).toEqual([]);
  });

  it("GIVEN an injected clock WHEN optimizing THEN the elapsed time comes from it", () => {
    const ticks = [1000, 1600];
    const result = optimize(legacyProdSpec(), toyCost, { ...SMALL, now: () => ticks.shift() as number });
    expect(result.stats.elapsedMs).toBe(600);
  });

  it("GIVEN legacy dev, overloaded at the peak WHEN optimizing THEN the current peak p99 is null and the current settings fail", () => {
    const result = optimize(legacyDevSpec(), toyCost, {
      ...SMALL,
      onDemandBases: [0],
      minTasks: [1],
      weights: [{ onDemandWeight: 1, spotWeight: 1 }],
    });
    expect(result.current.peakP99Ms).toBeNull();
    expect(result.current.passed).toBe(false);
  });
});

describe("the default search", () => {
  it("GIVEN legacy prod and no options WHEN optimizing THEN 10,432 candidates are searched and a passing winner is found", () => {
    const result = optimize(legacyProdSpec(), toyCost);
    expect(result.stats.candidates).toBe(10432);
    expect(result.winner?.scenarios.every((s) => s.passed)).toBe(true);
    expect(result.runnerUps).toHaveLength(3);
  });

  it("GIVEN legacy prod and no options WHEN enumerating THEN 5 sizes x 2 architectures x 13 targets x 10 (minimum 1-6, base >= 3 AZs) x 4 weights with the stack's maximum, plus the spike-headroom minimum of each size and target", () => {
    const candidates = candidateSettings(legacyProdSpec());
    expect(candidates).toHaveLength(10432);
    expect(candidates.filter((c) => c.maxTasks === 24 && c.minTasks <= 6)).toHaveLength(5 * 2 * 13 * 10 * 4);
    const isHeadroom = (c: WebSettings) => c.minTasks === spikeHeadroomMinTasks(legacyProdSpec(), c.cpu, c.cpuTargetPercent);
    expect(candidates.every((c) => c.minTasks <= 6 || isHeadroom(c))).toBe(true);
    expect(new Set(candidates.filter(isHeadroom).map((c) => `${c.cpu}/${c.cpuTargetPercent}`)).size).toBe(5 * 13);
  });

  it("GIVEN candidates that cost the same WHEN ranking THEN the first passing one in search order wins", () => {
    const result = optimize(legacyProdSpec(), () => 1, { ...SMALL, cpuTargets: [40, 45] });
    const brief = (s: WebSettings) => [s.cpuTargetPercent, s.cpuArchitecture, s.minTasks, s.maxTasks];
    expect(brief(result.winner?.settings as WebSettings)).toEqual([40, "ARM64", 38, 38]);
    expect(result.runnerUps.map((c) => brief(c.settings))).toEqual([[40, "ARM64", 38, 95]]);
  });
});

describe("candidateSettings", () => {
  it("GIVEN prod (3 AZs) WHEN enumerating THEN the on-demand base is at least 3 and at most the minimum, and weights of 0/0 are skipped", () => {
    const candidates = candidateSettings(legacyProdSpec(), {
      cpuValues: [512],
      architectures: ["ARM64"],
      cpuTargets: [60],
      minTasks: [2, 4],
      spikeHeadroomMinimum: false,
      onDemandBases: [0, 3, 4, 5],
      weights: [
        { onDemandWeight: 0, spotWeight: 0 },
        { onDemandWeight: 1, spotWeight: 1 },
      ],
    });
    expect(candidates.map((c) => [c.minTasks, c.onDemandBase, c.maxTasks])).toEqual([
      [4, 3, 24],
      [4, 4, 24],
      [4, 3, 25],
      [4, 4, 25],
    ]);
  });

  it("GIVEN an app that needs 4 GiB WHEN enumerating THEN 0.25 vCPU is skipped, the others get their smallest size with 4 GiB, and equal maxima are not repeated", () => {
    const candidates = candidateSettings(legacyProdSpec(), {
      cpuValues: [256, 512, 1024],
      architectures: ["ARM64"],
      cpuTargets: [60],
      minTasks: [3],
      onDemandBases: [3],
      weights: [{ onDemandWeight: 1, spotWeight: 3 }],
      minMemoryMiB: 4096,
      spikeHeadroomMinimum: false,
    });
    expect(candidates.map((c) => [c.cpu, c.memory, c.maxTasks])).toEqual([
      [512, 4096, 24],
      [512, 4096, 25],
      [1024, 4096, 24],
    ]);
  });

  it("GIVEN dev's scheduled scaling WHEN the minimum is below offHoursMinTasks THEN the off-hours minimum follows it down and desired stays within bounds", () => {
    const spec = legacyDevSpec({ apiMinTasks: "3", apiDesiredTasks: "3", offHoursMinTasks: "2" });
    const [candidate] = candidateSettings(spec, {
      cpuValues: [512],
      architectures: ["ARM64"],
      cpuTargets: [60],
      minTasks: [1],
      onDemandBases: [0],
      weights: [{ onDemandWeight: 1, spotWeight: 1 }],
    });
    expect(candidate).toMatchObject({ minTasks: 1, desiredTasks: 3, offHoursMinTasks: 1 });
  });

  it("GIVEN the spike-headroom minimum WHEN enumerating THEN each size and target also gets the minimum that holds the tripled peak at the target, with the off-hours minimum kept", () => {
    const candidates = candidateSettings(legacyDevSpec(), {
      cpuValues: [1024],
      architectures: ["ARM64"],
      cpuTargets: [60, 75],
      minTasks: [1],
      onDemandBases: [0],
      weights: [{ onDemandWeight: 1, spotWeight: 3 }],
    });
    // 7.5 vCPU at the tripled peak: ceil(7.5 / 0.6) = 13 and ceil(7.5 / 0.75) = 10 tasks of 1 vCPU. The
    // larger maximum is the request-count policy's ask at the tripled peak: ceil(750 x 60 / 1200) = 38.
    expect(candidates.map((c) => [c.cpuTargetPercent, c.minTasks, c.maxTasks, c.offHoursMinTasks])).toEqual([
      [60, 1, 4, 1],
      [60, 1, 38, 1],
      [60, 13, 13, 1],
      [60, 13, 38, 1],
      [75, 1, 4, 1],
      [75, 1, 38, 1],
      [75, 10, 10, 1],
      [75, 10, 38, 1],
    ]);
  });
});

describe("settings helpers", () => {
  it("GIVEN legacy prod WHEN sizing the maximum for 0.5 vCPU at 60% THEN it is the 25 tasks the tripled peak needs (more than the 24 configured)", () => {
    expect(maxTasksFor(legacyProdSpec(), 512, 60, 3)).toBe(25);
    expect(maxTasksFor(legacyProdSpec(), 512, 45, 3)).toBe(34);
  });

  it("GIVEN a request-count target of 600 per task per minute WHEN sizing the maximum THEN the tripled peak's ceil(750 x 60 / 600) = 75 tasks set it", () => {
    expect(maxTasksFor(legacyProdSpec({ requestsPerTargetPerMinute: "600" }), 512, 60, 3)).toBe(75);
  });

  it("GIVEN legacy prod WHEN sizing the spike-headroom minimum THEN it is the tripled peak (7.5 vCPU) at the target: 25 tasks of 0.5 vCPU at 60%, 34 at 45%", () => {
    expect(spikeHeadroomMinTasks(legacyProdSpec(), 512, 60)).toBe(25);
    expect(spikeHeadroomMinTasks(legacyProdSpec(), 512, 45)).toBe(34);
  });

  it("GIVEN settings WHEN applied to a spec THEN reading them back gives the same settings", () => {
    expect(settingsOf(applySettings(legacyProdSpec(), WINNER))).toEqual(WINNER);
  });

  it("GIVEN unchanged settings WHEN listing the changes and printing config lines THEN there are none", () => {
    expect(changedSettings(legacyProdSpec(), settingsOf(legacyProdSpec()))).toEqual([]);
    expect(configLinesFor(legacyProdSpec(), settingsOf(legacyProdSpec()))).toEqual([]);
  });

  it("GIVEN every setting changed WHEN listing the changes and printing config lines THEN each setting and its config key appear once, in settingsOf's order", () => {
    const changed: WebSettings = {
      cpu: 1024,
      memory: 2048,
      cpuArchitecture: "X86_64",
      cpuTargetPercent: 50,
      minTasks: 4,
      maxTasks: 30,
      desiredTasks: 4,
      onDemandBase: 4,
      onDemandWeight: 2,
      spotWeight: 1,
      offHoursMinTasks: 2,
    };
    expect(changedSettings(legacyProdSpec(), changed)).toEqual([
      "cpu",
      "memory",
      "cpuArchitecture",
      "cpuTargetPercent",
      "minTasks",
      "desiredTasks",
      "maxTasks",
      "onDemandBase",
      "onDemandWeight",
      "spotWeight",
      "offHoursMinTasks",
    ]);
    expect(configLinesFor(legacyProdSpec(), changed).map((l) => l.split(" ")[5])).toEqual([
      "apiCpu",
      "apiMemory",
      "cpuArchitecture",
      "apiCpuTargetPercent",
      "apiMinTasks",
      "apiDesiredTasks",
      "apiMaxTasks",
      "onDemandBase",
      "onDemandWeight",
      "spotWeight",
      "offHoursMinTasks",
    ]);
  });
});
