/** A verify context over the fake account of ../support/deployedStack.ts, for one of the shipped stacks. */
import { createAwsClients } from "../../../../lib/checks/awsClients";
import { DeployedStack } from "../../../../lib/checks/verify/deployedStack";
import { VerifyContext } from "../../../../lib/checks/verify/verifyContext";
import { loadStack } from "../../../../lib/commands/stackConfig";
import { PROJECT_DIR } from "../../../../lib/commands/schema";
import { GOLDEN_STACKS } from "../../../../lib/commands/goldenStacks";
import { PlatformSpec } from "../../../../lib/spec";
import { ACCOUNT, BUSINESS_HOURS, goldenOutputs } from "../support/deployedStack";

const specs = new Map<string, PlatformSpec>();

/** The spec of a golden stack (dev, staging, prod) as `pulumi up` resolves it (cached: resolving is the slow part). */
export function stackSpec(name: string): PlatformSpec {
  if (!specs.has(name)) {
    const golden = GOLDEN_STACKS.find((g) => g.name === name)!;
    specs.set(name, loadStack(PROJECT_DIR, golden.stack, golden.overrides).spec);
  }
  return specs.get(name)!;
}

export function verifyContext(stack: string, overrides: Partial<VerifyContext> = {}): VerifyContext {
  const spec = overrides.spec ?? stackSpec(stack);
  const clients = createAwsClients("us-east-1");
  return {
    spec,
    outputs: goldenOutputs(stack),
    clients,
    deployed: new DeployedStack(spec, clients),
    accountId: ACCOUNT,
    now: BUSINESS_HOURS,
    latencyWindowMinutes: 15,
    http: {
      baseUrl: "https://unused.invalid",
      verifyCertificate: true,
      paymentsApi: false,
      healthPath: "/health",
      timeoutMs: 1000,
    },
    ...overrides,
  };
}
