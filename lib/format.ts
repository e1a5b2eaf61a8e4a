/**
 * How numbers are printed, written once: money, percentages, durations and counts, for the commands
 * and for the program's preview warning. It imports nothing. The models keep full precision; only
 * text is rounded.
 */

/** USD with cents, no sign or unit: "12.30". */
export const usd = (value: number): string => value.toFixed(2);

/** USD with the dollar sign: "$12.30". */
export const dollars = (value: number): string => `$${usd(value)}`;

/** A whole number as is, anything else with two decimals. */
export const quantity = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** A percentage with one decimal: "40.5%". */
export const percent = (value: number): string => `${value.toFixed(1)}%`;

/** Seconds, or what to say when there is no value. */
export const seconds = (value: number | null, none: string): string => (value === null ? none : `${value} s`);

/** A latency in ms, or "unbounded (overloaded)" for a queue with no steady state. */
export const latencyMs = (value: number | null): string => (value === null ? "unbounded (overloaded)" : `${value} ms`);

/** Rows as aligned columns: the first column is text (left-aligned), the rest numbers (right-aligned). */
export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ")
      .trimEnd(),
  );
}
