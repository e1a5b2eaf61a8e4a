/**
 * The requests of a run: the reference service's payment calls, as its contract (app/src/contract.ts)
 * names them. A share of creates, each under its own Idempotency-Key (run id + index), so every one
 * makes a new payment instead of replaying an earlier answer; the rest read back a payment this run
 * created, the workload the cost and SLO models assume (workloadPaymentCreatePercent).
 */
import { PAYMENTS_API } from "../../app/src/contract";
import { READ_ID_POOL_SIZE } from "./limits";

export interface PaymentCall {
  kind: "create" | "read";
  method: "POST" | "GET";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came back for a call, as far as the mix cares. */
export interface PaymentAnswer {
  status: number;
  body: string;
  /** The Idempotent-Replayed header (as undici gives it: an array when repeated). */
  replayed: string | string[] | undefined;
}

/**
 * Whether request `index` creates a payment when `createPercent` % do: ceil((i + 1) p / 100) >
 * ceil(i p / 100). That spreads the creates evenly, makes exactly ceil(n p / 100) of n requests
 * creates, and makes request 0 one, so reads have a payment to read as early as possible.
 */
export function isCreate(index: number, createPercent: number): boolean {
  return Math.ceil(((index + 1) * createPercent) / 100) > Math.ceil((index * createPercent) / 100);
}

/** The id in a created payment's JSON body, or undefined when the body has none. */
export function paymentIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

export class PaymentTraffic {
  /** The last READ_ID_POOL_SIZE created ids, as a ring. */
  private readonly ids: string[] = [];
  private remembered = 0;
  creates = 0;
  reads = 0;
  /** Creates answered as a replay: 0 unless the keys were not unique after all. */
  replays = 0;

  /**
   * `runId` makes the keys and references of this run unique among runs against the same table
   * (the service keeps idempotency records for a day). `createPercent` from 1 to 100.
   */
  constructor(
    private readonly runId: string,
    private readonly createPercent: number,
    private readonly poolSize: number = READ_ID_POOL_SIZE,
  ) {}

  /**
   * The call for request `index`. A read due before any create of the run has been answered is
   * sent as a create: there is nothing of this run to read yet.
   */
  call(index: number): PaymentCall {
    if (isCreate(index, this.createPercent) || this.remembered === 0) {
      this.creates++;
      return {
        kind: "create",
        method: "POST",
        path: PAYMENTS_API.collectionPath,
        headers: {
          "content-type": "application/json",
          [PAYMENTS_API.idempotencyKeyHeader]: `loadtest-${this.runId}-${index}`,
        },
        // Amounts vary (1.00 to 9.99 USD in cents) so the payments are not all alike; the reference names the run.
        body: JSON.stringify({
          amount: 100 + (index % 900),
          currency: "USD",
          reference: `loadtest-${this.runId.slice(0, 8)}-${index}`,
        }),
      };
    }
    const id = this.ids[this.reads++ % Math.min(this.remembered, this.poolSize)];
    return { kind: "read", method: "GET", path: `${PAYMENTS_API.itemPathPrefix}${id}`, headers: {} };
  }

  /** Takes note of an answer: a created payment's id for later reads, and whether it was a replay. */
  answered(call: PaymentCall, answer: PaymentAnswer): void {
    if (answer.replayed === "true") this.replays++;
    if (call.kind !== "create" || answer.status !== 201) return;
    const id = paymentIdOf(answer.body);
    if (id !== undefined) this.ids[this.remembered++ % this.poolSize] = id;
  }
}
