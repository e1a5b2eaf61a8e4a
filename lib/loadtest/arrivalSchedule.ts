/**
 * When each request of a run is due: request i at i / rps seconds after the start, whatever became
 * of the requests before it. That is the open model a payment API lives under: customers do not
 * wait for each other's answers, so a slow service faces the same arrivals and builds a queue. A
 * closed loop (send the next when one returns) would slow down with the service and hide that queue.
 * The schedule is fixed before the run starts: rps x duration requests, no more.
 */
import { MAX_DURATION_SECONDS, MAX_RPS } from "./limits";

export interface ArrivalSchedule {
  rps: number;
  /** rps x duration, exactly. */
  requests: number;
  /** How long the schedule spans: requests / rps seconds (the last one is due 1 / rps before its end). */
  durationSeconds: number;
}

/** The largest run the bounds allow. */
export const MAX_REQUESTS = MAX_RPS * MAX_DURATION_SECONDS;

/**
 * The schedule for a whole number of requests a second over a duration. RangeError unless the
 * product is a whole number from 1 to MAX_REQUESTS: the count must be exact and bounded.
 */
export function arrivalSchedule(rps: number, durationSeconds: number): ArrivalSchedule {
  if (!Number.isInteger(rps) || rps < 1) throw new RangeError(`rps must be a whole number >= 1, got ${rps}`);
  const exact = rps * durationSeconds;
  const requests = Math.round(exact);
  // Tolerates the float error of a product such as 3 x 0.1; a real fraction of a request is refused.
  if (!(Math.abs(exact - requests) < 1e-9) || requests < 1 || requests > MAX_REQUESTS) {
    throw new RangeError(`rps x duration must be a whole number of requests from 1 to ${MAX_REQUESTS}, got ${exact}`);
  }
  return { rps, requests, durationSeconds: requests / rps };
}

/** Milliseconds after the start at which request `index` is due. */
export function dueAtMs(schedule: ArrivalSchedule, index: number): number {
  return (index * 1000) / schedule.rps;
}
