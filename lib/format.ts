/**
 * How numbers are printed, written once: money, percentages, durations and counts, for the commands
 * and for the program's preview warning. It imports nothing. The models keep full precision; only
 * text is rounded.
 */

/** USD with cents, no sign or unit: "12.30". */
export const usd = (value: number): string => value.toFixed(2);

/** USD with the dollar sign: "$12.30". */
export const dollars = (value: number): string => `$${usd(value)}`;

/**
 * A change in USD with its sign: "+$12.30", "-$12.30", and "$0.00" (never "-$0.00") for anything
 * that rounds to zero cents. Callers add the word that says what a negative amount is.
 */
export function signedDollars(value: number): string {
  const cents = Math.round(value * 100);
  if (cents === 0) return dollars(0);
  return `${cents < 0 ? "-" : "+"}${dollars(Math.abs(cents) / 100)}`;
}

/** A whole number as is, anything else with two decimals. */
export const quantity = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** A percentage with one decimal: "40.5%". */
export const percent = (value: number): string => `${value.toFixed(1)}%`;

/** Seconds, or what to say when there is no value. */
export const seconds = (value: number | null, none: string): string => (value === null ? none : `${value} s`);

/** A latency in ms, or "unbounded (overloaded)" for a queue with no steady state. */
export const latencyMs = (value: number | null): string => (value === null ? "unbounded (overloaded)" : `${value} ms`);

/** "1 check", "3 checks": a count with its noun in the right number (nouns that take an "s"). */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * Rows as aligned columns: by default the first column is text (left-aligned) and the rest numbers
 * (right-aligned); `textColumns` left-aligns that many leading columns instead.
 */
export function table(rows: string[][], textColumns = 1): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ")
      .trimEnd(),
  );
}
