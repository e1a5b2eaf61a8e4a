/**
 * A progress line on stderr for a run that takes more than a moment (the optimizer): it appears
 * only after `delayMs`, is rewritten in place at most every `intervalMs`, and is cleared at the end.
 * Only a terminal gets one: Io.progress is absent for a pipe or a file, and commands pass none with --json.
 */

/** Rewrites one stderr line in place; an empty line clears it. */
export type ProgressWriter = (line: string) => void;

export interface ProgressLine {
  update(line: () => string): void;
  done(): void;
}

export const SHOW_AFTER_MS = 1000;
export const REWRITE_EVERY_MS = 100;

/** `line` is a thunk so that nothing is formatted between rewrites. */
export function progressLine(write: ProgressWriter | undefined, now: () => number = Date.now): ProgressLine {
  const started = now();
  let lastWrite: number | undefined;
  return {
    update(line) {
      if (write === undefined) return;
      const at = now();
      if (at - started < SHOW_AFTER_MS) return;
      if (lastWrite !== undefined && at - lastWrite < REWRITE_EVERY_MS) return;
      lastWrite = at;
      write(line());
    },
    done() {
      if (write !== undefined && lastWrite !== undefined) write("");
    },
  };
}

/** A terminal stream: where it writes, and how wide it is (absent when unknown). */
export interface TerminalStream {
  write(text: string): unknown;
  columns?: number;
}

/**
 * The terminal writer: carriage return, the line, erase to the end of the line (ECMA-48 EL). The
 * line is cut to one column less than the terminal is wide: a line that wrapped would leave its
 * first part behind at every rewrite.
 */
export const terminalProgress =
  (stream: TerminalStream): ProgressWriter =>
  (line) =>
    stream.write(`\r${stream.columns ? line.slice(0, stream.columns - 1) : line}\u001b[K`);

/** The writer for a stream: the terminal writer for a TTY, none for a pipe or a file. */
export const progressWriterFor = (stream: TerminalStream & { isTTY?: boolean }): ProgressWriter | undefined =>
  stream.isTTY === true ? terminalProgress(stream) : undefined;
