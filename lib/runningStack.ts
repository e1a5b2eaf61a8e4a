/**
 * The running stack's configuration: Pulumi config (under the Pulumi CLI, or the mock engine of the
 * offline plan) read once into the PlatformSpec. The one place the program reads Pulumi config.
 */
import * as pulumi from "@pulumi/pulumi";
import { ServiceCatalog, SERVICE_CATALOG } from "./config/services";
import { ConfigSource } from "./config/source";
import { PlatformSpec } from "./spec";
import { resolveSpec } from "./stackSpec";

/** A ConfigSource over Pulumi config: the one place the program reads it. */
export function pulumiConfigSource(project: string = pulumi.getProject()): ConfigSource {
  const config = new pulumi.Config();
  const aws = new pulumi.Config("aws");
  const prefix = `${project}:`;
  return {
    get: (key) => config.get(key),
    keys: () =>
      Object.keys(pulumi.runtime.allConfig())
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length)),
    awsRegion: () => aws.get("region"),
  };
}

/** Reads and validates the running stack's config once (the program under the Pulumi CLI or the mock engine). */
export function loadSpec(source: ConfigSource = pulumiConfigSource(), catalog: ServiceCatalog = SERVICE_CATALOG): PlatformSpec {
  return resolveSpec(source, { project: pulumi.getProject(), stack: pulumi.getStack() }, catalog);
}
