/**
 * Reads a stack's config the way the Pulumi CLI would, without the CLI: the project name from
 * Pulumi.yaml, the values from Pulumi.<stack>.yaml, and `--config key=value` overrides on top.
 * Used by the offline commands (plan, optimize, rightsize) to build the same ConfigSource a real
 * `pulumi up` gets. A `secure:` value cannot be decrypted offline: the commands plan with the key's
 * documented example instead and say so.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { declaredKeys } from "../config/declaredKeys";
import { ConfigError, ConfigSource } from "../config/source";
import { PlatformSpec } from "../spec";
import { resolveSpec } from "../stackSpec";
import { Io, parseFlags } from "./cli";

export interface StackConfig {
  project: string;
  stack: string;
  /** Fully qualified keys ("payment-platform:environmentSuffix", "aws:region") -> raw strings. */
  values: Record<string, string>;
  /** What the commands could not read as written (secret values), one sentence each. */
  notes: string[];
}

function readYaml(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) {
    throw new ConfigError([
      `${path.basename(file)} not found in ${path.dirname(file)}: create it with "pulumi stack init" and "pulumi config set", or pass --stack dev or --stack prod`,
    ]);
  }
  let document: unknown;
  try {
    document = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    // js-yaml counts lines from 0; editors and `pulumi` from 1.
    throw new ConfigError([`${file} is not valid YAML: line ${error.mark.line + 1}: ${error.reason}`]);
  }
  return mapping(file, document ?? {}, "the file");
}

/** A YAML mapping, or a ConfigError naming the file and what should have been one. */
function mapping(file: string, value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError([
      `${file}: ${what} must be a mapping of keys to values, got ${Array.isArray(value) ? "a list" : JSON.stringify(value)}`,
    ]);
  }
  return value as Record<string, unknown>;
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

const isSecret = (value: unknown): boolean => typeof value === "object" && value !== null && "secure" in value;

export function readStackConfig(projectDir: string, stack: string, overrides: string[] = []): StackConfig {
  const project = String(readYaml(path.join(projectDir, "Pulumi.yaml")).name);
  const file = `Pulumi.${stack}.yaml`;
  const stackPath = path.join(projectDir, file);
  const stackConfig = mapping(stackPath, readYaml(stackPath).config ?? {}, "config");
  const fromCommandLine = parseOverrides(project, overrides);
  const examples = new Map(declaredKeys().map((d) => [`${project}:${d.key}`, d.example]));
  const values: Record<string, string> = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(stackConfig)) {
    const qualified = key.includes(":") ? key : `${project}:${key}`;
    if (!isSecret(value)) {
      // Pulumi stores every value as a string; YAML may have parsed numbers and booleans.
      values[qualified] = String(value);
    } else if (qualified in fromCommandLine) {
      // The command line gives the value this run uses.
    } else if (examples.has(qualified)) {
      values[qualified] = examples.get(qualified)!;
      notes.push(
        `${qualified} is a secret in ${file} and cannot be decrypted offline: planned with the example value ${examples.get(qualified)} (pass --config ${qualified.slice(project.length + 1)}=<value> to plan with another); pulumi up reads the real value.`,
      );
    } else if (qualified.startsWith(`${project}:`)) {
      // Still a key of the project: the unknown-key check must see it.
      values[qualified] = "(secret)";
    } else {
      notes.push(`${qualified} is a secret in ${file}; the offline commands do not read it.`);
    }
  }
  return { project, stack, values: { ...values, ...fromCommandLine }, notes };
}

/** What the stack reader could not read as written, on stderr before the command's output. */
export function printNotes(io: Io, notes: readonly string[]): void {
  for (const note of notes) io.err(`note: ${note}`);
}

/** The ConfigSource over a stack's config, for `resolveSpec`. */
export function stackConfigSource(config: StackConfig): ConfigSource {
  const prefix = `${config.project}:`;
  return {
    get: (key) => config.values[`${prefix}${key}`],
    keys: () =>
      Object.keys(config.values)
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length)),
    awsRegion: () => config.values["aws:region"],
  };
}

/**
 * The spec of a stack as `pulumi up` would resolve it, from its files and the overrides (and without
 * the `removed` keys, as `pulumi config rm` would leave it), with the reader's notes and the raw
 * values it was resolved from (preflight reads `aws:region` there).
 */
export function loadStack(
  projectDir: string,
  stack: string,
  overrides: string[],
  removed: readonly string[] = [],
): { spec: PlatformSpec; notes: string[]; values: Readonly<Record<string, string>> } {
  const config = readStackConfig(projectDir, stack, overrides);
  for (const key of removed) delete config.values[`${config.project}:${key}`];
  return {
    spec: resolveSpec(stackConfigSource(config), { project: config.project, stack: config.stack }),
    notes: config.notes,
    values: config.values,
  };
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

/** `--stack`, `--config`, `--json`, `--help`/`-h`: the flags of plan and optimize. */
export function parseStackCommandArgs(argv: string[], usage: string): StackCommandArgs {
  const values = parseFlags(argv, { ...STACK_OPTIONS, json: { type: "boolean", default: false } }, usage);
  return { stack: values.stack, overrides: values.config, json: values.json, help: values.help };
}
