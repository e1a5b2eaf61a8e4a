import type { ConfigSource } from "../../../lib/config/source";

/** A ConfigSource over a plain map of project keys (what `pulumi config set` would have stored). */
export function mapSource(values: Readonly<Record<string, string>>, region?: string): ConfigSource {
  return { get: (key) => values[key], keys: () => Object.keys(values), awsRegion: () => region };
}
