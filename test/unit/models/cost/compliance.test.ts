/**
 * The compliance controls, priced outside the like-for-like savings (lib/models/cost/compliance.ts):
 * every line of a hand-computed case, every control off, an external archive bucket, and the report's
 * two numbers (savingsPercent without the controls, billChangePercent with them).
 */
import * as fc from "fast-check";
import { PRICES } from "../../../../lib/aws/prices";
import { buildCostReport } from "../../../../lib/models/cost/costReport";
import { complianceEstimate } from "../../../../lib/models/cost/compliance";
import { ComplianceSpec, PlatformSpec } from "../../../../lib/spec";
import { apiOf, arbitrarySpec, devSpec, flatSpec, withApi, withWorker, workerOf } from "./fixtures";

const ALL_ON: ComplianceSpec = {
  waf: { mode: "block", rateLimitPerFiveMinutes: 30000 },
  albAccessLogs: true,
  vpcFlowLogs: true,
  auditEventsToArchive: true,
  archive: { retentionDays: 366, coldAfterDays: 30 },
  dnsFirewall: { enabled: true, allowedDomains: ["api.partner.example"] },
};
const ALL_OFF: ComplianceSpec = {
  ...ALL_ON,
  waf: { mode: "off", rateLimitPerFiveMinutes: 30000 },
  albAccessLogs: false,
  vpcFlowLogs: false,
  auditEventsToArchive: false,
  dnsFirewall: { enabled: false, allowedDomains: [] },
};
const EXTERNAL: ComplianceSpec = { ...ALL_ON, archive: { ...ALL_ON.archive, externalBucketName: "org-log-archive" } };

const withCompliance = (compliance: ComplianceSpec, spec: PlatformSpec = flatSpec()): PlatformSpec => ({ ...spec, compliance });

// The flat spec: 100 rps every hour (262,800,000 requests a month), 10% new connections, one task
// each for the API and the worker (1,460 task-hours), 2 AZs, 7-day logs; 10% of requests create a payment.
const REQUESTS = 262_800_000;
const GB = 1024 * 1024; // KB per GB
const MONTH_DAYS = 730 / 24;
// WAF logs only the 1% of requests a rule blocks or counts (its logging filter), 2 KB each.
const WAF_LOGGED = REQUESTS * 0.01;
const WAF_LOG_GB = (WAF_LOGGED * 2) / GB;
const AUDIT_EVENTS = REQUESTS * 0.1 * 2;
// Each audit event is billed at the audit line's 256-byte budget (app/src/contract.ts): 0.25 KB.
const AUDIT_GB = (AUDIT_EVENTS * 0.25) / GB;
const FLOW_RECORDS = REQUESTS * 0.1 * 2 + 1460 * 6 * 40;
const FLOW_DELIVERED_GB = (FLOW_RECORDS * 120) / 1024 / GB;
const FLOW_STORED_GB = (FLOW_RECORDS * 120 * 0.15 * 0.8) / 1024 / GB;
const ALB_STORED_GB = (REQUESTS * 0.6 * 0.15) / GB;
// Firehose writes every 300 s or every 5 MiB of gzip records, whichever is sooner.
const FIREHOSE_OBJECTS = (730 * 3600) / 300;
const standard = (gb: number) => gb * (30 / MONTH_DAYS);
const glacier = (gb: number) => gb * (336 / MONTH_DAYS);
// Flow log files average 85 KB (under the 128 KB transition minimum): they stay in Standard all 366 days.
const wholeRetention = (gb: number) => gb * (366 / MONTH_DAYS);

