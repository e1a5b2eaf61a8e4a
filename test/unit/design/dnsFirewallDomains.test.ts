/**
 * The DNS Firewall's allow list: AWS API names, the service-discovery namespace, the VPC's own EC2
 * and reverse names, then the partner domains, each once.
 */
import {
  allowedDomains,
  AWS_API_DOMAINS,
  ec2InternalDomain,
  EVERY_DOMAIN,
  reverseLookupDomain,
} from "../../../lib/design/dnsFirewallDomains";
import type { PlatformSpec } from "../../../lib/spec";

const spec = (vpcCidr: string, partners: string[]) =>
  ({
    region: "us-east-1",
    network: { vpcCidr },
    compliance: { dnsFirewall: { enabled: true, allowedDomains: partners } },
  }) as unknown as Pick<PlatformSpec, "region" | "network" | "compliance">;

describe("allowedDomains", () => {
  it("GIVEN no partner domains WHEN the allow list is built THEN it is the AWS APIs, the namespace and its names, us-east-1's EC2 names and the VPC's reverse zone", () => {
    expect(allowedDomains(spec("10.0.0.0/16", []), "payment-dev.internal")).toEqual([
      "*.amazonaws.com",
      "payment-dev.internal",
      "*.payment-dev.internal",
      "*.ec2.internal",
      "*.0.10.in-addr.arpa",
    ]);
  });

  it("GIVEN partner domains, one repeating an AWS name WHEN the allow list is built THEN they follow in order, each once", () => {
    expect(
      allowedDomains(
        spec("10.0.0.0/16", ["api.cardnetwork.example.com", "*.amazonaws.com", "*.partner.example.com"]),
        "payment-prod.internal",
      ),
    ).toEqual([
      "*.amazonaws.com",
      "payment-prod.internal",
      "*.payment-prod.internal",
      "*.ec2.internal",
      "*.0.10.in-addr.arpa",
      "api.cardnetwork.example.com",
      "*.partner.example.com",
    ]);
  });

  it("GIVEN the fixed lists THEN the AWS APIs are one wildcard and the block list is every name", () => {
    expect([AWS_API_DOMAINS, EVERY_DOMAIN]).toEqual([["*.amazonaws.com"], ["*"]]);
  });
});

describe("ec2InternalDomain", () => {
  it.each([
    ["us-east-1", "*.ec2.internal"],
    ["eu-west-1", "*.eu-west-1.compute.internal"],
  ])("GIVEN region %s THEN the EC2 private host names are %s", (region, domain) => {
    expect(ec2InternalDomain(region)).toBe(domain);
  });
});

describe("reverseLookupDomain", () => {
  it.each([
    ["10.0.0.0/16", "*.0.10.in-addr.arpa"],
    ["10.20.0.0/20", "*.20.10.in-addr.arpa"],
    ["172.16.8.0/24", "*.8.16.172.in-addr.arpa"],
  ])("GIVEN VPC CIDR %s THEN its reverse zone is %s (whole octets only)", (cidr, domain) => {
    expect(reverseLookupDomain(cidr)).toBe(domain);
  });
});
