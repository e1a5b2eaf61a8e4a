import {
  applicationLogGb,
  awsApiEgressGb,
  imagePullGb,
  lcuForRate,
  monthlyLcuHours,
  responseGb,
} from "../../../../lib/models/cost/traffic";
import { flatSpec } from "./fixtures";

describe("traffic volumes", () => {
  // GIVEN 100 rps all month: 262,800,000 requests of 2 KB in, 2 KB out, 1 KB of logs
  const spec = flatSpec();

  it("logs 1 KB per request: 262,800,000 KB = 250.6256 GB", () => {
    // WHEN the month's log volume is computed THEN it is requests x KB / 2^20
    expect(applicationLogGb(spec.workload)).toBeCloseTo(250.6256103515625, 9);
  });

  it("sends 2 KB per response out: 501.2512 GB", () => {
    expect(responseGb(spec.workload)).toBeCloseTo(501.251220703125, 9);
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
    // GIVEN 100 rps of 4 KB with 10% new connections and a 60 s idle timeout
    const usage = lcuForRate(spec.workload, spec.loadBalancer, 100);
    // THEN new connections 10/s = 0.4 LCU; active 600 = 0.2 LCU; 1.3733 GB/h = 1.3733 LCU; 1 rule, under the 10 free = 0
    expect(usage.newConnections).toBeCloseTo(0.4, 12);
    expect(usage.activeConnections).toBeCloseTo(0.2, 12);
    expect(usage.processedBytes).toBeCloseTo(1.373291015625, 12);
    expect(usage.ruleEvaluations).toBe(0);
    expect(usage.billed).toBeCloseTo(1.373291015625, 12);
  });

  it("bills new connections when every request opens one", () => {
    // GIVEN 1000 rps, all on new connections
    const workload = { ...spec.workload, newConnectionFraction: 1 };
    // WHEN the hour is measured THEN 1000 / 25 = 40 LCU beats 20 (active) and 13.73 (bytes)
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
    // WHEN a flat 100 rps month is measured THEN 1.373291015625 LCU x 730 h
    expect(monthlyLcuHours(spec)).toBeCloseTo(1002.50244140625, 9);
  });
});
