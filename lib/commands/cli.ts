/**
 * The shell every command-line entry point shares: parse nothing itself, run a command, map its
 * outcome to an exit code, and print errors as one clear message, never a stack trace.
 * Exit codes: 0 ok, 1 unexpected failure, 2 invalid configuration or arguments,
 * 3 cost target missed, 4 SLO target missed.
 */
import { parseArgs } from "util";
import { ConfigError } from "../config/source";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** A usage error: wrong flags or arguments (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Command = (argv: string[], io: Io) => Promise<number>;

/**
 * On/off flags of a command that takes nothing else (schema's --check, golden's --update), plus
 * --help; anything else is a UsageError with the usage, so a misspelled flag never runs the command.
 */
export function parseSwitches<const N extends string>(
  argv: string[],
  names: readonly N[],
  usage: string,
): Record<N | "help", boolean> {
  try {
    const options = Object.fromEntries([...names, "help"].map((name) => [name, { type: "boolean" as const, default: false }]));
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<N | "help", boolean>;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** Runs a command and returns its exit code; errors become a message on stderr. */
export async function runCommand(command: Command, argv: string[], io: Io): Promise<number> {
  try {
    return await command(argv, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Entry-point helper for bin/*.ts: runs with the process's argv and sets its exit code. */
export async function runCli(command: Command, io: Io = processIo): Promise<void> {
  process.exitCode = await runCommand(command, process.argv.slice(2), io);
}
