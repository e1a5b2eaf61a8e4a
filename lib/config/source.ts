/**
 * Where raw config values come from, and the error a bad configuration raises. Pulumi config in a
 * real run (`pulumi up` / `preview`); a stack file read offline by the commands (lib/commands/stackConfig.ts).
 */
import * as pulumi from "@pulumi/pulumi";

/** A configuration problem; a RunError so the Pulumi CLI prints the message without a stack trace. */
export class ConfigError extends pulumi.RunError {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface ConfigSource {
  /** Raw value of a project key (the name after `<project>:`), undefined when unset. */
  get(key: string): string | undefined;
  /** Every project key that is set, so keys the schema does not declare can be refused. */
  keys(): string[];
  /** Value of `aws:region`, undefined when unset. */
  awsRegion(): string | undefined;
}

export interface StackIdentity {
  project: string;
  stack: string;
}

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
