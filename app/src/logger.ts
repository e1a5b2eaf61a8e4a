/**
 * Structured logs: one JSON line per event on stdout, which the awslogs driver ships to CloudWatch
 * Logs line by line (Logs Insights parses JSON fields without a pattern). Lines carry no request
 * bodies, no raw paths and no idempotency keys: the route template and short codes are enough to
 * debug, keep customer data out of the logs, and keep a request line far below the 1 KB per request
 * the cost model assumes (REQUEST_LOG_BUDGET_BYTES).
 */
import { Clock } from "./clock";

/** LOG_LEVEL: "info" logs every request, "warn" only 4xx/5xx and worker errors, "error" only 5xx. */
export const LOG_LEVELS = ["info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the request line says about the Idempotency-Key ("none" when the request had no idempotent work). */
export type IdempotencyOutcome = "created" | "replayed" | "in_progress" | "mismatch" | "none";

/** Extra fields of a line; undefined ones are left out (JSON.stringify drops them). */
export type LogFields = Record<string, string | number | boolean | string[] | undefined>;

/** The request line, one per HTTP request. */
export interface RequestLogEntry {
  method: string;
  /** The route template (`/v1/payments/{id}`), never the raw path: bounded size, no ids to index. */
  route: string;
  status: number;
  latencyMs: number;
  idempotency: IdempotencyOutcome;
  /** Error code of a 4xx/5xx answer. */
  code?: string;
  /** For storage failures and internal errors: what failed, truncated. */
  cause?: string;
}

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
  request(entry: RequestLogEntry): void;
}

/** Longest cause logged: an SDK error message can embed a whole request; the line must stay small. */
export const MAX_CAUSE_CHARS = 200;

const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };

/** The level of a request line: 5xx are errors (alarms count them), 4xx warnings (a client's mistake), the rest info. */
export function requestLevel(status: number): LogLevel {
  if (status >= 500) return "error";
  return status >= 400 ? "warn" : "info";
}

/** A short, single-line description of anything thrown, for the `cause` field. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, MAX_CAUSE_CHARS);
}

/** A logger writing lines at `level` and above through `write` (process.stdout in the service). */
export function createLogger(level: LogLevel, write: (line: string) => void, clock: Clock): Logger {
  const log = (at: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (RANK[at] < RANK[level]) return;
    write(`${JSON.stringify({ time: new Date(clock.now()).toISOString(), level: at, msg, ...fields })}\n`);
  };
  return {
    log,
    request: (entry) =>
      log(requestLevel(entry.status), "request", { ...entry, latencyMs: Math.round(entry.latencyMs * 10) / 10 }),
  };
}
