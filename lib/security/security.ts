/**
 * The security layer: security groups with one rule resource per flow, the stack's customer-managed
 * KMS key, the task execution role and one task role per service, and (behind a flag) the
 * account-wide service-linked roles.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, PhysicalNameKey, withSuffix } from "../naming";
import { PlatformSpec } from "../spec";
import { ecsTasksTrustPolicy, executionRolePolicy, kmsKeyPolicy } from "./policies";

/** KMS waits this long before deleting a scheduled key; 7 is the AWS minimum (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html). */
export const KMS_DELETION_WINDOW_DAYS = 7;

export interface SecurityArgs {
  vpcId: pulumi.Input<string>;
}

export class Security extends pulumi.ComponentResource {
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly apiSecurityGroupId: pulumi.Output<string>;
  readonly workerSecurityGroupId: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly executionRoleArn: pulumi.Output<string>;
  readonly apiTaskRoleArn: pulumi.Output<string>;
  readonly workerTaskRoleArn: pulumi.Output<string>;

  constructor(spec: PlatformSpec, args: SecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:security:Security", withSuffix("security", suffix), {}, opts);
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, suffix);
    const port = spec.api.containerPort;

    // Rules live in separate rule resources and never in-line: mixing the two makes them overwrite
    // each other on refresh. The provider removes AWS's default allow-all egress rule on creation.
    // Groups are auto-named from their logical name (`payment-alb-sg-<suffix>-<random>`): a change
    // that replaces a group then creates the new one before deleting the old, where a fixed name
    // would collide (and an in-use group cannot be deleted first).
    const group = (key: PhysicalNameKey, description: string) =>
      new aws.ec2.SecurityGroup(
        physicalName(key, suffix),
        { vpcId: args.vpcId, description, tags: { Name: physicalName(key, suffix) } },
        child,
      );
    const alb = group("albSecurityGroup", "Payment ALB: HTTPS/HTTP from the internet, out only to the API tasks");
    const api = group("apiSecurityGroup", "Payment API tasks: container port from the ALB only, HTTPS out");
    const worker = group("workerSecurityGroup", "Payment worker tasks: no ingress, HTTPS out");

    const ingress = (
      kind: string,
      groupId: pulumi.Input<string>,
      rule: Omit<aws.vpc.SecurityGroupIngressRuleArgs, "securityGroupId" | "ipProtocol">,
    ) => new aws.vpc.SecurityGroupIngressRule(name(kind), { securityGroupId: groupId, ipProtocol: "tcp", ...rule }, child);
    const egress = (
      kind: string,
      groupId: pulumi.Input<string>,
      rule: Omit<aws.vpc.SecurityGroupEgressRuleArgs, "securityGroupId" | "ipProtocol">,
    ) => new aws.vpc.SecurityGroupEgressRule(name(kind), { securityGroupId: groupId, ipProtocol: "tcp", ...rule }, child);

    ingress("alb-https-in", alb.id, { fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "HTTPS from clients" });
    ingress("alb-http-in", alb.id, {
      fromPort: 80,
      toPort: 80,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTP from clients, redirected to HTTPS",
    });
    egress("alb-to-api", alb.id, {
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: api.id,
      description: "ALB to API tasks (traffic and health checks)",
    });
    ingress("api-from-alb", api.id, {
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: alb.id,
      description: "Container port from the ALB only",
    });
    egress("api-https-out", api.id, {
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS to ECR, CloudWatch, AWS APIs and payment processors",
    });
    egress("worker-https-out", worker.id, {
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS to AWS APIs and settlement endpoints",
    });
    // Internal callers through Cloud Map, only when configured (apiInternalCallers).
    const { internalCallers } = spec.api;
    if (internalCallers.worker) {
      ingress("api-from-worker", api.id, {
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: worker.id,
        description: "Container port from the worker (Cloud Map)",
      });
      egress("worker-to-api", worker.id, {
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: api.id,
        description: "Worker to the API tasks (Cloud Map)",
      });
    }
    internalCallers.securityGroupIds.forEach((callerId) =>
      ingress(`api-from-${callerId}`, api.id, {
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: callerId,
        description: `Container port from ${callerId} (Cloud Map)`,
      }),
    );

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
    const role = (keyName: PhysicalNameKey, description: string) =>
      new aws.iam.Role(
        physicalName(keyName, suffix),
        { name: physicalName(keyName, suffix), description, assumeRolePolicy: trust },
        child,
      );

    const executionRole = role("executionRole", "ECS agent: pull images, write logs, read configured secrets");
    new aws.iam.RolePolicy(
      name("ecs-task-execution-policy"),
      {
        role: executionRole.name,
        policy: pulumi.all([accountId, key.arn]).apply(([id, keyArn]) =>
          JSON.stringify(
            executionRolePolicy({
              region: spec.region,
              accountId: id,
              logGroupNames: [physicalName("apiLogGroup", suffix), physicalName("workerLogGroup", suffix)],
              kmsKeyArn: keyArn,
              secretArns: [...Object.values(spec.api.secrets), ...Object.values(spec.worker.secrets)],
            }),
          ),
        ),
      },
      child,
    );
    // The application's own AWS permissions: none by default; attach what the app needs here.
    const apiTaskRole = role("apiTaskRole", "Payment API application role (no permissions by default)");
    const workerTaskRole = role("workerTaskRole", "Payment worker application role (no permissions by default)");

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
    this.apiSecurityGroupId = api.id;
    this.workerSecurityGroupId = worker.id;
    this.accountId = accountId;
    this.kmsKeyArn = key.arn;
    this.executionRoleArn = executionRole.arn;
    this.apiTaskRoleArn = apiTaskRole.arn;
    this.workerTaskRoleArn = workerTaskRole.arn;
    this.registerOutputs({ kmsKeyArn: this.kmsKeyArn });
  }
}
