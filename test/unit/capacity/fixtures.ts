/** Specs for the capacity tests, resolved the way a stack resolves them (lib/config.ts). */
import { resolveSpec } from "../../../lib/config";
import { PlatformSpec } from "../../../lib/spec";

const BASE: Record<"dev" | "prod", Record<string, string>> = {
  dev: { environmentSuffix: "dev", environment: "dev" },
  prod: { environmentSuffix: "prod", environment: "prod", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
};

/** The environment's defaults, with config keys overridden by raw values as `pulumi config set` would. */
export function specFor(environment: "dev" | "prod", overrides: Record<string, string> = {}): PlatformSpec {
  const map: Record<string, string> = { ...BASE[environment], ...overrides };
  return resolveSpec({ get: (key) => map[key], awsRegion: () => undefined }, { project: "payment-platform", stack: environment });
}

/**
 * The current defaults (lib/configKeys.ts). Only the tests about the default stacks themselves use
 * these without pinning what they depend on; they change whenever the defaults do.
 */
export const devSpec = (overrides: Record<string, string> = {}) => specFor("dev", overrides);
export const prodSpec = (overrides: Record<string, string> = {}) => specFor("prod", overrides);

/**
 * The dev and prod stacks as they were before the defaults took the optimizer's recommendations,
 * pinned key by key (every per-environment key the SLO and cost models read) so the tests of the
 * model's mechanics (simulation timing, scenarios, latency, optimizer, right-sizing, report
 * formatting) keep their hand-checked numbers whatever the defaults become. Legacy dev: 4 tasks at
 * most of 0.25 vCPU, all Spot, 60% target (overloaded at the peak). Legacy prod: 0.5 vCPU tasks at a
 * 60% target, 3 to 24 tasks, no scheduled scaling (fails the spike).
 */
export const LEGACY_DEV_CONFIG: Readonly<Record<string, string>> = {
  availabilityZoneCount: "2",
  natGateways: "single",
  interfaceEndpoints: "off",
  apiCpu: "256",
  apiMemory: "512",
  apiMinTasks: "1",
  apiDesiredTasks: "1",
  apiMaxTasks: "4",
  onDemandBase: "0",
  onDemandWeight: "0",
  spotWeight: "1",
  apiCpuTargetPercent: "60",
  requestsPerTargetPerMinute: "1200",
  workerCpu: "256",
  workerMemory: "512",
  workerMinTasks: "1",
  workerMaxTasks: "2",
  scheduledScaling: "true",
  offHoursMinTasks: "1",
  logRetentionDays: "7",
  containerInsights: "enhanced",
  logClass: "STANDARD",
};

export const LEGACY_PROD_CONFIG: Readonly<Record<string, string>> = {
  availabilityZoneCount: "3",
  natGateways: "perAz",
  interfaceEndpoints: "on",
  apiCpu: "512",
  apiMemory: "1024",
  apiMinTasks: "3",
  apiDesiredTasks: "3",
  apiMaxTasks: "24",
  onDemandBase: "3",
  onDemandWeight: "1",
  spotWeight: "3",
  apiCpuTargetPercent: "60",
  requestsPerTargetPerMinute: "2400",
  workerCpu: "512",
  workerMemory: "1024",
  workerMinTasks: "1",
  workerMaxTasks: "4",
  scheduledScaling: "false",
  offHoursMinTasks: "3",
  logRetentionDays: "14",
  containerInsights: "enhanced",
  logClass: "STANDARD",
};

/** The legacy dev stack, with further overrides on top. */
export const legacyDevSpec = (overrides: Record<string, string> = {}) => specFor("dev", { ...LEGACY_DEV_CONFIG, ...overrides });
/** The legacy prod stack, with further overrides on top. */
export const legacyProdSpec = (overrides: Record<string, string> = {}) =>
  specFor("prod", { ...LEGACY_PROD_CONFIG, ...overrides });

/** `--config key=value` arguments for the commands, e.g. to pin the legacy stacks. */
export function configArgs(values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ["--config", `${key}=${value}`]);
}
