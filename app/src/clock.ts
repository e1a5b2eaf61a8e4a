/**
 * Time as a dependency: leases, TTLs and timestamps read `Clock.now()` and waits go through `sleep`,
 * so tests can expire a lease or stop a poll loop without waiting for real time to pass.
 */

export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Resolves after `ms`, or at once when `signal` aborts: a worker told to stop must not sit out its
 * poll interval first, or a SIGTERM during an idle poll would cost up to a whole interval of the
 * drain budget. Never rejects, so callers need no AbortError handling.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    // An already-aborted signal never fires "abort" again.
    if (signal.aborted) done();
  });
}