/** [line id, quantity, USD per month], computed by hand from the published prices. */
const EXPECTED: [string, number, number][] = [
  ["waf-web-acl", 1, 5],
  ["waf-rules", 4, 4],
  ["waf-requests", REQUESTS, 157.68],
  ["waf-logs-delivery", WAF_LOG_GB, WAF_LOG_GB * 0.5],
  ["waf-logs-storage", WAF_LOG_GB * 0.15 * (7 / MONTH_DAYS), WAF_LOG_GB * 0.15 * (7 / MONTH_DAYS) * 0.03],
  ["waf-logs-kms-requests", 8760, 0.02628],
  ["waf-logs-firehose", (WAF_LOGGED * 5) / GB, ((WAF_LOGGED * 5) / GB) * 0.029],
  // 0.75 GB a month in 8,760 five-minute objects: 88 KB each, under the 128 KB transition minimum.
  ["waf-logs-archive-standard", wholeRetention(WAF_LOG_GB * 0.15), wholeRetention(WAF_LOG_GB * 0.15) * 0.023],
  ["waf-logs-archive-glacier-ir", 0, 0],
  ["waf-logs-archive-puts", FIREHOSE_OBJECTS, FIREHOSE_OBJECTS * 0.000005],
  ["waf-logs-archive-transitions", 0, 0],
  ["alb-access-logs-archive-standard", standard(ALB_STORED_GB), standard(ALB_STORED_GB) * 0.023],
  ["alb-access-logs-archive-glacier-ir", glacier(ALB_STORED_GB), glacier(ALB_STORED_GB) * 0.004],
  ["alb-access-logs-archive-puts", 2 * 12 * 730, 0.0876],
  ["alb-access-logs-archive-transitions", 2 * 12 * 730, 0.3504],
  ["vpc-flow-logs-delivery", FLOW_DELIVERED_GB, FLOW_DELIVERED_GB * 0.25],
  ["vpc-flow-logs-parquet", FLOW_DELIVERED_GB, FLOW_DELIVERED_GB * 0.035],
  ["vpc-flow-logs-archive-standard", wholeRetention(FLOW_STORED_GB), wholeRetention(FLOW_STORED_GB) * 0.023],
  ["vpc-flow-logs-archive-glacier-ir", 0, 0],
  ["vpc-flow-logs-archive-puts", 12 * 730, 0.0438],
  ["vpc-flow-logs-archive-transitions", 0, 0],
  ["audit-stream-ingestion", AUDIT_GB, AUDIT_GB * 0.5],
  ["audit-stream-storage", AUDIT_GB * 0.15 * (7 / MONTH_DAYS), AUDIT_GB * 0.15 * (7 / MONTH_DAYS) * 0.03],
  ["audit-stream-kms-requests", 2 * 8760, 0.05256],
  ["audit-events-firehose", (AUDIT_EVENTS * 5) / GB, ((AUDIT_EVENTS * 5) / GB) * 0.029],
  ["audit-events-archive-standard", standard(AUDIT_GB * 0.15), standard(AUDIT_GB * 0.15) * 0.023],
  ["audit-events-archive-glacier-ir", glacier(AUDIT_GB * 0.15), glacier(AUDIT_GB * 0.15) * 0.004],
  ["audit-events-archive-puts", FIREHOSE_OBJECTS, 0.0438],
  ["audit-events-archive-transitions", FIREHOSE_OBJECTS, 0.1752],
  // *.amazonaws.com, the namespace and its names, *.ec2.internal, the VPC's reverse zone, 1 partner; the block-all wildcard
  ["dns-firewall-domains", 7, 0.0035],
  ["dns-firewall-queries", 1460 * 3600, 3.1536],
];

