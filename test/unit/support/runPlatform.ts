/**
 * Runs the real program under the in-process mock engine with the given config and returns what it
 * registered. Each run installs a fresh mock engine (setMocks replaces the runtime's monitor and config).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { GOLDEN_STACKS } from "../../../lib/commands/goldenStacks";
import { type RecordedResource, Registrations } from "../../../lib/commands/registrations";
import type { PlanDocument } from "../../../lib/commands/plan/planDocument";
import { PROJECT_DIR } from "../../../lib/commands/schema";
import { loadStack } from "../../../lib/commands/stackConfig";
import type { ServiceCatalog } from "../../../lib/config/services";
import type { PlatformSpec } from "../../../lib/spec";

export const PROJECT = "payment-platform";
const GOLDEN = join(__dirname, "..", "..", "golden");

export interface PlatformRun {
  engine: Registrations;
  spec: PlatformSpec;
  outputs: Record<string, unknown>;
  /** What the program logged with pulumi.log.warn (printed through console.warn under mocks). */
  warnings: string[];
}

export const DEV_CONFIG = { environment: "dev", environmentSuffix: "dev" };
export const PROD_CONFIG = {
  environment: "prod",
  environmentSuffix: "prod",
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
  // Not placeholders (lib/config/placeholders.ts): the program runs as `pulumi up` would, without warnings.
  alarmEmail: "payments-oncall@acme-payments.io",
};

export function qualify(config: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${PROJECT}:${k}`, v]));
}

/** `catalog` replaces the shipped service catalogue (the third-service test adds one). */
export async function runPlatform(
  config: Record<string, string>,
  stack = "test",
  catalog?: ServiceCatalog,
): Promise<PlatformRun> {
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  // Loaded on the first run only (the module registry keeps them), so a test file that reads golden
  // files alone never loads the Pulumi SDK; each run installs a fresh engine, as `npm run golden`
  // does for its three stacks in one process.
  const { installMockEngine, resolveOutput } = await import("../../../lib/commands/mockEngine");
  const engine = await installMockEngine(PROJECT, stack, qualify(config));
  const { runProgram } = await import("../../../lib/program");
  const program = runProgram({ transformations: [engine.recordParent], catalog });
  await engine.settle();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program.outputs)) outputs[key] = await resolveOutput(value);
  const warnings = warn.mock.calls.map((c) => String(c[0]));
  warn.mockRestore();
  return { engine, spec: program.spec, outputs, warnings };
}

/** Count of registered resources per type. */
export function countByType(engine: Registrations): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of engine.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Parses a JSON-string input (policies, container definitions, dashboard bodies). */
export function json<T = unknown>(value: unknown): T {
  return JSON.parse(value as string) as T;
}

/**
 * The committed plan document of a shipped stack (test/golden/plan-<name>.json): where a test needs a
 * default stack's headline number it reads it here instead of typing it (`npm run golden -- --update`
 * refreshes the files).
 */
export function goldenPlan(name: "dev" | "staging" | "prod"): PlanDocument {
  return JSON.parse(readFileSync(join(GOLDEN, `plan-${name}.json`), "utf8")) as PlanDocument;
}

/** The costEstimate output a cost report gives: totals to the cent, savings and bill change to a tenth of a percent. */
export function estimateFromCost(cost: {
  baseline: { monthlyUsd: number };
  optimized: { monthlyUsd: number };
  savingsPercent: number;
  compliance: { monthlyUsd: number };
  billChangePercent: number;
  pricesAsOf?: string;
}) {
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    baselineMonthlyUsd: round(cost.baseline.monthlyUsd, 2),
    optimizedMonthlyUsd: round(cost.optimized.monthlyUsd, 2),
    savingsPercent: round(cost.savingsPercent, 1),
    complianceMonthlyUsd: round(cost.compliance.monthlyUsd, 2),
    billChangePercent: round(cost.billChangePercent, 1),
    pricesAsOf: cost.pricesAsOf,
  };
}

/**
 * A shipped stack's run read back from its golden files instead of running the program again: the
 * registrations (test/golden/resources-<name>.json), the outputs of the plan document and the spec
 * the stack resolves to. The golden test proves these files equal a fresh run, so asserting on them
 * asserts on the program; it saves the suite a full program run per stack and file.
 */
export function goldenRun(name: "dev" | "staging" | "prod"): PlatformRun {
  const golden = GOLDEN_STACKS.find((g) => g.name === name)!;
  const engine = new Registrations(
    JSON.parse(readFileSync(join(GOLDEN, `resources-${name}.json`), "utf8")) as RecordedResource[],
  );
  const { spec } = loadStack(PROJECT_DIR, golden.stack, golden.overrides);
  return { engine, spec, outputs: goldenPlan(name).outputs, warnings: [] };
}
