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
  logGroupNames: string[];
  kmsKeyArn: string;
  secretArns: string[];
}

/**
 * What the ECS agent needs to start a task: pull from this account's ECR, write to this stack's
 * log groups, decrypt with the stack key, and read the configured secrets, nothing else.
 */
export function executionRolePolicy(input: ExecutionPolicyInput): PolicyDocument {
  const { region, accountId } = input;
  const statements: PolicyStatement[] = [
    // GetAuthorizationToken is account-wide: AWS accepts only "*" as its resource.
    { Sid: "EcrAuthToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
    {
      Sid: "EcrPullFromThisAccount",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      Resource: `arn:aws:ecr:${region}:${accountId}:repository/*`,
    },
    {
      Sid: "WriteThisStacksLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: input.logGroupNames.map((n) => `arn:aws:logs:${region}:${accountId}:log-group:${n}:log-stream:*`),
    },
    { Sid: "DecryptWithStackKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: input.kmsKeyArn },
  ];
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
 * this account's log groups (encryption-context condition); the alarm publishers may use it for the
 * encrypted alarm topic.
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
