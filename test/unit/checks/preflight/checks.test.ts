/**
 * Each preflight check against passing and failing AWS answers (aws-sdk-client-mock), AccessDenied and
 * throttling, and the Docker probe. One file: every spec here is resolved from the stack files, which
 * loads the Pulumi SDK once per test file (about a second).
 */
import { DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { ListCostAllocationTagsCommand } from "@aws-sdk/client-cost-explorer";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand } from "@aws-sdk/client-service-quotas";
import { certificateCheck, covers } from "../../../../lib/checks/preflight/certificateCheck";
import { costAllocationTagCheck } from "../../../../lib/checks/preflight/costAllocationTagCheck";
import { dockerCheck } from "../../../../lib/checks/preflight/dockerCheck";
import { DockerAnswer, execProbe } from "../../../../lib/checks/preflight/dockerProbe";
import { fargateQuotaCheck, vcpuNeed } from "../../../../lib/checks/preflight/fargateQuotaCheck";
import { regionCheck } from "../../../../lib/checks/preflight/regionCheck";
import { serviceLinkedRolesCheck } from "../../../../lib/checks/preflight/serviceLinkedRolesCheck";
import {
  ACCOUNT,
  awsError,
  awsMocks,
  AwsMocks,
  brief,
  CERTIFICATE_ARN,
  NOW,
  preflightContext,
  prodSpec,
  run,
  stackSpec,
} from "./support";

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

// The Fargate vCPU quotas against each stack's need at maxTasks and during a rollout (maximumPercent 200).
const ON_DEMAND = "L-3032A538";
const SPOT = "L-36FBB829";
const NAMES = { [ON_DEMAND]: "Fargate On-Demand vCPU resource count", [SPOT]: "Fargate Spot vCPU resource count" };
const quota = (code: typeof ON_DEMAND | typeof SPOT, value: number) => ({
  Quota: { ServiceCode: "fargate", QuotaCode: code, QuotaName: NAMES[code], Value: value },
});
function applied(onDemand: number, spot: number) {
  mocks.quotas.on(GetServiceQuotaCommand, { ServiceCode: "fargate", QuotaCode: ON_DEMAND }).resolves(quota(ON_DEMAND, onDemand));
  mocks.quotas.on(GetServiceQuotaCommand, { ServiceCode: "fargate", QuotaCode: SPOT }).resolves(quota(SPOT, spot));
}

// Dev: the API at most 23 x 1 vCPU, base 0, weights 1:1 (the odd task on-demand): 12 + 11; the worker 2 x
// 0.25 vCPU on Spot. So 12 vCPU on-demand and 11 + 0.5 = 11.5 on Spot at maxTasks.
const DEV_DETAIL = "api 23 x 1 vCPU: 12 FARGATE + 11 FARGATE_SPOT; worker 2 x 0.25 vCPU: 0 FARGATE + 2 FARGATE_SPOT";
const DEV_ON_DEMAND = `at least 12 vCPU at every service's maxTasks (${DEV_DETAIL}), 24 vCPU during a rolling deployment at maximumPercent 200`;
const DEV_SPOT = `at least 11.5 vCPU at every service's maxTasks (${DEV_DETAIL}), 24 vCPU during a rolling deployment at maximumPercent 200`;
const APPLIED = "applied to this account; account-wide: other Fargate workloads in us-east-1 share it";

