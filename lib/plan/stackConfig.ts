/**
 * Reads a stack's config the way the Pulumi CLI would, without the CLI: the project name from
 * Pulumi.yaml, the values from Pulumi.<stack>.yaml, and `--config key=value` overrides on top.
 * Used by the offline commands (plan, optimize, rightsize) to build the same ConfigSource a real
 * `pulumi up` gets.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { parseArgs } from "util";
import { UsageError } from "../cli/run";
import { ConfigError, ConfigSource, resolveSpec } from "../config";
import { PlatformSpec } from "../spec";

export interface StackConfig {
  project: string;
  stack: string;
  /** Fully qualified keys ("payment-platform:environmentSuffix", "aws:region") -> raw strings. */
  values: Record<string, string>;
}

function readYaml(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) {
    throw new ConfigError([
      `${path.basename(file)} not found in ${path.dirname(file)}: create it with "pulumi stack init" and "pulumi config set", or pass --stack dev or --stack prod`,
    ]);
  }
  return (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
}

/** "key=value" pairs from the command line; a bare key is qualified with the project name. */
export function parseOverrides(project: string, overrides: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const override of overrides) {
    const separator = override.indexOf("=");
    if (separator < 1) {
      throw new ConfigError([`--config "${override}": expected key=value, for example --config environmentSuffix=dev`]);
    }
    const key = override.slice(0, separator);
    values[key.includes(":") ? key : `${project}:${key}`] = override.slice(separator + 1);
  }
  return values;
}

export function readStackConfig(projectDir: string, stack: string, overrides: string[] = []): StackConfig {
  const project = String(readYaml(path.join(projectDir, "Pulumi.yaml")).name);
  const stackFile = readYaml(path.join(projectDir, `Pulumi.${stack}.yaml`));
  const values: Record<string, string> = {};
  const config = (stackFile.config ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    // Pulumi stores every value as a string; YAML may have parsed numbers and booleans.
    values[key.includes(":") ? key : `${project}:${key}`] = String(value);
  }
  return { project, stack, values: { ...values, ...parseOverrides(project, overrides) } };
}

/** The ConfigSource over a stack's config, for `resolveSpec`. */
export function stackConfigSource(config: StackConfig): ConfigSource {
  return {
    get: (key) => config.values[`${config.project}:${key}`],
    awsRegion: () => config.values["aws:region"],
  };
}

/** The spec of a stack as `pulumi up` would resolve it, from its files and the overrides. */
export function loadStackSpec(projectDir: string, stack: string, overrides: string[]): PlatformSpec {
  const config = readStackConfig(projectDir, stack, overrides);
  return resolveSpec(stackConfigSource(config), { project: config.project, stack: config.stack });
}

/** `--stack` and `--config` as every offline command takes them (node:util parseArgs options). */
export const STACK_OPTIONS: {
  stack: { type: "string"; default: string };
  config: { type: "string"; multiple: true; default: string[] };
} = {
  stack: { type: "string", default: "dev" },
  config: { type: "string", multiple: true, default: [] },
};

export interface StackCommandArgs {
  stack: string;
  overrides: string[];
  json: boolean;
  help: boolean;
}

/** `--stack`, `--config`, `--json`, `--help`: the flags of plan and optimize. */
export function parseStackCommandArgs(argv: string[], usage: string): StackCommandArgs {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...STACK_OPTIONS, json: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: false,
    });
    return { stack: values.stack, overrides: values.config, json: values.json, help: values.help };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}
