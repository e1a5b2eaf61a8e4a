import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Layers and the direction of their imports (docs/architecture.md). Each entry lists the lib/
 * folders a layer must not import; `npm run lint` fails on a wrong import.
 */
const layer = (folder, forbidden) => ({
  files: [`lib/${folder}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: forbidden.map((target) => ({
          group: [`**/${target}`, `**/${target}/**`],
          message: `lib/${folder} must not import lib/${target}: dependencies point spec/aws <- design <- config, models, infra <- program <- commands (docs/architecture.md).`,
        })),
      },
    ],
  },
});
const ROOT = ["program", "stackSpec", "index"];

export default tseslint.config(
  { ignores: ["node_modules/**", "bin-js/**", "coverage/**", "*.js", "*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  layer("aws", ["spec", "design", "config", "models", "infra", "commands", ...ROOT]),
  layer("spec", ["design", "config", "models", "infra", "commands", ...ROOT]),
  layer("design", ["config", "models", "infra", "commands", ...ROOT]),
  layer("config", ["models", "infra", "commands", ...ROOT]),
  layer("models", ["config", "infra", "commands", ...ROOT]),
  layer("infra", ["config", "models", "commands", ...ROOT]),
  {
    files: ["lib/program.ts", "lib/stackSpec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/commands", "**/commands/**"], message: "Nothing outside lib/commands imports the commands layer." }] },
      ],
    },
  },
);
