import {
  alarmCounts,
  containerInsightsMetricPrice,
  containerInsightsMetrics,
  estimateMonthlyCost,
  retainedMonths,
} from "../../../../lib/models/cost/estimate";
import { PRICES } from "../../../../lib/aws/prices";
import { natGatewayCount } from "../../../../lib/design/topology";
import { AlarmContext, platformAlarmDefinitions, serviceAlarmDefinitions } from "../../../../lib/design/alarms";
import { PlatformSpec, serviceList } from "../../../../lib/spec";
import {
  flatSpec,
  legacyDevSpec,
  legacyProdSpec,
  lineItem,
  SPLIT_FLEET,
  withApi,
  withNetwork,
  withObservability,
  withWorker,
  withWorkload,
} from "./fixtures";

const cost = (spec: PlatformSpec, id: string) => lineItem(estimateMonthlyCost(spec), id).monthlyUsd;
const qty = (spec: PlatformSpec, id: string) => lineItem(estimateMonthlyCost(spec), id).quantity;

describe("estimateMonthlyCost on a flat week, every line by hand", () => {
  // GIVEN 100 rps all week (262,800,000 requests), one 1 vCPU / 2 GB X86_64 on-demand task per service,
  // 2 AZs with one NAT, no endpoints, 7-day STANDARD logs, no Container Insights, 60-second metrics.
  // Task starts: 20 deployments x 1 task x 2 services = 40.
  const spec = flatSpec();
  const estimate = estimateMonthlyCost(spec);

  it.each([
    // 730 h x 1 vCPU x $0.04048
    ["api-ondemand-vcpu", 730, 29.5504],
    // 730 h x 2 GB x $0.004445
    ["api-ondemand-memory", 1460, 6.4897],
    ["api-spot-vcpu", 0, 0],
    ["api-spot-memory", 0, 0],
    ["worker-ondemand-vcpu", 730, 29.5504],
    ["worker-ondemand-memory", 1460, 6.4897],
    ["worker-spot-vcpu", 0, 0],
    ["worker-spot-memory", 0, 0],
    // 730 h x $0.0225
    ["alb-hours", 730, 16.425],
    // 100 rps x (2 + 0.5 + 2 + 0.25) KB of bodies and headers x 3600 / 2^20 = 1.6307830810546875 GB/h
    // processed (the highest dimension) x 730 h x $0.008
    ["alb-lcu", 1190.4716491699219, 9.523773193359375],
    // one NAT x 730 h x $0.045
    ["nat-hours", 730, 32.85],
    // 250.6256 GB of logs + 1% of 40 x 150 MB of pulls = 250.6842 GB x $0.045
    ["nat-data", 250.6842041015625, 11.280789184570311],
    // half the tasks are in the other AZ: 125.3421 GB, billed out and in at $0.01
    ["nat-cross-az", 250.6842041015625, 2.506842041015625],
    ["endpoint-hours", 0, 0],
    ["endpoint-data", 0, 0],
    // (2 ALB nodes + 1 NAT EIP) x 730 h x $0.005
    ["public-ipv4", 2190, 10.95],
    // one private DNS namespace: one Route 53 hosted zone at $0.50
    ["cloud-map-namespace", 1, 0.5],
    // the API's one task registered all month at $0.10 per resource-month
    ["cloud-map-instances", 1, 0.1],
    // no internal callers, so no lookups of the Cloud Map name
    ["cloud-map-queries", 0, 0],
    // 250.6256 GB x $0.50
    ["logs-ingestion", 250.6256103515625, 125.31280517578125],
    // 250.6256 GB x 0.15 compression x 7 / (730 / 24) months x $0.03
    ["logs-storage", 8.6517333984375, 0.259552001953125],
    ["container-insights-metrics", 0, 0],
    ["container-insights-logs", 0, 0],
    ["service-metrics-20s", 0, 0],
    // the ALB's, the API's 6 and the worker's 3 alarms (no target tracking on fixed fleets): exactly the 10 free
    ["alarms-standard", 0, 0],
    ["alarms-high-resolution", 0, 0],
    // two dashboards, 3 free
    ["dashboards", 0, 0],
    ["kms-keys", 1, 1],
    // 2 log groups x 12 x 730 = 17,520 requests, within the 20,000 free
    ["kms-requests", 0, 0],
    // 262,800,000 x (2 KB body + 0.25 KB headers + 10% x 6 KB TLS handshake) = 714.2830 GB - 100 GB free
    // = 614.2830 GB x $0.09
    ["data-transfer-out", 614.2829895019531, 55.28546905517578],
  ])("%s: quantity %d, %d USD", (id, quantity, usd) => {
    // WHEN the line is read THEN quantity and cost are the hand-computed ones
    const item = lineItem(estimate, id);
    expect(item.quantity).toBeCloseTo(quantity, 9);
    expect(item.monthlyUsd).toBeCloseTo(usd, 9);
  });

  it("totals 338.07 USD, the sum of the lines above", () => {
    expect(estimate.monthlyUsd).toBeCloseTo(338.0744306518555, 9);
    expect(estimate.lineItems).toHaveLength(30);
  });

  it("prices every line as quantity x unit price, with unique ids", () => {
    for (const item of estimate.lineItems) {
      expect(item.monthlyUsd).toBeCloseTo(item.quantity * item.unitPriceUsd, 12);
    }
    expect(new Set(estimate.lineItems.map((i) => i.id)).size).toBe(estimate.lineItems.length);
  });
});

