import { encryptedLogGroupNames, logGroupArn } from "../../../lib/infra/encryptedLogGroups";
import {
  accountRootArn,
  KEY_ADMINISTRATION_ACTIONS,
  KEY_CRYPTOGRAPHIC_ACTIONS,
  kmsKeyPolicy,
} from "../../../lib/infra/keyPolicy";
import type { PolicyStatement } from "../../../lib/infra/policies";

const ACCOUNT = "111122223333";
const LOG_GROUPS = ["/aws/ecs/containerinsights/ecs-cluster-dev/performance", "/ecs/payment-api-dev"];
const ADMIN_ACTIONS = [
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
/** Every statement but the administrators', identical whoever administers the key. */
const USE_STATEMENTS: PolicyStatement[] = [
  {
    Sid: "CloudWatchLogsForThisStacksLogGroups",
    Effect: "Allow",
    Principal: { Service: "logs.us-east-1.amazonaws.com" },
    Action: [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncryptFrom",
      "kms:ReEncryptTo",
      "kms:GenerateDataKey",
      "kms:GenerateDataKeyWithoutPlaintext",
      "kms:DescribeKey",
    ],
    Resource: "*",
    Condition: {
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn": [
          "arn:aws:logs:us-east-1:111122223333:log-group:/aws/ecs/containerinsights/ecs-cluster-dev/performance",
          "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payment-api-dev",
        ],
      },
    },
  },
  {
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
    Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com", "kms:CallerAccount": ACCOUNT } },
  },
  {
    Sid: "AlarmTopicPublishers",
    Effect: "Allow",
    Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"] },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
  },
];
const ROOT_STATEMENT: PolicyStatement = {
  Sid: "AccountAdministersKeyThroughIam",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: ADMIN_ACTIONS,
  Resource: "*",
};
const policy = (adminPrincipalArn?: string) =>
  kmsKeyPolicy({ region: "us-east-1", accountId: ACCOUNT, adminPrincipalArn, logGroupNames: LOG_GROUPS });

describe("KMS key policy", () => {
  it("GIVEN no admin principal THEN the account root administers the key and the services alone use it: the whole document", () => {
    expect(policy()).toEqual({ Version: "2012-10-17", Statement: [ROOT_STATEMENT, ...USE_STATEMENTS] });
  });

  it("GIVEN the account's own root as admin principal THEN the document is the default one (one administration statement)", () => {
    expect(policy(accountRootArn(ACCOUNT))).toEqual(policy());
  });

  it.each([
    "arn:aws:iam::111122223333:role/payments-key-admin",
    "arn:aws:iam::444455556666:root",
    "arn:aws:iam::444455556666:role/security/key-admin",
  ])("GIVEN admin principal %s THEN it administers the key beside the root, with the same actions", (admin) => {
    expect(policy(admin)).toEqual({
      Version: "2012-10-17",
      Statement: [
        ROOT_STATEMENT,
        { Sid: "ConfiguredKeyAdministrator", Effect: "Allow", Principal: { AWS: admin }, Action: ADMIN_ACTIONS, Resource: "*" },
        ...USE_STATEMENTS,
      ],
    });
  });

  it("GIVEN the administration actions THEN none encrypts, decrypts, makes data keys or creates a grant, PutKeyPolicy is kept, and no action has a wildcard", () => {
    expect(KEY_ADMINISTRATION_ACTIONS.filter((a) => /Encrypt|Decrypt|GenerateDataKey|CreateGrant|\*/.test(a))).toEqual([]);
    expect(KEY_ADMINISTRATION_ACTIONS.filter((a) => KEY_CRYPTOGRAPHIC_ACTIONS.includes(a))).toEqual([]);
    expect(KEY_ADMINISTRATION_ACTIONS).toContain("kms:PutKeyPolicy");
    const everyAction = policy("arn:aws:iam::444455556666:root").Statement.flatMap((s) => s.Action);
    expect(everyAction.filter((a) => a.includes("*"))).toEqual([]);
  });

  it("GIVEN a spec's suffix and services THEN the encrypted log groups are Container Insights', each service's, and the audit group of each running the reference image, as ARNs without ':*'", () => {
    const reference = { source: "reference" };
    const spec = {
      environmentSuffix: "qa",
      services: {
        api: { name: "payment-api", container: reference },
        worker: { name: "payment-worker", container: reference },
        hooks: { name: "webhook-dispatcher", container: { source: "configured" } },
      },
      compliance: { waf: { mode: "off" } },
    } as unknown as Parameters<typeof encryptedLogGroupNames>[0];
    expect(encryptedLogGroupNames(spec)).toEqual([
      "/aws/ecs/containerinsights/ecs-cluster-qa/performance",
      "/ecs/payment-api-qa",
      "/ecs/payment-worker-qa",
      "/ecs/webhook-dispatcher-qa",
      "/ecs/payment-api-audit-qa",
      "/ecs/payment-worker-audit-qa",
    ]);
    expect(logGroupArn("us-east-1", ACCOUNT, "/ecs/payment-api-qa")).toBe(
      "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payment-api-qa",
    );
  });
});
