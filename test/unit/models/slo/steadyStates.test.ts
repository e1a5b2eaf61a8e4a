import { hourlyLatency, peakHour, worstHour } from "../../../../lib/models/slo/hourly";
import { p99LatencyMs } from "../../../../lib/models/slo/latency";
import { roundTo } from "../../../../lib/models/round";
import { runScenarios } from "../../../../lib/models/slo/scenarios";
import {
  routingAssumption,
  simulatedP99Ms,
  SIMULATED_REQUESTS,
  steadyStateChecks,
  WARM_UP_REQUESTS,
} from "../../../../lib/models/slo/steadyStates";
import { legacyDevSpec, legacyProdSpec, specFor } from "./fixtures";

describe("routingAssumption", () => {
  it("GIVEN a 2-AZ stack WHEN naming the routing THEN it says 2 nodes, per-node least outstanding, through the downstream phase", () => {
    expect(routingAssumption(specFor("dev"))).toBe(
      "per-node least outstanding requests: 2 load-balancer nodes (one per enabled AZ), each routing to the target with the fewest requests it has outstanding there, counted through the downstream phase",
    );
  });
});

describe("simulatedP99Ms", () => {
  const spec = legacyProdSpec();

  it("GIVEN no task or a utilization of 1 WHEN simulating THEN there is no steady state (null)", () => {
    expect(simulatedP99Ms(spec, { rps: 100, tasks: 0, nodes: 3 })).toBeNull();
    expect(simulatedP99Ms(spec, { rps: 250, tasks: 5, nodes: 3 })).toBeNull();
  });

  it("GIVEN one state simulated twice WHEN comparing THEN the seeded run gives the same p99, and a run is 200,000 requests after 20,000 of warm-up", () => {
    const first = simulatedP99Ms(spec, { rps: 250, tasks: 9, nodes: 3 });
    expect(simulatedP99Ms(spec, { rps: 250, tasks: 9, nodes: 3 })).toBe(first);
    expect([SIMULATED_REQUESTS, WARM_UP_REQUESTS]).toEqual([200000, 20000]);
  });

  it("GIVEN the same load on 9 tasks WHEN simulated with 3 nodes and with 1 THEN three blind nodes give the higher p99", () => {
    expect(simulatedP99Ms(spec, { rps: 250, tasks: 9, nodes: 3 })!).toBeGreaterThan(
      simulatedP99Ms(spec, { rps: 250, tasks: 9, nodes: 1 })!,
    );
  });
});

describe("steadyStateChecks", () => {
  const spec = legacyProdSpec();
  const hours = hourlyLatency(spec);
  const scenarios = runScenarios(spec);
  const checks = steadyStateChecks(spec, hours, scenarios);

  it("GIVEN legacy prod WHEN checking its steady states THEN there are five, in order, and AZ loss has one node fewer", () => {
    expect(checks.map((c) => [c.name, c.nodes])).toEqual([
      ["peak", 3],
      ["worst-hour", 3],
      ["spot-reclaim", 3],
      ["az-loss", 2],
      ["spike", 3],
    ]);
  });

  it("GIVEN legacy prod WHEN reading the peak and worst-hour checks THEN they are those hours' load and tasks with the approximation's p99", () => {
    const peak = peakHour(hours);
    const worst = worstHour(hours);
    expect(checks[0]).toMatchObject({
      rps: peak.rps,
      tasks: peak.tasks,
      approximationP99Ms: roundTo(p99LatencyMs(spec, peak.rps, peak.tasks), 1),
    });
    expect(checks[1]).toMatchObject({ rps: worst.rps, tasks: worst.tasks });
  });

  it("GIVEN legacy prod WHEN checking the Spot-reclaim state THEN it is the scaling simulation's floor at the warning: the 4 on-demand tasks alone at 250 rps, utilization 1.25, no steady state: failed", () => {
    // 9 tasks, base 3, the 6 above it split 1:3 = 1.5 on demand: the SLO model gives the odd task to
    // Spot, so 3 + 1 = 4 on-demand tasks survive the reclaim (250 rps / (4 x 50 rps) = 1.25).
    expect(scenarios[2].worstState).toEqual({ rps: 250, tasks: 4, nodes: 3 });
    expect(checks[2]).toEqual({
      name: "spot-reclaim",
      rps: 250,
      tasks: 4,
      nodes: 3,
      utilization: 1.25,
      approximationP99Ms: null,
      simulatedP99Ms: null,
      passed: false,
    });
  });

  it("GIVEN legacy prod's peak (9 tasks at 250 rps) WHEN checking it with the fixed downstream the fixture pins and with the default lognormal (CV 1) one THEN fixed simulates well under 200 ms and passes, lognormal with CV 1.5 well over it and fails (CV 1 sits at the target: 199.7 ms simulated)", () => {
    // The legacy fixture pins a fixed downstream; the lognormal claim is about a heavier tail than the default's.
    const lognormal = legacyProdSpec({ workloadNonCpuLatencyShape: "lognormal", workloadNonCpuLatencyCvPercent: "150" });
    const [peak] = steadyStateChecks(lognormal, hourlyLatency(lognormal), []);
    expect(checks[0]).toMatchObject({
      name: "peak",
      rps: 250,
      tasks: 9,
      utilization: 0.5556,
      approximationP99Ms: 171.7,
      passed: true,
    });
    expect(checks[0].simulatedP99Ms).toBeLessThanOrEqual(170);
    expect(peak).toMatchObject({
      name: "peak",
      rps: 250,
      tasks: 9,
      utilization: 0.5556,
      approximationP99Ms: 256.3,
      passed: false,
    });
    expect(peak.simulatedP99Ms).toBeGreaterThan(240);
  });

  it("GIVEN every check WHEN judging it THEN it passes exactly when the simulated p99 is at or under the 200 ms target", () => {
    for (const c of checks) expect(c.passed).toBe(c.simulatedP99Ms !== null && c.simulatedP99Ms <= 200);
  });

  it("GIVEN only the diurnal scenario WHEN checking THEN only the two hours are checked", () => {
    expect(
      steadyStateChecks(
        spec,
        hours,
        scenarios.filter((s) => s.name === "diurnal"),
      ).map((c) => c.name),
    ).toEqual(["peak", "worst-hour"]);
  });

  it("GIVEN legacy dev (4 tasks of 0.25 vCPU at 250 rps) WHEN checking its peak THEN it is overloaded: both p99s null, failed", () => {
    const dev = legacyDevSpec();
    const [peak] = steadyStateChecks(dev, hourlyLatency(dev), []);
    expect(peak).toEqual({
      name: "peak",
      rps: 250,
      tasks: 4,
      nodes: 2,
      utilization: 2.5,
      approximationP99Ms: null,
      simulatedP99Ms: null,
      passed: false,
    });
  });
});
