import { ConfigError, type ConfigSource } from "../../../lib/config/source";
import type { PlatformSpec } from "../../../lib/spec";
import { resolveSpec } from "../../../lib/stackSpec";

/** A ConfigSource over a plain map of project keys (what `pulumi config set` would have stored). */
export function mapSource(values: Readonly<Record<string, string>>, region?: string): ConfigSource {
  return { get: (key) => values[key], keys: () => Object.keys(values), awsRegion: () => region };
}

/** The spec `pulumi up` would resolve from these project keys, for project payment-platform, stack test. */
export function resolveValues(values: Readonly<Record<string, string>>, region?: string): PlatformSpec {
  return resolveSpec(mapSource(values, region), { project: "payment-platform", stack: "test" });
}

/**
 * The problems a dev stack with these config values is refused with (the ConfigError's list), or
 * none when it resolves; anything else thrown fails the calling test.
 */
export function configProblems(config: Readonly<Record<string, string>>): string[] {
  try {
    resolveValues({ environmentSuffix: "dev", ...config });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}
