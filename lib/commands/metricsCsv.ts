/**
 * Per-task utilization samples for right-sizing, read from a CSV file. Format (docs/slo-model.md):
 *
 *   timestamp,taskId,cpuUtilizedUnits,cpuReservedUnits,memoryUtilizedMiB,memoryReservedMiB
 *   2026-11-02T09:00:00Z,3f2c9e0d41a64b8e9a1b7c5d2e6f8a90,301.5,512,388,1024
 *
 * One row per task per sample (Container Insights emits one a minute): an ISO 8601 time, the task
 * id, CPU units used and reserved (1024 = 1 vCPU) and memory MiB used and reserved, the fields of
 * the Container Insights "Task" performance log event
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-reference-performance-logs-ECS.html).
 * Plain comma-separated values: no quoting, blank lines ignored, CRLF accepted.
 * Every problem is a UsageError naming the file, the line and the column.
 */
import * as fs from "fs";
import type { TaskMetricSample } from "../models/search/rightsize";
import { UsageError } from "./cli";

export const CSV_COLUMNS = [
  "timestamp",
  "taskId",
  "cpuUtilizedUnits",
  "cpuReservedUnits",
  "memoryUtilizedMiB",
  "memoryReservedMiB",
] as const;

type NumericColumn = "cpuUtilizedUnits" | "cpuReservedUnits" | "memoryUtilizedMiB" | "memoryReservedMiB";
/** Reserved capacity is a task size: it must be positive. Usage may be 0 (an idle minute). */
const MUST_BE_POSITIVE: readonly NumericColumn[] = ["cpuReservedUnits", "memoryReservedMiB"];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^\d+(\.\d+)?$/;

function at(source: string, line: number, column: number): string {
  return `${source} line ${line}, column ${column} (${CSV_COLUMNS[column - 1]})`;
}

function checkHeader(source: string, header: string): void {
  const names = header.split(",").map((n) => n.trim());
  CSV_COLUMNS.forEach((expected, i) => {
    if (names[i] !== expected) {
      throw new UsageError(
        `${at(source, 1, i + 1)}: expected header "${expected}", found ${names[i] === undefined ? "nothing" : `"${names[i]}"`}. The header must be: ${CSV_COLUMNS.join(",")}`,
      );
    }
  });
  if (names.length > CSV_COLUMNS.length) {
    throw new UsageError(
      `${source} line 1, column ${CSV_COLUMNS.length + 1}: unexpected extra column "${names[CSV_COLUMNS.length]}". The header must be: ${CSV_COLUMNS.join(",")}`,
    );
  }
}

function parseRow(source: string, line: number, text: string): TaskMetricSample {
  const fields = text.split(",").map((f) => f.trim());
  if (fields.length !== CSV_COLUMNS.length) {
    throw new UsageError(
      `${source} line ${line}: expected ${CSV_COLUMNS.length} comma-separated columns (${CSV_COLUMNS.join(",")}), found ${fields.length}`,
    );
  }
  const [time, taskId] = fields;
  const timestamp = ISO_8601.test(time) ? Date.parse(time) : NaN;
  if (Number.isNaN(timestamp))
    throw new UsageError(`${at(source, line, 1)}: "${time}" is not an ISO 8601 time such as 2026-11-02T09:00:00Z`);
  if (taskId === "") throw new UsageError(`${at(source, line, 2)}: the task id is empty`);
  const values = {} as Record<NumericColumn, number>;
  for (let column = 3; column <= CSV_COLUMNS.length; column++) {
    const name = CSV_COLUMNS[column - 1] as NumericColumn;
    const raw = fields[column - 1];
    const value = NUMBER.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(value)) throw new UsageError(`${at(source, line, column)}: "${raw}" is not a number >= 0`);
    if (value === 0 && MUST_BE_POSITIVE.includes(name))
      throw new UsageError(`${at(source, line, column)}: must be > 0 (it is the task size)`);
    values[name] = value;
  }
  return { timestamp, taskId, ...values };
}

/** Parses the CSV text; `source` names it in error messages. */
export function parseTaskMetricsCsv(text: string, source: string): TaskMetricSample[] {
  const lines = text.split(/\r?\n/);
  if (lines.every((l) => l.trim() === "")) {
    throw new UsageError(
      `${source} is empty: expected the header line "${CSV_COLUMNS.join(",")}" and one row per task per minute`,
    );
  }
  checkHeader(source, lines[0]);
  const samples: TaskMetricSample[] = [];
  lines.slice(1).forEach((row, i) => {
    if (row.trim() !== "") samples.push(parseRow(source, i + 2, row));
  });
  if (samples.length === 0) throw new UsageError(`${source} line 2: no data rows after the header`);
  return samples;
}

/** Reads and parses a CSV file. */
export function readTaskMetricsCsv(file: string): TaskMetricSample[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --metrics file ${file}: ${(error as Error).message}`);
  }
  return parseTaskMetricsCsv(text, file);
}
