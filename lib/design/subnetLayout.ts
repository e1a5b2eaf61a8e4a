/**
 * Subnet CIDR layout, a pure function so it can be property-tested without mocks.
 * The VPC range is cut into equal blocks: public subnets first (one per AZ), then private subnets.
 * Private subnets hold the tasks (one ENI per Fargate task), so both tiers get the same size and
 * the layout leaves the rest of the VPC free for later tiers.
 */

export interface SubnetPlan {
  availabilityZoneIndex: number;
  tier: "public" | "private";
  cidr: string;
}

export interface ParsedCidr {
  base: number;
  prefix: number;
}

/** AWS VPC CIDR prefixes allowed: /16 to /28 (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html). */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 28;
/** Each subnet gets a /prefix this many bits longer than the VPC: 8 blocks, enough for 3 AZs x 2 tiers. */
export const SUBNET_BITS = 3;
/**
 * Smallest useful subnet: AWS reserves 5 addresses per subnet
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html) and an ALB needs a /27 or
 * larger with at least 8 free addresses
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer).
 */
export const MAX_SUBNET_PREFIX = 27;
/** So the VPC itself must be /24 or larger. */
export const MAX_USABLE_VPC_PREFIX = MAX_SUBNET_PREFIX - SUBNET_BITS;

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses an IPv4 CIDR; undefined when it is not one (bad octet, bad prefix, host bits set). */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const match = CIDR_PATTERN.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const blockSize = 2 ** (32 - prefix);
  if (base % blockSize !== 0) return undefined;
  return { base, prefix };
}

export function formatCidr(base: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/** Subnets for `azCount` AZs inside `vpcCidr`; the caller has validated the CIDR. */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`planSubnets: "${vpcCidr}" is not a valid IPv4 CIDR`);
  const prefix = vpc.prefix + SUBNET_BITS;
  const size = 2 ** (32 - prefix);
  const tiers: ("public" | "private")[] = ["public", "private"];
  return tiers.flatMap((tier, tierIndex) =>
    Array.from({ length: azCount }, (_, az) => ({
      availabilityZoneIndex: az,
      tier,
      cidr: formatCidr(vpc.base + (tierIndex * azCount + az) * size, prefix),
    })),
  );
}