describe("Fargate line items", () => {
  it("costs 1 vCPU / 2 GB X86_64 for 730 h at 36.04 USD and ARM64 at 28.84 USD (list prices, https://aws.amazon.com/fargate/pricing/)", () => {
    // GIVEN one 1 vCPU / 2 GB API task all month, on X86_64 and on ARM64
    const x86 = flatSpec();
    const arm = { ...flatSpec(), cpuArchitecture: "ARM64" as const };
    // WHEN costed THEN vCPU + memory = 36.0401 and 23.6374 + 5.1976 = 28.835
    expect(cost(x86, "api-ondemand-vcpu") + cost(x86, "api-ondemand-memory")).toBeCloseTo(36.0401, 9);
    expect(cost(arm, "api-ondemand-vcpu")).toBeCloseTo(23.6374, 9);
    expect(cost(arm, "api-ondemand-memory")).toBeCloseTo(5.1976, 9);
  });

  it("discounts Spot by spec.cost.spotDiscount", () => {
    // GIVEN the API task on FARGATE_SPOT only, 65% discount
    const spec = withApi(flatSpec(), { onDemandWeight: 0, spotWeight: 1 });
    // WHEN costed THEN 730 x $0.04048 x 0.35 and 1460 x $0.004445 x 0.35; nothing on-demand
    expect(cost(spec, "api-spot-vcpu")).toBeCloseTo(10.34264, 9);
    expect(cost(spec, "api-spot-memory")).toBeCloseTo(2.271395, 9);
    expect(cost(spec, "api-ondemand-vcpu")).toBe(0);
    expect(lineItem(estimateMonthlyCost(spec), "api-spot-vcpu").description).toContain("65% off");
  });

  it("splits the autoscaled fleet hour by hour", () => {
    // GIVEN 0.5 vCPU / 1 GB tasks tracking 50% CPU: 4 tasks every hour, base 1, then 1:3 on-demand:Spot
    const spec = withApi(flatSpec(), SPLIT_FLEET);
    // WHEN costed THEN 2 on-demand and 2 Spot tasks: 730 vCPU-hours each side
    expect(qty(spec, "api-ondemand-vcpu")).toBeCloseTo(730, 9);
    expect(cost(spec, "api-ondemand-vcpu")).toBeCloseTo(29.5504, 9);
    expect(cost(spec, "api-ondemand-memory")).toBeCloseTo(6.4897, 9);
    expect(cost(spec, "api-spot-vcpu")).toBeCloseTo(10.34264, 9);
  });

  it("bills the request-count policy's tasks when it asks for more than the CPU policy", () => {
    // GIVEN the same fleet with a request-count target of 1200 per task per minute: ceil(100 x 60 / 1200) = 5 tasks
    const fleet = withApi(flatSpec(), SPLIT_FLEET);
    const spec = withApi(fleet, { requestsPerTargetPerMinute: 1200 });
    // WHEN costed THEN base 1 + ceil(4 / 4) = 2 on-demand as before, and 3 Spot tasks instead of 2: 1095 vCPU-hours
    expect(cost(spec, "api-ondemand-vcpu")).toBeCloseTo(29.5504, 9);
    expect(qty(spec, "api-spot-vcpu")).toBeCloseTo(1095, 9);
    expect(cost(spec, "api-spot-vcpu")).toBeCloseTo(15.51396, 9);
  });
});

