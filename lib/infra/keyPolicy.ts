/**
 * The stack key's policy, as a pure function so tests can assert every statement. Administration is
 * separate from use: the administrators may manage the key but not encrypt or decrypt with it; only
 * CloudWatch Logs (for this stack's log groups), DynamoDB (for this account's principals) and the
 * alarm topic's publishers use it.
 */
import { logGroupArn } from "./encryptedLogGroups";
import { ALARM_TOPIC_PUBLISHERS, PolicyDocument, PolicyStatement } from "./policies";

/**
 * What a key administrator may do: describe the key and read its policy; change the policy (kept so
 * the key stays recoverable, and required by the lockout safety check, below); rotation; tags and
 * description; enable and disable; schedule and cancel deletion; the key's aliases; list and revoke
 * its grants. Spelled out (no "kms:*") so a reviewer sees the whole surface. No cryptographic action
 * and no kms:CreateGrant (a grant can confer Decrypt, so an administrator could grant itself use).
 * kms:ListAliases is not here: it is authorized by IAM policy alone, never by a key policy
 * (https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html).
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:RotateKeyOnDemand",
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
  "kms:ListGrants",
  "kms:RevokeGrant",
];

/** The actions that encrypt, decrypt or hand out data keys: no administrator holds any of them. */
export const KEY_CRYPTOGRAPHIC_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
];

export interface KeyPolicyInput {
  region: string;
  accountId: string;
  /** kmsAdminPrincipalArn; undefined: the account root alone administers the key. */
  adminPrincipalArn?: string;
  /** The log groups this stack encrypts with the key (encryptedLogGroupNames). */
  logGroupNames: readonly string[];
}

export const accountRootArn = (accountId: string) => `arn:aws:iam::${accountId}:root`;

/**
 * The administration statements. The account root always holds the administration actions: it
 * delegates them to IAM, so any principal of the account whose IAM policy allows them (the deployer
 * among them) administers the key, and only those. This is also what lets CreateKey pass KMS's lockout
 * safety check, which requires that the policy let the caller make a later PutKeyPolicy request
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html, Policy and
 * BypassPolicyLockoutSafetyCheck; https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam):
 * with a configured principal alone in its place, a deployer that is not that principal would fail
 * CreateKey (MalformedPolicyDocumentException), and could neither refresh nor destroy the key later.
 * A configured principal (a role or user of this account, typically one a security team assumes) is
 * added beside the root with the same actions; it must exist when the policy is set, or KMS rejects
 * the policy (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html). A principal
 * of another account is accepted but gets only what KMS allows across accounts (DescribeKey,
 * GetKeyRotationStatus, ListGrants, RevokeGrant here): KMS ignores administration granted to another
 * account (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html).
 */
function administrationStatements(input: KeyPolicyInput): PolicyStatement[] {
  const root = accountRootArn(input.accountId);
  const statements: PolicyStatement[] = [
    {
      Sid: "AccountAdministersKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: KEY_ADMINISTRATION_ACTIONS,
      Resource: "*",
    },
  ];
  if (input.adminPrincipalArn !== undefined && input.adminPrincipalArn !== root) {
    statements.push({
      Sid: "ConfiguredKeyAdministrator",
      Effect: "Allow",
      Principal: { AWS: input.adminPrincipalArn },
      Action: KEY_ADMINISTRATION_ACTIONS,
      Resource: "*",
    });
  }
  return statements;
}

export function kmsKeyPolicy(input: KeyPolicyInput): PolicyDocument {
  const { region, accountId } = input;
  return {
    Version: "2012-10-17",
    Statement: [
      ...administrationStatements(input),
      {
        // AWS's statement for encrypted log groups, limited to this stack's groups by the encryption
        // context CloudWatch Logs sets itself: the group's ARN, which names the account as well
        // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). The
        // example's Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey* and Describe* are spelled out,
        // less the key-pair actions (nothing encrypts logs with a data key pair). No aws:SourceAccount:
        // that page documents the encryption context, not aws:SourceAccount, for the logs principal
        // (a request to add an account condition was answered with the encryption context:
        // https://github.com/awsdocs/amazon-cloudwatch-logs-user-guide/pull/23), and a condition key
        // the request does not carry fails the statement: the groups could no longer be encrypted.
        Sid: "CloudWatchLogsForThisStacksLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: [...KEY_CRYPTOGRAPHIC_ACTIONS, "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          ArnEquals: {
            "kms:EncryptionContext:aws:logs:arn": input.logGroupNames.map((name) => logGroupArn(region, accountId, name)),
          },
        },
      },
      {
        // The payments table is encrypted with this key: principals of this account may use it only
        // through DynamoDB, so the services' task roles need DynamoDB permissions and no KMS ones, and
        // the deployer's CreateTable (which needs kms:DescribeKey and kms:CreateGrant) goes through here
        // too (AWS's statement for customer managed table keys,
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
        // The alarm topic is encrypted: the services that publish to it need the key. No condition, for
        // none of the three: AWS's key-policy statement for each carries none, while aws:SourceAccount and
        // aws:SourceArn are documented for their *topic* policy only, where lib/infra/topicPolicy.ts sets
        // aws:SourceAccount (SNS authorizes the publish before it asks KMS for a data key). A condition
        // the KMS request does not carry would drop every alarm silently.
        // - cloudwatch.amazonaws.com: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
        //   and https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns ("Allow_CloudWatch_for_CMK", no condition);
        // - budgets.amazonaws.com: https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html
        //   (aws:SourceAccount and aws:SourceArn in the topic policy);
        // - costalerts.amazonaws.com: https://docs.aws.amazon.com/cost-management/latest/userguide/ad-SNS.html
        //   (aws:SourceAccount in the topic policy);
        // - the generic event-source statement, no condition:
        //   https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services.
        Sid: "AlarmTopicPublishers",
        Effect: "Allow",
        Principal: { Service: ALARM_TOPIC_PUBLISHERS },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
      },
    ],
  };
}
