import {
  applicationLogGb,
  awsApiEgressGb,
  egressKbPerRequest,
  imagePullGb,
  lcuForRate,
  monthlyLcuHours,
  processedKbPerRequest,
  responseGb,
} from "../../../../lib/models/cost/traffic";
import { REQUEST_HEADER_KB, RESPONSE_HEADER_KB, TLS_HANDSHAKE_SERVER_KB } from "../../../../lib/models/cost/assumptions";
import { flatSpec } from "./fixtures";

describe("traffic volumes", () => {
  // GIVEN 100 rps all month: 262,800,000 requests of 2 KB in, 2 KB out, 1 KB of logs
  const spec = flatSpec();

  it("logs 1 KB per request: 262,800,000 KB = 250.6256 GB", () => {
    // WHEN the month's log volume is computed THEN it is requests x KB / 2^20
    expect(applicationLogGb(spec.workload)).toBeCloseTo(250.6256103515625, 9);
  });

  it("GIVEN the stated header and handshake sizes WHEN read THEN 0.5 KB of request headers, 0.25 KB of response headers, 6 KB of server handshake", () => {
    expect([REQUEST_HEADER_KB, RESPONSE_HEADER_KB, TLS_HANDSHAKE_SERVER_KB]).toEqual([0.5, 0.25, 6]);
  });

  it("GIVEN 2 KB bodies each way WHEN the ALB processes a request THEN it counts bodies and headers: 2 + 0.5 + 2 + 0.25 = 4.75 KB", () => {
    expect(processedKbPerRequest(spec.workload)).toBe(4.75);
  });

  it("GIVEN 10% new connections WHEN a response goes out THEN body, headers and a tenth of a 6 KB handshake leave: 2.85 KB", () => {
    expect(egressKbPerRequest(spec.workload)).toBeCloseTo(2.85, 12);
    expect(egressKbPerRequest({ ...spec.workload, newConnectionFraction: 0 })).toBe(2.25);
  });

  it("sends 262,800,000 x 2.85 KB out: 714.2830 GB", () => {
    expect(responseGb(spec.workload)).toBeCloseTo(714.2829895019531, 9);
  });

  it("pulls 150 MB per task start", () => {
    // WHEN 40 tasks start THEN 40 x 150 / 1024 GB are pulled
    expect(imagePullGb(spec.workload, 40)).toBeCloseTo(5.859375, 12);
  });

  it("sends logs and 1% of image pulls to AWS APIs outside the VPC", () => {
    // WHEN 40 tasks start THEN egress is 250.6256 GB of logs + 1% of 5.859375 GB of pulls
    expect(awsApiEgressGb(spec.workload, 40)).toBeCloseTo(250.6842041015625, 9);
  });
});

describe("ALB capacity units", () => {
  const spec = flatSpec();

  it("bills processed bytes when they dominate", () => {
    // GIVEN 100 rps of 4.75 KB (bodies and headers) with 10% new connections and a 60 s idle timeout
    const usage = lcuForRate(spec.workload, spec.loadBalancer, 100);
    // THEN new connections 10/s = 0.4 LCU; active 600 = 0.2 LCU; 100 x 4.75 x 3600 / 2^20 = 1.6308 GB/h = 1.6308 LCU;
    // 1 rule, under the 10 free = 0
    expect(usage.newConnections).toBeCloseTo(0.4, 12);
    expect(usage.activeConnections).toBeCloseTo(0.2, 12);
    expect(usage.processedBytes).toBeCloseTo(1.6307830810546875, 12);
    expect(usage.ruleEvaluations).toBe(0);
    expect(usage.billed).toBeCloseTo(1.6307830810546875, 12);
  });

  it("bills new connections when every request opens one", () => {
    // GIVEN 1000 rps, all on new connections
    const workload = { ...spec.workload, newConnectionFraction: 1 };
    // WHEN the hour is measured THEN 1000 / 25 = 40 LCU beats 20 (active) and 16.31 (bytes)
    const usage = lcuForRate(workload, spec.loadBalancer, 1000);
    expect(usage.activeConnections).toBeCloseTo(20, 12);
    expect(usage.billed).toBeCloseTo(40, 12);
  });

  it("bills active connections when connections idle long", () => {
    // GIVEN 10 rps of new connections held for a 4000 s idle timeout
    const workload = { ...spec.workload, newConnectionFraction: 1 };
    const usage = lcuForRate(workload, { ...spec.loadBalancer, idleTimeoutSeconds: 4000 }, 10);
    // THEN 40,000 active connections / 3000 = 13.33 LCU is the highest dimension
    expect(usage.billed).toBeCloseTo(40000 / 3000, 12);
  });

  it("adds up every hour of the month", () => {
    // WHEN a flat 100 rps month is measured THEN 1.6307830810546875 LCU x 730 h
    expect(monthlyLcuHours(spec)).toBeCloseTo(1190.4716491699219, 9);
  });
});
