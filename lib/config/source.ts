/**
 * Where raw config values come from, and the error a bad configuration raises. Pulumi config in a
 * real run (`pulumi up` / `preview`, lib/runningStack.ts); a stack file read offline by the commands
 * (lib/commands/stackConfig.ts). Nothing here loads the Pulumi SDK, so the commands that only read a
 * stack file (verify, preflight, loadtest) start without it.
 */

/**
 * A configuration problem. The Pulumi CLI prints a RunError's message without a stack trace; it
 * recognises one by its `__pulumiRunError` brand (`RunError.isInstance`, built to work across copies of
 * the SDK: https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/errors.ts), which this class carries
 * instead of extending the SDK's class.
 */
export class ConfigError extends Error {
  /** The brand `pulumi.RunError.isInstance` checks. */
  readonly __pulumiRunError = true;
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
