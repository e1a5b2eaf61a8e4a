/**
 * The ECS, ELB and Application Auto Scaling service-linked roles, against the
 * `createServiceLinkedRoles` flag (decision 0006). With the flag, the stack creates the three roles
 * and a role that exists makes that create fail: a failure. Without it, AWS creates a missing role on
 * first use, but in an account that never ran ECS the first CreateCluster can fail while AWS is still
 * creating it; the role exists afterwards, so a second `pulumi up` succeeds. That is a risk to a first
 * deploy, not a certain failure, and the decision keeps the flag off by default: a warning.
 * ELB's and Application Auto Scaling's roles: https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html,
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html.
 */
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { SERVICE_LINKED_ROLES } from "../../design/serviceLinkedRoles";
import { fail, Finding, pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { PreflightContext } from "./preflightContext";

/** IAM's "no such role": the SDK names it NoSuchEntityException, the wire code is NoSuchEntity. */
const isMissing = (error: unknown): boolean => ["NoSuchEntityException", "NoSuchEntity"].includes((error as Error).name);

interface ExistingRole {
  arn: string;
  /** Created by this stack: it carries the stack's EnvironmentSuffix and ManagedBy tags (the provider's defaultTags). */
  ownedByStack: boolean;
}

/** The role as IAM describes it, or undefined when the account has no such role. */
async function existingRole(ctx: PreflightContext, roleName: string): Promise<ExistingRole | undefined> {
  try {
    const role = (await ctx.clients.iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    const tags = new Map((role?.Tags ?? []).map((t) => [t.Key, t.Value]));
    const ownedByStack =
      tags.get("EnvironmentSuffix") === ctx.spec.tags.EnvironmentSuffix && tags.get("ManagedBy") === ctx.spec.tags.ManagedBy;
    return { arn: role?.Arn ?? roleName, ownedByStack };
  } catch (error) {
    if (!isMissing(error)) throw error;
    return undefined;
  }
}

export const serviceLinkedRolesCheck: CheckDefinition<PreflightContext> = {
  id: "account.serviceLinkedRoles",
  title: "Service-linked role",
  failureClass: "account",
  permissions: ["iam:GetRole"],
  async run(ctx) {
    const create = ctx.spec.security.createServiceLinkedRoles;
    return Promise.all(
      SERVICE_LINKED_ROLES.map(async ({ roleName, awsServiceName: serviceName }): Promise<Finding> => {
        const role = await existingRole(ctx, roleName);
        const arn = role?.arn;
        if (create) {
          const expected = "absent: createServiceLinkedRoles is true, so the stack creates it";
          if (role === undefined) return pass(roleName, expected, "absent");
          // This stack's tags: created by an earlier `pulumi up`. Still in its state (a live stack),
          // the next up leaves it be; retained by `pulumi destroy` (retainOnDelete), the create fails.
          // Preflight cannot see the state, so it says both.
          return role.ownedByStack
            ? warn(
                roleName,
                expected,
                `exists, created by this stack (${arn}: EnvironmentSuffix ${ctx.spec.tags.EnvironmentSuffix}, ManagedBy pulumi)`,
                "fine while the stack holds it; after a `pulumi destroy` it was kept and creating it again fails: then pulumi config set createServiceLinkedRoles false",
              )
            : fail(
                roleName,
                expected,
                `exists, not this stack's (${arn})`,
                "the stack's create would fail on the existing role: pulumi config set createServiceLinkedRoles false (only the first stack of an account that never ran ECS sets it; decision 0006)",
              );
        }
        const expected = "exists: createServiceLinkedRoles is false, so the stack relies on the account's role";
        return arn === undefined
          ? warn(
              roleName,
              expected,
              "absent",
              `AWS creates it on first use, but a first CreateCluster or CreateLoadBalancer can fail while it does (run \`pulumi up\` again then): create it first with \`aws iam create-service-linked-role --aws-service-name ${serviceName}\`, or set createServiceLinkedRoles true on this stack only (decision 0006)`,
            )
          : pass(roleName, expected, `exists (${arn})`);
      }),
    );
  },
};
