/**
 * The network layer: VPC, public subnets (ALB, NAT) and private subnets (tasks) per AZ, internet
 * gateway, NAT gateways (one shared or one per AZ), per-AZ private route tables, network ACLs,
 * the VPC's default security group emptied of rules, the free S3 (limited to ECR's layer bucket) and
 * DynamoDB gateway endpoints, and optional interface endpoints for ECR and CloudWatch Logs.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { planSubnets } from "../design/subnetLayout";
import { GATEWAY_ENDPOINT_SERVICES, INTERFACE_ENDPOINT_SERVICES, natGatewayCount, natIndexForAz } from "../design/topology";
import { physicalName, withSuffix } from "../spec/names";
import { PlatformSpec, webService } from "../spec";
import { NaclRule, privateTierRules, publicTierRules } from "./naclRules";
import { s3GatewayEndpointPolicy } from "./endpointPolicies";

const AZ_LETTERS = "abcdef";

export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetCidrs: string[];
  readonly natGatewayIds: pulumi.Output<string>[];
  /** The internet-facing ALB must wait for it (and go before it on destroy). */
  readonly internetGateway: aws.ec2.InternetGateway;

  constructor(spec: PlatformSpec, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:network:Network", withSuffix("network", suffix), {}, opts);
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, suffix);
    const tagged = (kind: string) => ({ Name: name(kind) });
    const { availabilityZoneCount, vpcCidr } = spec.network;

    const vpc = new aws.ec2.Vpc(
      name("vpc"),
      { cidrBlock: vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tagged("vpc") },
      child,
    );
    // The VPC's default security group, adopted with no rules (CIS AWS Foundations 5.4, PCI DSS
    // 1.3): nothing in the stack uses it (every task, the ALB and the interface endpoints have their
    // own group), so anything later attached to it by mistake gets no traffic at all.
    // What the provider does (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group,
    // internal/service/ec2/vpc_default_security_group.go): create finds the VPC's group named
    // "default", sets the tags and revokes every ingress and egress rule; destroy only drops it from
    // the state (Delete is a no-op: AWS cannot delete a default group), and the VPC's deletion right
    // after takes the group with it, so `pulumi destroy` stays clean. No name argument: AWS names
    // the group "default"; the Name tag carries the suffix.
    // Empty arrays, not omitted: `ingress`/`egress` are Optional+Computed, so when omitted a rule
    // added later outside the stack is taken as the current value and never shows as drift
    // (hashicorp/terraform-provider-aws #17569, #24321, #27177); explicit [] makes it a diff that
    // the next `pulumi up` revokes (pulumi/pulumi #2675, pulumi/pulumi-eks #127: [] removes rules).
    new aws.ec2.DefaultSecurityGroup(
      name("default-sg"),
      { vpcId: vpc.id, ingress: [], egress: [], tags: tagged("default-sg") },
      child,
    );
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }, child);
    const layout = planSubnets(vpcCidr, availabilityZoneCount);
    const subnet = (tier: "public" | "private") =>
      layout
        .filter((s) => s.tier === tier)
        .map((s) => {
          const kind = `${tier}-subnet-${AZ_LETTERS[s.availabilityZoneIndex]}`;
          return new aws.ec2.Subnet(
            name(kind),
            {
              vpcId: vpc.id,
              cidrBlock: s.cidr,
              availabilityZone: zones.names[s.availabilityZoneIndex],
              // Tasks never get public IPs; only the ALB and NAT live in the public tier.
              mapPublicIpOnLaunch: false,
              tags: { ...tagged(kind), Tier: tier },
            },
            child,
          );
        });
    const publicSubnets = subnet("public");
    const privateSubnets = subnet("private");

    const igw = new aws.ec2.InternetGateway(name("igw"), { vpcId: vpc.id, tags: tagged("igw") }, child);
    const publicRouteTable = new aws.ec2.RouteTable(
      name("public-rt"),
      { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: tagged("public-rt") },
      child,
    );
    publicSubnets.forEach(
      (s, i) =>
        new aws.ec2.RouteTableAssociation(
          name(`public-rta-${AZ_LETTERS[i]}`),
          { subnetId: s.id, routeTableId: publicRouteTable.id },
          child,
        ),
    );

    const natGateways = Array.from({ length: natGatewayCount(spec) }, (_, i) => {
      const letter = AZ_LETTERS[i];
      const eip = new aws.ec2.Eip(name(`nat-eip-${letter}`), { domain: "vpc", tags: tagged(`nat-eip-${letter}`) }, child);
      return new aws.ec2.NatGateway(
        name(`nat-${letter}`),
        { allocationId: eip.id, subnetId: publicSubnets[i].id, tags: tagged(`nat-${letter}`) },
        { parent: this, dependsOn: [igw] },
      );
    });

    // One route table per AZ even with a single NAT, so switching to perAz only changes routes.
    const privateRouteTables = privateSubnets.map((s, i) => {
      const kind = `private-rt-${AZ_LETTERS[i]}`;
      const nat = natGateways[natIndexForAz(i, natGateways.length)];
      const table = new aws.ec2.RouteTable(
        name(kind),
        { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags: tagged(kind) },
        child,
      );
      new aws.ec2.RouteTableAssociation(name(`private-rta-${AZ_LETTERS[i]}`), { subnetId: s.id, routeTableId: table.id }, child);
      return table;
    });

    const web = webService(spec);
    const tierInput = {
      vpcCidr,
      containerPort: web.containerPort,
      publicSubnetCidrs: layout.filter((s) => s.tier === "public").map((s) => s.cidr),
      privateSubnetCidrs: layout.filter((s) => s.tier === "private").map((s) => s.cidr),
      interfaceEndpoints: spec.network.interfaceEndpoints,
      internalCallers: web.internalCallers.serviceIds.length > 0 || web.internalCallers.securityGroupIds.length > 0,
    };
    this.networkAcl("public", vpc, publicSubnets, publicTierRules(tierInput), suffix);
    this.networkAcl("private", vpc, privateSubnets, privateTierRules(tierInput), suffix);

    // Gateway endpoints are free (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html):
    // S3 keeps ECR image layers (stored in S3) off the NAT gateway's per-GB charge, DynamoDB keeps
    // every payment read and write off it and off the internet path.
    // S3's endpoint policy allows only ECR's layer bucket (lib/infra/endpointPolicies.ts says why and
    // what else was checked). `policy` is a JSON string; the provider normalises it and suppresses
    // equivalent-policy diffs on plan and on refresh (IAMPolicyDocumentSchemaOptionalComputed, and
    // the read keeps the configured string when AWS returns an equivalent one: hashicorp/terraform-provider-aws
    // #22137, #28798, internal/service/ec2/vpc_endpoint.go), so AWS's reformatting does not show as
    // drift; JSON.stringify of a fixed object also gives the same string on every run.
    // https://www.pulumi.com/registry/packages/aws/api-docs/ec2/vpcendpoint/
    // DynamoDB keeps the default (full access) policy: the task roles already limit every call to the
    // payments table (lib/infra/policies.ts tableAccessPolicy), and a table-scoped endpoint policy
    // would be a second copy of that scope, to be changed with it (a new index or table fails only at
    // run time, with AccessDenied), for no narrower egress than the roles give.
    for (const service of GATEWAY_ENDPOINT_SERVICES) {
      const policy = service === "s3" ? { policy: JSON.stringify(s3GatewayEndpointPolicy(spec.region)) } : {};
      new aws.ec2.VpcEndpoint(
        name(`${service}-endpoint`),
        {
          vpcId: vpc.id,
          serviceName: `com.amazonaws.${spec.region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds: privateRouteTables.map((t) => t.id),
          ...policy,
          tags: tagged(`${service}-endpoint`),
        },
        child,
      );
    }

    if (spec.network.interfaceEndpoints) {
      const endpointSg = new aws.ec2.SecurityGroup(
        physicalName("endpointSecurityGroup", suffix),
        // Auto-named like the other security groups (lib/infra/security.ts says why).
        {
          vpcId: vpc.id,
          description: "Interface endpoints: HTTPS from the private subnets only",
          tags: tagged("vpc-endpoints-sg"),
        },
        child,
      );
      tierInput.privateSubnetCidrs.forEach(
        (cidr, i) =>
          new aws.vpc.SecurityGroupIngressRule(
            name(`vpc-endpoints-https-in-${AZ_LETTERS[i]}`),
            {
              securityGroupId: endpointSg.id,
              ipProtocol: "tcp",
              fromPort: 443,
              toPort: 443,
              cidrIpv4: cidr,
              description: `HTTPS from private subnet ${AZ_LETTERS[i]}`,
            },
            child,
          ),
      );
      for (const service of INTERFACE_ENDPOINT_SERVICES) {
        const kind = `${service.replace(".", "-")}-endpoint`;
        new aws.ec2.VpcEndpoint(
          name(kind),
          {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${spec.region}.${service}`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: privateSubnets.map((s) => s.id),
            securityGroupIds: [endpointSg.id],
            tags: tagged(kind),
          },
          child,
        );
      }
    }

    this.vpcId = vpc.id;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.privateSubnetCidrs = tierInput.privateSubnetCidrs;
    this.natGatewayIds = natGateways.map((n) => n.id);
    this.internetGateway = igw;
    this.registerOutputs({ vpcId: this.vpcId, publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds });
  }

  private networkAcl(tier: string, vpc: aws.ec2.Vpc, subnets: aws.ec2.Subnet[], rules: NaclRule[], suffix: string): void {
    const child = { parent: this };
    const aclName = withSuffix(`${tier}-nacl`, suffix);
    const acl = new aws.ec2.NetworkAcl(aclName, { vpcId: vpc.id, tags: { Name: aclName } }, child);
    for (const rule of rules) {
      new aws.ec2.NetworkAclRule(
        withSuffix(`${tier}-nacl-${rule.egress ? "out" : "in"}-${rule.ruleNumber}`, suffix),
        {
          networkAclId: acl.id,
          ruleNumber: rule.ruleNumber,
          egress: rule.egress,
          protocol: rule.protocol,
          ruleAction: "allow",
          cidrBlock: rule.cidrBlock,
          fromPort: rule.fromPort,
          toPort: rule.toPort,
        },
        child,
      );
    }
    subnets.forEach(
      (s, i) =>
        new aws.ec2.NetworkAclAssociation(
          withSuffix(`${tier}-nacl-assoc-${AZ_LETTERS[i]}`, suffix),
          { networkAclId: acl.id, subnetId: s.id },
          child,
        ),
    );
  }
}
