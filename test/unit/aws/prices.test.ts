import { ALB_LCU, FREE_TIER, PRICES, PRICES_AS_OF, PRICE_REGION, fargatePrices } from "../../../lib/aws/prices";

describe("price catalog", () => {
  it("is dated and for us-east-1", () => {
    // GIVEN / WHEN the catalog's metadata
    // THEN it names the day the prices were read and the region they apply to
    expect(PRICES_AS_OF).toBe("2026-11-01");
    expect(PRICE_REGION).toBe("us-east-1");
  });

  it("gives every price a unit and an https source on an AWS site", () => {
    // GIVEN every entry of the catalog
    for (const [id, price] of Object.entries(PRICES)) {
      // THEN each has a positive price, a unit and a public source
      expect({ id, positive: price.usd > 0, unit: price.unit.length > 0 }).toEqual({ id, positive: true, unit: true });
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
  });

  it.each([
    ["fargateVcpuHourX86", 0.04048, "vCPU-hour"],
    ["fargateGbHourX86", 0.004445, "GB-hour"],
    ["fargateVcpuHourArm", 0.03238, "vCPU-hour"],
    ["fargateGbHourArm", 0.00356, "GB-hour"],
    ["albHour", 0.0225, "ALB-hour"],
    ["albLcuHour", 0.008, "LCU-hour"],
    ["natHour", 0.045, "NAT gateway-hour"],
    ["natGb", 0.045, "GB processed"],
    ["interfaceEndpointHour", 0.01, "endpoint-AZ-hour"],
    ["interfaceEndpointGb", 0.01, "GB processed"],
    ["publicIpv4Hour", 0.005, "IPv4 address-hour"],
    ["crossAzGb", 0.01, "GB per direction"],
    ["dataTransferOutGb", 0.09, "GB"],
    ["logsIngestionStandardGb", 0.5, "GB ingested"],
    ["logsIngestionInfrequentGb", 0.25, "GB ingested"],
    ["logsStorageGbMonth", 0.03, "GB-month"],
    ["customMetricMonth", 0.3, "metric-month"],
    ["alarmStandardMonth", 0.1, "alarm-month"],
    ["alarmHighResolutionMonth", 0.3, "alarm-month"],
    ["dashboardMonth", 3, "dashboard-month"],
    ["kmsKeyMonth", 1, "key-month"],
    ["kmsRequest", 0.000003, "request"],
    ["wafWebAclMonth", 5, "web ACL-month"],
    ["wafRuleMonth", 1, "rule-month"],
    ["wafRequest", 0.0000006, "request"],
    ["vendedLogsToCloudWatchGb", 0.5, "GB delivered"],
    ["vendedLogsToS3Gb", 0.25, "GB delivered"],
    ["vendedLogsParquetGb", 0.035, "GB converted"],
    ["firehoseIngestionGb", 0.029, "GB ingested"],
    ["s3StandardGbMonth", 0.023, "GB-month"],
    ["s3GlacierInstantRetrievalGbMonth", 0.004, "GB-month"],
    ["s3PutRequest", 0.000005, "request"],
    ["s3GlacierInstantRetrievalTransition", 0.00002, "request"],
    ["dnsFirewallDomainMonth", 0.0005, "domain-month"],
    ["dnsFirewallQuery", 0.0000006, "query"],
  ] as const)("%s is %d USD per %s (the AWS pricing page in its source)", (id, usd, unit) => {
    // GIVEN the published price WHEN read from the catalog THEN value and unit match it
    expect(PRICES[id].usd).toBeCloseTo(usd, 12);
    expect(PRICES[id].unit).toBe(unit);
  });

  it("has the four LCU dimensions and the free tiers as published", () => {
    // GIVEN the ALB pricing page and the free tiers
    // THEN the catalog carries them unchanged
    expect(ALB_LCU).toEqual({
      newConnectionsPerSecond: 25,
      activeConnectionsPerMinute: 3000,
      processedGbPerHour: 1,
      ruleEvaluationsPerSecond: 1000,
      freeRulesPerRequest: 10,
    });
    expect(FREE_TIER).toEqual({
      standardAlarms: 10,
      dashboards: 3,
      kmsRequests: 20000,
      dataTransferOutGb: 100,
      dynamodbStorageGb: 25,
    });
  });

  it.each([
    ["X86_64", 0.04048, 0.004445, 36.04],
    ["ARM64", 0.03238, 0.00356, 28.84],
  ] as const)(
    "%s Fargate prices give the list-price value for 1 vCPU / 2 GB over 730 h (https://aws.amazon.com/fargate/pricing/)",
    (architecture, vcpu, gb, month) => {
      // GIVEN an architecture WHEN its Fargate prices are looked up
      const prices = fargatePrices(architecture);
      // THEN they are the published ones and 1 vCPU + 2 GB for 730 h costs the sanity value
      expect(prices.vcpuHour.usd).toBe(vcpu);
      expect(prices.gbHour.usd).toBe(gb);
      expect(730 * (prices.vcpuHour.usd + 2 * prices.gbHour.usd)).toBeCloseTo(month, 2);
    },
  );
});
