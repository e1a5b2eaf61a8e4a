import { TaskMetricSample, withSize } from "../../../../lib/models/search/rightsize";
import { rightsizeRisk } from "../../../../lib/models/search/rightsizeRisk";
import { p99LatencyMs, utilization } from "../../../../lib/models/slo/latency";
import { legacyProdSpec } from "../slo/fixtures";

const SPEC = legacyProdSpec();

function sample(minute: number, taskId: string, cpuUtilizedUnits: number): TaskMetricSample {
  return {
    timestamp: Date.UTC(2026, 10, 2, 14, minute),
    taskId,
    cpuUtilizedUnits,
    cpuReservedUnits: 1024,
    memoryUtilizedMiB: 400,
    memoryReservedMiB: 2048,
  };
}

const PEAK_SAMPLES = [sample(0, "a", 250), sample(0, "b", 100), sample(1, "a", 300), sample(1, "b", 212), sample(2, "a", 280)];

describe("rightsize risk", () => {
  it("GIVEN two tasks whose summed CPU peaks at 14:01 (300 + 212 units) WHEN taking the risk of 0.5 vCPU THEN it is the SLO model's p99 for that rate on 2 tasks: over 200 ms at 50% (20 ms CPU on half a vCPU, lognormal downstream), target missed", () => {
    // Legacy prod pins a fixed downstream; the claim is about the default lognormal (CV 1) one.
    const lognormal = legacyProdSpec({ workloadNonCpuLatencyShape: "lognormal" });
    const samples = PEAK_SAMPLES;
    const sized = withSize(lognormal, { cpu: 512, memory: 1024 });
    const rps = ((512 / 1024) * 1000) / SPEC.workload.cpuMsPerRequest;
    const risk = rightsizeRisk(sized, samples);
    expect(risk).toEqual({
      p99Ms: p99LatencyMs(sized, rps, 2),
      targetP99Ms: 200,
      meetsTarget: false,
      peak: { at: "2026-11-02T14:01:00.000Z", cpuUnits: 512, rps },
      tasks: 2,
      utilization: utilization(sized, rps, 2),
      assumption: `peak load = the most CPU used in one minute (512.0 CPU units over 2 tasks at 2026-11-02T14:01:00.000Z) / the workload's ${SPEC.workload.cpuMsPerRequest} CPU ms per request = ${rps.toFixed(1)} rps, all CPU counted as request work; p99 from the SLO model (per-node routing, one node per AZ) at that rate on those 2 tasks at 512 CPU / 1024 MiB, before autoscaling adds any`,
    });
    expect(risk.p99Ms).toBeGreaterThan(200);
  });

  it("GIVEN the same samples on legacy prod's fixed downstream WHEN taking the risk of 0.5 vCPU THEN the same 50 rps on 2 tasks stays under 200 ms: target met", () => {
    const sized = withSize(SPEC, { cpu: 512, memory: 1024 });
    const risk = rightsizeRisk(sized, PEAK_SAMPLES);
    expect([risk.peak.rps, risk.tasks, risk.utilization, risk.p99Ms]).toEqual([50, 2, 0.5, p99LatencyMs(sized, 50, 2)]);
    expect(risk.p99Ms).toBeLessThanOrEqual(200);
    expect(risk.meetsTarget).toBe(true);
  });

  it("GIVEN tasks whose events carry their own second within 14:05, one task twice WHEN finding the peak THEN the minute counts each task once, at its higher value", () => {
    const at = (second: number, taskId: string, cpu: number) => ({
      ...sample(5, taskId, cpu),
      timestamp: Date.UTC(2026, 10, 2, 14, 5, second),
    });
    const samples = [sample(4, "a", 500), at(3, "a", 200), at(17, "b", 250), at(41, "a", 260)];
    const risk = rightsizeRisk(withSize(SPEC, { cpu: 512, memory: 1024 }), samples);
    expect([risk.peak.at, risk.peak.cpuUnits, risk.tasks]).toEqual(["2026-11-02T14:05:00.000Z", 510, 2]);
  });

  it("GIVEN one task that used 1000 CPU units WHEN taking the risk of 0.25 vCPU THEN the queue has no steady state: p99 null, target missed", () => {
    const sized = withSize(SPEC, { cpu: 256, memory: 512 });
    const rps = ((1000 / 1024) * 1000) / SPEC.workload.cpuMsPerRequest;
    const risk = rightsizeRisk(sized, [sample(0, "a", 1000)]);
    expect(p99LatencyMs(sized, rps, 1)).toBe(Infinity);
    expect([risk.p99Ms, risk.meetsTarget, risk.tasks]).toEqual([null, false, 1]);
    expect(risk.utilization).toBe(utilization(sized, rps, 1));
  });
});
