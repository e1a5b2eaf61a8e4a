/**
 * The DnsFirewall component under the mock engine, constructed once with a spec that turns the
 * firewall on with a partner domain: the two domain lists, the rule group with its allow and block
 * rules, the VPC association and the fail-open configuration.
 */
import type { MockEngine } from "../../../lib/commands/mockEngine";
import type { RecordedResource } from "../../../lib/commands/registrations";
import { resolveValues } from "../support/configSource";
import { countByType, PROJECT, qualify } from "../support/runPlatform";

const VPC_ID = "vpc-0abc1234def567890";
const NAMESPACE = "payment-qa.internal";
const CONFIG = {
  environment: "staging",
  environmentSuffix: "qa",
  dnsFirewall: "true",
  dnsFirewallAllowedDomains: "api.cardnetwork.example.com",
};
const spec = resolveValues(CONFIG);
let engine: MockEngine;

beforeAll(async () => {
  const { installMockEngine } = await import("../../../lib/commands/mockEngine");
  engine = await installMockEngine(PROJECT, "test", qualify(CONFIG));
  const { DnsFirewall } = await import("../../../lib/infra/dnsFirewall");
  new DnsFirewall(spec, { vpcId: VPC_ID, namespaceName: NAMESPACE }, { transformations: [engine.recordParent] });
  await engine.settle();
});

const named = (name: string, type: string): RecordedResource => engine.named(name, type);
const DOMAIN_LIST = "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList";
const RULE = "aws:route53/resolverFirewallRule:ResolverFirewallRule";

describe("DnsFirewall", () => {
  it("GIVEN dnsFirewall on WHEN constructed THEN it registers two domain lists, one rule group, two rules, one VPC association and one firewall config under the component", () => {
    expect(countByType(engine)).toEqual({
      "payment:security:DnsFirewall": 1,
      [DOMAIN_LIST]: 2,
      "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup": 1,
      [RULE]: 2,
      "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation": 1,
      "aws:route53/resolverFirewallConfig:ResolverFirewallConfig": 1,
    });
    expect(engine.resources.filter((r) => r.custom).map((r) => r.parent)).toEqual(Array(7).fill("dns-firewall-qa"));
  });

  it("GIVEN the namespace and a partner domain WHEN the lists are registered THEN the allow list holds the AWS APIs, the namespace, the VPC's names and the partner, and the other list every name", () => {
    expect(named("payment-dns-allowed-qa", DOMAIN_LIST).inputs).toEqual({
      name: "payment-dns-allowed-qa",
      domains: [
        "*.amazonaws.com",
        "payment-qa.internal",
        "*.payment-qa.internal",
        "*.ec2.internal",
        "*.0.10.in-addr.arpa",
        "api.cardnetwork.example.com",
      ],
    });
    expect(named("payment-dns-all-domains-qa", DOMAIN_LIST).inputs).toEqual({
      name: "payment-dns-all-domains-qa",
      domains: ["*"],
    });
  });

  it("GIVEN the rule group WHEN the rules are registered THEN the allow rule (priority 100, trusting its names' CNAME chains) runs before the NODATA block of everything else (priority 200)", () => {
    expect(named("payment-dns-allow-listed-qa", RULE).inputs).toEqual({
      name: "payment-dns-allow-listed-qa",
      firewallRuleGroupId: "payment-dns-firewall-qa-id",
      firewallDomainListId: "payment-dns-allowed-qa-id",
      action: "ALLOW",
      priority: 100,
      firewallDomainRedirectionAction: "TRUST_REDIRECTION_DOMAIN",
    });
    expect(named("payment-dns-block-others-qa", RULE).inputs).toEqual({
      name: "payment-dns-block-others-qa",
      firewallRuleGroupId: "payment-dns-firewall-qa-id",
      firewallDomainListId: "payment-dns-all-domains-qa-id",
      action: "BLOCK",
      blockResponse: "NODATA",
      priority: 200,
    });
  });

  it("GIVEN the VPC WHEN the rule group is associated THEN priority 101 (AWS allows 101-9899) without mutation protection, so pulumi destroy can disassociate it", () => {
    expect(
      named(
        "dns-firewall-association-qa",
        "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation",
      ).inputs,
    ).toEqual({
      name: "payment-dns-firewall-qa",
      firewallRuleGroupId: "payment-dns-firewall-qa-id",
      vpcId: VPC_ID,
      priority: 101,
      mutationProtection: "DISABLED",
    });
  });

  it("GIVEN a payment API WHEN the firewall config is registered THEN the VPC fails open: a DNS Firewall outage must not become a payment outage", () => {
    expect(named("dns-firewall-config-qa", "aws:route53/resolverFirewallConfig:ResolverFirewallConfig").inputs).toEqual({
      resourceId: VPC_ID,
      firewallFailOpen: "ENABLED",
    });
  });
});
