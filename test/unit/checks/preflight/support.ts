/** Preflight contexts over the repository's stack files, AWS mocks that answer nothing until told, and one check's results. */
import { mockClient } from "aws-sdk-client-mock";
import { ACMClient } from "@aws-sdk/client-acm";
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { IAMClient } from "@aws-sdk/client-iam";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsClients } from "../../../../lib/checks/awsClients";
import { CheckResult } from "../../../../lib/checks/checkResult";
import { PreflightContext } from "../../../../lib/checks/preflight/preflightContext";
import { CheckDefinition, runChecks } from "../../../../lib/checks/runChecks";
import { PROJECT_DIR } from "../../../../lib/commands/schema";
import { loadStack } from "../../../../lib/commands/stackConfig";
import { PlatformSpec } from "../../../../lib/spec";

export const ACCOUNT = "123456789012";
export const NOW = new Date("2026-12-01T15:00:00Z");
/** A certificate of ACCOUNT in us-east-1 that is not the shipped placeholder. */
export const CERTIFICATE_ARN = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0a1b2c3d-1111-2222-3333-444455556666`;

const specs = new Map<string, PlatformSpec>();

/** A repository stack (Pulumi.<stack>.yaml) with `--config` overrides, as `pulumi up` resolves it (cached). */
export function stackSpec(stack: "dev" | "prod", ...overrides: string[]): PlatformSpec {
  const key = [stack, ...overrides].join(" ");
  if (!specs.has(key)) specs.set(key, loadStack(PROJECT_DIR, stack, overrides).spec);
  return specs.get(key)!;
}

/** Prod with a real-looking certificate instead of the shipped placeholder. */
export const prodSpec = (...overrides: string[]) => stackSpec("prod", `certificateArn=${CERTIFICATE_ARN}`, ...overrides);

/**
 * Only the clients preflight's checks call: a check reaching for another one fails on undefined.
 * (createAwsClients would load every SDK client module the verify checks need, most of a second.)
 */
export function preflightClients(): AwsClients {
  const config = { region: "us-east-1" };
  return {
    quotas: new ServiceQuotasClient(config),
    iam: new IAMClient(config),
    acm: new ACMClient(config),
    costExplorer: new CostExplorerClient(config),
    sts: new STSClient(config),
    destroy: () => undefined,
  } as Partial<AwsClients> as AwsClients;
}

export function preflightContext(overrides: Partial<PreflightContext> = {}): PreflightContext {
  return {
    spec: stackSpec("dev"),
    clients: preflightClients(),
    accountId: ACCOUNT,
    now: NOW,
    stackRegion: "us-east-1",
    env: {},
    docker: async () => ({ ok: true, output: "unused" }),
    ...overrides,
  };
}

export interface AwsMocks {
  quotas: ReturnType<typeof mockClient>;
  iam: ReturnType<typeof mockClient>;
  acm: ReturnType<typeof mockClient>;
  costExplorer: ReturnType<typeof mockClient>;
  sts: ReturnType<typeof mockClient>;
  restore(): void;
}

/** Mocks of every client preflight calls; an unanswered call resolves undefined. */
export function awsMocks(): AwsMocks {
  const mocks = {
    quotas: mockClient(ServiceQuotasClient),
    iam: mockClient(IAMClient),
    acm: mockClient(ACMClient),
    costExplorer: mockClient(CostExplorerClient),
    sts: mockClient(STSClient),
  };
  return { ...mocks, restore: () => Object.values(mocks).forEach((m) => m.restore()) };
}

/** An SDK error as the SDK names it. */
export { awsError } from "../support/awsError";

/** One check's results through runChecks (so a thrown error becomes its access failure). */
export const run = (check: CheckDefinition<PreflightContext>, ctx: PreflightContext): Promise<CheckResult[]> =>
  runChecks([check], ctx);

/** The fields a test states about a result. */
export const brief = (r: CheckResult) => ({ subject: r.subject, status: r.status, expected: r.expected, found: r.found });
