/**
 * IAM policy documents as pure functions of ARNs, so tests can assert every statement and that no
 * action is a wildcard (the KMS key policy is lib/infra/keyPolicy.ts).
 */
import { PRIVATE_ECR_IMAGE } from "../aws/ecrImage";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  /** Absent in trust policies. */
  Resource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

const doc = (statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** Trust policy for ECS tasks, limited to this account (confused-deputy protection). */
export function ecsTasksTrustPolicy(accountId: string): PolicyDocument {
  return doc([
    {
      Sid: "EcsTasksAssumeRole",
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: ["sts:AssumeRole"],
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

export interface ExecutionPolicyInput {
  region: string;
  accountId: string;
  /** The service's own log group. */
  logGroupName: string;
  /** The service's audit log group (the audit forwarder's awslogs driver), when it runs the reference image. */
  auditLogGroupName?: string;
  /** Private ECR repositories the service's image comes from; empty for a public image. */
  ecrRepositoryArns: string[];
  /** The service's own secrets. */
  secretArns: string[];
}

/**
 * What the ECS agent needs to start one service's task: pull its image (only from its own ECR
 * repository; a public image needs no permission), write to its own log group, and read its own
 * secrets, nothing else. No KMS permission: CloudWatch Logs encrypts the group with its own grant in
 * the key policy, and a secret under a customer managed key needs that key's grant, not this stack's.
 */
export function executionRolePolicy(input: ExecutionPolicyInput): PolicyDocument {
  const { region, accountId } = input;
  const streamsOf = (logGroupName: string) => `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}:log-stream:*`;
  const statements: PolicyStatement[] = [];
  if (input.ecrRepositoryArns.length > 0) {
    statements.push(
      // GetAuthorizationToken is account-wide: AWS accepts only "*" as its resource.
      { Sid: "EcrAuthToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      {
        Sid: "EcrPullServiceImage",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
        Resource: input.ecrRepositoryArns,
      },
    );
  }
  statements.push({
    Sid: "WriteServiceLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource:
      input.auditLogGroupName === undefined
        ? streamsOf(input.logGroupName)
        : [streamsOf(input.logGroupName), streamsOf(input.auditLogGroupName)],
  });
  const secretsManager = input.secretArns.filter((arn) => arn.startsWith("arn:aws:secretsmanager:"));
  const parameters = input.secretArns.filter((arn) => arn.startsWith("arn:aws:ssm:"));
  if (secretsManager.length > 0) {
    statements.push({
      Sid: "ReadConfiguredSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: secretsManager,
    });
  }
  if (parameters.length > 0) {
    statements.push({ Sid: "ReadConfiguredParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: parameters });
  }
  return doc(statements);
}

/** The ARN of the private ECR repository an image is pulled from; undefined for any other registry. */
export function privateEcrRepositoryArn(image: string): string | undefined {
  const match = PRIVATE_ECR_IMAGE.exec(image);
  return match === null ? undefined : `arn:aws:ecr:${match[2]}:${match[1]}:repository/${match[3]}`;
}

/** The DynamoDB actions one service calls, on the table and on its pending index (app/src/contract.ts). */
export interface TableAccess {
  tableArn: string;
  indexName: string;
  tableActions: string[];
  indexActions: string[];
}

/** A task role's whole policy: exactly the table actions its mode calls, on that table's ARN (and its index's), nothing else. */
export function tableAccessPolicy(access: TableAccess): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "PaymentsTable", Effect: "Allow", Action: access.tableActions, Resource: access.tableArn },
  ];
  if (access.indexActions.length > 0) {
    statements.push({
      Sid: "PaymentsTablePendingIndex",
      Effect: "Allow",
      Action: access.indexActions,
      Resource: `${access.tableArn}/index/${access.indexName}`,
    });
  }
  return doc(statements);
}

/** AWS services that publish to the alarm topic: CloudWatch alarms, AWS Budgets, Cost Anomaly Detection. */
export const ALARM_TOPIC_PUBLISHERS = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"];
