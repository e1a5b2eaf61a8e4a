import type { ConfigSource } from "../../../lib/config/source";
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
