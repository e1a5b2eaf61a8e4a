/**
 * `npm run preflight` (lib/commands/preflight.ts, bin/preflight.ts) on the repository's stack files:
 * usage, a bad flag, no credentials, all pass, a blocker, --json, and the IAM actions the docs list.
 */
import { DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { ListCostAllocationTagsCommand } from "@aws-sdk/client-cost-explorer";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetServiceQuotaCommand } from "@aws-sdk/client-service-quotas";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { PREFLIGHT_CHECKS } from "../../../../lib/checks/preflight/preflightChecks";
import { callerPolicyActions } from "../../../../lib/checks/runChecks";
import { runCommand } from "../../../../lib/commands/cli";
import { createPreflightCommand, defaultPreflightDeps, PREFLIGHT_USAGE, PreflightDeps } from "../../../../lib/commands/preflight";
import { PROJECT_DIR } from "../../../../lib/commands/schema";
import { capturingIo } from "../../commands/commandIo";
import { ACCOUNT, awsError, awsMocks, AwsMocks, CERTIFICATE_ARN, NOW, preflightClients } from "./support";
import { describeCommandLineConventions, unreachable } from "../../support/commandConventions";

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci`;

/** An account where every check passes: big quotas, the roles present, the certificate issued, the tag active. */
function readyAccount() {
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: CALLER, UserId: "AROAEXAMPLE:ci" });
  mocks.quotas.on(GetServiceQuotaCommand).callsFake(async (input: { QuotaCode: string }) => ({
    Quota: { QuotaCode: input.QuotaCode, Value: 4000 },
  }));
  mocks.iam.on(GetRoleCommand).callsFake(async (input: { RoleName: string }) => ({
    Role: { RoleName: input.RoleName, Arn: `arn:aws:iam::${ACCOUNT}:role/${input.RoleName}` },
  }));
  mocks.acm.on(DescribeCertificateCommand).resolves({
    Certificate: {
      CertificateArn: CERTIFICATE_ARN,
      DomainName: "api.acme-payments.io",
      Status: "ISSUED",
      Type: "AMAZON_ISSUED",
      NotAfter: new Date("2027-06-01T00:00:00Z"),
    },
  });
  mocks.costExplorer
    .on(ListCostAllocationTagsCommand)
    .resolves({ CostAllocationTags: [{ TagKey: "EnvironmentSuffix", Type: "UserDefined", Status: "Active" }] });
}

function command(overrides: Partial<PreflightDeps> = {}) {
  const destroy = jest.fn();
  const deps: PreflightDeps = {
    projectDir: PROJECT_DIR,
    clients: () => ({ ...preflightClients(), destroy }),
    docker: async (args) => ({ ok: true, output: args[0] === "info" ? "28.5.1" : "github.com/docker/buildx v0.29.1" }),
    env: {},
    now: () => NOW,
    ...overrides,
  };
  return { run: createPreflightCommand(deps), destroy };
}

const PROD = [
  "--stack",
  "prod",
  "--config",
  `certificateArn=${CERTIFICATE_ARN}`,
  "--config",
  "apiDomainName=api.acme-payments.io",
];

describe("preflight command", () => {
  it("GIVEN --help WHEN run THEN it prints the usage with the exit codes and the IAM actions, and calls no AWS", async () => {
    const io = capturingIo();
    expect(await runCommand(command().run, ["--help"], io)).toBe(0);
    expect(io.stdout).toEqual([PREFLIGHT_USAGE]);
    expect(PREFLIGHT_USAGE).toMatch(/^usage: npm run preflight -- --stack <name> \[--json\] \[--config key=value\]\.\.\.\n/);
    expect(PREFLIGHT_USAGE).toContain("\n  5 a check could not run: no or expired credentials, access denied, or throttled\n");
    expect(PREFLIGHT_USAGE).toContain(
      "\n  6 the account is not ready for a first deploy (quota, service-linked role, certificate, tag, Docker, region)\n",
    );
    expect(PREFLIGHT_USAGE).toContain(`IAM actions it needs: ${callerPolicyActions(PREFLIGHT_CHECKS).join(", ")}.`);
    expect(mocks.sts.calls()).toHaveLength(0);
  });

  it("GIVEN a misspelled flag WHEN run THEN it exits 2 with the error and the usage on stderr", async () => {
    const io = capturingIo();
    expect(await runCommand(command().run, ["--stak", "dev"], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([`Unknown option '--stak'\n${PREFLIGHT_USAGE}`]);
  });

  it("GIVEN invalid stack config WHEN run THEN it exits 2 before calling AWS", async () => {
    const io = capturingIo();
    expect(await runCommand(command().run, ["--config", "environmentSuffix=Bad_Suffix"], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toContain("environmentSuffix");
    expect(mocks.sts.calls()).toHaveLength(0);
  });

  it("GIVEN no credentials (STS rejects with CredentialsProviderError) WHEN run THEN one stderr line, exit 5, no check runs", async () => {
    mocks.sts
      .on(GetCallerIdentityCommand)
      .rejects(awsError("CredentialsProviderError", "Could not load credentials from any providers"));
    const io = capturingIo();
    const preflight = command();
    expect(await runCommand(preflight.run, ["--stack", "dev"], io)).toBe(5);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      "preflight: no valid AWS credentials (CredentialsProviderError: Could not load credentials from any providers): sign in first: set AWS_PROFILE and run `aws sso login`, or export AWS credentials for the account that runs the stack",
    ]);
    expect(mocks.quotas.calls()).toHaveLength(0);
    expect(preflight.destroy).toHaveBeenCalledTimes(1);
  });

  it("GIVEN a ready account and prod with its certificate WHEN run THEN every check passes and it exits 0", async () => {
    readyAccount();
    const io = capturingIo();
    const preflight = command();
    expect(await runCommand(preflight.run, PROD, io)).toBe(0);
    expect(io.stderr).toEqual([]);
    const lines = io.stdout[0].split("\n");
    expect(lines[0]).toBe(`preflight: stack prod in account ${ACCOUNT} as ${CALLER}`);
    expect(lines.filter((l) => /^(PASS|WARN|FAIL) /.test(l))).toHaveLength(14);
    expect(lines.filter((l) => /^(WARN|FAIL) /.test(l))).toEqual([]);
    expect(lines[lines.length - 1]).toBe("14 checks passed, 0 warned, 0 failed; exit 0.");
    expect(preflight.destroy).toHaveBeenCalledTimes(1);
  });

  it("GIVEN an on-demand quota below dev's need and an inactive tag WHEN run THEN the blocker exits 6 and both are explained", async () => {
    readyAccount();
    mocks.quotas
      .on(GetServiceQuotaCommand, { QuotaCode: "L-3032A538" })
      .resolves({ Quota: { QuotaCode: "L-3032A538", Value: 4 } });
    mocks.costExplorer
      .on(ListCostAllocationTagsCommand)
      .resolves({ CostAllocationTags: [{ TagKey: "EnvironmentSuffix", Type: "UserDefined", Status: "Inactive" }] });
    const io = capturingIo();
    expect(await runCommand(command().run, ["--stack", "dev"], io)).toBe(6);
    const text = io.stdout[0];
    expect(text).toContain("\nFAIL Fargate vCPU quota: Fargate On-Demand vCPU resource count (L-3032A538) (exit 6: account)\n");
    expect(text).toContain(
      "\nWARN Cost-allocation tag: EnvironmentSuffix\n  expected: Active (the budget and the anomaly monitor filter on it)\n  found:    Inactive\n",
    );
    expect(text.endsWith("\n9 checks passed, 1 warned, 1 failed; exit 6.")).toBe(true);
  });

  it("GIVEN an access-denied check beside a blocker WHEN run THEN exit 5 wins and the denied check names its permission", async () => {
    readyAccount();
    mocks.quotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 1 } });
    mocks.iam.on(GetRoleCommand).rejects(awsError("AccessDenied", "User is not authorized to perform: iam:GetRole"));
    const io = capturingIo();
    expect(await runCommand(command().run, ["--stack", "dev", "--json"], io)).toBe(5);
    const document = JSON.parse(io.stdout[0]);
    expect(document.exitCode).toBe(5);
    expect(
      document.results
        .filter((r: { status: string }) => r.status === "fail")
        .map((r: { checkId: string; failureClass: string }) => [r.checkId, r.failureClass]),
    ).toEqual([
      ["account.fargateQuota", "account"],
      ["account.fargateQuota", "account"],
      ["account.serviceLinkedRoles", "access"],
    ]);
  });

  it("GIVEN --json WHEN run THEN one document with the command, stack, exit code, counts and every result in check order", async () => {
    readyAccount();
    const io = capturingIo();
    expect(await runCommand(command({ env: { AWS_REGION: "eu-west-1" } }).run, ["--stack", "dev", "--json"], io)).toBe(0);
    const document = JSON.parse(io.stdout[0]);
    expect(Object.keys(document)).toEqual(["command", "stack", "exitCode", "counts", "results"]);
    expect([document.command, document.stack, document.exitCode, document.counts]).toEqual([
      "preflight",
      "dev",
      0,
      { pass: 10, warn: 1, fail: 0 },
    ]);
    expect(document.results.map((r: { checkId: string }) => r.checkId)).toEqual([
      ...Array(2).fill("account.fargateQuota"),
      ...Array(3).fill("account.serviceLinkedRoles"),
      "account.certificate",
      "account.costAllocationTag",
      ...Array(2).fill("local.docker"),
      ...Array(2).fill("local.region"),
    ]);
    expect(document.results[document.results.length - 1]).toEqual({
      checkId: "local.region",
      title: "Region",
      subject: "AWS_REGION, AWS_DEFAULT_REGION",
      status: "warn",
      expected: "unset or us-east-1",
      found: "AWS_REGION=eu-west-1",
      action: expect.stringContaining("the stack still deploys to us-east-1"),
    });
    expect(mocks.sts.calls()).toHaveLength(1);
  });

  it("GIVEN output that cannot be written WHEN run THEN the error is not taken for an access failure and the clients are closed", async () => {
    readyAccount();
    const io = capturingIo();
    io.out = () => {
      throw new Error("write EPIPE");
    };
    const preflight = command();
    expect(await runCommand(preflight.run, ["--stack", "dev"], io)).toBe(1);
    expect(io.stderr).toEqual(["error: write EPIPE"]);
    expect(preflight.destroy).toHaveBeenCalledTimes(1);
  });

  it("GIVEN the default dependencies THEN they use us-east-1, the real Docker probe, the process environment and the clock", async () => {
    const clients = defaultPreflightDeps.clients();
    expect(await clients.quotas.config.region()).toBe("us-east-1");
    clients.destroy();
    expect(defaultPreflightDeps.projectDir).toBe(PROJECT_DIR);
    expect(defaultPreflightDeps.env).toBe(process.env);
    expect(typeof defaultPreflightDeps.docker).toBe("function");
    expect(Math.abs(defaultPreflightDeps.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("GIVEN bin/preflight.ts WHEN loaded with --help THEN it prints the usage once and sets exit code 0", async () => {
    const saved = [process.argv, process.exitCode] as const;
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    process.argv = ["node", "bin/preflight.ts", "--help"];
    process.exitCode = undefined;
    await import("../../../../bin/preflight");
    while (process.exitCode === undefined) await new Promise((resolve) => setImmediate(resolve));
    expect(process.exitCode).toBe(0);
    expect(write.mock.calls).toEqual([[`${PREFLIGHT_USAGE}\n`]]);
    write.mockRestore();
    [process.argv, process.exitCode] = [saved[0], saved[1]];
  });

  it("GIVEN the checks THEN the policy preflight asks for is the read-only actions they and STS call", () => {
    expect(callerPolicyActions(PREFLIGHT_CHECKS)).toEqual([
      "acm:DescribeCertificate",
      "ce:ListCostAllocationTags",
      "iam:GetRole",
      "servicequotas:GetAWSDefaultServiceQuota",
      "servicequotas:GetServiceQuota",
      "sts:GetCallerIdentity",
    ]);
  });
});

describeCommandLineConventions(
  "preflight",
  () =>
    createPreflightCommand({ projectDir: "/nonexistent", clients: unreachable, docker: unreachable, env: {}, now: unreachable }),
  PREFLIGHT_USAGE,
);
