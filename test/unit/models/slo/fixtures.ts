/** Specs for the SLO and search tests, resolved the way a stack resolves them (lib/stackSpec.ts, resolveSpec). */
import type { OptimizeOptions } from "../../../../lib/models/search/optimizer";
import { resolveSpec } from "../../../../lib/stackSpec";
import { PlatformSpec } from "../../../../lib/spec";
import { mapSource } from "../../support/configSource";
import { LEGACY_DEV_CONFIG as SHARED_LEGACY_DEV, LEGACY_PROD_CONFIG as SHARED_LEGACY_PROD } from "../../support/legacyStacks";

const BASE: Record<"dev" | "prod", Record<string, string>> = {
  dev: { environmentSuffix: "dev", environment: "dev" },
  prod: { environmentSuffix: "prod", environment: "prod", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
};

/** The environment's defaults, with config keys overridden by raw values as `pulumi config set` would. */
export function specFor(environment: "dev" | "prod", overrides: Record<string, string> = {}): PlatformSpec {
  const map: Record<string, string> = { ...BASE[environment], ...overrides };
  return resolveSpec(mapSource(map), { project: "payment-platform", stack: environment });
}

/**
 * The current defaults (lib/config/platformKeys.ts and the service catalogue, lib/config/services.ts).
 * Only the tests about the default stacks themselves use these without pinning what they depend
 * on; they change whenever the defaults do.
 */
export const devSpec = (overrides: Record<string, string> = {}) => specFor("dev", overrides);
export const prodSpec = (overrides: Record<string, string> = {}) => specFor("prod", overrides);

/**
 * The legacy stacks (test/unit/support/legacyStacks.ts) as the capacity tests were written for them:
 * legacy prod with interfaceEndpoints on, which the right-sizing and optimizer cost figures assume.
 */
export const LEGACY_DEV_CONFIG: Readonly<Record<string, string>> = SHARED_LEGACY_DEV;
export const LEGACY_PROD_CONFIG: Readonly<Record<string, string>> = { ...SHARED_LEGACY_PROD, interfaceEndpoints: "on" };

/** The legacy dev stack, with further overrides on top. */
export const legacyDevSpec = (overrides: Record<string, string> = {}) => specFor("dev", { ...LEGACY_DEV_CONFIG, ...overrides });
/** The legacy prod stack, with further overrides on top. */
export const legacyProdSpec = (overrides: Record<string, string> = {}) =>
  specFor("prod", { ...LEGACY_PROD_CONFIG, ...overrides });

/** `--config key=value` arguments for the commands, e.g. to pin the legacy stacks. */
export function configArgs(values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ["--config", `${key}=${value}`]);
}

/**
 * 512 CPU, prod's placement, CPU target 45 or 60, both architectures, a minimum of 3 or the spike's
 * headroom (34 at 45%, 25 at 60%), the stack's maximum or a larger one: 16 candidates.
 */
export const SMALL_SEARCH: OptimizeOptions = {
  cpuValues: [512],
  architectures: ["ARM64", "X86_64"],
  cpuTargets: [45, 60],
  minTasks: [3],
  onDemandBases: [3],
  weights: [{ onDemandWeight: 1, spotWeight: 3 }],
  runnerUps: 1,
};
