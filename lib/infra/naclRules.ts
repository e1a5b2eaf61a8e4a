/**
 * Least-privilege network ACL rules for the two subnet tiers, as data so they can be asserted
 * without mocks. NACLs are stateless: every allowed flow needs its return path written out.
 * (Traffic to the VPC's Route 53 Resolver is not filtered by NACLs, so DNS needs no rule:
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html)
 */

export interface NaclRule {
  ruleNumber: number;
  egress: boolean;
  protocol: "tcp";
  cidrBlock: string;
  fromPort: number;
  toPort: number;
  /** Why the rule exists (NACL entries have no description field; kept for docs and the plan). */
  purpose: string;
}

/**
 * Ephemeral ports for return traffic: AWS recommends 1024-65535 to cover Linux, the ALB and the NAT
 * gateway (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-ephemeral-ports).
 */
export const EPHEMERAL_FROM = 1024;
export const EPHEMERAL_TO = 65535;
const ANYWHERE = "0.0.0.0/0";

interface TierInput {
  vpcCidr: string;
  containerPort: number;
  publicSubnetCidrs: string[];
  privateSubnetCidrs: string[];
  interfaceEndpoints: boolean;
  /** Internal callers in the private subnets reach the container port directly (Cloud Map). */
  internalCallers: boolean;
}

function numbered(rules: Omit<NaclRule, "ruleNumber">[]): NaclRule[] {
  let inbound = 100;
  let outbound = 100;
  return rules.map((rule) => ({ ...rule, ruleNumber: rule.egress ? (outbound += 10) - 10 : (inbound += 10) - 10 }));
}

/** Public tier: the ALB (80/443 from clients) and the NAT gateway (HTTPS from the private tier). */
export function publicTierRules(input: TierInput): NaclRule[] {
  const tcp = { protocol: "tcp" as const };
  return numbered([
    {
      ...tcp,
      egress: false,
      cidrBlock: ANYWHERE,
      fromPort: 443,
      toPort: 443,
      purpose: "HTTPS from clients to the ALB; tasks' HTTPS to the NAT gateway",
    },
    {
      ...tcp,
      egress: false,
      cidrBlock: ANYWHERE,
      fromPort: 80,
      toPort: 80,
      purpose: "HTTP from clients to the ALB (redirected to HTTPS)",
    },
    {
      ...tcp,
      egress: false,
      cidrBlock: ANYWHERE,
      fromPort: EPHEMERAL_FROM,
      toPort: EPHEMERAL_TO,
      purpose: "return traffic: internet to NAT, tasks to ALB",
    },
    ...input.privateSubnetCidrs.map((cidr) => ({
      ...tcp,
      egress: true,
      cidrBlock: cidr,
      fromPort: input.containerPort,
      toPort: input.containerPort,
      purpose: "ALB to the tasks' container port and health checks",
    })),
    { ...tcp, egress: true, cidrBlock: ANYWHERE, fromPort: 443, toPort: 443, purpose: "NAT gateway forwarding tasks' HTTPS" },
    {
      ...tcp,
      egress: true,
      cidrBlock: ANYWHERE,
      fromPort: EPHEMERAL_FROM,
      toPort: EPHEMERAL_TO,
      purpose: "return traffic: ALB to clients, NAT to tasks",
    },
  ]);
}

/** Private tier: tasks take the container port from the public tier and speak HTTPS out. */
export function privateTierRules(input: TierInput): NaclRule[] {
  const tcp = { protocol: "tcp" as const };
  return numbered([
    ...input.publicSubnetCidrs.map((cidr) => ({
      ...tcp,
      egress: false,
      cidrBlock: cidr,
      fromPort: input.containerPort,
      toPort: input.containerPort,
      purpose: "ALB in the public tier to the container port",
    })),
    // Callers' requests leave their subnet on an ephemeral-range port, which the outbound
    // ephemeral rule already admits; only the API's side needs opening.
    ...(input.internalCallers
      ? input.privateSubnetCidrs.map((cidr) => ({
          ...tcp,
          egress: false,
          cidrBlock: cidr,
          fromPort: input.containerPort,
          toPort: input.containerPort,
          purpose: "internal callers in the private tier to the container port (Cloud Map)",
        }))
      : []),
    ...(input.interfaceEndpoints
      ? [
          {
            ...tcp,
            egress: false,
            cidrBlock: input.vpcCidr,
            fromPort: 443,
            toPort: 443,
            purpose: "tasks to interface endpoint ENIs in other private subnets",
          },
        ]
      : []),
    {
      ...tcp,
      egress: false,
      cidrBlock: ANYWHERE,
      fromPort: EPHEMERAL_FROM,
      toPort: EPHEMERAL_TO,
      purpose: "return traffic of the tasks' HTTPS calls",
    },
    {
      ...tcp,
      egress: true,
      cidrBlock: ANYWHERE,
      fromPort: 443,
      toPort: 443,
      purpose: "HTTPS to AWS APIs, ECR, endpoints and downstream services",
    },
    {
      ...tcp,
      egress: true,
      cidrBlock: input.vpcCidr,
      fromPort: EPHEMERAL_FROM,
      toPort: EPHEMERAL_TO,
      purpose: "responses to the ALB and to endpoint ENIs",
    },
  ]);
}