describe("network line items", () => {
  it("runs a NAT gateway and an EIP per AZ with perAz, with no cross-AZ hop", () => {
    // GIVEN 3 AZs with a NAT each
    const spec = withNetwork(flatSpec(), { availabilityZoneCount: 3, natGateways: "perAz" });
    // WHEN costed THEN 3 x 730 x $0.045; (3 ALB nodes + 3 EIPs) x 730 x $0.005; no cross-AZ transfer
    expect(natGatewayCount(spec)).toBe(3);
    expect(cost(spec, "nat-hours")).toBeCloseTo(98.55, 9);
    expect(cost(spec, "public-ipv4")).toBeCloseTo(21.9, 9);
    expect(cost(spec, "nat-cross-az")).toBe(0);
  });

  it("costs one NAT gateway at 32.85 USD for 730 h (list price, https://aws.amazon.com/vpc/pricing/)", () => {
    expect(natGatewayCount(flatSpec())).toBe(1);
    expect(cost(flatSpec(), "nat-hours")).toBeCloseTo(32.85, 9);
  });

  it("moves the egress bytes to interface endpoints when they are on", () => {
    // GIVEN endpoints on in 2 AZs (single NAT kept for other egress)
    const spec = withNetwork(flatSpec(), { interfaceEndpointsSetting: "on", interfaceEndpoints: true });
    // WHEN costed THEN 3 endpoints x 2 AZs x 730 h x $0.01; 250.6842 GB x $0.01; nothing through NAT or across AZs
    expect(qty(spec, "endpoint-hours")).toBe(4380);
    expect(cost(spec, "endpoint-hours")).toBeCloseTo(43.8, 9);
    expect(cost(spec, "endpoint-data")).toBeCloseTo(2.506842041015625, 9);
    expect(cost(spec, "nat-data")).toBe(0);
    expect(cost(spec, "nat-cross-az")).toBe(0);
    expect(cost(spec, "nat-hours")).toBeCloseTo(32.85, 9);
  });
});

describe("Cloud Map line items", () => {
  it("GIVEN the published prices WHEN read THEN a hosted zone is 0.50 USD a month, a registered instance 0.10 USD a month and a query 0.40 USD per million", () => {
    expect(PRICES.route53HostedZoneMonth).toMatchObject({
      usd: 0.5,
      unit: "hosted zone-month",
      source: "https://aws.amazon.com/route53/pricing/",
    });
    expect(PRICES.cloudMapRegisteredResourceMonth).toMatchObject({
      usd: 0.1,
      unit: "resource-month",
      source: "https://aws.amazon.com/cloud-map/pricing/",
    });
    expect(PRICES.route53Query.usd).toBeCloseTo(0.0000004, 15);
    expect(PRICES.route53Query.unit).toBe("query");
  });

  it("GIVEN the API scaled to 4 tasks all month WHEN costed THEN 4 instances are registered at 0.10 USD: 0.40 USD", () => {
    // 4 tasks x 730 h / 730 h = 4 average registered instances
    const spec = withApi(flatSpec(), SPLIT_FLEET);
    expect(qty(spec, "cloud-map-instances")).toBeCloseTo(4, 12);
    expect(cost(spec, "cloud-map-instances")).toBeCloseTo(0.4, 12);
  });

  it("GIVEN the worker and one security group as internal callers WHEN costed THEN 2 caller tasks x 3600 queries x 730 h = 5,256,000 queries at 0.40 USD per million: 2.1024 USD", () => {
    // the worker runs 1 task all month; the security group counts as one caller task
    const spec = withApi(flatSpec(), { internalCallers: { serviceIds: ["worker"], securityGroupIds: ["sg-0123456789abcdef0"] } });
    const item = lineItem(estimateMonthlyCost(spec), "cloud-map-queries");
    expect(item.quantity).toBe(5256000);
    expect(item.monthlyUsd).toBeCloseTo(2.1024, 12);
    expect(item.description).toBe("DNS queries for the api Cloud Map name (internal callers: 1 services, 1 security groups)");
  });

  it("GIVEN no internal callers WHEN costed THEN the query line says so and bills 0 queries", () => {
    const item = lineItem(estimateMonthlyCost(flatSpec()), "cloud-map-queries");
    expect(item.description).toBe("DNS queries for the api Cloud Map name (internal callers: none)");
    expect(item.quantity).toBe(0);
  });
});