describe("compliance controls cost", () => {
  const on = complianceEstimate(withCompliance(ALL_ON));
  const line = (id: string, estimate = on) => estimate.lineItems.find((item) => item.id === id)!;

  it("GIVEN the flat spec with every control on THEN every line has the hand-computed quantity and cost, in this order", () => {
    expect(on.lineItems.map((item) => item.id)).toEqual(EXPECTED.map(([id]) => id));
    for (const [id, quantity, usd] of EXPECTED) {
      expect({ id, quantity: line(id).quantity }).toEqual({ id, quantity: expect.closeTo(quantity, 6) });
      expect({ id, usd: line(id).monthlyUsd }).toEqual({ id, usd: expect.closeTo(usd, 9) });
    }
    expect(on.monthlyUsd).toBeCloseTo(
      EXPECTED.reduce((sum, [, , usd]) => sum + usd, 0),
      9,
    );
  });

  it("THEN the headline figures read as the pricing pages say: 262.8 M requests inspected cost $157.68, the 1% logged (5.01 GB) $2.51", () => {
    expect(line("waf-requests").monthlyUsd).toBeCloseTo(157.68, 9);
    expect(line("waf-logs-delivery").quantity).toBeCloseTo(5.012512207, 8);
    expect(line("waf-logs-delivery").monthlyUsd).toBeCloseTo(2.506256104, 8);
    expect(line("waf-requests").unitPriceUsd).toBe(PRICES.wafRequest.usd);
  });

  it("THEN each control lists its lines, on, with its setting, and the controls add up to the section", () => {
    expect(
      on.controls.map(({ id, setting, enabled, lineItemIds }) => ({ id, setting, enabled, lines: lineItemIds.length })),
    ).toEqual([
      { id: "waf", setting: "wafMode=block", enabled: true, lines: 11 },
      { id: "albAccessLogs", setting: "albAccessLogs=true", enabled: true, lines: 4 },
      { id: "vpcFlowLogs", setting: "vpcFlowLogs=true", enabled: true, lines: 6 },
      { id: "auditStream", setting: "audit log groups=2", enabled: true, lines: 3 },
      { id: "auditEvents", setting: "auditEventsToArchive=true", enabled: true, lines: 5 },
      { id: "dnsFirewall", setting: "dnsFirewall=true", enabled: true, lines: 2 },
    ]);
    expect(on.controls.flatMap((c) => c.lineItemIds)).toEqual(on.lineItems.map((item) => item.id));
    for (const c of on.controls) {
      const mine = on.lineItems.filter((item) => c.lineItemIds.includes(item.id));
      expect(c.monthlyUsd).toBeCloseTo(
        mine.reduce((sum, item) => sum + item.monthlyUsd, 0),
        12,
      );
    }
  });

  it("GIVEN every control off and no service on the reference image THEN the same lines are there at quantity 0 and the section costs nothing", () => {
    // The containers of a stack whose services run their own images (containerImage, workerImage).
    const configured = devSpec({
      containerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1",
      workerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/w:1",
    });
    const ownImages = withWorker(withApi(flatSpec(), { container: apiOf(configured).container }), {
      container: workerOf(configured).container,
    });
    const off = complianceEstimate(withCompliance(ALL_OFF, ownImages));
    expect(off.lineItems.map((item) => item.id)).toEqual(on.lineItems.map((item) => item.id));
    expect(off.lineItems.filter((item) => item.quantity !== 0 || item.monthlyUsd !== 0)).toEqual([]);
    expect(off.monthlyUsd).toBe(0);
    expect(off.controls.map((c) => [c.setting, c.enabled, c.monthlyUsd])).toEqual([
      ["wafMode=off", false, 0],
      ["albAccessLogs=false", false, 0],
      ["vpcFlowLogs=false", false, 0],
      ["audit log groups=0", false, 0],
      ["auditEventsToArchive=false", false, 0],
      ["dnsFirewall=false", false, 0],
    ]);
  });

  it("GIVEN WAF on but auditEventsToArchive off THEN the WAF logs and audit events stay in CloudWatch: no Firehose and no archive lines", () => {
    const noArchive = complianceEstimate(withCompliance({ ...ALL_ON, auditEventsToArchive: false }));
    const billed = (prefix: string) =>
      noArchive.lineItems.filter((item) => item.id.startsWith(prefix) && item.quantity > 0).map((item) => item.id);
    expect(billed("waf-logs-")).toEqual(["waf-logs-delivery", "waf-logs-storage", "waf-logs-kms-requests"]);
    expect(billed("audit-")).toEqual(["audit-stream-ingestion", "audit-stream-storage", "audit-stream-kms-requests"]);
  });

  it("GIVEN an external archive bucket THEN its storage and requests are 0 here and say the archive account pays; delivery is still billed here", () => {
    const external = complianceEstimate(withCompliance(EXTERNAL));
    const archive = external.lineItems.filter((item) => item.id.includes("-archive-"));
    expect(archive).toHaveLength(16);
    for (const item of archive) {
      expect({ id: item.id, quantity: item.quantity }).toEqual({ id: item.id, quantity: 0 });
      expect(item.description).toContain("billed to the archive account that owns org-log-archive");
    }
    const delivery = [
      "waf-logs-delivery",
      "waf-logs-firehose",
      "vpc-flow-logs-delivery",
      "vpc-flow-logs-parquet",
      "audit-stream-ingestion",
      "audit-events-firehose",
    ];
    for (const id of delivery) expect({ id, usd: line(id, external).monthlyUsd }).toEqual({ id, usd: line(id).monthlyUsd });
    const archiveUsd = on.lineItems
      .filter((item) => item.id.includes("-archive-"))
      .reduce((sum, item) => sum + item.monthlyUsd, 0);
    expect(external.monthlyUsd).toBeCloseTo(on.monthlyUsd - archiveUsd, 9);
  });

  it("GIVEN a longer retention THEN only the Glacier Instant Retrieval months grow (the Standard months are coldAfterDays)", () => {
    const longer = complianceEstimate(withCompliance({ ...ALL_ON, archive: { retentionDays: 731, coldAfterDays: 30 } }));
    expect(line("alb-access-logs-archive-standard", longer).quantity).toBeCloseTo(standard(ALB_STORED_GB), 9);
    expect(line("alb-access-logs-archive-glacier-ir", longer).quantity).toBeCloseTo(ALB_STORED_GB * (701 / MONTH_DAYS), 9);
  });
});

