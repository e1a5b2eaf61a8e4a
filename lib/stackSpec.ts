/**
 * Config -> PlatformSpec, the one resolution every entry point uses (`pulumi up` through
 * lib/runningStack.ts, and the offline commands): the config layer reads and validates the stack's keys
 * (lib/config/), then the one decision that needs the cost model, `interfaceEndpoints: auto`, is
 * settled (lib/models/cost/endpointChoice.ts). The config layer itself imports no model.
 */
import { resolveConfig } from "./config/resolve";
import { ServiceCatalog, SERVICE_CATALOG } from "./config/services";
import { ConfigSource, StackIdentity } from "./config/source";
import { resolveInterfaceEndpoints } from "./models/cost/endpointChoice";
import { PlatformSpec } from "./spec";

/** Pure: raw config -> PlatformSpec, or a ConfigError listing every problem. */
export function resolveSpec(
  source: ConfigSource,
  identity: StackIdentity,
  catalog: ServiceCatalog = SERVICE_CATALOG,
): PlatformSpec {
  return resolveInterfaceEndpoints(resolveConfig(source, identity, catalog));
}
