/**
 * One load test, end to end: the schedule, the payment traffic, the HTTP pool and the driver, and
 * the report. The pool is closed whatever happens, so nothing of a run outlives it.
 */
import { randomUUID } from "crypto";
import { arrivalSchedule } from "./arrivalSchedule";
import { LoadTestReport, loadTestReport } from "./loadTestReport";
import { runOpenLoop } from "./openLoop";
import { createPaymentClient } from "./paymentClient";
import { PaymentTraffic } from "./paymentTraffic";

export interface LoadTestOptions {
  /** scheme://host[:port], as checkTarget returned it. */
  origin: string;
  rps: number;
  durationSeconds: number;
  connections: number;
  /** 1-100. */
  createPercent: number;
  insecure: boolean;
  /** The API's own DNS name when `origin` is the ALB's address (see paymentClient.ts). */
  serverName?: string;
  timeoutMs: number;
  /** Makes this run's idempotency keys unique; a random UUID by default. */
  runId?: string;
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestReport> {
  const schedule = arrivalSchedule(options.rps, options.durationSeconds);
  const traffic = new PaymentTraffic(options.runId ?? randomUUID(), options.createPercent);
  const client = createPaymentClient(
    { origin: options.origin, connections: options.connections, insecure: options.insecure, serverName: options.serverName },
    traffic,
  );
  try {
    await client.warmUp(options.timeoutMs);
    const run = await runOpenLoop(schedule, options.timeoutMs, client.exchange);
    const { connections, createPercent, timeoutMs } = options;
    return loadTestReport({ target: options.origin, connections, createPercent, timeoutMs }, schedule, run, traffic);
  } finally {
    await client.close();
  }
}
