/**
 * `npm run verify`: its flags, where it reads the outputs, the one-line exits (no credentials,
 * another stack's outputs, no Pulumi CLI), and the report and exit codes over the fake account of
 * test/unit/checks/support/deployedStack.ts (the HTTP checks run against loopback in their own test).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeClustersCommand } from "@aws-sdk/client-ecs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { createAwsClients } from "../../../lib/checks/awsClients";
import { latencyCheck } from "../../../lib/checks/verify/latencyCheck";
import { AWS_VERIFY_CHECKS } from "../../../lib/checks/verify/verifyChecks";
import { runCommand } from "../../../lib/commands/cli";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { readOutputsFile, readOutputsFromPulumi, runProgram } from "../../../lib/commands/stackOutputsSource";
import { createVerifyCommand, defaultVerifyDeps, parseVerifyArgs, VERIFY_USAGE, VerifyDeps } from "../../../lib/commands/verify";
import { answerAsDeployed, awsMocks, AwsMocks, BUSINESS_HOURS, goldenOutputs } from "../checks/support/deployedStack";
import { stackSpec } from "../checks/verify/support";
import { captureIo } from "../support/captureIo";
import { describeCommandLineConventions, unreachable } from "../support/commandConventions";

let mocks: AwsMocks;
beforeEach(() => {
  mocks = awsMocks();
});
afterEach(() => mocks.restore());

const deps = (overrides: Partial<VerifyDeps> = {}): VerifyDeps => ({
  projectDir: PROJECT_DIR,
  clients: () => createAwsClients("us-east-1"),
  readOutputs: async (args) => goldenOutputs(args.stack),
  now: () => BUSINESS_HOURS,
  checks: [...AWS_VERIFY_CHECKS, latencyCheck],
  ...overrides,
});

async function verify(argv: string[], overrides: Partial<VerifyDeps> = {}) {
  const io = captureIo();
  const code = await runCommand(createVerifyCommand(deps(overrides)), argv, io);
  return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

describe("verify's arguments", () => {
  it("GIVEN no flags THEN it verifies dev over 15 minutes with the payment round trip", () => {
    expect(parseVerifyArgs([])).toEqual({
      stack: "dev",
      overrides: [],
      outputs: undefined,
      json: false,
      windowMinutes: 15,
      skipPayment: false,
      help: false,
    });
  });

  it("GIVEN every flag THEN each is read", () => {
    expect(
      parseVerifyArgs([
        "--stack",
        "prod",
        "--outputs",
        "o.json",
        "--json",
        "--window",
        "60",
        "--skip-payment",
        "--config",
        "a=b",
      ]),
    ).toEqual({
      stack: "prod",
      overrides: ["a=b"],
      outputs: "o.json",
      json: true,
      windowMinutes: 60,
      skipPayment: true,
      help: false,
    });
  });

  it.each(["0", "1441", "2.5", "soon"])("GIVEN --window %s THEN it is a usage error naming the bound", (window) => {
    expect(() => parseVerifyArgs(["--window", window])).toThrow(`--window ${window}: expected whole minutes from 1 to 1440`);
  });

  it("GIVEN --help THEN it prints the usage with every exit code and exits 0", async () => {
    const { code, stdout } = await verify(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toBe(VERIFY_USAGE);
    expect(VERIFY_USAGE).toContain("  5 a check could not run");
    expect(VERIFY_USAGE).toContain("  7 the deployed stack differs");
    expect(VERIFY_USAGE).toContain("  8 the deployed stack is unhealthy");
    expect(VERIFY_USAGE).toContain("  9 the measured latency");
  });

  it("GIVEN a misspelled flag THEN it exits 2 with the usage and checks nothing", async () => {
    const { code, stderr } = await verify(["--stak", "dev"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--stak'");
    expect(stderr).toContain(VERIFY_USAGE);
    expect(mocks.sts.calls()).toHaveLength(0);
  });
});

describe("verify against the fake account", () => {
  it("GIVEN dev deployed as registered THEN every check passes and it exits 0 with the caller named", async () => {
    answerAsDeployed(mocks, stackSpec("dev"), "dev");
    const { code, stdout } = await verify(["--stack", "dev"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe(
      "verify: stack dev in account 123456789012 as arn:aws:sts::123456789012:assumed-role/deployer/ci",
    );
    // Dev's minimum (1) is its off-hours minimum: no scheduled action to check (2 fewer than before
    // December 2026), and its step-scaling policy is checked beside the target-tracking ones (1 more).
    expect(stdout.split("\n").at(-1)).toBe("61 checks passed, 0 warned, 0 failed; exit 0.");
  });

  it.each([
    [
      "dev",
      [
        ["compliance.albAccessLogs", "payment-alb-dev access logs"],
        ["compliance.vpcFlowLogs", "vpc-dev flow log"],
        ["compliance.archiveLifecycle", "payment-audit-archive-123456789012-dev lifecycle"],
        ["compliance.archivePublicAccess", "payment-audit-archive-123456789012-dev public access block"],
        ["compliance.auditStreams", "payment-audit-events-dev"],
        ["compliance.auditSubscriptions", "/ecs/payment-api-audit-dev"],
        ["compliance.auditSubscriptions", "/ecs/payment-worker-audit-dev"],
      ],
    ],
    [
      "prod",
      [
        ["compliance.albAccessLogs", "payment-alb-prod access logs"],
        ["compliance.waf", "payment-alb-prod web ACL"],
        ["compliance.waf", "payment-waf-prod logging"],
        ["compliance.vpcFlowLogs", "vpc-prod flow log"],
        ["compliance.archiveLifecycle", "payment-audit-archive-123456789012-prod lifecycle"],
        ["compliance.archivePublicAccess", "payment-audit-archive-123456789012-prod public access block"],
        ["compliance.auditStreams", "payment-audit-events-prod"],
        ["compliance.auditStreams", "payment-waf-logs-prod"],
        ["compliance.auditSubscriptions", "/ecs/payment-api-audit-prod"],
        ["compliance.auditSubscriptions", "/ecs/payment-worker-audit-prod"],
        ["compliance.auditSubscriptions", "aws-waf-logs-payment-prod"],
      ],
    ],
  ])(
    "GIVEN %s deployed as registered WHEN verify runs THEN exactly these compliance findings pass (WAF only where it is on) and it exits 0",
    async (stack, findings) => {
      answerAsDeployed(mocks, stackSpec(stack), stack);
      const { code, stdout } = await verify(["--stack", stack, "--json"]);
      const document = JSON.parse(stdout) as {
        counts: { fail: number };
        results: { checkId: string; subject: string; status: string }[];
      };
      expect([code, document.counts.fail]).toEqual([0, 0]);
      expect(
        document.results.filter((r) => r.checkId.startsWith("compliance.")).map((r) => [r.checkId, r.subject, r.status]),
      ).toEqual(findings.map(([checkId, subject]) => [checkId, subject, "pass"]));
    },
  );

  it("GIVEN an alarm in ALARM, a drifted cluster and a slow p99 THEN drift's exit 7 wins and each failure says what to do", async () => {
    answerAsDeployed(mocks, stackSpec("dev"), "dev", BUSINESS_HOURS, { p99Seconds: 0.31, requests: 100, errors: 0 });
    mocks.ecs.on(DescribeClustersCommand).resolves({
      clusters: [
        {
          clusterName: "ecs-cluster-dev",
          status: "ACTIVE",
          settings: [{ name: "containerInsights", value: "enabled" }],
          capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        },
      ],
    });
    mocks.cloudwatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
      MetricAlarms: input.AlarmNames.map((name) => ({
        AlarmName: name,
        StateValue: name === "payment-alb-5xx-dev" ? "ALARM" : "OK",
        StateReason: "5xx",
      })),
    }));
    const { code, stdout } = await verify(["--stack", "dev"]);
    expect(code).toBe(7);
    expect(stdout).toContain(
      [
        "FAIL ECS cluster: ecs-cluster-dev Container Insights (exit 7: drift)",
        "  expected: enhanced",
        "  found:    enabled",
        "  do:       run `pulumi up` for this stack to restore it (`pulumi preview --refresh` shows the difference first)",
      ].join("\n"),
    );
    expect(stdout).toContain("FAIL Alarms exist and are not firing: payment-alb-5xx-dev (exit 8: health)");
    expect(stdout).toContain("FAIL Measured p99 and 5xx rate: TargetResponseTime p99 (exit 9: slo)");
    // The 61 checks of dev deployed as registered, 3 of them failing.
    expect(stdout.split("\n").at(-1)).toBe("58 checks passed, 0 warned, 3 failed; exit 7.");
  });

  it("GIVEN --json and no traffic THEN the document has the counts, the warning and exit 0", async () => {
    answerAsDeployed(mocks, stackSpec("dev"), "dev");
    mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const { code, stdout } = await verify(["--stack", "dev", "--json"]);
    const document = JSON.parse(stdout);
    expect(code).toBe(0);
    expect([document.command, document.stack, document.exitCode, document.counts]).toEqual([
      "verify",
      "dev",
      0,
      // Dev's 61 checks with the latency's p99 a warning for want of datapoints.
      { pass: 59, warn: 1, fail: 0 },
    ]);
    expect(document.results.find((r: { status: string }) => r.status === "warn")).toMatchObject({
      checkId: "slo.latency",
      subject: "ALB metrics",
      found: "none",
    });
  });

  it("GIVEN no credentials THEN it prints one line and exits 5 before any check", async () => {
    mocks.sts
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    const { code, stdout, stderr } = await verify(["--stack", "dev"]);
    expect(code).toBe(5);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "verify: no valid AWS credentials (CredentialsProviderError: Could not load credentials from any providers): sign in first: set AWS_PROFILE and run `aws sso login`, or export AWS credentials for the account that runs the stack",
    );
    expect(mocks.ecs.calls()).toHaveLength(0);
  });

  it("GIVEN prod's outputs for the dev stack THEN it exits 2 naming both clusters", async () => {
    const { code, stderr } = await verify(["--stack", "dev"], { readOutputs: async () => goldenOutputs("prod") });
    expect(code).toBe(2);
    expect(stderr).toContain(
      "pulumi stack output --stack dev: clusterName is ecs-cluster-prod, but stack dev (environmentSuffix dev) deploys ecs-cluster-dev: pass the outputs of the same stack",
    );
  });

  it("GIVEN an error that is not about access THEN it is not swallowed (exit 1) and the clients are closed", async () => {
    const destroy = jest.fn();
    answerAsDeployed(mocks, stackSpec("dev"), "dev");
    const { code, stderr } = await verify(["--stack", "dev"], {
      clients: () => ({ ...createAwsClients("us-east-1"), destroy }),
      now: () => {
        throw new Error("clock broke");
      },
    });
    expect([code, stderr]).toEqual([1, "error: clock broke"]);
    expect(destroy).toHaveBeenCalledTimes(1);
  });
});

describe("what verify sends over HTTP", () => {
  /** The HTTP target verify builds, seen by a check standing in for the HTTP ones. */
  async function httpTargetFor(argv: string[]) {
    answerAsDeployed(mocks, stackSpec("dev"), "dev");
    let seen: unknown;
    const spy = {
      id: "spy",
      title: "Spy",
      failureClass: "health" as const,
      permissions: [],
      run: async (ctx: { http: unknown }) => ((seen = ctx.http), []),
    };
    expect((await verify(argv, { checks: [spy] })).code).toBe(0);
    return seen;
  }

  it("GIVEN dev with the reference service THEN it checks https://<alb>/health without verifying the self-signed certificate, and pays", async () => {
    expect(await httpTargetFor(["--stack", "dev"])).toEqual({
      baseUrl: "https://payment-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
      redirectFromUrl: "http://payment-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
      verifyCertificate: false,
      paymentsApi: true,
      healthPath: "/health",
      timeoutMs: 10000,
    });
  });

  it("GIVEN prod with its certificate and the API's own name THEN the certificate is verified for that name", async () => {
    expect(
      await httpTargetFor([
        "--stack",
        "dev",
        "--config",
        "certificateArn=arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
        "--config",
        "apiDomainName=api.payments.example.com",
      ]),
    ).toMatchObject({
      verifyCertificate: true,
      serverName: "api.payments.example.com",
      baseUrl: "https://payment-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
    });
  });

  it("GIVEN --skip-payment THEN no payment round trip", async () => {
    expect(await httpTargetFor(["--stack", "dev", "--skip-payment"])).toMatchObject({
      paymentsApi: false,
      healthPath: "/health",
    });
  });

  it("GIVEN the team's own API image THEN it checks the target group's health path and sends no payment", async () => {
    expect(await httpTargetFor(["--stack", "dev", "--config", "containerImage=registry.example.com/payments:1.0"])).toMatchObject(
      {
        paymentsApi: false,
        healthPath: "/ready",
      },
    );
  });

  it("GIVEN no traffic in text mode THEN the warning is listed with what to do, and the exit is 0", async () => {
    answerAsDeployed(mocks, stackSpec("dev"), "dev");
    mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const { code, stdout } = await verify(["--stack", "dev"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        "WARN Measured p99 and 5xx rate: ALB metrics",
        "  expected: requests in the last 15 minutes",
        "  found:    none",
        "  do:       send traffic first (`npm run loadtest -- --stack <name> --url <albUrl>`), then verify again",
      ].join("\n"),
    );
  });
});

