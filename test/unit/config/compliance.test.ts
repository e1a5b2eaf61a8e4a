/**
 * The compliance controls' settings: per-environment defaults, the archive's lifecycle rule, the
 * log-archive bucket name, and the DNS Firewall's partner domains, each refused by name when wrong.
 */
import { configProblems, resolveValues } from "../support/configSource";

const problems = configProblems;

describe("compliance settings", () => {
  it.each([
    ["dev", "off"],
    ["staging", "block"],
    ["prod", "block"],
  ])(
    "GIVEN environment %s and no compliance keys THEN WAF is %s and every log of the trail is archived for 366 days",
    (environment, waf) => {
      const config: Record<string, string> =
        environment === "prod"
          ? { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666" }
          : {};
      expect(resolveValues({ environmentSuffix: "x", environment, ...config }).compliance).toEqual({
        waf: { mode: waf, rateLimitPerFiveMinutes: 30000 },
        albAccessLogs: true,
        vpcFlowLogs: true,
        auditEventsToArchive: true,
        archive: { externalBucketName: undefined, retentionDays: 366, coldAfterDays: 30 },
        dnsFirewall: { enabled: false, allowedDomains: [] },
      });
    },
  );

  it("GIVEN a log-archive bucket, count mode and the DNS Firewall with two partner domains THEN all reach the spec", () => {
    const spec = resolveValues({
      environmentSuffix: "dev",
      wafMode: "count",
      auditArchiveBucketName: "acme-log-archive-us-east-1",
      dnsFirewall: "true",
      dnsFirewallAllowedDomains: "api.cardnetwork.example.com, *.partner.example.com",
    });
    expect([spec.compliance.waf.mode, spec.compliance.archive, spec.compliance.dnsFirewall]).toEqual([
      "count",
      // The lifecycle keys keep their defaults: the archive account's own lifecycle applies.
      { externalBucketName: "acme-log-archive-us-east-1", retentionDays: 366, coldAfterDays: 30 },
      { enabled: true, allowedDomains: ["api.cardnetwork.example.com", "*.partner.example.com"] },
    ]);
  });

  it("GIVEN the stack's own archive kept two years, cold after 90 days THEN the lifecycle reaches the spec", () => {
    expect(
      resolveValues({ environmentSuffix: "dev", auditArchiveRetentionDays: "730", auditArchiveColdAfterDays: "90" }).compliance
        .archive,
    ).toEqual({ externalBucketName: undefined, retentionDays: 730, coldAfterDays: 90 });
  });

  it.each(["Acme-Archive", "ab", "archive..logs", "-archive", "xn--archive"])(
    "GIVEN auditArchiveBucketName %s THEN the problem names the key and S3's naming rule",
    (name) => {
      expect(problems({ auditArchiveBucketName: name })).toEqual([
        `auditArchiveBucketName = ${JSON.stringify(name)}: must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. Example: pulumi config set auditArchiveBucketName acme-log-archive-us-east-1`,
      ]);
    },
  );

  it("GIVEN the cold tier starts less than 90 days before expiry THEN the early-deletion rule is named", () => {
    expect(problems({ auditArchiveColdAfterDays: "300" })).toEqual([
      "auditArchiveColdAfterDays = 300: must be at least 90 days below auditArchiveRetentionDays (366): Glacier Instant Retrieval bills 90 days minimum. Example: pulumi config set auditArchiveColdAfterDays 30",
    ]);
  });

  it("GIVEN a retention under 12 months THEN the key's range is named", () => {
    expect(problems({ auditArchiveRetentionDays: "365" })).toEqual([
      'auditArchiveRetentionDays = "365": must be between 366 and 3650. Example: pulumi config set auditArchiveRetentionDays 366',
    ]);
  });

  it("GIVEN partner domains with the DNS Firewall off THEN the setting is refused as one without effect", () => {
    expect(problems({ dnsFirewallAllowedDomains: "api.partner.example.com" })).toEqual([
      'dnsFirewallAllowedDomains = "api.partner.example.com": has no effect while dnsFirewall is false; set dnsFirewall true or remove it. Example: pulumi config set dnsFirewallAllowedDomains api.cardnetwork.example.com,*.partner.example.com',
    ]);
  });

  it.each(["API.partner.com", "partner", "*.*.partner.com", "10.0.0.1", "http://partner.com"])(
    "GIVEN the partner domain %s THEN the problem names the key and the accepted forms",
    (domain) => {
      expect(problems({ dnsFirewall: "true", dnsFirewallAllowedDomains: `ok.partner.com,${domain}` })).toEqual([
        `dnsFirewallAllowedDomains = ${JSON.stringify(domain)}: each entry must be a lowercase DNS name (api.partner.example.com) or *. and one (*.partner.example.com). Example: pulumi config set dnsFirewallAllowedDomains api.cardnetwork.example.com,*.partner.example.com`,
      ]);
    },
  );

  it("GIVEN a WAF rate limit below 100 THEN the key's range is named", () => {
    expect(problems({ wafRateLimitPerFiveMinutes: "10" })).toEqual([
      'wafRateLimitPerFiveMinutes = "10": must be between 100 and 2000000000. Example: pulumi config set wafRateLimitPerFiveMinutes 30000',
    ]);
  });

  it("GIVEN the DNS Firewall and an API image on Docker Hub THEN the image is refused (its pull would be blocked), while a private ECR worker image passes", () => {
    expect(
      problems({
        dnsFirewall: "true",
        containerImage: "docker.io/acme/payments:1.4.2",
        workerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payments-worker:1.4.2",
      }),
    ).toEqual([
      'containerImage = "docker.io/acme/payments:1.4.2": is not in a private ECR repository, and dnsFirewall lets the tasks resolve only AWS API names, so the pull would fail; mirror the image into ECR (an ECR pull-through cache rule does it) or set dnsFirewall false. Example: pulumi config set containerImage 123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2',
    ]);
  });

  it("GIVEN the DNS Firewall and the reference image (no image keys) THEN nothing is refused", () => {
    expect(problems({ dnsFirewall: "true" })).toEqual([]);
  });

  it.each([
    [
      {
        albAccessLogs: "false",
        vpcFlowLogs: "false",
        auditEventsToArchive: "false",
        auditArchiveBucketName: "acme-log-archive-us-east-1",
      },
      'auditArchiveBucketName = "acme-log-archive-us-east-1": has no effect while albAccessLogs, vpcFlowLogs and auditEventsToArchive are all false; turn one on or remove it. Example: pulumi config set auditArchiveBucketName acme-log-archive-us-east-1',
    ],
    [
      { auditArchiveBucketName: "acme-log-archive-us-east-1", auditArchiveRetentionDays: "400" },
      "auditArchiveRetentionDays = 400: has no effect with auditArchiveBucketName: the log-archive account's bucket keeps its own lifecycle; remove it. Example: pulumi config set auditArchiveRetentionDays 366",
    ],
    [
      { albAccessLogs: "false", vpcFlowLogs: "false", auditEventsToArchive: "false", auditArchiveColdAfterDays: "60" },
      "auditArchiveColdAfterDays = 60: has no effect while no log goes to the archive; remove it. Example: pulumi config set auditArchiveColdAfterDays 30",
    ],
    [
      { wafRateLimitPerFiveMinutes: "5000" },
      "wafRateLimitPerFiveMinutes = 5000: has no effect while wafMode is off; set wafMode block or count, or remove it. Example: pulumi config set wafRateLimitPerFiveMinutes 30000",
    ],
  ])("GIVEN %j THEN the setting that would change nothing is refused by name", (config, message) => {
    expect(problems(config)).toEqual([message]);
  });

  it("GIVEN the archive settings with the stack's own archive THEN they are accepted", () => {
    expect(
      problems({
        auditArchiveRetentionDays: "400",
        auditArchiveColdAfterDays: "60",
        wafMode: "count",
        wafRateLimitPerFiveMinutes: "5000",
      }),
    ).toEqual([]);
  });
});
