/** The progress line: shown after a second, rewritten at most every 100 ms, cleared at the end, only on a terminal. */
import {
  progressLine,
  progressWriterFor,
  REWRITE_EVERY_MS,
  SHOW_AFTER_MS,
  terminalProgress,
} from "../../../lib/commands/progress";

/** A clock that returns the given instants in turn. */
const clockOf =
  (...instants: number[]) =>
  () =>
    instants.shift() as number;

describe("progressLine", () => {
  it("GIVEN updates at 0.5 s, 1.0 s, 1.05 s and 1.2 s WHEN writing THEN only the ones from 1 s on, 100 ms apart, are written, then the line is cleared", () => {
    expect([SHOW_AFTER_MS, REWRITE_EVERY_MS]).toEqual([1000, 100]);
    const written: string[] = [];
    const formatted: string[] = [];
    const line = progressLine((text) => written.push(text), clockOf(0, 500, 1000, 1050, 1200));
    for (const label of ["a", "b", "c", "d"]) line.update(() => (formatted.push(label), label));
    line.done();
    expect(written).toEqual(["b", "d", ""]);
    // THEN a skipped update formats nothing
    expect(formatted).toEqual(["b", "d"]);
  });

  it("GIVEN a run that ends within a second WHEN done THEN nothing was written, not even a clear", () => {
    const written: string[] = [];
    const line = progressLine((text) => written.push(text), clockOf(0, 999));
    line.update(() => "x");
    line.done();
    expect(written).toEqual([]);
  });

  it("GIVEN no writer (not a terminal, or --json) WHEN updating THEN nothing happens and the clock is read once", () => {
    const clock = jest.fn(() => 5000);
    const line = progressLine(undefined, clock);
    line.update(() => "x");
    line.done();
    expect(clock).toHaveBeenCalledTimes(1);
  });

  it("GIVEN the terminal writer WHEN writing a line THEN it returns the carriage, writes the line and erases the rest", () => {
    const chunks: string[] = [];
    terminalProgress({ write: (text: string) => chunks.push(text) })("costing 3 of 9");
    expect(chunks).toEqual(["\rcosting 3 of 9\u001b[K"]);
  });

  it("GIVEN a terminal 20 columns wide WHEN writing a longer line THEN it is cut to 19 columns, so it never wraps", () => {
    const chunks: string[] = [];
    terminalProgress({ write: (text: string) => chunks.push(text), columns: 20 })("optimizing prod: costing candidate 1 of 16");
    expect(chunks).toEqual(["\roptimizing prod: co\u001b[K"]);
  });

  it("GIVEN a TTY and a pipe WHEN choosing the writer THEN the TTY gets one that writes to it and the pipe none", () => {
    const chunks: string[] = [];
    progressWriterFor({ isTTY: true, write: (text: string) => chunks.push(text) })!("x");
    expect(chunks).toEqual(["\rx\u001b[K"]);
    expect(progressWriterFor({ write: () => true })).toBeUndefined();
  });
});
