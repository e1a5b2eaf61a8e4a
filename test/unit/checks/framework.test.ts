/** The pieces preflight and verify share: results and exit codes, AWS errors, the runner, the clients, the caller. */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { createAwsClients, MAX_ATTEMPTS } from "../../../lib/checks/awsClients";
import { describeAwsError } from "../../../lib/checks/awsErrors";
import { AwsAccessError, callerIdentity } from "../../../lib/checks/callerIdentity";
import { CheckResult, compare, countByStatus, exitCodeOf, fail, pass, warn } from "../../../lib/checks/checkResult";
import { CheckDefinition, requiredPermissions, runChecks } from "../../../lib/checks/runChecks";
import { arnResource } from "../../../lib/checks/verify/deployedStack";

const result = (status: CheckResult["status"], failureClass?: CheckResult["failureClass"]): CheckResult => ({
  checkId: "x",
  title: "X",
  subject: "s",
  status,
  expected: "e",
  found: "f",
  ...(failureClass ? { failureClass } : {}),
});

describe("check results and exit codes", () => {
  it("GIVEN only passes and warnings THEN the exit code is 0", () => {
    expect(exitCodeOf([result("pass"), result("warn")])).toBe(0);
  });

  it("GIVEN failures of several classes THEN the smallest code wins: access 5 < account 6 < drift 7 < health 8 < slo 9", () => {
    expect(exitCodeOf([result("fail", "slo"), result("fail", "health")])).toBe(8);
    expect(exitCodeOf([result("fail", "slo"), result("fail", "drift"), result("fail", "account")])).toBe(6);
    expect(exitCodeOf([result("fail", "health"), result("fail", "access")])).toBe(5);
    expect(exitCodeOf([result("fail", "slo")])).toBe(9);
  });

  it("GIVEN results THEN they are counted by status", () => {
    expect(countByStatus([result("pass"), result("pass"), result("warn"), result("fail", "drift")])).toEqual({
      pass: 2,
      warn: 1,
      fail: 1,
    });
  });

  it("GIVEN the builders THEN each sets exactly its fields", () => {
    expect(pass("s", "e")).toEqual({ subject: "s", status: "pass", expected: "e", found: "e" });
    expect(warn("s", "e", "f", "a")).toEqual({ subject: "s", status: "warn", expected: "e", found: "f", action: "a" });
    expect(fail("s", "e", "f", "a")).toEqual({ subject: "s", status: "fail", expected: "e", found: "f", action: "a" });
    expect(compare("s", "e", "e", "a", "health")).toEqual({ subject: "s", status: "pass", expected: "e", found: "e" });
    expect(compare("s", "e", "f", "a", "health")).toEqual({
      subject: "s",
      status: "fail",
      expected: "e",
      found: "f",
      action: "a",
      failureClass: "health",
    });
  });
});

describe("AWS SDK errors as sentences", () => {
  const error = (name: string, message = "m") => Object.assign(new Error(message), { name });

  it.each([
    ["CredentialsProviderError", "credentials"],
    ["ExpiredTokenException", "credentials"],
    ["InvalidClientTokenId", "credentials"],
    ["AccessDenied", "denied"],
    ["AccessDeniedException", "denied"],
    ["UnauthorizedOperation", "denied"],
    ["Throttling", "throttled"],
    ["ThrottlingException", "throttled"],
    ["TooManyRequestsException", "throttled"],
    ["RequestLimitExceeded", "throttled"],
    ["ValidationException", "other"],
  ])("GIVEN %s THEN its kind is %s", (name, kind) => {
    expect(describeAwsError(error(name), ["ecs:DescribeServices"]).kind).toBe(kind);
  });

  it("GIVEN AccessDenied THEN the action names every permission the call needed", () => {
    expect(
      describeAwsError(error("AccessDeniedException", "not authorized\nsecond line"), [
        "ecs:DescribeServices",
        "ecs:DescribeTaskDefinition",
      ]),
    ).toEqual({
      kind: "denied",
      message: "access denied (AccessDeniedException: not authorized)",
      action:
        "allow ecs:DescribeServices, ecs:DescribeTaskDefinition for the caller (docs/deployment.md lists the read-only policy these checks need)",
    });
  });

  it("GIVEN a socket error THEN it is a network problem named by its code", () => {
    const socket = Object.assign(new Error("getaddrinfo ENOTFOUND ecs.us-east-1.amazonaws.com"), { code: "ENOTFOUND" });
    expect(describeAwsError(socket, [])).toEqual({
      kind: "network",
      message: "AWS could not be reached (ENOTFOUND: getaddrinfo ENOTFOUND ecs.us-east-1.amazonaws.com)",
      action: "check the network path to the AWS endpoints in us-east-1 (proxy, VPN, DNS)",
    });
  });

  it("GIVEN something thrown that is not an Error THEN it is described as itself", () => {
    expect(describeAwsError("boom", ["sts:GetCallerIdentity"])).toEqual({
      kind: "other",
      message: "boom: boom",
      action: "run the command again; if it fails the same way, check sts:GetCallerIdentity by hand",
    });
    expect(describeAwsError(null, []).message).toBe("null: null");
  });
});

