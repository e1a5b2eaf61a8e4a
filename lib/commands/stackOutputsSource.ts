/**
 * Where verify and the integration suite get a deployed stack's outputs: a file written by
 * `pulumi stack output --json --show-secrets`, or that command itself when the Pulumi CLI is on PATH.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import { ConfigError } from "../config/source";
import { parseStackOutputs, StackOutputs } from "../checks/verify/stackOutputs";
import { UsageError } from "./cli";

/** `pulumi stack output` reads the state backend; a minute covers a slow one, and nothing hangs forever. */
export const PULUMI_OUTPUT_TIMEOUT_MS = 60_000;

/** Runs a program and resolves with its stdout; injectable so tests need no Pulumi CLI. */
export type RunProgram = (file: string, args: string[], cwd: string) => Promise<string>;

export const runProgram: RunProgram = (file, args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: PULUMI_OUTPUT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(Object.assign(error, { stderr }));
    });
  });

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError([`${source}: not JSON (${(error as Error).message})`]);
  }
}

/** The outputs from `file`. */
export function readOutputsFile(file: string): StackOutputs {
  if (!fs.existsSync(file)) {
    throw new ConfigError([
      `--outputs ${file}: no such file; write it with \`pulumi stack output --json --show-secrets --stack <name> > ${file}\``,
    ]);
  }
  return parseStackOutputs(parseJson(fs.readFileSync(file, "utf8"), file), file);
}

/** The outputs of `stack` from the Pulumi CLI, run in the project directory. */
export async function readOutputsFromPulumi(
  stack: string,
  projectDir: string,
  run: RunProgram = runProgram,
): Promise<StackOutputs> {
  const source = `pulumi stack output --stack ${stack}`;
  let stdout: string;
  try {
    stdout = await run("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", stack], projectDir);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") {
      throw new UsageError(
        "the Pulumi CLI is not on PATH: install it (https://www.pulumi.com/docs/iac/download-install/) or pass --outputs <file> " +
          "written by `pulumi stack output --json --show-secrets` where the CLI is",
      );
    }
    const reason = (failure.stderr ?? "").trim().split("\n")[0] || failure.message;
    throw new ConfigError([`${source} failed: ${reason}`]);
  }
  return parseStackOutputs(parseJson(stdout, source), source);
}