describe("where verify reads the outputs", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-outputs-"));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const planOutputs = JSON.stringify(
    JSON.parse(fs.readFileSync(path.join(__dirname, "../../golden/plan-dev.json"), "utf8")).outputs,
  );

  it("GIVEN --outputs with the stack's outputs THEN they are read", () => {
    expect(readOutputsFile(write("ok.json", planOutputs)).albDnsName).toBe(
      "payment-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
    );
  });

  it("GIVEN --outputs naming no file THEN the error says how to write one", () => {
    expect(() => readOutputsFile(path.join(dir, "missing.json"))).toThrow(
      `no such file; write it with \`pulumi stack output --json --show-secrets --stack <name> > ${path.join(dir, "missing.json")}\``,
    );
  });

  it("GIVEN a file that is not JSON THEN the error names it", () => {
    expect(() => readOutputsFile(write("bad.json", "{"))).toThrow(`${path.join(dir, "bad.json")}: not JSON`);
  });

  it("GIVEN outputs missing keys THEN every missing key is named at once", () => {
    expect(() => readOutputsFile(write("partial.json", '{"clusterName":"ecs-cluster-dev","privateSubnetIds":[1]}'))).toThrow(
      [
        "output albDnsName is missing or not a string",
        "output kmsKeyArn is missing or not a string",
        "output paymentsTableName is missing or not a string",
        "output privateSubnetIds is missing or not a list of subnet ids",
      ]
        .map((problem) => `${path.join(dir, "partial.json")}: ${problem}`)
        .join(" (is this the output of this project's stack, after `pulumi up`?)\n  - "),
    );
  });

  it("GIVEN a JSON array THEN it is not the outputs object", () => {
    expect(() => readOutputsFile(write("array.json", "[]"))).toThrow(
      "expected the JSON object that `pulumi stack output --json --show-secrets` prints",
    );
  });

  it("GIVEN the Pulumi CLI THEN it runs `pulumi stack output --json --show-secrets --stack <name>` in the project", async () => {
    const run = jest.fn(async () => planOutputs);
    expect((await readOutputsFromPulumi("dev", "/project", run)).clusterName).toBe("ecs-cluster-dev");
    expect(run).toHaveBeenCalledWith("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", "dev"], "/project");
  });

  it("GIVEN no Pulumi CLI on PATH THEN the usage error says to install it or pass --outputs", async () => {
    const run = async () => Promise.reject(Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" }));
    await expect(readOutputsFromPulumi("dev", "/project", run)).rejects.toThrow("the Pulumi CLI is not on PATH: install it");
  });

  it("GIVEN the CLI fails THEN its first stderr line is the reason, or its message when stderr is empty", async () => {
    const failing = (stderr?: string) => async () =>
      Promise.reject(Object.assign(new Error("Command failed: pulumi"), { code: 255, stderr }));
    await expect(readOutputsFromPulumi("dev", "/p", failing("error: no stack named 'dev' found\nmore"))).rejects.toThrow(
      "pulumi stack output --stack dev failed: error: no stack named 'dev' found",
    );
    await expect(readOutputsFromPulumi("dev", "/p", failing(""))).rejects.toThrow(
      "pulumi stack output --stack dev failed: Command failed: pulumi",
    );
    await expect(readOutputsFromPulumi("dev", "/p", failing(undefined))).rejects.toThrow(
      "pulumi stack output --stack dev failed: Command failed: pulumi",
    );
  });

  it("GIVEN the real runner THEN it resolves with a program's stdout, and rejects with its stderr when it fails", async () => {
    await expect(runProgram(process.execPath, ["-e", "process.stdout.write('out')"], dir)).resolves.toBe("out");
    await expect(runProgram(process.execPath, ["-e", "process.stderr.write('why'); process.exit(3)"], dir)).rejects.toMatchObject(
      { code: 3, stderr: "why" },
    );
  });

  it("GIVEN the default dependencies without --outputs and no pulumi on PATH THEN they ask the Pulumi CLI and say it is missing", async () => {
    const saved = process.env.PATH;
    process.env.PATH = "";
    try {
      await expect(defaultVerifyDeps.readOutputs(parseVerifyArgs(["--stack", "dev"]), PROJECT_DIR)).rejects.toThrow(
        "the Pulumi CLI is not on PATH",
      );
    } finally {
      process.env.PATH = saved;
    }
  });

  it("GIVEN the default dependencies THEN --outputs is read from the file and nothing else is needed", async () => {
    const file = write("default.json", planOutputs);
    expect((await defaultVerifyDeps.readOutputs(parseVerifyArgs(["--outputs", file]), PROJECT_DIR)).clusterName).toBe(
      "ecs-cluster-dev",
    );
    expect(defaultVerifyDeps.now()).toBeInstanceOf(Date);
    const clients = defaultVerifyDeps.clients();
    expect(typeof clients.ecs.send).toBe("function");
    clients.destroy();
  });
});

describeCommandLineConventions(
  "verify",
  () =>
    createVerifyCommand({
      projectDir: "/nonexistent",
      clients: unreachable,
      readOutputs: unreachable,
      now: unreachable,
      checks: [],
    }),
  VERIFY_USAGE,
);
