/**
 * What became of each request of a run: an HTTP answer (its status and latency), a timeout, or a
 * transport error (refused, reset, TLS). Counts only, plus one latency per answer in a typed array
 * sized once for the run, so memory is fixed by the request count whatever the answers are.
 */

export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx";

export class OutcomeTally {
  private readonly latencyMs: Float64Array;
  private answered = 0;
  /** Exact status -> answers. */
  readonly statuses = new Map<number, number>();
  timeouts = 0;
  /** Transport error code (ECONNREFUSED, UND_ERR_SOCKET, ...) -> requests. */
  readonly errors = new Map<string, number>();

  constructor(requests: number) {
    this.latencyMs = new Float64Array(requests);
  }

  response(status: number, latencyMs: number): void {
    this.latencyMs[this.answered++] = latencyMs;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  timeout(): void {
    this.timeouts++;
  }

  error(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  /** Latencies of the answered requests, in the order they were answered. */
  latencies(): Float64Array {
    return this.latencyMs.subarray(0, this.answered);
  }

  /** Requests that got an HTTP answer, whatever its status. */
  get responses(): number {
    return this.answered;
  }

  /**
   * Answers by status class. 2xx-5xx are always present (a zero is news in a load test); another
   * class (1xx, a server's own 6xx) gets its own key rather than being folded into one of them.
   */
  statusClasses(): Record<StatusClass, number> & Record<string, number> {
    const classes: Record<string, number> = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
    for (const [status, count] of this.statuses) {
      const key = `${Math.floor(status / 100)}xx`;
      classes[key] = (classes[key] ?? 0) + count;
    }
    return classes as Record<StatusClass, number> & Record<string, number>;
  }

  /** Requests that did not get a 2xx: other answers, timeouts and transport errors. */
  failures(): number {
    let errors = 0;
    for (const count of this.errors.values()) errors += count;
    return this.answered - this.statusClasses()["2xx"] + this.timeouts + errors;
  }
}

/** The code a transport error carries (Node and undici set `code`), else its name. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "unknown";
}
