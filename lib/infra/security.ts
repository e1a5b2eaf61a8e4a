/**
 * The platform's security layer: the ALB's security group, the stack's customer-managed KMS key, the
 * task execution role every service shares, and (behind a flag) the account-wide service-linked
 * roles. Each service's own security group, rules and task role are built by its FargateService.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, serviceName, withSuffix } from "../spec/names";
import { PlatformSpec, serviceList } from "../spec";
import { ecsTasksTrustPolicy, executionRolePolicy, kmsKeyPolicy } from "./policies";

/** KMS waits this long before deleting a scheduled key; 7 is the AWS minimum (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html). */
export const KMS_DELETION_WINDOW_DAYS = 7;

export interface SecurityArgs {
  vpcId: pulumi.Input<string>;
}

export class Security extends pulumi.ComponentResource {
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly executionRoleArn: pulumi.Output<string>;
  /** The ECS tasks trust policy (this account only), for the services' task roles. */
  readonly tasksTrustPolicy: pulumi.Output<string>;

  constructor(spec: PlatformSpec, args: SecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:security:Security", withSuffix("security", suffix), {}, opts);
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, suffix);

    // Auto-named from its logical name (`payment-alb-sg-<suffix>-<random>`): a change that replaces
    // the group then creates the new one before deleting the old, where a fixed name would collide
    // (and an in-use group cannot be deleted first). Its rules are separate resources (never
    // in-line, which would overwrite them on refresh); the provider removes AWS's default
    // allow-all egress rule on creation. The rule to each web service lives with that service.
    const alb = new aws.ec2.SecurityGroup(
      physicalName("albSecurityGroup", suffix),
      {
        vpcId: args.vpcId,
        description: "Payment ALB: HTTPS/HTTP from the internet, out only to the API tasks",
        tags: { Name: physicalName("albSecurityGroup", suffix) },
      },
      child,
    );
    const ingress = (kind: string, port: number, description: string) =>
      new aws.vpc.SecurityGroupIngressRule(
        name(kind),
        { securityGroupId: alb.id, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0", description },
        child,
      );
    ingress("alb-https-in", 443, "HTTPS from clients");
    ingress("alb-http-in", 80, "HTTP from clients, redirected to HTTPS");

    const identity = aws.getCallerIdentityOutput({}, child);
    const accountId = identity.accountId;

    const key = new aws.kms.Key(
      name("payment-key"),
      {
        description: `Payment platform ${suffix}: logs, alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
        policy: accountId.apply((id) => JSON.stringify(kmsKeyPolicy(spec.region, id))),
      },
      child,
    );
    new aws.kms.Alias(
      physicalName("kmsAlias", suffix),
      { name: physicalName("kmsAlias", suffix), targetKeyId: key.keyId },
      child,
    );

    const trust = accountId.apply((id) => JSON.stringify(ecsTasksTrustPolicy(id)));
    const executionRole = new aws.iam.Role(
      physicalName("executionRole", suffix),
      {
        name: physicalName("executionRole", suffix),
        description: "ECS agent: pull images, write logs, read configured secrets",
        assumeRolePolicy: trust,
      },
      child,
    );
    const services = serviceList(spec);
    new aws.iam.RolePolicy(
      name("ecs-task-execution-policy"),
      {
        role: executionRole.name,
        policy: pulumi.all([accountId, key.arn]).apply(([id, keyArn]) =>
          JSON.stringify(
            executionRolePolicy({
              region: spec.region,
              accountId: id,
              logGroupNames: services.map((s) => serviceName("logGroup", s.name, suffix)),
              kmsKeyArn: keyArn,
              secretArns: services.flatMap((s) => Object.values(s.secrets)),
            }),
          ),
        ),
      },
      child,
    );

    if (spec.security.createServiceLinkedRoles) {
      // These exist once per account; creating them in a second stack fails, hence the flag.
      new aws.iam.ServiceLinkedRole(name("ecs-service-linked-role"), { awsServiceName: "ecs.amazonaws.com" }, child);
      new aws.iam.ServiceLinkedRole(
        name("elb-service-linked-role"),
        { awsServiceName: "elasticloadbalancing.amazonaws.com" },
        child,
      );
    }

    this.albSecurityGroupId = alb.id;
    this.accountId = accountId;
    this.kmsKeyArn = key.arn;
    this.executionRoleArn = executionRole.arn;
    this.tasksTrustPolicy = trust;
    this.registerOutputs({ kmsKeyArn: this.kmsKeyArn });
  }
}
