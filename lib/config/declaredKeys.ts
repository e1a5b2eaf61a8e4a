/**
 * Every key the project declares, in the order Pulumi.yaml and the README list them: the platform's
 * keys with each service's keys after `cpuArchitecture`. The unknown-key check, the schema and the
 * README table read this one list.
 */
import { NamedKey } from "./keyTable";
import { PLATFORM_KEYS } from "./platformKeys";
import { SERVICE_CATALOG, ServiceCatalog, ServiceEntry } from "./services";

/** A service's keys: those every service has, then its role's. */
export function serviceKeyList(entry: ServiceEntry): NamedKey[] {
  const roleKeys = entry.role === "web" ? entry.webKeys : entry.workerKeys;
  return [...Object.values(entry.keys), ...Object.values(roleKeys)];
}

export function declaredKeys(catalog: ServiceCatalog = SERVICE_CATALOG): NamedKey[] {
  const platform: NamedKey[] = Object.values(PLATFORM_KEYS);
  const at = platform.findIndex((d) => d.key === "cpuArchitecture") + 1;
  return [...platform.slice(0, at), ...catalog.flatMap(serviceKeyList), ...platform.slice(at)];
}