describe("the report's two numbers", () => {
  const reportOn = buildCostReport(withCompliance(ALL_ON));
  const reportOff = buildCostReport(withCompliance(ALL_OFF));

  it("GIVEN the controls on or off THEN the like-for-like savings are the same, and only the bill change moves", () => {
    expect(reportOn.savingsPercent).toBe(reportOff.savingsPercent);
    expect(reportOn.meetsTarget).toBe(reportOff.meetsTarget);
    // with every setting off, only the always-on blocking audit stream is left between the two numbers
    const stream = reportOff.compliance.controls.find((c) => c.id === "auditStream")!.monthlyUsd;
    expect(reportOff.compliance.monthlyUsd).toBe(stream);
    expect(reportOff.billChangePercent).toBeCloseTo(
      -reportOff.savingsPercent + (stream / reportOff.baseline.monthlyUsd) * 100,
      9,
    );
  });

  it("THEN billChangePercent is (optimized + compliance - baseline) / baseline x 100", () => {
    const { baseline, optimized, compliance } = reportOn;
    expect(compliance).toEqual(complianceEstimate(withCompliance(ALL_ON)));
    expect(reportOn.billChangePercent).toBeCloseTo(
      ((optimized.monthlyUsd + compliance.monthlyUsd - baseline.monthlyUsd) / baseline.monthlyUsd) * 100,
      12,
    );
    expect(reportOn.billChangePercent - reportOff.billChangePercent).toBeCloseTo(
      ((compliance.monthlyUsd - reportOff.compliance.monthlyUsd) / baseline.monthlyUsd) * 100,
      9,
    );
  });
});

describe("compliance cost properties", () => {
  const arbitraryCompliance: fc.Arbitrary<ComplianceSpec> = fc.record({
    waf: fc.record({ mode: fc.constantFrom("off", "count", "block"), rateLimitPerFiveMinutes: fc.constant(30000) }),
    albAccessLogs: fc.boolean(),
    vpcFlowLogs: fc.boolean(),
    auditEventsToArchive: fc.boolean(),
    archive: fc
      .record({
        external: fc.boolean(),
        retentionDays: fc.integer({ min: 366, max: 3650 }),
        cold: fc.integer({ min: 1, max: 200 }),
      })
      .map(({ external, retentionDays, cold }) => ({
        retentionDays,
        coldAfterDays: Math.min(cold, retentionDays - 90),
        ...(external ? { externalBucketName: "org-log-archive" } : {}),
      })),
    dnsFirewall: fc.record({
      enabled: fc.boolean(),
      allowedDomains: fc.constantFrom([], ["a.example"], ["a.example", "*.b.example"]),
    }),
  });

  it("any stack and any controls: the same line ids, each quantity x price and never negative, summing to the section and its controls", () => {
    const ids = complianceEstimate(withCompliance(ALL_ON)).lineItems.map((item) => item.id);
    fc.assert(
      fc.property(arbitrarySpec, arbitraryCompliance, (spec, compliance) => {
        // GIVEN any valid stack with any compliance settings WHEN its controls are priced
        const estimate = complianceEstimate(withCompliance(compliance, spec));
        const sum = estimate.lineItems.reduce((total, item) => total + item.monthlyUsd, 0);
        const controls = estimate.controls.reduce((total, c) => total + c.monthlyUsd, 0);
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
        // THEN the lines line up with every other estimate and add up
        return (
          JSON.stringify(estimate.lineItems.map((item) => item.id)) === JSON.stringify(ids) &&
          estimate.lineItems.every((item) => item.quantity >= 0 && close(item.monthlyUsd, item.quantity * item.unitPriceUsd)) &&
          close(estimate.monthlyUsd, sum) &&
          close(estimate.monthlyUsd, controls)
        );
      }),
      { numRuns: 50 },
    );
  });
});
