/**
 * `npm run test:integration`: the integration suite (test/integration/) against a deployed stack,
 * named by PAYMENT_STACK_OUTPUTS (a file of `pulumi stack output --json --show-secrets`) and
 * PAYMENT_STACK (its stack name, default dev). Without outputs it says in one line why it does not
 * run and exits 0: there is nothing deployed to test, which is not a pass of anything.
 */
import { spawn } from "child_process";
import * as path from "path";
import { Command } from "./cli";
import { PROJECT_DIR } from "./schema";

export const INTEGRATION_ENV = { outputs: "PAYMENT_STACK_OUTPUTS", stack: "PAYMENT_STACK" } as const;

export const INTEGRATION_SKIPPED =
  `integration suite not run: no deployed stack given. Set ${INTEGRATION_ENV.outputs}=<file written by ` +
  "`pulumi stack output --json --show-secrets --stack <name>`> and " +
  `${INTEGRATION_ENV.stack}=<name> (default dev), with AWS credentials for the stack's account.`;

/** Runs a program with this process's terminal and environment; resolves with its exit code. */
export type RunInherited = (file: string, args: string[]) => Promise<number>;

export const runInherited: RunInherited = (file, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: PROJECT_DIR, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });

/** jest with the integration config, under this Node.js. */
export function jestArgs(): string[] {
  return [require.resolve("jest/bin/jest"), "--config", path.join(PROJECT_DIR, "jest.integration.config.js")];
}

export const createIntegrationCommand =
  (env: NodeJS.ProcessEnv, run: RunInherited = runInherited): Command =>
  async (_argv, io) => {
    if (!env[INTEGRATION_ENV.outputs]) {
      io.out(INTEGRATION_SKIPPED);
      return 0;
    }
    return run(process.execPath, jestArgs());
  };
