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

export const devSpec = (overrides: Record<string, string> = {}) => specFor("dev", overrides);
export const prodSpec = (overrides: Record<string, string> = {}) => specFor("prod", overrides);
