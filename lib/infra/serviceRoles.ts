/**
 * One service's two IAM roles. The execution role is what the ECS agent uses to start a task: pull
 * the service's image, write its log group, read its secrets. The task role is what the application
 * itself may do: exactly the payments-table actions of the service's mode (app/src/contract.ts),
 * nothing else. One of each per service, so a service's secrets and image are readable by it alone.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { DYNAMODB_ACTIONS, TABLE } from "../../app/src/contract";
import { serviceName, withSuffix } from "../spec/names";
import { PlatformSpec, ServiceSpec, serviceMode } from "../spec";
import { executionRolePolicy, PolicyDocument, tableAccessPolicy } from "./policies";

export interface ServiceRolesArgs {
  accountId: pulumi.Input<string>;
  tasksTrustPolicy: pulumi.Input<string>;
  tableArn: pulumi.Input<string>;
  /** The private ECR repositories the service's image comes from (none for a public image). */
  ecrRepositoryArns: pulumi.Input<string>[];
}

export interface ServiceRoles {
  executionRoleArn: pulumi.Output<string>;
  taskRoleArn: pulumi.Output<string>;
  /** The two role policies: the ECS service waits for them (a role without its policy cannot pull or write). */
  policies: pulumi.Resource[];
}

/** Options for the task role, which existed before (with its alias), and for the resources new here. */
export interface ServiceRolesOptions {
  taskRole: pulumi.CustomResourceOptions;
  created: pulumi.CustomResourceOptions;
}

export function createServiceRoles(
  spec: PlatformSpec,
  service: ServiceSpec,
  args: ServiceRolesArgs,
  opts: ServiceRolesOptions,
): ServiceRoles {
  const suffix = spec.environmentSuffix;
  const physical = (key: Parameters<typeof serviceName>[0]) => serviceName(key, service.name, suffix);

  // A role the ECS tasks principal assumes, with its one in-line policy (never a managed attachment).
  const roleWithPolicy = (
    key: "executionRole" | "taskRole",
    policyKind: string,
    description: string,
    policy: pulumi.Output<PolicyDocument>,
    roleOpts: pulumi.CustomResourceOptions,
  ) => {
    const role = new aws.iam.Role(
      physical(key),
      { name: physical(key), description, assumeRolePolicy: args.tasksTrustPolicy },
      roleOpts,
    );
    const rolePolicy = new aws.iam.RolePolicy(
      withSuffix(`${service.id}-${policyKind}-policy`, suffix),
      { role: role.name, policy: policy.apply((document) => JSON.stringify(document)) },
      opts.created,
    );
    return { role, rolePolicy };
  };

  const execution = roleWithPolicy(
    "executionRole",
    "execution",
    `ECS agent for the payment ${service.label}: pull its image, write its logs, read its secrets`,
    pulumi.all([args.accountId, pulumi.all(args.ecrRepositoryArns)]).apply(([accountId, ecrRepositoryArns]) =>
      executionRolePolicy({
        region: spec.region,
        accountId,
        logGroupName: physical("logGroup"),
        // The audit forwarder's awslogs driver writes with the same execution role (fargateService.ts).
        ...(service.container.source === "reference" ? { auditLogGroupName: physical("auditLogGroup") } : {}),
        ecrRepositoryArns,
        secretArns: Object.values(service.secrets),
      }),
    ),
    opts.created,
  );
  const actions = DYNAMODB_ACTIONS[serviceMode(service)];
  const task = roleWithPolicy(
    "taskRole",
    "task",
    `Payment ${service.label} application: the payments table actions of its mode, nothing else`,
    pulumi.output(args.tableArn).apply((tableArn) =>
      tableAccessPolicy({
        tableArn,
        indexName: TABLE.pendingIndex.name,
        tableActions: actions.table,
        indexActions: actions.pendingIndex,
      }),
    ),
    opts.taskRole,
  );
  return {
    executionRoleArn: execution.role.arn,
    taskRoleArn: task.role.arn,
    policies: [execution.rolePolicy, task.rolePolicy],
  };
}
