import { ecsTasksTrustPolicy, executionRolePolicy, KEY_ADMIN_AND_USE_ACTIONS, kmsKeyPolicy } from "../../../lib/infra/policies";

const allActions = (doc: { Statement: { Action: string[] }[] }) => doc.Statement.flatMap((s) => s.Action);

describe("IAM and KMS policies", () => {
  it("GIVEN an account THEN only ECS tasks of that account may assume the roles", () => {
    expect(ecsTasksTrustPolicy("111122223333")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcsTasksAssumeRole",
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
        },
      ],
    });
  });

  it("GIVEN log groups, a key and both kinds of secret THEN the execution policy is scoped to exactly them", () => {
    const policy = executionRolePolicy({
      region: "us-east-1",
      accountId: "111122223333",
      logGroupNames: ["/ecs/payment-api-dev"],
      kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
      secretArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db", "arn:aws:ssm:us-east-1:111122223333:parameter/p"],
    });
    expect(policy.Statement).toEqual([
      { Sid: "EcrAuthToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      {
        Sid: "EcrPullFromThisAccount",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
        Resource: "arn:aws:ecr:us-east-1:111122223333:repository/*",
      },
      {
        Sid: "WriteThisStacksLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: ["arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payment-api-dev:log-stream:*"],
      },
      {
        Sid: "DecryptWithStackKey",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: "arn:aws:kms:us-east-1:111122223333:key/k",
      },
      {
        Sid: "ReadConfiguredSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db"],
      },
      {
        Sid: "ReadConfiguredParameters",
        Effect: "Allow",
        Action: ["ssm:GetParameters"],
        Resource: ["arn:aws:ssm:us-east-1:111122223333:parameter/p"],
      },
    ]);
  });

  it("GIVEN the key policy THEN Logs is limited by encryption context and no action has a wildcard", () => {
    const policy = kmsKeyPolicy("us-east-1", "111122223333");
    expect(policy.Statement[1]).toMatchObject({
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*" } },
    });
    expect(policy.Statement[0].Action).toBe(KEY_ADMIN_AND_USE_ACTIONS);
    const execution = executionRolePolicy({
      region: "us-east-1",
      accountId: "1",
      logGroupNames: [],
      kmsKeyArn: "k",
      secretArns: [],
    });
    for (const action of [...allActions(policy), ...allActions(execution)]) expect(action).not.toContain("*");
  });
});
