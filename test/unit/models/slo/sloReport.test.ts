import { formatSloReport } from "../../../../lib/commands/plan/sloText";
import { hourLabel } from "../../../../lib/commands/plan/sloWords";
import { buildSloReport, sloAssumptions } from "../../../../lib/models/slo/sloReport";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

/** Legacy prod holding the spike's capacity at the peak: 25 tasks at least (capacityNeededFor 750 rps). */
const HEADROOM = legacyProdSpec({ apiMinTasks: "25", apiDesiredTasks: "25", apiMaxTasks: "34" });

describe("buildSloReport", () => {
  const prod = buildSloReport(legacyProdSpec());

  it("GIVEN legacy prod WHEN building the report THEN it has exactly the documented keys", () => {
    expect(Object.keys(prod)).toEqual(["targetP99Ms", "assumptions", "hourly", "peak", "scenarios", "meetsTarget"]);
    expect(Object.keys(prod.hourly[0])).toEqual(["hourOfWeek", "rps", "tasks", "utilization", "p99Ms"]);
    expect(Object.keys(prod.peak)).toEqual(["rps", "tasks", "utilization", "p99Ms"]);
  });

  it("GIVEN legacy prod (60% target) WHEN building the report THEN the peak is 250 rps on 9 tasks at p99 122.6 ms and the target is missed because of the spike", () => {
    expect(prod.targetP99Ms).toBe(200);
    expect(prod.peak).toEqual({ rps: 250, tasks: 9, utilization: 0.5556, p99Ms: 122.6 });
    expect(prod.scenarios.filter((s) => !s.passed).map((s) => s.name)).toEqual(["spike"]);
    expect(prod.meetsTarget).toBe(false);
  });

  it("GIVEN legacy dev WHEN building the report THEN overloaded hours have a null p99 and the report survives a JSON round trip unchanged", () => {
    const dev = buildSloReport(legacyDevSpec());
    expect(dev.peak).toEqual({ rps: 250, tasks: 4, utilization: 2.5, p99Ms: null });
    expect(JSON.parse(JSON.stringify(dev))).toEqual(dev);
    expect(dev.meetsTarget).toBe(false);
  });

  it("GIVEN legacy prod with a 45% CPU target and room for 34 tasks WHEN building the report THEN the spike still fails: its 34 tasks serve only after the second scale-out", () => {
    const report = buildSloReport(legacyProdSpec({ apiCpuTargetPercent: "45", apiMaxTasks: "34" }));
    expect(report.scenarios.filter((s) => !s.passed).map((s) => [s.name, s.scaleOutSeconds])).toEqual([["spike", 240]]);
    expect(report.meetsTarget).toBe(false);
  });

  it("GIVEN legacy prod with a minimum of 25 tasks (the tripled peak at 60%) WHEN building the report THEN every hour and scenario meets the target", () => {
    const report = buildSloReport(HEADROOM);
    expect(report.scenarios.every((s) => s.passed)).toBe(true);
    expect(report.meetsTarget).toBe(true);
  });

  it("GIVEN a stack WHEN listing assumptions THEN they carry its numbers", () => {
    const assumptions = sloAssumptions(legacyProdSpec({ highResolutionMetrics: "false" }));
    expect(assumptions).toHaveLength(7);
    expect(assumptions[2]).toBe(
      "Hourly task counts are the target-tracking steady state the cost model bills: the larger of the CPU policy (60%) and the request-count policy (2400 requests per task per minute); the memory policy is not modelled.",
    );
    expect(assumptions[3]).toBe(
      "Target tracking: 60-s CPU datapoints (capped at 100%) and 60-s request-count datapoints; each policy scales out after 3 datapoints above its target and asks for ceil(desired x metric / target); scale-in needs 15 below on every policy; cooldowns 30 s out / 300 s in.",
    );
    expect(sloAssumptions(legacyProdSpec())[3]).toMatch(/^Target tracking: 20-s CPU datapoints/);
    expect(assumptions[4]).toBe(
      "A new task runs 40 s after launch and serves after 2 x 10 s of health checks; a stopped task drains 30 s.",
    );
  });
});

describe("formatSloReport", () => {
  // A p99 at the ALB's idle timeout is requests timing out (the simulation caps latency there).
  const IDLE_TIMEOUT_SECONDS = legacyProdSpec().loadBalancer.idleTimeoutSeconds;
  it("GIVEN the legacy prod report WHEN formatting it THEN the peak, the worst hour and one line per scenario are shown", () => {
    expect(formatSloReport(buildSloReport(legacyProdSpec()), IDLE_TIMEOUT_SECONDS)).toBe(
      [
        "SLO model: p99 target 200 ms",
        "  weekday peak: 250 rps on 9 tasks, utilization 55.6%, p99 122.6 ms",
        "  worst hour: Mon 07:00 US Eastern (America/New_York), 81.25 rps on 3 tasks, p99 132 ms",
        "  PASS diurnal      worst p99 140.7 ms, 0 minutes over target, scale-out n/a, recovery n/a",
        "  FAIL spike        worst p99 overloaded (requests time out at the ALB idle timeout), 4.5 minutes over target, scale-out n/a, recovery 295 s",
        "  PASS spot-reclaim worst p99 overloaded (requests time out at the ALB idle timeout), 2.3 minutes over target, scale-out 240 s, recovery 140 s",
        "  PASS az-loss      worst p99 152.6 ms, 0 minutes over target, scale-out 60 s, recovery 0 s",
        "  meets target: no",
      ].join("\n"),
    );
  });

  it("GIVEN the legacy dev report WHEN formatting it THEN unbounded values and unrecovered scenarios are spelled out", () => {
    const text = formatSloReport(buildSloReport(legacyDevSpec()), IDLE_TIMEOUT_SECONDS);
    expect(text).toContain(
      "  weekday peak: 250 rps on 4 tasks, utilization 250%, p99 overloaded (requests time out at the ALB idle timeout)",
    );
    expect(text).toContain(
      "  worst hour: Mon 08:00 US Eastern (America/New_York), 193.75 rps on 4 tasks, p99 overloaded (requests time out at the ALB idle timeout)",
    );
    expect(text).toContain(
      "  FAIL spot-reclaim worst p99 overloaded (requests time out at the ALB idle timeout), 35 minutes over target, scale-out n/a, recovery not within the run",
    );
  });

  it("GIVEN a report that meets the target WHEN formatting it THEN the last line says yes", () => {
    const text = formatSloReport(buildSloReport(HEADROOM), IDLE_TIMEOUT_SECONDS);
    expect(text.split("\n").slice(-5)).toEqual([
      "  PASS diurnal      worst p99 122.1 ms, 0 minutes over target, scale-out n/a, recovery n/a",
      "  PASS spike        worst p99 122.1 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
      "  PASS spot-reclaim worst p99 122.6 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
      "  PASS az-loss      worst p99 122.1 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
      "  meets target: yes",
    ]);
  });

  it.each([
    [0, "Mon 00:00"],
    [33, "Tue 09:00"],
    [167, "Sun 23:00"],
  ])("GIVEN hour of week %i WHEN labelling it THEN it reads %s", (hour, label) => {
    expect(hourLabel(hour)).toBe(label);
  });
});