describe("log line items", () => {
  it("halves ingestion with the Infrequent Access class", () => {
    // GIVEN the INFREQUENT_ACCESS class WHEN costed THEN 250.6256 GB x $0.25
    const spec = withObservability(flatSpec(), { logClass: "INFREQUENT_ACCESS" });
    expect(cost(spec, "logs-ingestion")).toBeCloseTo(62.656402587890625, 9);
  });

  it.each([
    [0, 451.1260986328125, 13.533782958984375],
    [14, 17.303466796875, 0.51910400390625],
  ])("stores %i days of retention (0 = never expire, 12 months)", (days, gbMonths, usd) => {
    // GIVEN a retention WHEN costed THEN stored GB = ingested x 0.15 x retained months, at $0.03
    const spec = withObservability(flatSpec(), { logRetentionDays: days });
    expect(qty(spec, "logs-storage")).toBeCloseTo(gbMonths, 9);
    expect(cost(spec, "logs-storage")).toBeCloseTo(usd, 9);
  });

  it("counts retained months", () => {
    expect(retainedMonths(0)).toBe(12);
    expect(retainedMonths(730 / 24)).toBeCloseTo(1, 12);
  });
});

describe("monitoring line items", () => {
  it.each([
    ["disabled", 0, 0.3, 0, 0],
    // 10 cluster + 2 services x 21 = 52 embedded metrics at the custom-metric $0.30; 1460 task-hours x 60 x 2 KB x $0.50 per GB
    ["enabled", 52, 0.3, 15.6, 0.0835418701171875],
    // 52 + 2 average tasks x 18 per-task metrics = 88, every one at the ECS enhanced observability $0.07
    ["enhanced", 88, 0.07, 6.16, 0.0835418701171875],
  ] as const)("Container Insights %s: %d metrics at %d USD", (mode, metrics, unitUsd, metricUsd, logUsd) => {
    // GIVEN the mode on the flat spec (2 tasks all month) WHEN costed THEN metrics x the mode's rate, and the performance logs
    const spec = withObservability(flatSpec(), { containerInsights: mode });
    expect(containerInsightsMetrics(spec, 2)).toBe(metrics);
    expect(containerInsightsMetricPrice(mode).usd).toBe(unitUsd);
    expect(lineItem(estimateMonthlyCost(spec), "container-insights-metrics").unitPriceUsd).toBe(unitUsd);
    expect(cost(spec, "container-insights-metrics")).toBeCloseTo(metricUsd, 9);
    expect(cost(spec, "container-insights-logs")).toBeCloseTo(logUsd, 12);
  });

  it("GIVEN the enhanced observability rate WHEN read THEN it is 0.07 USD per metric-month on the CloudWatch pricing page, not the EKS per-observation price", () => {
    expect(PRICES.containerInsightsEcsEnhancedMetricMonth).toEqual({
      usd: 0.07,
      unit: "metric-month",
      source: "https://aws.amazon.com/cloudwatch/pricing/",
    });
  });

  it("charges the 20-second service metrics of both services as custom metrics", () => {
    // GIVEN high-resolution metrics WHEN costed THEN 2 metrics x 2 services x $0.30
    const spec = { ...flatSpec(), scaling: { ...flatSpec().scaling, highResolutionMetrics: true } };
    expect(cost(spec, "service-metrics-20s")).toBeCloseTo(1.2, 12);
  });

  describe("alarms", () => {
    const placeholder: AlarmContext = { albArnSuffix: "alb", targetGroupArnSuffix: "tg", clusterName: "cluster" };
    /** The observability component's alarms: the platform's and each service's own. */
    const observabilityAlarms = (spec: PlatformSpec) =>
      platformAlarmDefinitions(spec, placeholder).length +
      serviceList(spec).reduce((sum, service) => sum + serviceAlarmDefinitions(spec, service, placeholder).length, 0);
    const platformAlarms = observabilityAlarms(flatSpec());
    const scalable = withWorker(withApi(flatSpec(), { minTasks: 1, maxTasks: 4 }), { minTasks: 0, maxTasks: 2 });
    const scalableAlarms = observabilityAlarms(scalable);

    it("GIVEN the flat spec WHEN counting the observability alarms THEN they are the ALB's 5xx, the API's 6 and the worker's 3; a worker with minimum 0 has no running-tasks alarm", () => {
      expect(platformAlarms).toBe(10);
      expect(scalableAlarms).toBe(9);
    });

    it("has no target-tracking alarms on fixed fleets", () => {
      // GIVEN min = max on both services THEN only the observability component's alarms exist
      expect(alarmCounts(flatSpec())).toEqual({ standard: platformAlarms, highResolution: 0 });
    });

    it("adds two standard alarms per policy on 60-second metrics and bills those over 10", () => {
      // GIVEN 3 API policies and 1 worker policy on 60-second metrics
      const counts = alarmCounts(scalable);
      // THEN 8 target-tracking alarms join the observability component's 9; the 7 beyond the 10 free cost $0.10 each
      expect(counts).toEqual({ standard: scalableAlarms + 8, highResolution: 0 });
      expect(cost(scalable, "alarms-standard")).toBeCloseTo(Math.max(0, scalableAlarms + 8 - 10) * 0.1, 12);
      expect(cost(scalable, "alarms-standard")).toBeCloseTo(0.7, 12);
    });

    it.each([
      ["legacy dev", legacyDevSpec],
      ["legacy prod", legacyProdSpec],
    ])(
      "GIVEN the %s stack WHEN costed THEN its 12 standard alarms bill 2 past the 10 free: the worker's CPU, memory and running-tasks alarms (0.20 USD)",
      (_, specOf) => {
        // the ALB's 1, the API's 6 and the worker's 3 alarms, and 2 for the API's request-count policy; the
        // API's CPU and memory and the worker's CPU policies track 20-second metrics (6 high-resolution alarms)
        const spec = specOf();
        expect(observabilityAlarms(spec)).toBe(10);
        expect(alarmCounts(spec)).toEqual({ standard: 12, highResolution: 6 });
        expect(qty(spec, "alarms-standard")).toBe(2);
        expect(cost(spec, "alarms-standard")).toBeCloseTo(0.2, 12);
      },
    );

    it("makes the CPU and memory tracking alarms high-resolution with 20-second metrics", () => {
      // GIVEN 20-second metrics: API CPU and memory, worker CPU are high-resolution; API requests stays standard
      const spec = { ...scalable, scaling: { ...scalable.scaling, highResolutionMetrics: true } };
      // THEN 6 high-resolution alarms at $0.30 (no free tier) and 2 more standard ones
      expect(alarmCounts(spec)).toEqual({ standard: scalableAlarms + 2, highResolution: 6 });
      expect(cost(spec, "alarms-high-resolution")).toBeCloseTo(1.8, 12);
    });

    it.each([
      [true, { standard: 0, highResolution: 1 }],
      [false, { standard: 1, highResolution: 0 }],
    ])(
      "GIVEN a step-scaling policy with highResolutionMetrics %s WHEN counting alarms THEN its trigger alarm adds %j (20-s: high resolution), even on a fixed fleet",
      (highResolutionMetrics, added) => {
        const flat = flatSpec();
        const base = { ...flat, scaling: { ...flat.scaling, highResolutionMetrics } };
        const withStep = {
          ...base,
          scaling: { ...base.scaling, stepScaling: { evaluationPeriods: 2, steps: [{ fromCpuPercent: 80, addPercent: 50 }] } },
        };
        const before = alarmCounts(base);
        expect(alarmCounts(withStep)).toEqual({
          standard: before.standard + added.standard,
          highResolution: before.highResolution + added.highResolution,
        });
      },
    );
  });
});

