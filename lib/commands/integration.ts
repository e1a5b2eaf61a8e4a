/**
 * `npm run test:integration`: the integration suite (test/integration/) against a deployed stack,
 * named by PAYMENT_STACK_OUTPUTS (a file of `pulumi stack output --json --show-secrets`) and
 * PAYMENT_STACK (its stack name, default dev). Without outputs it says in one line why it does not
 * run and exits 0: there is nothing deployed to test, which is not a pass of anything. It takes
 * `-h`/`--help` and no other flag (an unknown one is exit 2, like every command's).
 */
import { spawn } from "child_process";
import * as path from "path";
import { Command, parseFlags } from "./cli";
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

export const INTEGRATION_USAGE = `usage: npm run test:integration [-- -h|--help]
Runs the integration suite (test/integration/, jest.integration.config.js) against a deployed stack:
  ${INTEGRATION_ENV.outputs}  file written by \`pulumi stack output --json --show-secrets --stack <name>\`
  ${INTEGRATION_ENV.stack}          the stack's name (default dev)
with AWS credentials for the stack's account. Without ${INTEGRATION_ENV.outputs} it runs nothing and exits 0.
Takes no other flags. Exit codes: 0 passed or not run, 1 a test failed, 2 invalid arguments.`;

export const createIntegrationCommand =
  (env: NodeJS.ProcessEnv, run: RunInherited = runInherited): Command =>
  async (argv, io) => {
    if (parseFlags(argv, {}, INTEGRATION_USAGE).help) {
      io.out(INTEGRATION_USAGE);
      return 0;
    }
    if (!env[INTEGRATION_ENV.outputs]) {
      io.out(INTEGRATION_SKIPPED);
      return 0;
    }
    return run(process.execPath, jestArgs());
  };
