/**
 * IAM and KMS policy documents as pure functions of ARNs, so tests can assert every statement and
 * that no action is a wildcard.
 */

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
    Resource: `arn:aws:logs:${region}:${accountId}:log-group:${input.logGroupName}:log-stream:*`,
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

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]` (https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-pull-ecr-image.html). */
const PRIVATE_ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/;

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

/**
 * What the account's IAM principals may do with the key: administration and use, spelled out
 * (no "kms:*") so a reviewer sees the whole surface. PutKeyPolicy keeps the key recoverable.
 */
export const KEY_ADMIN_AND_USE_ACTIONS = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:UpdateAlias",
  "kms:DeleteAlias",
  "kms:ListAliases",
  "kms:CreateGrant",
  "kms:ListGrants",
  "kms:RevokeGrant",
  "kms:RetireGrant",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
];

/**
 * Key policy: the account administers the key through IAM; CloudWatch Logs may use it only for
 * this account's log groups (encryption-context condition); this account's principals may use it
 * through DynamoDB (the payments table); the alarm publishers may use it for the encrypted alarm topic.
 */
export function kmsKeyPolicy(region: string, accountId: string): PolicyDocument {
  return doc([
    {
      Sid: "AccountAdministersKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: KEY_ADMIN_AND_USE_ACTIONS,
      Resource: "*",
    },
    {
      Sid: "CloudWatchLogsForThisAccountsLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*` } },
    },
    {
      // The payments table is encrypted with this key: principals of this account may use it only
      // through DynamoDB, so the services' task roles need DynamoDB permissions and no KMS ones
      // (AWS's statement for customer managed table keys,
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html).
      Sid: "ThisAccountThroughDynamoDb",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
        "kms:GenerateDataKey",
        "kms:CreateGrant",
        "kms:DescribeKey",
      ],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com`, "kms:CallerAccount": accountId } },
    },
    {
      // The alarm topic is encrypted: the services that publish to it need the key. No condition,
      // as in AWS's statement for alarms on encrypted topics
      // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html); the
      // topic policy limits publishing to this account (lib/infra/topicPolicy.ts).
      Sid: "AlarmTopicPublishers",
      Effect: "Allow",
      Principal: { Service: ALARM_TOPIC_PUBLISHERS },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
    },
  ]);
}
