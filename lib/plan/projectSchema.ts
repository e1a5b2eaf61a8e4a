/**
 * Pulumi.yaml rendered from the config key table, so the project's typed config schema (type,
 * description, default) and the code's defaults cannot drift. Keys whose default differs per
 * environment get no schema default (the CLI would otherwise supply it and hide the environment's
 * own); their description lists the defaults instead.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Command } from "../cli/run";
import { CONFIG_KEYS, ENVIRONMENTS, hasUniformDefault, KeyDefinition } from "../configKeys";

export const PROJECT_NAME = "payment-platform";
/** The repository root, where Pulumi.yaml and the stack files live. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

function schemaEntry(definition: KeyDefinition): Record<string, unknown> {
  const { type, description, defaults } = definition;
  if (hasUniformDefault(definition)) return { type, description, default: defaults };
  if (defaults === undefined) return { type, description };
  const perEnvironment = ENVIRONMENTS.map((env) => `${env} ${(defaults as Record<string, unknown>)[env]}`).join(", ");
  return { type, description: `${description} Default: ${perEnvironment}.` };
}

export function renderPulumiYaml(): string {
  const document = {
    name: PROJECT_NAME,
    description: "Cost-optimized ECS Fargate platform for a payment API, with offline cost and latency models",
    runtime: { name: "nodejs", options: { typescript: true } },
    main: "index.ts",
    config: Object.fromEntries(CONFIG_KEYS.map((d) => [d.key, schemaEntry(d)])),
  };
  return `# Generated from lib/configKeys.ts by \`npm run schema\`; a unit test keeps it in sync.\n${yaml.dump(document, { lineWidth: -1 })}`;
}

/** `npm run schema`: rewrites Pulumi.yaml from the key table. */
export const schemaCommand: Command = async (_argv, io) => {
  const file = path.join(PROJECT_DIR, "Pulumi.yaml");
  fs.writeFileSync(file, renderPulumiYaml());
  io.out(`wrote ${file}`);
  return 0;
};