describe("Fargate vCPU quota check", () => {
  it("GIVEN dev's services WHEN the need is computed THEN maxTasks are split by each strategy and a rollout doubles them", () => {
    expect(vcpuNeed(stackSpec("dev"), 100)).toEqual({ FARGATE: 12, FARGATE_SPOT: 11.5, detail: DEV_DETAIL.split("; ") });
    // 46 API tasks. Old and new split apart: (12 + 11) x 2 = 24 + 22; as one service: 23 + 23. The larger
    // of each: 24 on-demand + 23 Spot (+ the worker's 4 x 0.25 vCPU).
    expect(vcpuNeed(stackSpec("dev"), 200)).toEqual({
      FARGATE: 24,
      FARGATE_SPOT: 24,
      detail: ["api 46 x 1 vCPU: 24 FARGATE + 23 FARGATE_SPOT", "worker 4 x 0.25 vCPU: 0 FARGATE + 4 FARGATE_SPOT"],
    });
  });

  it("GIVEN prod's on-demand base WHEN a rollout is sized THEN each provider takes the larger of both placements of the new tasks", () => {
    // prod's API: 43 tasks at most, on-demand base 5, then 1:1. 43 = 5 + 38; 38 / 2 = 19 on-demand
    // above the base: 24 on-demand (12 vCPU) + 19 Spot (9.5 vCPU, + the worker's 4 x 0.5).
    expect(vcpuNeed(prodSpec(), 100)).toEqual({
      FARGATE: 12,
      FARGATE_SPOT: 11.5,
      detail: ["api 43 x 0.5 vCPU: 24 FARGATE + 19 FARGATE_SPOT", "worker 4 x 0.5 vCPU: 0 FARGATE + 4 FARGATE_SPOT"],
    });
    // 86 tasks. Old and new tasks split apart (each 43 with its own base): 48 on-demand + 38 Spot; split as
    // one service: 5 + ceil(81 / 2) = 46 on-demand + 40 Spot (the odd task goes on demand). The larger of
    // each: 48 on-demand (24 vCPU) + 40 Spot (20 vCPU, + the worker's 8 x 0.5).
    expect(vcpuNeed(prodSpec(), 200)).toEqual({
      FARGATE: 24,
      FARGATE_SPOT: 24,
      detail: ["api 86 x 0.5 vCPU: 48 FARGATE + 40 FARGATE_SPOT", "worker 8 x 0.5 vCPU: 0 FARGATE + 8 FARGATE_SPOT"],
    });
  });

  it("GIVEN quotas above the rollout need WHEN checked THEN both pass and say the quota is account-wide", async () => {
    applied(4000, 4000);
    expect((await run(fargateQuotaCheck, preflightContext())).map(brief)).toEqual([
      {
        subject: `Fargate On-Demand vCPU resource count (${ON_DEMAND})`,
        status: "pass",
        expected: DEV_ON_DEMAND,
        found: `4000 vCPU (${APPLIED})`,
      },
      {
        subject: `Fargate Spot vCPU resource count (${SPOT})`,
        status: "pass",
        expected: DEV_SPOT,
        found: `4000 vCPU (${APPLIED})`,
      },
    ]);
  });

  it("GIVEN an on-demand quota below the need at max WHEN checked THEN it fails (account) with the increase command", async () => {
    applied(4, 4000);
    const [onDemand, spot] = await run(fargateQuotaCheck, preflightContext());
    expect(onDemand).toEqual({
      checkId: "account.fargateQuota",
      title: "Fargate vCPU quota",
      subject: `Fargate On-Demand vCPU resource count (${ON_DEMAND})`,
      status: "fail",
      expected: DEV_ON_DEMAND,
      found: `4 vCPU (${APPLIED})`,
      action:
        "tasks above the quota stay PENDING and the deployment rolls back: aws service-quotas request-service-quota-increase --region us-east-1 --service-code fargate " +
        `--quota-code ${ON_DEMAND} --desired-value 24 (plus what the account's other Fargate workloads run: the quota is account-wide)`,
      failureClass: "account",
    });
    expect(spot.status).toBe("pass");
  });

  it("GIVEN a Spot quota between the need at max and the rollout need WHEN checked THEN it warns", async () => {
    applied(4000, 20);
    const [, spot] = await run(fargateQuotaCheck, preflightContext());
    expect(brief(spot)).toEqual({
      subject: `Fargate Spot vCPU resource count (${SPOT})`,
      status: "warn",
      expected: DEV_SPOT,
      found: `20 vCPU (${APPLIED})`,
    });
    expect(spot.action).toBe(
      "a rollout at maxTasks leaves new tasks PENDING until old ones stop (a slow rollout, or a circuit-breaker rollback): aws service-quotas request-service-quota-increase " +
        `--region us-east-1 --service-code fargate --quota-code ${SPOT} --desired-value 24 (plus what the account's other Fargate workloads run: the quota is account-wide)`,
    );
    expect(spot.failureClass).toBeUndefined();
  });

  it("GIVEN a code AWS answers with another quota's name WHEN checked THEN the finding says so", async () => {
    applied(4000, 4000);
    mocks.quotas
      .on(GetServiceQuotaCommand, { QuotaCode: SPOT })
      .resolves({ Quota: { QuotaCode: SPOT, QuotaName: "Fargate Spot Sustained Launch Rate", Value: 20 } });
    const [, spot] = await run(fargateQuotaCheck, preflightContext());
    expect([spot.status, spot.found]).toEqual([
      "warn",
      `20 vCPU (${APPLIED}; AWS names ${SPOT} "Fargate Spot Sustained Launch Rate")`,
    ]);
  });

  it("GIVEN no applied value (NoSuchResourceException) WHEN checked THEN the AWS default is used and named as such", async () => {
    mocks.quotas
      .on(GetServiceQuotaCommand)
      .rejects(awsError("NoSuchResourceException", "The request failed because the specified service quota does not exist."));
    // 20 vCPU: between dev's on-demand need at maxTasks (12) and during a rollout (24), so it warns.
    mocks.quotas.on(GetAWSDefaultServiceQuotaCommand, { QuotaCode: ON_DEMAND }).resolves(quota(ON_DEMAND, 20));
    mocks.quotas.on(GetAWSDefaultServiceQuotaCommand, { QuotaCode: SPOT }).resolves({ Quota: { Value: 4000 } });
    const results = await run(fargateQuotaCheck, preflightContext());
    const DEFAULT =
      "the AWS default: no value applied to this account; account-wide: other Fargate workloads in us-east-1 share it";
    expect(results.map((r) => [r.status, r.found])).toEqual([
      ["warn", `20 vCPU (${DEFAULT})`],
      ["pass", `4000 vCPU (${DEFAULT})`],
    ]);
    expect(mocks.quotas.commandCalls(GetAWSDefaultServiceQuotaCommand).map((c) => c.args[0].input)).toEqual([
      { ServiceCode: "fargate", QuotaCode: ON_DEMAND },
      { ServiceCode: "fargate", QuotaCode: SPOT },
    ]);
  });

  it("GIVEN a quota code Service Quotas knows neither applied nor by default WHEN checked THEN it fails clearly", async () => {
    mocks.quotas.on(GetServiceQuotaCommand).rejects(awsError("NoSuchResourceException"));
    mocks.quotas.on(GetAWSDefaultServiceQuotaCommand).rejects(awsError("NoSuchResourceException"));
    const [onDemand] = await run(fargateQuotaCheck, preflightContext());
    expect(brief(onDemand)).toEqual({
      subject: `Fargate On-Demand vCPU resource count (${ON_DEMAND})`,
      status: "fail",
      expected: DEV_ON_DEMAND,
      found: `no value in Service Quotas for fargate/${ON_DEMAND}`,
    });
    expect(onDemand.action).toBe(
      'look the quota up in the Service Quotas console (AWS Fargate, "Fargate On-Demand vCPU resource count") and check its code, or ask AWS Support for the account\'s Fargate vCPU quota',
    );
  });

  it("GIVEN an answer without a quota WHEN checked THEN it fails as no value", async () => {
    mocks.quotas.on(GetServiceQuotaCommand).resolves({});
    expect((await run(fargateQuotaCheck, preflightContext())).map((r) => [r.status, r.found])).toEqual([
      ["fail", `no value in Service Quotas for fargate/${ON_DEMAND}`],
      ["fail", `no value in Service Quotas for fargate/${SPOT}`],
    ]);
  });

  it.each([
    [
      "GetServiceQuota",
      "AccessDeniedException",
      "access denied",
      "allow servicequotas:GetServiceQuota, servicequotas:GetAWSDefaultServiceQuota for the caller",
    ],
    ["GetServiceQuota", "ThrottlingException", "throttled by AWS after the SDK's retries", "run the command again in a minute"],
    [
      "GetAWSDefaultServiceQuota",
      "AccessDeniedException",
      "access denied",
      "allow servicequotas:GetServiceQuota, servicequotas:GetAWSDefaultServiceQuota for the caller",
    ],
  ])("GIVEN %s rejected with %s WHEN checked THEN one access failure names it", async (call, name, message, action) => {
    if (call === "GetServiceQuota") {
      mocks.quotas.on(GetServiceQuotaCommand).rejects(awsError(name, "not allowed"));
    } else {
      mocks.quotas.on(GetServiceQuotaCommand).rejects(awsError("NoSuchResourceException"));
      mocks.quotas.on(GetAWSDefaultServiceQuotaCommand).rejects(awsError(name, "not allowed"));
    }
    const results = await run(fargateQuotaCheck, preflightContext());
    expect(results).toHaveLength(1);
    expect(results[0]).toEqual({
      checkId: "account.fargateQuota",
      title: "Fargate vCPU quota",
      subject: "(check)",
      status: "fail",
      expected: "the check can read what it needs",
      found: `${message} (${name}: not allowed)`,
      action: expect.stringContaining(action),
      failureClass: "access",
    });
  });
});

