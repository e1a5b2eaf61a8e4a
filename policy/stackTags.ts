/**
 * What a policy reads of the stack it checks, from the resource alone: the program gives every
 * provider the stack's default tags (Environment, EnvironmentSuffix, ...), and CrossGuard passes each
 * resource's provider with its inputs, so a policy learns the suffix and environment without a policy
 * config of its own. Provider inputs arrive JSON-encoded (the engine serializes a provider's object
 * inputs to strings); a policy pack's decoded config would be an object, so both are read.
 */
import type { PolicyProviderResource } from "@pulumi/policy";

/** A JSON document given as a string (the engine's serialization) or as the object itself. */
export function jsonValue(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** One of the stack's default tags on the resource's provider; undefined without a provider or the tag. */
export function stackTag(
  provider: PolicyProviderResource | undefined,
  key: "Environment" | "EnvironmentSuffix",
): string | undefined {
  const defaultTags = jsonValue(provider?.props.defaultTags) as { tags?: Record<string, string> } | undefined;
  return defaultTags?.tags?.[key];
}
