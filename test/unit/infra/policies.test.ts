import {
  ecsTasksTrustPolicy,
  executionRolePolicy,
  privateEcrRepositoryArn,
  tableAccessPolicy,
} from "../../../lib/infra/policies";

const allActions = (doc: { Statement: { Action: string[] }[] }) => doc.Statement.flatMap((s) => s.Action);

describe("IAM policies", () => {
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

  // Guards defect 10: ECR pull on the service's own repository only, no unused kms:Decrypt.
  it("GIVEN a service's log group, repository and both kinds of secret THEN the execution policy is scoped to exactly them, with no KMS action", () => {
    const policy = executionRolePolicy({
      region: "us-east-1",
      accountId: "111122223333",
      logGroupName: "/ecs/payment-api-dev",
      ecrRepositoryArns: ["arn:aws:ecr:us-east-1:111122223333:repository/payment-service-dev"],
      secretArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db", "arn:aws:ssm:us-east-1:111122223333:parameter/p"],
    });
    expect(policy.Statement).toEqual([
      { Sid: "EcrAuthToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      {
        Sid: "EcrPullServiceImage",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
        Resource: ["arn:aws:ecr:us-east-1:111122223333:repository/payment-service-dev"],
      },
      {
        Sid: "WriteServiceLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payment-api-dev:log-stream:*",
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

  it("GIVEN a public image and no secrets THEN the execution policy only writes the service's logs", () => {
    const policy = executionRolePolicy({
      region: "us-east-1",
      accountId: "1",
      logGroupName: "/ecs/a",
      ecrRepositoryArns: [],
      secretArns: [],
    });
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["WriteServiceLogs"]);
  });

  it.each([
    [
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2",
      "arn:aws:ecr:us-east-1:123456789012:repository/payment-api",
    ],
    ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@sha256:ab", "arn:aws:ecr:eu-west-1:123456789012:repository/team/api"],
    ["public.ecr.aws/docker/library/nginx:1", undefined],
    ["ghcr.io/acme/api:1", undefined],
  ])("GIVEN image %s THEN its private ECR repository is %s", (image, arn) => {
    expect(privateEcrRepositoryArn(image)).toBe(arn);
  });

  it("GIVEN a mode's actions THEN the task policy grants exactly them on the table and its index, nothing else", () => {
    const tableArn = "arn:aws:dynamodb:us-east-1:1:table/payments-dev";
    expect(
      tableAccessPolicy({
        tableArn,
        indexName: "pending",
        tableActions: ["dynamodb:UpdateItem"],
        indexActions: ["dynamodb:Query"],
      }).Statement,
    ).toEqual([
      { Sid: "PaymentsTable", Effect: "Allow", Action: ["dynamodb:UpdateItem"], Resource: tableArn },
      { Sid: "PaymentsTablePendingIndex", Effect: "Allow", Action: ["dynamodb:Query"], Resource: `${tableArn}/index/pending` },
    ]);
    expect(
      tableAccessPolicy({ tableArn, indexName: "pending", tableActions: ["dynamodb:GetItem"], indexActions: [] }).Statement,
    ).toHaveLength(1);
  });

  it("GIVEN an execution policy THEN no action has a wildcard", () => {
    const execution = executionRolePolicy({
      region: "us-east-1",
      accountId: "1",
      logGroupName: "l",
      ecrRepositoryArns: ["arn:aws:ecr:us-east-1:1:repository/r"],
      secretArns: ["arn:aws:secretsmanager:us-east-1:1:secret:s", "arn:aws:ssm:us-east-1:1:parameter/p"],
    });
    expect(allActions(execution).filter((action) => action.includes("*"))).toEqual([]);
  });
});
