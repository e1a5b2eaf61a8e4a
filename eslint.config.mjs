import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * lib/ takes from app/ only the contract the platform and the service share (app/src/contract.ts);
 * the rest of app/ is the service's own code, built into its image. Every lib/ entry below carries
 * this pattern, because flat config replaces a rule's options per matching entry instead of merging.
 */
const APP_CONTRACT_ONLY = {
  // gitignore semantics: a file under an excluded directory cannot be re-included, so app/src/ itself is re-included first.
  group: ["**/app/**", "!**/app/src/", "!**/app/src/contract"],
  message: "lib/ imports only app/src/contract from app/: the rest of app/ is the service's code, built into its image.",
};

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
        patterns: [
          ...forbidden.map((target) => ({
            group: [`**/${target}`, `**/${target}/**`],
            message: `lib/${folder} must not import lib/${target}: dependencies point spec/aws <- design <- config, models, infra <- program <- commands, with checks and loadtest beside program (docs/architecture.md).`,
          })),
          APP_CONTRACT_ONLY,
        ],
      },
    ],
  },
});
const ROOT = ["program", "stackSpec", "runningStack", "index"];
/** The post-deploy layers: they read spec, design and models, and only commands read them. */
const AFTER_DEPLOY = ["checks", "loadtest"];

export default tseslint.config(
  { ignores: ["node_modules/**", "bin-js/**", "coverage/**", "*.js", "*.mjs", "app/dist/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // lib/ files outside the layers below (lib/commands, lib/format.ts); the layers and lib/program.ts repeat it.
  { files: ["lib/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: [APP_CONTRACT_ONLY] }] } },
  layer("aws", ["spec", "design", "config", "models", "infra", "commands", ...ROOT, ...AFTER_DEPLOY]),
  layer("spec", ["design", "config", "models", "infra", "commands", ...ROOT, ...AFTER_DEPLOY]),
  layer("design", ["config", "models", "infra", "commands", ...ROOT, ...AFTER_DEPLOY]),
  layer("config", ["models", "infra", "commands", ...ROOT, ...AFTER_DEPLOY]),
  layer("models", ["config", "infra", "commands", ...ROOT, ...AFTER_DEPLOY]),
  layer("infra", ["config", "models", "commands", ...ROOT, ...AFTER_DEPLOY]),
  // The checks read the deployed stack through the AWS SDK, never through the Pulumi components.
  layer("checks", ["infra", "commands", "loadtest", ...ROOT]),
  layer("loadtest", ["infra", "commands", "checks", ...ROOT]),
  {
    files: ["lib/program.ts", "lib/stackSpec.ts", "lib/runningStack.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/commands", "**/commands/**"], message: "Nothing outside lib/commands imports the commands layer." },
            APP_CONTRACT_ONLY,
          ],
        },
      ],
    },
  },
  {
    // policy/ is the policy pack the Pulumi CLI runs on its own (README.md, "The policy pack"): it states each requirement apart from the code it checks, so it imports nothing of the repo; lib/commands/plan imports it to run the same policies offline.
    files: ["policy/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/lib", "**/lib/**", "**/bin", "**/bin/**", "**/app", "**/app/**"],
              message:
                "policy/ must not import lib/, bin/ or app/: a policy states its requirement independently of the code it checks.",
            },
          ],
        },
      ],
    },
  },
  {
    // app/ is the service's image: it builds from app/ alone (app/Dockerfile), so it cannot reach the platform or the local tools.
    files: ["app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/lib", "**/lib/**", "**/bin", "**/bin/**"],
              message:
                "app/ must not import lib/ or bin/: the image is built from app/ alone; share what both sides need through app/src/contract.ts.",
            },
          ],
        },
      ],
    },
  },
);
