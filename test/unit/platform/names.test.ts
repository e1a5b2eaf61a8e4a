/**
 * Every logical and physical name the program creates carries the suffix and fits its AWS rule, for
 * any suffix the config accepts: a property over random valid suffixes, always including the
 * longest one (20 characters), run against the full program with every optional resource switched on
 * (the compliance controls included: prod's WAF and archive, and the DNS Firewall).
 */
import fc from "fast-check";
import { NameRule, nameProblems } from "../../../lib/aws/nameRules";
import type { RecordedResource } from "../../../lib/commands/registrations";
import { SERVICE_CATALOG } from "../../../lib/config/services";
import {
  containerInsightsLogGroupName,
  maxSuffixLength,
  physicalName,
  PLATFORM_NAMES,
  PlatformNameKey,
  SERVICE_NAMES,
  serviceName,
  ServiceNameKey,
  SUFFIX_PATTERN,
  targetGroupName,
} from "../../../lib/spec/names";
import { PROD_CONFIG, runPlatform } from "../support/runPlatform";

/** Names outside the catalogue (scaling policies, scheduled actions, ...) follow the generic 255 rule. */
const GENERIC: NameRule = PLATFORM_NAMES.alarmTopic.rule;
const BASES = SERVICE_CATALOG.map((e) => e.name);

function ruleFor(name: string, suffix: string): NameRule {
  if (name === targetGroupName(8080, suffix)) return PLATFORM_NAMES.targetGroup.rule;
  if (name === containerInsightsLogGroupName(physicalName("cluster", suffix)))
    return PLATFORM_NAMES.containerInsightsLogGroup.rule;
  const platform = (Object.keys(PLATFORM_NAMES) as PlatformNameKey[]).find((k) => physicalName(k, suffix) === name);
  if (platform) return PLATFORM_NAMES[platform].rule;
  for (const base of BASES) {
    const key = (Object.keys(SERVICE_NAMES) as ServiceNameKey[]).find((k) => serviceName(k, base, suffix) === name);
    if (key) return SERVICE_NAMES[key].rule;
  }
  return GENERIC;
}

/** The physical names a resource asks AWS for (every one, Cloud Map's service included, carries the suffix). */
function physicalNames(r: RecordedResource): string[] {
  const candidates = [
    r.inputs.name,
    r.inputs.family,
    r.type === "aws-native:ecs:Service" ? r.inputs.serviceName : undefined,
    r.inputs.dashboardName,
    // The audit archive bucket (global across accounts) and the WAF log delivery's resource policy.
    r.type === "aws:s3/bucket:Bucket" ? r.inputs.bucket : undefined,
    r.inputs.policyName,
  ];
  return candidates.filter((v): v is string => typeof v === "string");
}

describe("names for any accepted suffix", () => {
  it("GIVEN random valid suffixes (and the longest) WHEN the full prod program runs THEN every name carries the suffix and fits its AWS rule", async () => {
    const suffixes = fc
      .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/)
      .filter((s) => SUFFIX_PATTERN.test(s) && s.length <= maxSuffixLength(BASES));
    await fc.assert(
      fc.asyncProperty(suffixes, async (suffix) => {
        const run = await runPlatform(
          {
            ...PROD_CONFIG,
            environmentSuffix: suffix,
            interfaceEndpoints: "on",
            createServiceLinkedRoles: "true",
            apiInternalCallers: "worker",
            dnsFirewall: "true",
          },
          suffix,
        );
        // prod 155 (with its WAF, audit archive and audit delivery), + 8 for interface endpoints, + 3
        // service-linked roles, + 5 for the worker as caller, + 8 for the DNS Firewall.
        expect(run.engine.resources).toHaveLength(155 + 8 + 3 + 5 + 8);
        // Every kind of compliance name is among them (so each is checked against its rule).
        const named = run.engine.resources.flatMap(physicalNames);
        expect(named).toEqual(
          expect.arrayContaining([
            `payment-audit-archive-123456789012-${suffix}`,
            `payment-waf-${suffix}`,
            `aws-waf-logs-payment-${suffix}`,
            `payment-waf-log-delivery-${suffix}`,
            `payment-audit-events-${suffix}`,
            `payment-waf-logs-${suffix}`,
            `payment-audit-firehose-role-${suffix}`,
            `payment-audit-subscription-role-${suffix}`,
            `payment-audit-events-to-archive-${suffix}`,
            `payment-waf-logs-to-archive-${suffix}`,
            `/ecs/payment-api-audit-${suffix}`,
            `payment-dns-allowed-${suffix}`,
            `payment-dns-all-domains-${suffix}`,
            `payment-dns-firewall-${suffix}`,
            `payment-dns-allow-listed-${suffix}`,
            `payment-dns-block-others-${suffix}`,
          ]),
        );
        for (const resource of run.engine.resources) {
          expect(resource.name.endsWith(`-${suffix}`)).toBe(true);
          for (const name of physicalNames(resource)) {
            expect(name).toContain(suffix);
            expect(nameProblems(name, ruleFor(name, suffix))).toEqual([]);
          }
        }
      }),
      { numRuns: 1, examples: [["a2345678901234567890"]] },
    );
  });
});
