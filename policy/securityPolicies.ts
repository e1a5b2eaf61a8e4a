/**
 * The controls the stack already has, as mandatory CrossGuard resource policies: private tasks, the
 * TLS 1.3 listener policy, KMS rotation, least-privilege role policies and hardened containers.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { jsonValue } from "./stackTags";

export const tasksPrivate: ResourceValidationPolicy = {
  name: "tasks-private-no-public-ip",
  description:
    "PCI DSS v4 1.4.4 (system components storing cardholder data are not directly accessible from untrusted networks): ECS tasks run in awsvpc mode without a public IP, reached only through the ALB.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    // aws-native (CloudFormation) spells it "ENABLED"/"DISABLED"; the classic provider a boolean.
    const native = args.type === "aws-native:ecs:Service";
    if (!native && args.type !== "aws:ecs/service:Service") return args.notApplicable("not an ECS service");
    const network = native ? args.props.networkConfiguration?.awsvpcConfiguration : args.props.networkConfiguration;
    if (network === undefined)
      return reportViolation("no awsvpc network configuration: the tasks' placement is not declared", args.urn);
    if (network.assignPublicIp === "ENABLED" || network.assignPublicIp === true) {
      reportViolation(`assignPublicIp is ${String(network.assignPublicIp)}: tasks must not get a public IP`, args.urn);
    }
  },
};

/**
 * TLS 1.3, and TLS 1.2 only with ECDHE and AES-GCM (no CBC suites):
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const REQUIRED_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

export const listenerTlsPolicy: ResourceValidationPolicy = {
  name: "https-listener-tls-policy",
  description: `PCI DSS v4 4.2.1 (strong cryptography in transit): HTTPS and TLS listeners use ${REQUIRED_TLS_POLICY}.`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:lb/listener:Listener") return args.notApplicable("not a listener");
    const { protocol, sslPolicy } = args.props;
    if (protocol !== "HTTPS" && protocol !== "TLS") return args.notApplicable(`a ${String(protocol)} listener carries no TLS`);
    if (sslPolicy !== REQUIRED_TLS_POLICY) {
      reportViolation(
        `sslPolicy is ${sslPolicy === undefined ? "the ELB default" : String(sslPolicy)}, not ${REQUIRED_TLS_POLICY}`,
        args.urn,
      );
    }
  },
};

export const kmsRotation: ResourceValidationPolicy = {
  name: "kms-key-rotation",
  description: "PCI DSS v4 3.7.4 (keys change at the end of their cryptoperiod): customer-managed KMS keys rotate automatically.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:kms/key:Key") return args.notApplicable("not a KMS key");
    if (args.props.enableKeyRotation !== true) reportViolation("enableKeyRotation is not true", args.urn);
  },
};

interface Statement {
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}

/** IAM's "one or a list" fields as a list. */
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : ([] as T[]).concat(value));

/** The Allow statements of every IAM document a role policy resource carries (inline policies of a role included). */
function allowStatements(args: ResourceValidationArgs): Statement[] {
  const documents =
    args.type === "aws:iam/role:Role"
      ? ((args.props.inlinePolicies ?? []) as { policy?: unknown }[]).map((p) => p.policy)
      : args.type === "aws:iam/rolePolicy:RolePolicy"
        ? [args.props.policy]
        : args.notApplicable("not an IAM role or role policy");
  return documents
    .filter((d) => d !== undefined)
    .flatMap((d) => list((jsonValue(d) as { Statement: Statement | Statement[] }).Statement))
    .filter((s) => s.Effect === "Allow");
}

export const noWildcardActions: ResourceValidationPolicy = {
  name: "no-iam-wildcard-actions",
  description:
    'PCI DSS v4 7.2.2 (least privilege) and CIS AWS Foundations (no "*:*" administrative policies): role policies allow named actions, never "*", "service:*" or NotAction.',
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    for (const statement of allowStatements(args)) {
      const wildcards = list(statement.Action).filter((action) => action === "*" || action.endsWith(":*"));
      if (statement.NotAction !== undefined) wildcards.push("NotAction");
      if (wildcards.length > 0) reportViolation(`allows wildcard actions: ${wildcards.join(", ")}`, args.urn);
    }
  },
};

/**
 * Actions AWS authorizes on no resource, so their only valid Resource is "*" (the Service
 * Authorization Reference lists no resource type for them):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html (GetAuthorizationToken)
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html (PutMetricData)
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html (PutTraceSegments, PutTelemetryRecords)
 */
export const ACTIONS_WITHOUT_RESOURCES = new Set([
  "ecr:GetAuthorizationToken",
  "cloudwatch:PutMetricData",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
]);

export const rolesNameResources: ResourceValidationPolicy = {
  name: "role-policies-name-resources",
  description:
    'PCI DSS v4 7.2.2 (least privilege): role policies (here every role is an ECS task or execution role) name the resources they grant, no "Resource": "*" except for actions AWS authorizes on no resource.',
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    for (const statement of allowStatements(args)) {
      const everyResource = list(statement.Resource).includes("*") || statement.NotResource !== undefined;
      const scopable = list(statement.Action).filter((action) => !ACTIONS_WITHOUT_RESOURCES.has(action));
      if (everyResource && scopable.length > 0) reportViolation(`grants ${scopable.join(", ")} on every resource`, args.urn);
    }
  },
};

interface ContainerDefinition {
  name: string;
  user?: string;
  readonlyRootFilesystem?: boolean;
  privileged?: boolean;
  linuxParameters?: { capabilities?: { drop?: string[] } };
}

/** No user runs as the image's default, which is root for most images; uid 0 and "root" are root. */
const runsAsRoot = (user: string | undefined) => user === undefined || /^(0|root)(:|$)/.test(user);

export const containersHardened: ResourceValidationPolicy = {
  name: "containers-hardened",
  description:
    "PCI DSS v4 2.2 (secure configurations) and the CIS Docker Benchmark (5.x): every container runs as a non-root user, with a read-only root filesystem, not privileged, with all Linux capabilities dropped.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ecs/taskDefinition:TaskDefinition") return args.notApplicable("not a task definition");
    for (const container of jsonValue(args.props.containerDefinitions) as ContainerDefinition[]) {
      const problems = [
        ...(runsAsRoot(container.user) ? [`runs as ${container.user ?? "the image's default user"}`] : []),
        ...(container.readonlyRootFilesystem === true ? [] : ["root filesystem is writable"]),
        ...(container.privileged === true ? ["privileged"] : []),
        ...(container.linuxParameters?.capabilities?.drop?.includes("ALL") ? [] : ["capabilities not all dropped"]),
      ];
      if (problems.length > 0) reportViolation(`container ${container.name}: ${problems.join(", ")}`, args.urn);
    }
  },
};
