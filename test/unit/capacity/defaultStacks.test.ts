import { CpuArchitecture } from "../../../lib/spec";
/**
 * The default dev and prod stacks (lib/configKeys.ts) against the SLO model and the optimizer. The
 * defaults are the optimizer's recommendations, so both stacks must meet the target and be their own
 * optimizer's winner. These tests change whenever the defaults do; the model's mechanics are tested
 * on the pinned legacy stacks (fixtures.ts) instead.
 */
import { monthlyCostUsd } from "../../../lib/capacity/costModel";
import { worstHour } from "../../../lib/capacity/hourly";
import { optimize, settingsOf } from "../../../lib/capacity/optimizer";
import { SCENARIO_NAMES } from "../../../lib/capacity/scenarios";
import { buildSloReport, formatSloReport } from "../../../lib/capacity/sloReport";
import { devSpec, prodSpec } from "./fixtures";

/**
 * The full search minus X86_64: in the latency model a task's speed does not depend on the
 * architecture, and the cost model never prices ARM64 above X86_64 for the same size
 * (test/unit/cost/properties.test.ts), so no X86_64 candidate can beat its ARM64 twin. Halves the
 * search, which matters under coverage instrumentation.
 */
const ARM64_ONLY = { architectures: ["ARM64"] as CpuArchitecture[] };

describe("the default prod stack", () => {
  const report = buildSloReport(prodSpec());

  it("GIVEN prod defaults (0.5 vCPU, 45% target, max 24) WHEN building the SLO report THEN every hour and every scenario meets the 200 ms target", () => {
    expect(report.targetP99Ms).toBe(200);
    expect(report.scenarios.map((s) => [s.name, s.passed])).toEqual(SCENARIO_NAMES.map((name) => [name, true]));
    expect(report.hourly.every((h) => h.p99Ms !== null && h.p99Ms <= 200)).toBe(true);
    expect(report.meetsTarget).toBe(true);
  });

  it("GIVEN prod defaults WHEN reading the peak and the worst hour THEN the peak is 250 rps on 12 tasks at 122.1 ms and the worst is the 07:00 ramp on 4 tasks at 123.4 ms", () => {
    expect(report.peak).toEqual({ rps: 250, tasks: 12, utilization: 0.4167, p99Ms: 122.1 });
    expect(worstHour(report.hourly)).toEqual({ hourOfWeek: 7, rps: 81.25, tasks: 4, utilization: 0.4063, p99Ms: 123.4 });
  });

  it("GIVEN prod defaults WHEN formatting the report THEN each scenario's numbers are shown", () => {
    expect(formatSloReport(report)).toBe(
      [
        "SLO model: p99 target 200 ms",
        "  weekday peak: 250 rps on 12 tasks, utilization 41.7%, p99 122.1 ms",
        "  worst hour: Mon 07:00, 81.25 rps on 4 tasks, p99 123.4 ms",
        "  PASS diurnal      worst p99 128 ms, 0 min over target, scale-out n/a, recovery n/a",
        "  PASS spike        worst p99 60000 ms, 1.75 min over target, scale-out 120 s, recovery 145 s",
        "  PASS spot-reclaim worst p99 152.6 ms, 0 min over target, scale-out 140 s, recovery 0 s",
        "  PASS az-loss      worst p99 123.7 ms, 0 min over target, scale-out 60 s, recovery 0 s",
        "  meets target: yes",
      ].join("\n"),
    );
  });

  it("GIVEN prod defaults and the cost model WHEN optimizing THEN the winner is the current settings and there is nothing to apply", () => {
    const spec = prodSpec();
    const result = optimize(spec, monthlyCostUsd, ARM64_ONLY);
    expect(result.current.passed).toBe(true);
    expect(result.winner?.settings).toEqual(settingsOf(spec));
    expect(result.winner?.monthlyUsd).toBe(result.current.monthlyUsd);
    expect(result.configLines).toEqual([]);
  });
});

describe("the default dev stack", () => {
  const report = buildSloReport(devSpec());

  it("GIVEN dev defaults (1 vCPU, 40% target, max 19, 1:3 on-demand/Spot) WHEN building the SLO report THEN every hour and every scenario meets the 200 ms target", () => {
    expect(report.targetP99Ms).toBe(200);
    expect(report.scenarios.map((s) => [s.name, s.passed])).toEqual(SCENARIO_NAMES.map((name) => [name, true]));
    expect(report.hourly.every((h) => h.p99Ms !== null && h.p99Ms <= 200)).toBe(true);
    expect(report.meetsTarget).toBe(true);
  });

  it("GIVEN dev defaults WHEN reading the peak and the worst hour THEN the peak is 250 rps on 7 tasks at 76.1 ms and the worst is Saturday 07:00 on the single off-hours task at 98.2 ms", () => {
    expect(report.peak).toEqual({ rps: 250, tasks: 7, utilization: 0.3571, p99Ms: 76.1 });
    expect(worstHour(report.hourly)).toEqual({ hourOfWeek: 5 * 24 + 7, rps: 32.5, tasks: 1, utilization: 0.325, p99Ms: 98.2 });
  });

  it("GIVEN dev defaults WHEN formatting the report THEN each scenario's numbers are shown", () => {
    expect(formatSloReport(report)).toBe(
      [
        "SLO model: p99 target 200 ms",
        "  weekday peak: 250 rps on 7 tasks, utilization 35.7%, p99 76.1 ms",
        "  worst hour: Sat 07:00, 32.5 rps on 1 tasks, p99 98.2 ms",
        "  PASS diurnal      worst p99 111.6 ms, 0 min over target, scale-out n/a, recovery n/a",
        "  PASS spike        worst p99 60000 ms, 1.17 min over target, scale-out 120 s, recovery 125 s",
        "  PASS spot-reclaim worst p99 60000 ms, 2.83 min over target, scale-out 140 s, recovery 170 s",
        "  PASS az-loss      worst p99 128.9 ms, 0 min over target, scale-out 60 s, recovery 0 s",
        "  meets target: yes",
      ].join("\n"),
    );
  });

  it("GIVEN dev defaults and the cost model WHEN optimizing THEN the winner is the current settings and there is nothing to apply", () => {
    const spec = devSpec();
    const result = optimize(spec, monthlyCostUsd, ARM64_ONLY);
    expect(result.current.passed).toBe(true);
    expect(result.winner?.settings).toEqual(settingsOf(spec));
    expect(result.winner?.monthlyUsd).toBe(result.current.monthlyUsd);
    expect(result.configLines).toEqual([]);
  });
});
