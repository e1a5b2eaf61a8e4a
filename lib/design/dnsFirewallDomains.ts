/**
 * The names the tasks may resolve when the Route 53 Resolver DNS Firewall is on
 * (lib/infra/dnsFirewall.ts answers every other name with NODATA). Domain syntax: a name matches
 * itself only; `*.` before a name matches every name below it, and `*` alone matches every name
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-domain-lists.html).
 * Names are written without the trailing dot: lib/config/rules.ts refuses one in partner domains.
 */
import type { PlatformSpec } from "../spec";

/**
 * Every AWS API the tasks and the Fargate agent on their network interface call: ECR
 * (api.ecr.<region>.amazonaws.com, <account>.dkr.ecr.<region>.amazonaws.com), the ECR image layers'
 * S3 bucket (prod-<region>-starport-layer-bucket.s3.<region>.amazonaws.com), CloudWatch Logs,
 * DynamoDB (including the SDK's account-based <account>.ddb.<region>.amazonaws.com endpoints), STS,
 * Secrets Manager, SSM and ECS. One wildcard instead of a list of them: a missing AWS name stops image
 * pulls or log delivery at the next deploy, and the names move (DynamoDB's account-based endpoints
 * arrived with the 2024 SDKs). The wildcard also admits names of other accounts' resources under
 * amazonaws.com (S3 buckets, load balancers): the S3 gateway endpoint's policy narrows S3; the docs
 * (docs/compliance.md, DNS Firewall) state the rest.
 */
export const AWS_API_DOMAINS = ["*.amazonaws.com"] as const;

/** The block rule's list: every name (what the allow rule before it has not matched). */
export const EVERY_DOMAIN = ["*"] as const;

/**
 * The EC2 private DNS names of the VPC's interfaces (ip-10-0-1-2.ec2.internal in us-east-1,
 * ip-10-0-1-2.<region>.compute.internal elsewhere), which a runtime resolving its own host name at
 * start (the JVM's InetAddress.getLocalHost, for one) asks for. The Resolver answers them from the
 * VPC, so allowing them opens no path out
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html, "DNS hostnames").
 */
export function ec2InternalDomain(region: string): string {
  return region === "us-east-1" ? "*.ec2.internal" : `*.${region}.compute.internal`;
}

/**
 * Reverse lookups (PTR) of the VPC's addresses, which the Resolver answers from the VPC: the
 * in-addr.arpa zone of the CIDR's whole octets (10.0.0.0/16 -> *.0.10.in-addr.arpa; a /20 widens to
 * its /16, still inside the private range the Resolver answers itself).
 */
export function reverseLookupDomain(vpcCidr: string): string {
  const [address, prefix] = vpcCidr.split("/");
  const wholeOctets = Math.floor(Number(prefix) / 8);
  const octets = address.split(".").slice(0, wholeOctets).reverse();
  return `*.${[...octets, "in-addr", "arpa"].join(".")}`;
}

/**
 * The allow list: the AWS API names, the service-discovery namespace and every name in it (how one
 * service finds another: api.payment-<suffix>.internal), the VPC's own EC2 and reverse names, then
 * the configured partner domains, each once, in that order.
 */
export function allowedDomains(spec: Pick<PlatformSpec, "region" | "network" | "compliance">, namespaceName: string): string[] {
  return [
    ...new Set([
      ...AWS_API_DOMAINS,
      namespaceName,
      `*.${namespaceName}`,
      ec2InternalDomain(spec.region),
      reverseLookupDomain(spec.network.vpcCidr),
      ...spec.compliance.dnsFirewall.allowedDomains,
    ]),
  ];
}
