/**
 * The offline plan as a user runs it: summary, JSON document, overrides, and clear errors.
 */
import type { Io } from "../../../lib/commands/cli";
import { parsePlanArgs, PLAN_USAGE } from "../../../lib/commands/plan/planCommand";
import { captureIo } from "../support/captureIo";

/** Runs `npm run plan -- <argv>` in fresh modules; returns the exit code and what was printed. */
async function plan(argv: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo>; warnings: string[] }> {
  const io = captureIo();
  // `pulumi.log.warn` prints through console.warn under the mock engine: keep it for assertions.
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  let code = -1;
  await jest.isolateModulesAsync(async () => {
    const { runCommand } = await import("../../../lib/commands/cli");
    const { planCommand } = await import("../../../lib/commands/plan/planCommand");
    code = await runCommand(planCommand, argv, io as Io);
  });
  const warnings = warn.mock.calls.map((c) => String(c[0]));
  warn.mockRestore();
  return { code, io, warnings };
}

describe("npm run plan", () => {
  it("GIVEN no flags WHEN run THEN it prints the dev summary with settings and resources by component", async () => {
    const { code, io, warnings } = await plan([]);
    expect([code, warnings]).toEqual([0, []]);
    const text = io.stdout.join("\n");
    expect(text).toContain(
      'Plan for payment-platform / dev (environment dev, suffix "dev", us-east-1), computed offline: nothing was deployed',
    );
    expect(text).toContain(
      "  NAT gateways: single (1); interface endpoints (ECR api, ECR dkr, Logs): off (setting: auto); S3 gateway endpoint: on",
    );
    expect(text).toContain("  capacity: FARGATE weight 1, FARGATE_SPOT weight 3");
    expect(text).toContain("Resources: 99 (8 components)");
    expect(text).toContain("Savings: 260.84 USD per month (40.2%), meets the 40% target.");
    expect(text).toContain("  PASS spike ");
    expect(text).toContain("  meets target: yes");
    expect(text).toContain("  network-dev (payment:network:Network): 34");
    expect(text).toContain(
      "  load-balancer-dev (payment:loadBalancer:LoadBalancer): 7\n      1  aws:acm/certificate:Certificate",
    );
    expect(text).toContain("      1  tls:index/privateKey:PrivateKey");
  });

  it("GIVEN --stack prod --json WHEN run THEN it prints the plan document", async () => {
    const { code, io } = await plan(["--stack", "prod", "--json"]);
    expect(code).toBe(0);
    const document = JSON.parse(io.stdout.join(""));
    expect(Object.keys(document).slice(0, 6)).toEqual([
      "project",
      "stack",
      "environmentSuffix",
      "region",
      "resources",
      "outputs",
    ]);
    expect([document.project, document.stack, document.environmentSuffix, document.region]).toEqual([
      "payment-platform",
      "prod",
      "prod",
      "us-east-1",
    ]);
    expect(document.resources).toHaveLength(110);
    expect(document.resources[0]).toEqual({
      type: "payment:platform:PaymentPlatform",
      name: "payment-platform-prod",
      parent: null,
    });
    expect(document.resources).toContainEqual({
      type: "aws:ecs/cluster:Cluster",
      name: "ecs-cluster-prod",
      parent: "compute-prod",
    });
    expect(document.outputs.clusterName).toBe("ecs-cluster-prod");
    expect(Object.keys(document).slice(6)).toEqual(["cost", "slo"]);
    expect([
      document.cost.meetsTarget,
      document.cost.minSavingsPercent,
      document.slo.meetsTarget,
      document.slo.targetP99Ms,
    ]).toEqual([true, 40, true, 200]);
    expect(document.slo.scenarios.map((s: { name: string; passed: boolean }) => [s.name, s.passed])).toEqual([
      ["diurnal", true],
      ["spike", true],
      ["spot-reclaim", true],
      ["az-loss", true],
    ]);
    const waterfall = document.cost.levers.reduce((sum: number, l: { monthlyUsdSaved: number }) => sum + l.monthlyUsdSaved, 0);
    expect(waterfall).toBeCloseTo(document.cost.savingsUsd, 9);
  });

  it("GIVEN settings that miss the savings target WHEN run THEN exit 3 with the reason", async () => {
    const { code, io, warnings } = await plan(["--config", "minSavingsPercent=50"]);
    expect(code).toBe(3);
    expect(warnings).toEqual([
      "warning: [runtime] Estimated savings 40.2% are below minSavingsPercent 50% (baseline 648.92 USD, this stack 388.08 USD per month). Run `npm run plan` for the line items and the savings waterfall.",
    ]);
    expect(io.stderr.at(-1)).toBe(
      "cost target missed: this stack saves 40.2% against the baseline, below minSavingsPercent 50%. The savings waterfall in the plan shows which levers are not pulled; change those settings (or, with a reason, minSavingsPercent).",
    );
  });

  it("GIVEN settings that miss the p99 SLO WHEN run THEN exit 4 with the failing scenarios", async () => {
    const { code, io } = await plan(["--config", "apiCpu=256", "--config", "apiMemory=512"]);
    expect(code).toBe(4);
    expect(io.stderr.at(-1)).toMatch(
      /^SLO missed: p99 must stay under 200 ms \(peak hour p99 [^;]+; failing scenarios: diurnal, .*\)\. Run `npm run optimize` for the cheapest settings that pass\.$/,
    );
  });

  it("GIVEN --config overrides WHEN run THEN they change the plan for this run only", async () => {
    const { code, io } = await plan(["--config", "healthCheckPath=/ready", "--config", "environmentSuffix=pr-7"]);
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain('suffix "pr-7"');
    expect(text).toContain("  health check /ready every 10 s");
  });

  it("GIVEN environmentSuffix=Bad_Suffix WHEN run THEN exit 2 with the validation message and no stack trace", async () => {
    const { code, io } = await plan(["--config", "environmentSuffix=Bad_Suffix"]);
    expect(code).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      'Invalid stack configuration:\n  - environmentSuffix = "Bad_Suffix": must be 1-20 lowercase letters, digits or inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters). Example: pulumi config set environmentSuffix dev',
    ]);
  });

  it("GIVEN an unknown flag WHEN run THEN exit 2 with the usage", async () => {
    const { code, io } = await plan(["--stak", "dev"]);
    expect(code).toBe(2);
    expect(io.stderr[0]).toContain("Unknown option '--stak'");
    expect(io.stderr[0]).toContain(PLAN_USAGE);
  });

  it("GIVEN --help WHEN run THEN the usage is printed", async () => {
    const { code, io } = await plan(["--help"]);
    expect([code, io.stdout]).toEqual([0, [PLAN_USAGE]]);
  });

  it("GIVEN flags WHEN parsed THEN defaults and repeats are kept", () => {
    expect(parsePlanArgs([])).toEqual({ stack: "dev", json: false, overrides: [], help: false });
    expect(parsePlanArgs(["--config", "a=1", "--config", "b=2", "--json"])).toEqual({
      stack: "dev",
      json: true,
      overrides: ["a=1", "b=2"],
      help: false,
    });
  });
});
