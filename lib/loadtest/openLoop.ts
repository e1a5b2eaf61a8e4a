/**
 * The driver: sends each request of the schedule when it is due, without waiting for any answer
 * (open model), and times it from that due time, not from when the client got round to sending it.
 * A request that waits in the client (every connection busy, or the event loop late) is slower by
 * that wait, as it would be for a real caller; timing from the actual send would leave that queue
 * out and report a healthy latency for an overloaded service ("coordinated omission").
 *
 * Bounded in time: every request is settled (answered, failed, or aborted as a timeout) by its due
 * time plus timeoutMs, so the run ends by the schedule's duration plus timeoutMs at the latest,
 * whether or not the exchange honours its abort signal.
 */
import { ArrivalSchedule, dueAtMs } from "./arrivalSchedule";
import { errorCode, OutcomeTally } from "./outcomeTally";

/**
 * One request: resolves with the HTTP status once the whole answer is read, rejects on a transport
 * error, and should stop when `signal` aborts (the driver has then counted it as a timeout).
 */
export type Exchange = (index: number, signal: AbortSignal) => Promise<number>;

export interface OpenLoopRun {
  tally: OutcomeTally;
  /** From the start to the moment the last request was settled. */
  elapsedMs: number;
  /** The latest a request was handed to the exchange after its due time: the client's own lag. */
  maxSendLagMs: number;
}

/** When request `index` is due, in milliseconds after the start; non-decreasing in `index`. */
export type DueAt = (index: number) => number;

/**
 * `dueAt` defaults to the schedule's evenly spaced arrivals (arrivalSchedule.ts); the latency
 * benchmark (bench/latencyBench.ts) passes Poisson arrival times, which the queueing models assume.
 */
export function runOpenLoop(
  schedule: ArrivalSchedule,
  timeoutMs: number,
  exchange: Exchange,
  dueAt: DueAt = (index) => dueAtMs(schedule, index),
): Promise<OpenLoopRun> {
  const tally = new OutcomeTally(schedule.requests);
  // performance.now is monotonic: a wall-clock step (NTP) must not shift the schedule or a latency.
  const start = performance.now();
  let next = 0;
  let settled = 0;
  let maxSendLagMs = 0;
  return new Promise((resolve) => {
    const send = (index: number): void => {
      const due = start + dueAt(index);
      const now = performance.now();
      maxSendLagMs = Math.max(maxSendLagMs, now - due);
      const controller = new AbortController();
      let done = false;
      // The first of answer, error and timeout counts; whatever the exchange does after that is ignored.
      const finish = (record: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        record();
        if (++settled === schedule.requests) {
          resolve({ tally, elapsedMs: performance.now() - start, maxSendLagMs });
        }
      };
      // Node's timers run on the event loop's cached millisecond clock and can fire a little early
      // (more than 1 ms when that clock was stale when the timer was set): a timer that fires before
      // due + timeout is set again for the rest, so no request counts as a timeout before its time.
      const expire = (): void => {
        const remaining = due + timeoutMs - performance.now();
        if (remaining > 0) {
          // Whole milliseconds up: a timer set for less than 1 ms would fire at once.
          timer = setTimeout(expire, Math.ceil(remaining));
          return;
        }
        finish(() => {
          controller.abort();
          tally.timeout();
        });
      };
      // Already past (the client was that late): at once. Node warns about a negative delay.
      let timer = setTimeout(expire, Math.max(0, due + timeoutMs - now));
      // new Promise catches an exchange that throws instead of rejecting.
      new Promise<number>((answer) => answer(exchange(index, controller.signal))).then(
        (status) => finish(() => tally.response(status, performance.now() - due)),
        (error: unknown) => finish(() => tally.error(errorCode(error))),
      );
    };
    const tick = (): void => {
      // Everything due by now goes out at once, so a late timer delays requests but never drops them.
      const elapsed = performance.now() - start;
      while (next < schedule.requests && dueAt(next) <= elapsed) send(next++);
      if (next < schedule.requests) setTimeout(tick, dueAt(next) - elapsed);
    };
    tick();
  });
}
