import { formatSloReport } from "../../../../lib/commands/plan/sloText";
import { hourLabel } from "../../../../lib/commands/plan/sloWords";
import { buildSloReport, sloAssumptions } from "../../../../lib/models/slo/sloReport";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

/** Legacy prod holding the spike's capacity at the peak: 25 tasks at least (capacityNeededFor 750 rps). */
const HEADROOM = legacyProdSpec({ apiMinTasks: "25", apiDesiredTasks: "25", apiMaxTasks: "34" });

describe("buildSloReport", () => {
  const prod = buildSloReport(legacyProdSpec());

  it("GIVEN legacy prod WHEN building the report THEN it has exactly the documented keys", () => {
    expect(Object.keys(prod)).toEqual([
      "targetP99Ms",
      "routing",
      "assumptions",
      "hourly",
      "peak",
      "scenarios",
      "steadyStates",
      "meetsTarget",
    ]);
    expect(Object.keys(prod.hourly[0])).toEqual(["hourOfWeek", "rps", "tasks", "utilization", "p99Ms"]);
    expect(Object.keys(prod.peak)).toEqual(["rps", "tasks", "utilization", "p99Ms"]);
    expect(Object.keys(prod.scenarios[1])).toEqual([
      "name",
      "scaleOutSeconds",
      "worstP99Ms",
      "minutesOverSlo",
      "recoverySeconds",
      "passed",
      "worstState",
    ]);
    expect(Object.keys(prod.steadyStates[0])).toEqual([
      "name",
      "rps",
      "tasks",
      "nodes",
      "utilization",
      "approximationP99Ms",
      "simulatedP99Ms",
      "passed",
    ]);
  });

  it("GIVEN legacy prod (60% target) WHEN building the report THEN the peak is 250 rps on 9 tasks at p99 171.7 ms and the target is missed: the spike and the Spot reclaim fail (scenarios.test.ts has their timelines), and so do the Spot-reclaim floor (4 on-demand tasks, overloaded) and the AZ-loss state (6 tasks behind 2 nodes) in the routing simulation", () => {
    expect(prod.targetP99Ms).toBe(200);
    expect(prod.peak).toEqual({ rps: 250, tasks: 9, utilization: 0.5556, p99Ms: 171.7 });
    expect(prod.scenarios.filter((s) => !s.passed).map((s) => s.name)).toEqual(["spike", "spot-reclaim"]);
    expect(prod.steadyStates.filter((s) => !s.passed).map((s) => [s.name, s.tasks, s.nodes, s.utilization])).toEqual([
      ["spot-reclaim", 4, 3, 1.25],
      ["az-loss", 6, 2, 0.8333],
    ]);
    expect(prod.meetsTarget).toBe(false);
  });

  it("GIVEN legacy dev WHEN building the report THEN overloaded hours have a null p99 and the report survives a JSON round trip unchanged", () => {
    const dev = buildSloReport(legacyDevSpec());
    expect(dev.peak).toEqual({ rps: 250, tasks: 4, utilization: 2.5, p99Ms: null });
    expect(JSON.parse(JSON.stringify(dev))).toEqual(dev);
    expect(dev.meetsTarget).toBe(false);
  });

  it("GIVEN legacy prod with a 45% CPU target and room for 34 tasks WHEN building the report THEN the spike still fails: its 34 tasks serve only after the second scale-out, 185 s after onset", () => {
    // Scale-outs at 386 s (12 -> 27) and 446 s (27 -> 34), in service 39 s later (29 s launch + 10 s
    // health check): 485 s, past the 120-s bar. No step scaling (the legacy fixture pins it off).
    const report = buildSloReport(legacyProdSpec({ apiCpuTargetPercent: "45", apiMaxTasks: "34" }));
    expect(report.scenarios.filter((s) => !s.passed).map((s) => [s.name, s.scaleOutSeconds])).toEqual([["spike", 185]]);
    expect(report.meetsTarget).toBe(false);
  });

  it("GIVEN legacy prod with a minimum of 25 tasks (the tripled peak at 60%) WHEN building the report THEN every hour and scenario meets the target", () => {
    const report = buildSloReport(HEADROOM);
    expect(report.scenarios.every((s) => s.passed)).toBe(true);
    expect(report.meetsTarget).toBe(true);
  });

  it("GIVEN legacy prod with 60-s metrics WHEN listing assumptions THEN there are ten and they carry its numbers: 183-s alarm lag, no step scaling, a 29-s launch from the 150 MB image", () => {
    const assumptions = sloAssumptions(legacyProdSpec({ highResolutionMetrics: "false" }));
    expect(assumptions).toHaveLength(10);
    expect(assumptions[1]).toBe(
      "CPU time per request: exponential with mean 10 ms / min(1, task vCPU / processes); non-CPU latency: fixed with mean 30 ms, holding no CPU.",
    );
    expect(assumptions[3]).toBe(
      "Hourly task counts are the target-tracking steady state the cost model bills: the larger of the CPU policy (60%) and the request-count policy (2400 requests per task per minute); the memory policy is not modelled.",
    );
    expect(assumptions[4]).toBe(
      "Target tracking: 60-s CPU datapoints (capped at 100%) and 60-s request-count datapoints; each policy scales out after 3 datapoints above its target and asks for ceil(desired x metric / target); scale-in needs 15 below on every policy; cooldowns 30 s out / 300 s in.",
    );
    // 363 - 3 x 60 = 183 s (lib/aws/timings.ts metricToAlarmLagSeconds).
    expect(assumptions[5]).toBe(
      "Alarms act on a datapoint 183 s after it closes (metric publication and alarm evaluation, calibrated to AWS's benchmark: 363 s from load to scale-out trigger with 60-s metrics); the request-count policy's 60-s datapoints take 183 s.",
    );
    expect(assumptions[6]).toBe("No step-scaling policy.");
    // ceil(20 + 150 / 18) = 29 s; one passing health check at the 10-s interval.
    expect(assumptions[7]).toBe(
      "A new task runs 29 s after launch (what the 150 MB image gives at 20 s + 18 MB/s) and serves after one passing health check, one 10-s interval later; a stopped task drains 30 s.",
    );
  });

  it("GIVEN 20-s metrics and the default step scaling (auto: one step 10 points above a 60% target adding 200%) WHEN listing assumptions THEN the CPU alarms lag 26 s and the step policy is spelled out, its cooldown the 85 s its tasks take to reach the alarm", () => {
    // Step cooldown (lib/design/scalingPolicies.ts): 29-s launch + 10-s health check + one 20-s datapoint + 26-s lag.
    const assumptions = sloAssumptions(legacyProdSpec({ stepScalingSteps: "auto" }));
    expect(assumptions[4]).toMatch(/^Target tracking: 20-s CPU datapoints/);
    // 86 - 3 x 20 = 26 s.
    expect(assumptions[5]).toBe(
      "Alarms act on a datapoint 26 s after it closes (metric publication and alarm evaluation, calibrated to AWS's benchmark: 86 s from load to scale-out trigger with 20-s metrics); the request-count policy's 60-s datapoints take 183 s.",
    );
    expect(assumptions[6]).toBe(
      "Step scaling: 1 CPU datapoint at or above 70% adds a percent of the desired count, by the step the metric reaches (from 70%: +200%), at least one task, within the maximum of 24; in its 85-s cooldown a new alarm adds only what a larger step asks beyond the first; with target tracking the larger count wins.",
    );
  });

  it("GIVEN the default lognormal downstream WHEN listing assumptions THEN the CPU-time line names it with its CV", () => {
    expect(sloAssumptions(legacyProdSpec({ workloadNonCpuLatencyShape: "lognormal" }))[1]).toBe(
      "CPU time per request: exponential with mean 10 ms / min(1, task vCPU / processes); non-CPU latency: lognormal (CV 1) with mean 30 ms, holding no CPU.",
    );
  });

  it("GIVEN two steps after 2 datapoints and a measured launch time WHEN listing assumptions THEN every step is listed and the launch time is the setting, beside what the image would give (the step cooldown: 60 + 10 + 20 + 26 = 116 s)", () => {
    const assumptions = sloAssumptions(
      legacyProdSpec({ stepScalingSteps: "70:100,85:300", stepScalingEvaluationPeriods: "2", taskLaunchSeconds: "60" }),
    );
    expect(assumptions[6]).toBe(
      "Step scaling: 2 CPU datapoints at or above 70% add a percent of the desired count, by the step the metric reaches (from 70%: +100%; from 85%: +300%), at least one task, within the maximum of 24; in its 116-s cooldown a new alarm adds only what a larger step asks beyond the first; with target tracking the larger count wins.",
    );
    expect(assumptions[7]).toBe(
      "A new task runs 60 s after launch (set by taskLaunchSeconds; the 150 MB image would give 29 s at 20 s + 18 MB/s) and serves after one passing health check, one 10-s interval later; a stopped task drains 30 s.",
    );
  });
});