// The three service-linked roles against createServiceLinkedRoles (decision 0006).
const ROLES = [
  "AWSServiceRoleForECS",
  "AWSServiceRoleForElasticLoadBalancing",
  "AWSServiceRoleForApplicationAutoScaling_ECSService",
];
const arnOf = (role: string) => `arn:aws:iam::${ACCOUNT}:role/aws-service-role/${role}`;
const existing = () =>
  mocks.iam
    .on(GetRoleCommand)
    .callsFake(async (input: { RoleName: string }) => ({ Role: { RoleName: input.RoleName, Arn: arnOf(input.RoleName) } }));
const missing = (message = "The role with name AWSServiceRoleForECS cannot be found.") =>
  mocks.iam.on(GetRoleCommand).rejects(awsError("NoSuchEntityException", message));

const FLAG_ON = stackSpec("dev", "createServiceLinkedRoles=true");
const ON_EXPECTED = "absent: createServiceLinkedRoles is true, so the stack creates it";
const OFF_EXPECTED = "exists: createServiceLinkedRoles is false, so the stack relies on the account's role";

describe("service-linked roles check", () => {
  it("GIVEN the flag off and the three roles in the account WHEN checked THEN each passes with its ARN", async () => {
    existing();
    expect((await run(serviceLinkedRolesCheck, preflightContext())).map(brief)).toEqual(
      ROLES.map((role) => ({ subject: role, status: "pass", expected: OFF_EXPECTED, found: `exists (${arnOf(role)})` })),
    );
    expect(mocks.iam.commandCalls(GetRoleCommand).map((c) => c.args[0].input)).toEqual(ROLES.map((RoleName) => ({ RoleName })));
  });

  it("GIVEN the flag off and no roles (NoSuchEntity) WHEN checked THEN each warns with the create command and the flag", async () => {
    missing();
    const results = await run(serviceLinkedRolesCheck, preflightContext());
    expect(results.map(brief)).toEqual(
      ROLES.map((role) => ({ subject: role, status: "warn", expected: OFF_EXPECTED, found: "absent" })),
    );
    expect(results.map((r) => r.action)).toEqual(
      ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "ecs.application-autoscaling.amazonaws.com"].map(
        (service) =>
          "AWS creates it on first use, but a first CreateCluster or CreateLoadBalancer can fail while it does (run `pulumi up` again then): " +
          `create it first with \`aws iam create-service-linked-role --aws-service-name ${service}\`, or set createServiceLinkedRoles true on this stack only (decision 0006)`,
      ),
    );
  });

  it("GIVEN the flag on and the roles absent WHEN checked THEN each passes: the stack creates them", async () => {
    missing();
    expect((await run(serviceLinkedRolesCheck, preflightContext({ spec: FLAG_ON }))).map(brief)).toEqual(
      ROLES.map((role) => ({ subject: role, status: "pass", expected: ON_EXPECTED, found: "absent" })),
    );
  });

  it("GIVEN the flag on, one role another stack made and one this stack made on an earlier up WHEN checked THEN the other's fails (the create would fail), this stack's warns (fine while the stack holds it, not after a destroy kept it)", async () => {
    mocks.iam.on(GetRoleCommand).rejects(awsError("NoSuchEntityException"));
    mocks.iam.on(GetRoleCommand, { RoleName: "AWSServiceRoleForECS" }).resolves({
      Role: {
        RoleName: "AWSServiceRoleForECS",
        Arn: arnOf("AWSServiceRoleForECS"),
        Tags: [{ Key: "EnvironmentSuffix", Value: "staging" }],
      } as never,
    });
    mocks.iam.on(GetRoleCommand, { RoleName: "AWSServiceRoleForElasticLoadBalancing" }).resolves({
      Role: {
        RoleName: "AWSServiceRoleForElasticLoadBalancing",
        Arn: arnOf("AWSServiceRoleForElasticLoadBalancing"),
        Tags: [
          { Key: "EnvironmentSuffix", Value: "dev" },
          { Key: "ManagedBy", Value: "pulumi" },
        ],
      } as never,
    });
    const results = await run(serviceLinkedRolesCheck, preflightContext({ spec: FLAG_ON }));
    expect(results.map((r) => [r.subject, r.status, r.found, r.failureClass])).toEqual([
      ["AWSServiceRoleForECS", "fail", `exists, not this stack's (${arnOf("AWSServiceRoleForECS")})`, "account"],
      [
        "AWSServiceRoleForElasticLoadBalancing",
        "warn",
        `exists, created by this stack (${arnOf("AWSServiceRoleForElasticLoadBalancing")}: EnvironmentSuffix dev, ManagedBy pulumi)`,
        undefined,
      ],
      ["AWSServiceRoleForApplicationAutoScaling_ECSService", "pass", "absent", undefined],
    ]);
    expect(results[0].action).toBe(
      "the stack's create would fail on the existing role: pulumi config set createServiceLinkedRoles false (only the first stack of an account that never ran ECS sets it; decision 0006)",
    );
  });

  it("GIVEN IAM answers the wire code NoSuchEntity or a role without an ARN WHEN checked THEN absent and present are still told apart", async () => {
    mocks.iam.on(GetRoleCommand).rejects(awsError("NoSuchEntity"));
    mocks.iam.on(GetRoleCommand, { RoleName: "AWSServiceRoleForECS" }).resolves({});
    expect((await run(serviceLinkedRolesCheck, preflightContext())).map((r) => [r.status, r.found])).toEqual([
      ["pass", "exists (AWSServiceRoleForECS)"],
      ["warn", "absent"],
      ["warn", "absent"],
    ]);
  });

  it.each([
    ["AccessDenied", "access denied", "allow iam:GetRole for the caller"],
    ["ThrottlingException", "throttled by AWS after the SDK's retries", "run the command again in a minute"],
  ])("GIVEN GetRole rejected with %s WHEN checked THEN one access failure names it", async (name, message, action) => {
    mocks.iam.on(GetRoleCommand).rejects(awsError(name, "User is not authorized to perform: iam:GetRole"));
    expect(await run(serviceLinkedRolesCheck, preflightContext())).toEqual([
      {
        checkId: "account.serviceLinkedRoles",
        title: "Service-linked role",
        subject: "(check)",
        status: "fail",
        expected: "the check can read what it needs",
        found: `${message} (${name}: User is not authorized to perform: iam:GetRole)`,
        action: expect.stringContaining(action),
        failureClass: "access",
      },
    ]);
  });
});

