/**
 * The offline plan as a user runs it: summary, JSON document, overrides, and clear errors.
 */
import type { Io } from "../../../lib/cli/run";
import { parsePlanArgs, PLAN_USAGE } from "../../../lib/plan/planCommand";
import { captureIo } from "../support/captureIo";

/** Runs `npm run plan -- <argv>` in fresh modules; returns the exit code and what was printed. */
async function plan(argv: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo> }> {
  const io = captureIo();
  let code = -1;
  await jest.isolateModulesAsync(async () => {
    const { runCommand } = await import("../../../lib/cli/run");
    const { planCommand } = await import("../../../lib/plan/planCommand");
    code = await runCommand(planCommand, argv, io as Io);
  });
  return { code, io };
}

describe("npm run plan", () => {
  it("GIVEN no flags WHEN run THEN it prints the dev summary with settings and resources by component", async () => {
    const { code, io } = await plan([]);
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain('Plan for payment-platform / dev (environment dev, suffix "dev", us-east-1), computed offline: nothing was deployed');
    expect(text).toContain("  NAT gateways: single (1); interface endpoints (ECR api, ECR dkr, Logs): off (setting: off); S3 gateway endpoint: on");
    expect(text).toContain("  capacity: FARGATE_SPOT weight 1");
    expect(text).toContain("Resources: 93 (7 components)");
    expect(text).toContain("  network-dev (payment:network:Network): 34");
    expect(text).toContain("  load-balancer-dev (payment:loadBalancer:LoadBalancer): 7\n      1  aws:acm/certificate:Certificate");
    expect(text).toContain("      1  tls:index/privateKey:PrivateKey");
  });

  it("GIVEN --stack prod --json WHEN run THEN it prints the plan document", async () => {
    const { code, io } = await plan(["--stack", "prod", "--json"]);
    expect(code).toBe(0);
    const document = JSON.parse(io.stdout.join(""));
    expect(Object.keys(document).slice(0, 6)).toEqual(["project", "stack", "environmentSuffix", "region", "resources", "outputs"]);
    expect([document.project, document.stack, document.environmentSuffix, document.region]).toEqual(["payment-platform", "prod", "prod", "us-east-1"]);
    expect(document.resources).toHaveLength(110);
    expect(document.resources[0]).toEqual({ type: "payment:platform:PaymentPlatform", name: "payment-platform-prod", parent: null });
    expect(document.resources).toContainEqual({ type: "aws:ecs/cluster:Cluster", name: "ecs-cluster-prod", parent: "compute-prod" });
    expect(document.outputs.clusterName).toBe("ecs-cluster-prod");
  });

  it("GIVEN --config overrides WHEN run THEN they change the plan for this run only", async () => {
    const { code, io } = await plan(["--config", "natGateways=perAz", "--config", "environmentSuffix=pr-7"]);
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain('suffix "pr-7"');
    expect(text).toContain("NAT gateways: perAz (2)");
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
    expect(parsePlanArgs(["--config", "a=1", "--config", "b=2", "--json"])).toEqual({ stack: "dev", json: true, overrides: ["a=1", "b=2"], help: false });
  });
});
