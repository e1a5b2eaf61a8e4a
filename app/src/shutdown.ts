/**
 * Draining on SIGTERM. ECS first takes the task out of the target group, waits the deregistration
 * delay, then sends SIGTERM and, stopTimeout later, SIGKILL. So on SIGTERM: /ready turns 503 (in
 * case a health check still looks), the listener closes (new connections are refused), idle
 * keep-alive connections close now and busy ones after their response (Connection: close), the
 * worker finishes the item it is on, and the process exits 0 - all within SHUTDOWN_TIMEOUT_SECONDS,
 * below stopTimeout. If the budget runs out, the connections still open are cut and the exit code
 * is 1, with a log line saying so, rather than SIGKILL cutting them without a word.
 */
import { ServiceServer } from "./server";
import { Logger } from "./logger";

export interface DrainOptions {
  timeoutMs: number;
  logger: Logger;
  /** Work besides HTTP to wait for: the worker loop, which ends after its current item (resolved for the API). */
  pending: Promise<void>;
}

/** Drains `target` and resolves with the exit code: 0 drained in time, 1 budget exhausted. */
export async function drain(target: ServiceServer, { timeoutMs, logger, pending }: DrainOptions): Promise<number> {
  target.startDraining();
  logger.log("info", "draining", { timeoutMs });
  const closed = new Promise<void>((resolve) => target.server.close(() => resolve()));
  target.server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => {
    timer = setTimeout(() => resolve("expired"), timeoutMs);
  });
  const outcome = await Promise.race([Promise.all([closed, pending]).then(() => "drained" as const), expired]);
  clearTimeout(timer);
  if (outcome === "expired") {
    logger.log("error", "shutdown budget exhausted: closing the connections still open", { timeoutMs });
    target.server.closeAllConnections();
    return 1;
  }
  logger.log("info", "drained", {});
  return 0;
}