// The HTTPS listener's certificate: account, region, status, expiry, type and names.
const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const SET =
  "set an ISSUED ACM certificate of this account in us-east-1 for the API's domain: pulumi config set certificateArn arn:aws:acm:us-east-1:<account>:certificate/<id>";
const NAMES_EXPECTED = "a name covering api.acme-payments.io";

function certificate(detail: Record<string, unknown>) {
  mocks.acm.on(DescribeCertificateCommand, { CertificateArn: CERTIFICATE_ARN }).resolves({
    Certificate: {
      CertificateArn: CERTIFICATE_ARN,
      DomainName: "api.acme-payments.io",
      SubjectAlternativeNames: ["api.acme-payments.io", "payments.acme-payments.io"],
      Status: "ISSUED",
      Type: "AMAZON_ISSUED",
      NotAfter: inDays(200),
      InUseBy: [],
      ...detail,
    },
  });
}
const prod = () => preflightContext({ spec: prodSpec("apiDomainName=api.acme-payments.io") });

describe("certificate check", () => {
  it("GIVEN dev without certificateArn WHEN checked THEN one pass says the stack generates a self-signed one, and ACM is not called", async () => {
    expect((await run(certificateCheck, preflightContext())).map(brief)).toEqual([
      {
        subject: "certificate",
        status: "pass",
        expected: "a certificate for the HTTPS listener",
        found: "none configured: the stack generates a self-signed one (environment dev); clients must skip verification",
      },
    ]);
    expect(mocks.acm.calls()).toHaveLength(0);
  });

  it("GIVEN an issued ACM certificate valid for 200 days WHEN checked THEN status, validity, type and names pass", async () => {
    certificate({});
    expect((await run(certificateCheck, prod())).map(brief)).toEqual([
      { subject: `${CERTIFICATE_ARN} status`, status: "pass", expected: "ISSUED", found: "ISSUED" },
      {
        subject: `${CERTIFICATE_ARN} validity`,
        status: "pass",
        expected: "valid for at least 30 more days",
        found: "expires 2027-06-19 (in 200 days)",
      },
      {
        subject: `${CERTIFICATE_ARN} type`,
        status: "pass",
        expected: "issued by ACM or imported (publicly trusted)",
        found: "AMAZON_ISSUED, in use by 0 resources",
      },
      {
        subject: `${CERTIFICATE_ARN} names`,
        status: "pass",
        expected: NAMES_EXPECTED,
        found: "api.acme-payments.io, payments.acme-payments.io",
      },
    ]);
  });

  it.each([
    ["no apiDomainName", prodSpec(), "warn", "a name that apiDomainName gives"],
    [
      "a name the certificate does not cover",
      prodSpec("apiDomainName=pay.acme-payments.com"),
      "fail",
      "a name covering pay.acme-payments.com",
    ],
    ["a name a wildcard covers", prodSpec("apiDomainName=eu.acme-payments.io"), "pass", "a name covering eu.acme-payments.io"],
  ])("GIVEN %s WHEN the names are checked THEN the finding is %s", async (_, spec, status, expected) => {
    certificate({ SubjectAlternativeNames: ["api.acme-payments.io", "*.acme-payments.io"] });
    const names = (await run(certificateCheck, preflightContext({ spec }))).find((r) => r.subject.endsWith(" names"))!;
    expect([names.status, names.expected, names.found]).toEqual([status, expected, "api.acme-payments.io, *.acme-payments.io"]);
    expect(names.action === undefined).toBe(status === "pass");
  });

  it.each([
    ["api.example.com", "api.example.com", true],
    ["API.example.com", "api.EXAMPLE.com", true],
    ["*.example.com", "api.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "a.b.example.com", false],
    ["api.example.com", "pay.example.com", false],
  ])("GIVEN the certificate name %s THEN it covers %s: %s", (name, host, expected) => {
    expect(covers(name, host)).toBe(expected);
  });

  it("GIVEN the shipped all-zero placeholder WHEN checked THEN it fails (account) without calling ACM", async () => {
    const results = await run(certificateCheck, preflightContext({ spec: stackSpec("prod") }));
    expect(results).toEqual([
      {
        checkId: "account.certificate",
        title: "HTTPS certificate",
        subject: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
        status: "fail",
        expected: "a certificate of this account",
        found: "a placeholder (all-zero id)",
        action: SET,
        failureClass: "account",
      },
    ]);
    expect(mocks.acm.calls()).toHaveLength(0);
  });

  it.each([
    [
      "another account",
      prodSpec(),
      "999999999999",
      `a certificate in us-east-1 of account 999999999999`,
      `region us-east-1, account ${ACCOUNT}`,
    ],
    [
      "another region",
      (() => {
        const spec = prodSpec();
        return {
          ...spec,
          loadBalancer: { ...spec.loadBalancer, certificateArn: CERTIFICATE_ARN.replace("us-east-1", "eu-west-1") },
        };
      })(),
      ACCOUNT,
      `a certificate in us-east-1 of account ${ACCOUNT}`,
      `region eu-west-1, account ${ACCOUNT}`,
    ],
  ])("GIVEN a certificate of %s WHEN checked THEN it fails before calling ACM", async (_, spec, accountId, expected, found) => {
    const [result, ...rest] = await run(certificateCheck, preflightContext({ spec, accountId }));
    expect(rest).toEqual([]);
    expect([result.status, result.expected, result.found, result.failureClass]).toEqual(["fail", expected, found, "account"]);
    expect(result.action).toBe(`the ALB can use only a certificate of its own account and region: ${SET}`);
    expect(mocks.acm.calls()).toHaveLength(0);
  });

  it.each([
    [
      "PENDING_VALIDATION",
      "complete the validation: create the CNAME records ACM lists for the certificate (DNS validation) or approve the emails, then wait for ISSUED",
    ],
    ["EXPIRED", `request or import a new certificate: ${SET}`],
  ])("GIVEN status %s WHEN checked THEN the status fails (account) with what to do", async (status, action) => {
    certificate({ Status: status });
    const [result] = await run(certificateCheck, prod());
    expect([result.subject, result.status, result.expected, result.found, result.action, result.failureClass]).toEqual([
      `${CERTIFICATE_ARN} status`,
      "fail",
      "ISSUED",
      status,
      action,
      "account",
    ]);
  });

  it.each([
    [
      "AMAZON_ISSUED",
      "ACM renews its certificates 60 days ahead, so this one is not renewing: see its renewal status in the ACM console (a validation record missing?)",
    ],
    [
      "IMPORTED",
      "an imported certificate does not renew: import the renewed one into the same ARN (aws acm import-certificate --certificate-arn ...)",
    ],
  ])("GIVEN an %s certificate expiring in 10 days WHEN checked THEN validity warns", async (type, action) => {
    certificate({ Type: type, NotAfter: inDays(10.5) });
    const [, validity] = await run(certificateCheck, prod());
    expect([validity.status, validity.found, validity.action]).toEqual(["warn", "expires 2026-12-12 (in 10 days)", action]);
  });

  it("GIVEN a private CA's certificate in use by one load balancer WHEN checked THEN the type warns", async () => {
    certificate({ Type: "PRIVATE", InUseBy: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/other/1"] });
    const [, , type] = await run(certificateCheck, prod());
    expect([type.status, type.found, type.action]).toEqual([
      "warn",
      "PRIVATE, in use by 1 resource",
      "a private CA's certificate is trusted only by clients that trust that CA: use a public certificate for a public API",
    ]);
  });

  it("GIVEN an answer without details WHEN checked THEN each finding says what is missing", async () => {
    mocks.acm.on(DescribeCertificateCommand).resolves({});
    expect((await run(certificateCheck, prod())).map((r) => [r.status, r.found])).toEqual([
      ["fail", "unknown"],
      ["warn", "no expiry date in ACM's answer"],
      ["pass", "unknown type, in use by 0 resources"],
      ["fail", "no names"],
    ]);
  });

  it("GIVEN a certificate ACM does not know (ResourceNotFoundException) WHEN checked THEN it fails (account)", async () => {
    mocks.acm
      .on(DescribeCertificateCommand)
      .rejects(awsError("ResourceNotFoundException", `Could not find certificate ${CERTIFICATE_ARN}.`));
    expect((await run(certificateCheck, prod())).map((r) => [brief(r), r.action, r.failureClass])).toEqual([
      [
        { subject: CERTIFICATE_ARN, status: "fail", expected: "an ISSUED certificate", found: "not found in ACM" },
        SET,
        "account",
      ],
    ]);
  });

  it.each([
    ["AccessDeniedException", "access denied", "allow acm:DescribeCertificate for the caller"],
    ["ThrottlingException", "throttled by AWS after the SDK's retries", "run the command again in a minute"],
  ])(
    "GIVEN DescribeCertificate rejected with %s WHEN checked THEN one access failure names it",
    async (name, message, action) => {
      mocks.acm.on(DescribeCertificateCommand).rejects(awsError(name, "no"));
      expect(await run(certificateCheck, prod())).toEqual([
        {
          checkId: "account.certificate",
          title: "HTTPS certificate",
          subject: "(check)",
          status: "fail",
          expected: "the check can read what it needs",
          found: `${message} (${name}: no)`,
          action: expect.stringContaining(action),
          failureClass: "access",
        },
      ]);
    },
  );
});

// The cost-allocation tag the budget and the anomaly monitor filter on (a warning, never a failure).
const EXPECTED = "Active (the budget and the anomaly monitor filter on it)";
const ACTIVATE =
  "activate it in the Billing and Cost Management console (Cost allocation tags, https://console.aws.amazon.com/billing/home#/tags) " +
  "or with `aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=EnvironmentSuffix,Status=Active` " +
  "(from the management account in an organization); until then the budget and the anomaly monitor see no cost";
const tags = (...list: { TagKey: string; Status: "Active" | "Inactive" }[]) =>
  mocks.costExplorer
    .on(ListCostAllocationTagsCommand)
    .resolves({ CostAllocationTags: list.map((t) => ({ ...t, Type: "UserDefined" })) });

describe("cost-allocation tag check", () => {
  it("GIVEN EnvironmentSuffix active WHEN checked THEN it passes, asking for that key among user-defined tags", async () => {
    tags({ TagKey: "EnvironmentSuffix", Status: "Active" });
    expect((await run(costAllocationTagCheck, preflightContext())).map(brief)).toEqual([
      { subject: "EnvironmentSuffix", status: "pass", expected: EXPECTED, found: "Active" },
    ]);
    expect(mocks.costExplorer.commandCalls(ListCostAllocationTagsCommand).map((c) => c.args[0].input)).toEqual([
      { TagKeys: ["EnvironmentSuffix"], Type: "UserDefined" },
    ]);
  });

  it("GIVEN the tag inactive WHEN checked THEN it warns (not a failure) with the console page and the CLI command", async () => {
    tags({ TagKey: "EnvironmentSuffix", Status: "Inactive" });
    expect(await run(costAllocationTagCheck, preflightContext())).toEqual([
      {
        checkId: "account.costAllocationTag",
        title: "Cost-allocation tag",
        subject: "EnvironmentSuffix",
        status: "warn",
        expected: EXPECTED,
        found: "Inactive",
        action: ACTIVATE,
      },
    ]);
  });

  it.each([
    ["no tags at all", {}],
    ["only other keys", { CostAllocationTags: [{ TagKey: "Project", Type: "UserDefined" as const, Status: "Active" as const }] }],
  ])("GIVEN %s WHEN checked THEN it warns: the key appears only after the first deploy", async (_, answer) => {
    mocks.costExplorer.on(ListCostAllocationTagsCommand).resolves(answer);
    expect((await run(costAllocationTagCheck, preflightContext())).map((r) => [brief(r), r.action])).toEqual([
      [
        {
          subject: "EnvironmentSuffix",
          status: "warn",
          expected: EXPECTED,
          found: "not listed yet: a tag key appears only after resources carry it, up to 24 hours after the first deploy",
        },
        `after the first deploy, ${ACTIVATE}`,
      ],
    ]);
  });

  it.each([
    ["AccessDeniedException", "access denied", "allow ce:ListCostAllocationTags for the caller"],
    ["ThrottlingException", "throttled by AWS after the SDK's retries", "run the command again in a minute"],
  ])(
    "GIVEN ListCostAllocationTags rejected with %s WHEN checked THEN one access failure names it",
    async (name, message, action) => {
      mocks.costExplorer.on(ListCostAllocationTagsCommand).rejects(awsError(name, "no"));
      const [result, ...rest] = await run(costAllocationTagCheck, preflightContext());
      expect(rest).toEqual([]);
      expect([result.subject, result.status, result.found, result.failureClass]).toEqual([
        "(check)",
        "fail",
        `${message} (${name}: no)`,
        "access",
      ]);
      expect(result.action).toContain(action);
    },
  );
});

// Docker with buildx when the stack builds the reference image, through an injected probe; and the probe itself.
const INSTALL =
  "install Docker with the buildx plugin where `pulumi up` runs (Docker Desktop includes it; on Linux the docker-buildx-plugin package of Docker's repositories: " +
  "https://github.com/docker/buildx#installing), or set containerImage and workerImage to images you build yourself";
const START =
  "start the Docker engine (Docker Desktop, or `sudo systemctl start docker`) and let this user reach it (the docker group, or DOCKER_HOST)";

/** A probe answering per command ("buildx", "info") and recording what it was asked. */
function fakeDocker(answers: Record<"buildx" | "info", DockerAnswer>) {
  const calls: string[][] = [];
  const probe = async (args: readonly string[]) => {
    calls.push([...args]);
    return answers[args[0] as "buildx" | "info"];
  };
  return { probe, calls };
}

describe("Docker check", () => {
  it("GIVEN the reference image and a working Docker WHEN checked THEN buildx and the engine pass", async () => {
    const docker = fakeDocker({
      buildx: { ok: true, output: "github.com/docker/buildx v0.29.1 a32761aeb3debd39be1eca514af3693af0db334b" },
      info: { ok: true, output: "28.5.1" },
    });
    expect((await run(dockerCheck, preflightContext({ docker: docker.probe }))).map(brief)).toEqual([
      {
        subject: "docker buildx version",
        status: "pass",
        expected: "buildx installed (the stack builds the reference image from app/)",
        found: "github.com/docker/buildx v0.29.1 a32761aeb3debd39be1eca514af3693af0db334b",
      },
      { subject: "docker info", status: "pass", expected: "a reachable Docker engine", found: "server 28.5.1" },
    ]);
    expect(docker.calls).toEqual([
      ["buildx", "version"],
      ["info", "--format", "{{.ServerVersion}}"],
    ]);
  });

  it("GIVEN no buildx plugin and a stopped engine WHEN checked THEN both fail (account) with what to install and start", async () => {
    const docker = fakeDocker({
      buildx: { ok: false, error: "docker: 'buildx' is not a docker command." },
      info: {
        ok: false,
        error: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
      },
    });
    expect(
      (await run(dockerCheck, preflightContext({ docker: docker.probe }))).map((r) => [
        r.status,
        r.found,
        r.action,
        r.failureClass,
      ]),
    ).toEqual([
      ["fail", "docker: 'buildx' is not a docker command.", INSTALL, "account"],
      [
        "fail",
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
        START,
        "account",
      ],
    ]);
  });

  it("GIVEN every service with its own image WHEN checked THEN one pass says Docker is not needed and nothing runs", async () => {
    const docker = fakeDocker({ buildx: { ok: false, error: "unused" }, info: { ok: false, error: "unused" } });
    const spec = stackSpec(
      "dev",
      "containerImage=123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2",
      "workerImage=123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-worker:1.4.2",
    );
    expect((await run(dockerCheck, preflightContext({ spec, docker: docker.probe }))).map(brief)).toEqual([
      { subject: "docker", status: "pass", expected: "not needed: every service sets its own image", found: "not checked" },
    ]);
    expect(docker.calls).toEqual([]);
  });
});

describe("exec probe", () => {
  // sh stands in for docker (it starts in milliseconds): the probe runs any command with the arguments it is given.
  const sh = (timeoutMs?: number) => execProbe("sh", timeoutMs);

  it("GIVEN a command that succeeds WHEN probed THEN its first non-empty output line is the answer", async () => {
    expect(await sh()(["-c", "printf '\\n  28.5.1  \\nmore\\n'"])).toEqual({ ok: true, output: "28.5.1" });
  });

  it("GIVEN a command that fails WHEN probed THEN its first stderr line is the error, or the exit message without stderr", async () => {
    expect(await sh()(["-c", "echo 'Cannot connect to the Docker daemon' >&2; exit 1"])).toEqual({
      ok: false,
      error: "Cannot connect to the Docker daemon",
    });
    expect(await sh()(["-c", "exit 3"])).toEqual({ ok: false, error: "Command failed: sh -c exit 3" });
  });

  it("GIVEN a command that does not answer WHEN probed THEN it is stopped at the timeout", async () => {
    expect(await sh(100)(["-c", "exec sleep 5"])).toEqual({
      ok: false,
      error: "`sh -c exec sleep 5` did not answer within 0.1 s",
    });
  });

  it("GIVEN no such command WHEN probed THEN it says it is not installed", async () => {
    expect(await execProbe("docker-not-installed-here")(["info"])).toEqual({
      ok: false,
      error: "docker-not-installed-here is not installed (not found on PATH)",
    });
  });
});

// The stack's aws:region and the caller's AWS_REGION / AWS_DEFAULT_REGION.
const VARIABLES = "AWS_REGION, AWS_DEFAULT_REGION";

describe("region check", () => {
  it("GIVEN aws:region us-east-1 and no region in the environment WHEN checked THEN both pass", async () => {
    expect((await run(regionCheck, preflightContext({ env: { AWS_REGION: "" } }))).map(brief)).toEqual([
      { subject: "aws:region", status: "pass", expected: "us-east-1", found: "us-east-1" },
      { subject: VARIABLES, status: "pass", expected: "unset or us-east-1", found: "unset" },
    ]);
  });

  it("GIVEN AWS_DEFAULT_REGION us-east-1 WHEN checked THEN the environment passes and shows it", async () => {
    const [, shell] = await run(regionCheck, preflightContext({ env: { AWS_DEFAULT_REGION: "us-east-1" } }));
    expect([shell.status, shell.found]).toEqual(["pass", "AWS_DEFAULT_REGION=us-east-1"]);
  });

  it("GIVEN AWS_REGION and AWS_DEFAULT_REGION elsewhere WHEN checked THEN a warning says the stack still deploys to us-east-1", async () => {
    const [, shell] = await run(
      regionCheck,
      preflightContext({ env: { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-central-1" } }),
    );
    expect(shell).toEqual({
      checkId: "local.region",
      title: "Region",
      subject: VARIABLES,
      status: "warn",
      expected: "unset or us-east-1",
      found: "AWS_REGION=eu-west-1, AWS_DEFAULT_REGION=eu-central-1",
      action:
        "the stack still deploys to us-east-1 (Pulumi uses the stack's aws:region and the program pins its providers) and preflight and verify call us-east-1, " +
        "but `aws` commands in this shell go to eu-west-1, eu-central-1: pass --region us-east-1 or export AWS_REGION=us-east-1",
    });
  });

  it("GIVEN aws:region unset WHEN checked THEN it warns with the config command", async () => {
    const [stack] = await run(regionCheck, preflightContext({ stackRegion: undefined }));
    expect([stack.status, stack.found, stack.action]).toEqual([
      "warn",
      "unset",
      "pulumi config set aws:region us-east-1 --stack dev (the program's providers are pinned to us-east-1; the stack's config should say so for every tool that reads it)",
    ]);
  });

  it("GIVEN aws:region another region WHEN checked THEN it fails (account)", async () => {
    const [stack] = await run(regionCheck, preflightContext({ stackRegion: "eu-west-1" }));
    expect([stack.status, stack.expected, stack.found, stack.failureClass, stack.action]).toEqual([
      "fail",
      "us-east-1",
      "eu-west-1",
      "account",
      "pulumi config set aws:region us-east-1 --stack dev: the platform deploys to us-east-1 only",
    ]);
  });
});
