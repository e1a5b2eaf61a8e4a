import { hourlyLatency, latencyForHour, peakHour, worstHour } from "../../../../lib/models/slo/hourly";
import { p99LatencyMs } from "../../../../lib/models/slo/latency";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

describe("hourlyLatency", () => {
  it("GIVEN the legacy prod stack (60% target) WHEN computing the week THEN there are 168 hours and the peak is Monday 09:00 on 9 tasks at the model's p99 for 250 rps there", () => {
    const spec = legacyProdSpec();
    const hours = hourlyLatency(spec);
    expect(hours).toHaveLength(168);
    const peak = peakHour(hours);
    expect(peak.hourOfWeek).toBe(9);
    expect(peak.rps).toBe(250);
    expect(peak.tasks).toBe(9);
    expect(peak.utilization).toBeCloseTo(5 / 9, 12);
    expect(peak.p99Ms).toBe(p99LatencyMs(spec, 250, 9));
  });

  it("GIVEN the legacy prod stack WHEN looking for the worst hour THEN it is the peak: 9 tasks at 56% under per-node routing are slower than the 07:00 ramp's 3 at 54%", () => {
    const hours = hourlyLatency(legacyProdSpec());
    const worst = worstHour(hours);
    expect([worst.hourOfWeek, worst.rps, worst.tasks]).toEqual([9, 250, 9]);
    expect(hours[7]).toMatchObject({ rps: 81.25, tasks: 3 });
    expect(hours[7].p99Ms as number).toBeLessThan(worst.p99Ms as number);
  });

  it("GIVEN the legacy dev stack capped at 4 tasks of 0.25 vCPU WHEN computing its peak THEN utilization is 2.5 and the p99 is null (no steady state)", () => {
    const hours = hourlyLatency(legacyDevSpec());
    expect(peakHour(hours)).toEqual({ hourOfWeek: 9, rps: 250, tasks: 4, utilization: 2.5, p99Ms: null });
    expect(worstHour(hours).hourOfWeek).toBe(8);
  });

  it("GIVEN one hour WHEN computing it alone THEN it equals the weekly entry", () => {
    expect(latencyForHour(legacyProdSpec(), 7, 81.25)).toEqual(hourlyLatency(legacyProdSpec())[7]);
  });
});
