/**
 * The Route 53 Resolver DNS Firewall on the VPC (dnsFirewall = true): the tasks resolve the AWS API
 * names, the service-discovery namespace and the configured partner domains
 * (lib/design/dnsFirewallDomains.ts); every other query is answered NODATA, so a compromised task
 * cannot reach or tunnel through a name nobody listed (PCI DSS v4 1.3.2: outbound traffic from the
 * cardholder data environment restricted to what is necessary).
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";
import { allowedDomains, EVERY_DOMAIN } from "../design/dnsFirewallDomains";

export interface DnsFirewallArgs {
  vpcId: pulumi.Input<string>;
  /** The Cloud Map namespace the services find each other in (Cluster.namespaceName: payment-<suffix>.internal). */
  namespaceName: string;
}

/** Rules run lowest priority first: the allow list, then the block of everything else. */
export const ALLOW_RULE_PRIORITY = 100;
export const BLOCK_RULE_PRIORITY = 200;

/**
 * Where the rule group runs among the VPC's rule groups: AWS allows 101-9899 (strictly between 100
 * and 9900) and suggests 101 for the first
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateFirewallRuleGroup.html).
 */
export const RULE_GROUP_PRIORITY = 101;

export class DnsFirewall extends pulumi.ComponentResource {
  constructor(spec: PlatformSpec, args: DnsFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:security:DnsFirewall", withSuffix("dns-firewall", suffix), {}, opts);
    const child = { parent: this };

    const allowList = new aws.route53.ResolverFirewallDomainList(
      physicalName("dnsFirewallAllowedDomains", suffix),
      { name: physicalName("dnsFirewallAllowedDomains", suffix), domains: allowedDomains(spec, args.namespaceName) },
      child,
    );
    const everything = new aws.route53.ResolverFirewallDomainList(
      physicalName("dnsFirewallAllDomains", suffix),
      { name: physicalName("dnsFirewallAllDomains", suffix), domains: [...EVERY_DOMAIN] },
      child,
    );
    const ruleGroup = new aws.route53.ResolverFirewallRuleGroup(
      physicalName("dnsFirewallRuleGroup", suffix),
      { name: physicalName("dnsFirewallRuleGroup", suffix) },
      child,
    );

    new aws.route53.ResolverFirewallRule(
      physicalName("dnsFirewallAllowRule", suffix),
      {
        name: physicalName("dnsFirewallAllowRule", suffix),
        firewallRuleGroupId: ruleGroup.id,
        firewallDomainListId: allowList.id,
        action: "ALLOW",
        priority: ALLOW_RULE_PRIORITY,
        // A listed name's CNAME chain is trusted: partner APIs and AWS endpoints answer through CDN
        // and regional names nobody lists, which the default (INSPECT_REDIRECTION_DOMAIN) checks
        // against the rules and so blocks (https://github.com/cds-snc/terraform-modules/issues/838).
        // The client asks only for the listed name; the chain is the listed domain owner's answer.
        firewallDomainRedirectionAction: "TRUST_REDIRECTION_DOMAIN",
      },
      child,
    );
    new aws.route53.ResolverFirewallRule(
      physicalName("dnsFirewallBlockRule", suffix),
      {
        name: physicalName("dnsFirewallBlockRule", suffix),
        firewallRuleGroupId: ruleGroup.id,
        firewallDomainListId: everything.id,
        action: "BLOCK",
        // NODATA: "the query succeeded, there is no answer", which clients take without retrying
        // (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-actions.html).
        blockResponse: "NODATA",
        priority: BLOCK_RULE_PRIORITY,
      },
      child,
    );

    new aws.route53.ResolverFirewallRuleGroupAssociation(
      withSuffix("dns-firewall-association", suffix),
      {
        name: physicalName("dnsFirewallRuleGroup", suffix),
        firewallRuleGroupId: ruleGroup.id,
        vpcId: args.vpcId,
        priority: RULE_GROUP_PRIORITY,
        // ENABLED would refuse the disassociation `pulumi destroy` needs.
        mutationProtection: "DISABLED",
      },
      child,
    );

    // Fail open: when DNS Firewall cannot evaluate a query, it is answered as without the firewall.
    // Failing closed would turn a DNS Firewall outage into a payment API outage (every DynamoDB, ECR
    // and CloudWatch Logs call starts with a lookup), while the security groups and the S3 endpoint
    // policy still bound egress meanwhile. Deleting the config resets the VPC to AWS's default
    // (DISABLED: fail closed), so destroy leaves nothing behind
    // (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html).
    new aws.route53.ResolverFirewallConfig(
      withSuffix("dns-firewall-config", suffix),
      { resourceId: args.vpcId, firewallFailOpen: "ENABLED" },
      child,
    );

    this.registerOutputs({});
  }
}