describe("KMS line items", () => {
  it("bills requests beyond the 20,000 free", () => {
    // GIVEN 100 fixed API tasks with 2 secrets and 1 worker with 1 secret: 2000 + 20 task starts from deployments
    const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
    const spec = withWorker(withApi(flatSpec(), { minTasks: 100, maxTasks: 100, secrets: { A: secret, B: secret } }), {
      secrets: { C: secret },
    });
    // WHEN costed THEN 2000 x 2 + 20 x 1 + 17,520 log data keys = 21,540 requests; 1540 billable x $0.000003
    expect(qty(spec, "kms-requests")).toBeCloseTo(1540, 6);
    expect(cost(spec, "kms-requests")).toBeCloseTo(0.00462, 9);
    expect(cost(spec, "kms-keys")).toBe(1);
  });
});

describe("data transfer out", () => {
  it("GIVEN empty bodies and no new connections WHEN costed THEN the 0.25 KB of headers per response (62.66 GB) is within the 100 GB free", () => {
    expect(cost(withWorkload(flatSpec(), { responseKb: 0, newConnectionFraction: 0 }), "data-transfer-out")).toBe(0);
  });

  it("GIVEN empty bodies and every request on a new connection WHEN costed THEN 262,800,000 x (0.25 + 6) KB = 1566.41 GB, 1466.41 GB billed: 131.98 USD", () => {
    const item = lineItem(
      estimateMonthlyCost(withWorkload(flatSpec(), { responseKb: 0, newConnectionFraction: 1 })),
      "data-transfer-out",
    );
    expect(item.quantity).toBeCloseTo(1466.4100646972656, 9);
    expect(item.monthlyUsd).toBeCloseTo(131.9769058227539, 9);
  });
});
