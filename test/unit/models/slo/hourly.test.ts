import { hourlyLatency, latencyForHour, peakHour, worstHour } from "../../../../lib/models/slo/hourly";
import { legacyDevSpec, legacyProdSpec } from "./fixtures";

describe("hourlyLatency", () => {
  it("GIVEN the legacy prod stack (60% target) WHEN computing the week THEN there are 168 hours and the peak is Monday 09:00 at 122.6 ms on 9 tasks", () => {
    const hours = hourlyLatency(legacyProdSpec());
    expect(hours).toHaveLength(168);
    const peak = peakHour(hours);
    expect(peak.hourOfWeek).toBe(9);
    expect(peak.rps).toBe(250);
    expect(peak.tasks).toBe(9);
    expect(peak.utilization).toBeCloseTo(5 / 9, 12);
    expect(peak.p99Ms).toBeCloseTo(122.63306305, 6);
  });

  it("GIVEN the legacy prod stack WHEN looking for the worst hour THEN it is the 07:00 ramp, where the minimum of 3 tasks runs at 54% utilization", () => {
    const worst = worstHour(hourlyLatency(legacyProdSpec()));
    expect(worst.hourOfWeek).toBe(7);
    expect(worst.rps).toBe(81.25);
    expect(worst.tasks).toBe(3);
    expect(worst.p99Ms).toBeCloseTo(132.04884831, 6);
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
