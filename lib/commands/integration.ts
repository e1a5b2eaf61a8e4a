/**
 * `npm run test:integration`: the integration suite (test/integration/) against a deployed stack,
 * named by PAYMENT_STACK_OUTPUTS (a file of `pulumi stack output --json --show-secrets`) and
 * PAYMENT_STACK (its stack name, default dev). Without outputs it says in one line why it does not
 * run and exits 0: there is nothing deployed to test, which is not a pass of anything.
 */
import * as path from "path";
import { Command } from "./cli";
import { PROJECT_DIR } from "./schema";

export const INTEGRATION_ENV = { outputs: "PAYMENT_STACK_OUTPUTS", stack: "PAYMENT_STACK" } as const;

export const INTEGRATION_SKIPPED =
  `integration suite not run: no deployed stack given. Set ${INTEGRATION_ENV.outputs}=<file written by ` +
  "`pulumi stack output --json --show-secrets --stack <name>`> and " +
  `${INTEGRATION_ENV.stack}=<name> (default dev), with AWS credentials for the stack's account.`;

/** Runs jest with the integration config; resolves true when every test passed. */
export type RunJest = (configFile: string) => Promise<boolean>;

export const runJest: RunJest = async (configFile) => {
  // Loaded here: jest's programmatic API is only needed when there is a stack to test.
  const { runCLI } = await import("jest");
  const { results } = await runCLI({ config: configFile, _: [], $0: "test:integration" }, [PROJECT_DIR]);
  return results.success;
};

export const createIntegrationCommand =
  (env: NodeJS.ProcessEnv, run: RunJest = runJest): Command =>
  async (_argv, io) => {
    if (!env[INTEGRATION_ENV.outputs]) {
      io.out(INTEGRATION_SKIPPED);
      return 0;
    }
    return (await run(path.join(PROJECT_DIR, "jest.integration.config.js"))) ? 0 : 1;
  };
