/**
 * The emulated workload of one payment, so the service loads a task the way the capacity model
 * assumes: WORK_MS of CPU (fraud scoring, crypto) and a wait for the card network (DOWNSTREAM_MS
 * drawn with DOWNSTREAM_SHAPE, downstreamDelay.ts, which picks each call's `ms`).
 * Both are injectable so tests can hold a request in flight at the "network call" (an injected gate)
 * instead of sleeping.
 */
import { createHash } from "crypto";

export interface Work {
  /** Burns `ms` of CPU on the event loop thread, as CPU-bound request work does. */
  cpu(ms: number): void;
  /** The downstream call: resolves after `ms` without using the CPU. */
  downstream(ms: number): Promise<void>;
}

/** The process's CPU time in milliseconds (user + system), the clock WORK_MS is measured on. */
export function cpuTimeMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Hashes until `ms` of CPU time have passed on `now` (process CPU time by default). CPU time, not
 * wall time: on a throttled task (Fargate CPU shares, a busy neighbour request) the same work takes
 * longer, which is what the capacity model predicts and a load test should show. Returns how many
 * hashes that took, which tests use to see the loop ran.
 */
export function burnCpu(ms: number, now: () => number = cpuTimeMs): number {
  const until = now() + ms;
  let rounds = 0;
  let digest = Buffer.alloc(32);
  while (now() < until) {
    digest = createHash("sha256").update(digest).digest();
    rounds += 1;
  }
  return rounds;
}

/** A timer standing in for the card network's latency. */
export function downstreamCall(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const emulatedWork: Work = { cpu: (ms) => void burnCpu(ms), downstream: downstreamCall };
