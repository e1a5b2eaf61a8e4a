/**
 * The platform's security layer: the ALB's security group, the stack's customer-managed KMS key, the
 * ECS tasks trust policy, and (behind a flag) the account-wide service-linked roles. Each service's
 * own security group, rules, execution role and task role are built by its FargateService.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";
import { SERVICE_LINKED_ROLES } from "../design/serviceLinkedRoles";
import { encryptedLogGroupNames } from "./encryptedLogGroups";
import { kmsKeyPolicy } from "./keyPolicy";
import { ecsTasksTrustPolicy } from "./policies";

/** KMS waits this long before deleting a scheduled key; 7 is the AWS minimum (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html). */
export const KMS_DELETION_WINDOW_DAYS = 7;

export interface SecurityArgs {
  vpcId: pulumi.Input<string>;
}

export class Security extends pulumi.ComponentResource {
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  /** Empty unless createServiceLinkedRoles; the cluster and the ALB depend on them. */
  readonly serviceLinkedRoles: aws.iam.ServiceLinkedRole[];
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
        description: `Payment platform ${suffix}: logs, alarm topic, payments table`,
        enableKeyRotation: true,
        deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
        // Administered by the account root (and kmsAdminPrincipalArn when set), used only by CloudWatch
        // Logs for the groups below, DynamoDB and the alarm publishers (lib/infra/keyPolicy.ts).
        policy: accountId.apply((id) =>
          JSON.stringify(
            kmsKeyPolicy({
              region: spec.region,
              accountId: id,
              adminPrincipalArn: spec.security.kmsAdminPrincipalArn,
              logGroupNames: encryptedLogGroupNames(spec),
            }),
          ),
        ),
      },
      child,
    );
    new aws.kms.Alias(
      physicalName("kmsAlias", suffix),
      { name: physicalName("kmsAlias", suffix), targetKeyId: key.keyId },
      child,
    );

    const trust = accountId.apply((id) => JSON.stringify(ecsTasksTrustPolicy(id)));

    // Behind the flag because they exist once per account: creating one that exists fails. They are
    // created before the cluster and the ALB (both depend on them) and kept on destroy
    // (retainOnDelete): every other ECS cluster and load balancer in the account needs them, and IAM
    // refuses to delete a service-linked role that is in use. The one exception to "everything
    // destroyable" (docs/deployment.md says how to remove them by hand).
    this.serviceLinkedRoles = spec.security.createServiceLinkedRoles
      ? SERVICE_LINKED_ROLES.map(
          ({ kind, awsServiceName }) =>
            new aws.iam.ServiceLinkedRole(
              name(`${kind}-service-linked-role`),
              { awsServiceName },
              { ...child, retainOnDelete: true },
            ),
        )
      : [];

    this.albSecurityGroupId = alb.id;
    this.accountId = accountId;
    this.kmsKeyArn = key.arn;
    this.tasksTrustPolicy = trust;
    this.registerOutputs({ kmsKeyArn: this.kmsKeyArn });
  }
}
