/**
 * The shell every command-line entry point shares: one flag parser (`-h`/`--help` everywhere, an
 * unknown flag refused with the usage), run a command, map its outcome to an exit code, and print
 * errors as one clear message, never a stack trace.
 * Exit codes: 0 ok, 1 unexpected failure, 2 invalid configuration or arguments,
 * 3 cost target missed, 4 SLO target missed.
 */
import { parseArgs, ParseArgsOptionsConfig } from "util";
import { ConfigError } from "../config/source";
import { Paint, paintFor } from "./colors";
import { ProgressWriter, progressWriterFor } from "./progress";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** How `out` colours verdict words; absent means no colour (tests, pipes, files). */
  paint?: Paint;
  /** Rewrites a progress line on stderr; absent when stderr is not a terminal. */
  progress?: ProgressWriter;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  paint: paintFor(process.stdout, process.env),
  progress: progressWriterFor(process.stderr),
};

/** A usage error: wrong flags or arguments (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Command = (argv: string[], io: Io) => Promise<number>;

/** `--help` and `-h`, which every command takes: it prints the usage and exits 0. */
export const HELP_OPTION = { help: { type: "boolean", short: "h", default: false } } as const;

type FlagValues<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; strict: true; allowPositionals: false }>
>["values"];

/**
 * The one flag parser of every command: its options plus `--help`/`-h`, strict, no positionals.
 * An unknown flag or a stray argument is a UsageError carrying the usage (exit 2), so a misspelled
 * flag never runs the command.
 */
export function parseFlags<const O extends ParseArgsOptionsConfig>(argv: string[], options: O, usage: string): FlagValues<O> {
  try {
    return parseArgs({ args: argv, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals: false })
      .values as FlagValues<O>;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** On/off flags of a command that takes nothing else (schema's --check, golden's --update), plus --help/-h. */
export function parseSwitches<const N extends string>(
  argv: string[],
  names: readonly N[],
  usage: string,
): Record<N | "help", boolean> {
  const options = Object.fromEntries(names.map((name) => [name, { type: "boolean" as const, default: false }]));
  return parseFlags(argv, options, usage) as Record<N | "help", boolean>;
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