describe("formatSloReport", () => {
  // A p99 at the ALB's idle timeout is requests timing out (the simulation caps latency there).
  const IDLE_TIMEOUT_SECONDS = legacyProdSpec().loadBalancer.idleTimeoutSeconds;
  it("GIVEN the legacy prod report WHEN formatting it THEN the peak, the worst hour, one line per scenario, the routing and one line per re-checked steady state are shown", () => {
    expect(formatSloReport(buildSloReport(legacyProdSpec()), IDLE_TIMEOUT_SECONDS)).toBe(
      [
        "SLO model: p99 target 200 ms",
        "  weekday peak: 250 rps on 9 tasks, utilization 55.6%, p99 171.7 ms",
        "  worst hour: Mon 09:00 US Eastern (America/New_York), 250 rps on 9 tasks, p99 171.7 ms",
        "  PASS diurnal      worst p99 182.8 ms, 0 minutes over target, scale-out n/a, recovery n/a",
        "  FAIL spike        worst p99 overloaded (requests time out at the ALB idle timeout), 4 minutes over target, scale-out n/a, recovery 250 s",
        "  FAIL spot-reclaim worst p99 overloaded (requests time out at the ALB idle timeout), 3.9 minutes over target, scale-out 640 s, recovery 235 s",
        "  PASS az-loss      worst p99 223.5 ms, 0.7 minutes over target, scale-out 40 s, recovery 40 s",
        "  routing: per-node least outstanding requests: 3 load-balancer nodes (one per enabled AZ), each routing to the target with the fewest requests it has outstanding there, counted through the downstream phase",
        "  steady states, re-checked by the routing simulation:",
        "    PASS peak         250 rps on 9 tasks, 3 nodes, utilization 55.6%: p99 158.3 ms simulated (approximation 171.7 ms)",
        "    PASS worst-hour   250 rps on 9 tasks, 3 nodes, utilization 55.6%: p99 158.3 ms simulated (approximation 171.7 ms)",
        "    FAIL spot-reclaim 250 rps on 4 tasks, 3 nodes, utilization 125%: p99 overloaded (requests time out at the ALB idle timeout) simulated (approximation overloaded (requests time out at the ALB idle timeout))",
        "    FAIL az-loss      250 rps on 6 tasks, 2 nodes, utilization 83.3%: p99 220.5 ms simulated (approximation 223.5 ms)",
        "    PASS spike        750 rps on 24 tasks, 3 nodes, utilization 62.5%: p99 159.7 ms simulated (approximation 182.8 ms)",
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

  it("GIVEN a report that meets the target WHEN formatting it THEN every scenario and steady state passes and the last line says yes", () => {
    const lines = formatSloReport(buildSloReport(HEADROOM), IDLE_TIMEOUT_SECONDS).split("\n");
    // The Spot reclaim leaves 8 on-demand tasks of 25 (base 3, the 22 above it 1:3 = 5.5, the odd task
    // to Spot): p99 182.8 ms, under the target throughout; the 9 the peak needs serve when the on-demand
    // task launched at 426 s is in service, 165 s after the warning.
    expect(lines.slice(3, 7)).toEqual([
      "  PASS diurnal      worst p99 136.2 ms, 0 minutes over target, scale-out n/a, recovery n/a",
      "  PASS spike        worst p99 178.5 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
      "  PASS spot-reclaim worst p99 182.8 ms, 0 minutes over target, scale-out 165 s, recovery 0 s",
      "  PASS az-loss      worst p99 140.6 ms, 0 minutes over target, scale-out 0 s, recovery 0 s",
    ]);
    expect(lines.slice(9, 14).map((line) => line.slice(0, 22))).toEqual([
      "    PASS peak         ",
      "    PASS worst-hour   ",
      "    PASS spot-reclaim ",
      "    PASS az-loss      ",
      "    PASS spike        ",
    ]);
    expect(lines.slice(14)).toEqual(["  meets target: yes"]);
  });

  it.each([
    [0, "Mon 00:00"],
    [33, "Tue 09:00"],
    [167, "Sun 23:00"],
  ])("GIVEN hour of week %i WHEN labelling it THEN it reads %s", (hour, label) => {
    expect(hourLabel(hour)).toBe(label);
  });
});