describe("running checks", () => {
  const check = (id: string, run: CheckDefinition<number>["run"], permissions: string[] = []): CheckDefinition<number> => ({
    id,
    title: id.toUpperCase(),
    failureClass: "drift",
    permissions,
    run,
  });

  it("GIVEN checks that pass, fail with and without a class, and throw THEN each finding carries its check and class, in order", async () => {
    const results = await runChecks(
      [
        check("a", async (n) => [pass("one", String(n))]),
        check("b", async () => [fail("two", "e", "f", "do it"), fail("three", "e", "f", "do it", "health")]),
        check("c", async () => Promise.reject(Object.assign(new Error("no"), { name: "AccessDenied" })), ["ecs:ListTasks"]),
      ],
      7,
    );
    expect(results).toEqual([
      { checkId: "a", title: "A", subject: "one", status: "pass", expected: "7", found: "7" },
      {
        checkId: "b",
        title: "B",
        subject: "two",
        status: "fail",
        expected: "e",
        found: "f",
        action: "do it",
        failureClass: "drift",
      },
      {
        checkId: "b",
        title: "B",
        subject: "three",
        status: "fail",
        expected: "e",
        found: "f",
        action: "do it",
        failureClass: "health",
      },
      {
        checkId: "c",
        title: "C",
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: "access denied (AccessDenied: no)",
        action: "allow ecs:ListTasks for the caller (docs/deployment.md lists the read-only policy these checks need)",
        failureClass: "access",
      },
    ]);
  });

  it("GIVEN an error AWS answered that has no special meaning THEN it is a finding; GIVEN a defect of the check THEN the run ends with it", async () => {
    const answered = Object.assign(new Error("1 validation error detected"), {
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
    });
    const [finding] = await runChecks([check("a", async () => Promise.reject(answered), ["ecs:ListTasks"])], 0);
    expect([finding.status, finding.failureClass, finding.found]).toEqual([
      "fail",
      "access",
      "ValidationException: 1 validation error detected",
    ]);
    await expect(runChecks([check("b", async () => Promise.reject(new TypeError("x is undefined")))], 0)).rejects.toThrow(
      "check b: x is undefined",
    );
    await expect(runChecks([check("c", async () => Promise.reject("boom"))], 0)).rejects.toThrow("check c: boom");
  });

  it("GIVEN checks sharing permissions THEN the policy lists each action once, sorted", () => {
    const noop = async () => [];
    expect(
      requiredPermissions([check("a", noop, ["ecs:B", "ecs:A"]), check("b", noop, ["ecs:A", "elasticloadbalancing:C"])]),
    ).toEqual(["ecs:A", "ecs:B", "elasticloadbalancing:C"]);
  });
});

describe("the AWS clients and the caller", () => {
  it("GIVEN the client set THEN a client is created on first use, kept, in us-east-1 with five attempts, and destroyed with the set", async () => {
    const clients = createAwsClients("us-east-1");
    const ecs = clients.ecs;
    expect(clients.ecs).toBe(ecs);
    expect(await ecs.config.region()).toBe("us-east-1");
    expect(await ecs.config.maxAttempts()).toBe(MAX_ATTEMPTS);
    const destroy = jest.spyOn(ecs, "destroy");
    clients.destroy();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(Object.keys(clients).sort()).toEqual(
      [
        "acm",
        "autoscaling",
        "budgets",
        "cloudwatch",
        "costExplorer",
        "destroy",
        "dynamodb",
        "ec2",
        "ecs",
        "elb",
        "firehose",
        "iam",
        "logs",
        "quotas",
        "s3",
        "sts",
        "wafv2",
      ].sort(),
    );
  });

  it("GIVEN STS answers THEN the caller's account and ARN are returned; GIVEN it rejects THEN one AwsAccessError with exit 5", async () => {
    const sts = mockClient(STSClient);
    try {
      sts.on(GetCallerIdentityCommand).resolvesOnce({ Account: "111122223333", Arn: "arn:aws:iam::111122223333:user/ci" });
      const clients = createAwsClients("us-east-1");
      expect(await callerIdentity(clients)).toEqual({ accountId: "111122223333", arn: "arn:aws:iam::111122223333:user/ci" });
      sts
        .on(GetCallerIdentityCommand)
        .rejects(Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredToken" }));
      const failure = await callerIdentity(clients).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AwsAccessError);
      expect([(failure as AwsAccessError).exitCode, (failure as AwsAccessError).message]).toEqual([
        5,
        "no valid AWS credentials (ExpiredToken: The security token included in the request is expired): sign in first: set AWS_PROFILE and run `aws sso login`, or export AWS credentials for the account that runs the stack",
      ]);
    } finally {
      sts.restore();
    }
  });

  it("GIVEN ALB and target group ARNs THEN CloudWatch's dimension values are their resource parts", () => {
    expect(
      arnResource("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/payment-alb-dev/50dc6c495c0c9188"),
    ).toBe("app/payment-alb-dev/50dc6c495c0c9188");
    expect(arnResource("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-8080-dev/73e2d6bc24d8a067")).toBe(
      "targetgroup/api-8080-dev/73e2d6bc24d8a067",
    );
  });
});
