/**
 * The HTTP side of a run: an undici Pool of at most `connections` keep-alive connections to the
 * target, sending the traffic's payment calls. Requests beyond the open connections wait in the
 * pool's queue; that wait counts in their latency (the driver times from the due time).
 *
 * TLS: the certificate is verified against the system's trust store unless `insecure` (the
 * self-signed certificate a dev or staging stack's load balancer serves). With `serverName` (the
 * API's own name, apiDomainName) the client asks the ALB for it in the TLS handshake and the Host
 * header, and the certificate is verified for it: the ALB's own DNS name is on no certificate it serves.
 */
import { Pool } from "undici";
import { HEALTH_PATH, PAYMENTS_API } from "../../app/src/contract";
import { Exchange } from "./openLoop";
import { PaymentTraffic } from "./paymentTraffic";

export interface PaymentClientOptions {
  /** scheme://host[:port], as targetPolicy.ts checked it. */
  origin: string;
  connections: number;
  insecure: boolean;
  /** The API's own DNS name, when the origin is the ALB's address. */
  serverName?: string;
}

export interface PaymentClient {
  /**
   * One GET /health before the clock starts, its outcome ignored. undici compiles its HTTP parser
   * (WebAssembly) and opens its first connection on first use, ~100 ms of the client's own event
   * loop that would otherwise be counted as the first requests' latency. A target that does not
   * answer shows up in the run itself, as connection errors or timeouts.
   */
  warmUp(timeoutMs: number): Promise<void>;
  exchange: Exchange;
  /** Closes every connection, with whatever is still in flight (timed-out requests). */
  close(): Promise<void>;
}

const REPLAYED = PAYMENTS_API.replayedHeader.toLowerCase();

export function createPaymentClient(options: PaymentClientOptions, traffic: PaymentTraffic): PaymentClient {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    connect: {
      rejectUnauthorized: !options.insecure,
      ...(options.serverName === undefined ? {} : { servername: options.serverName }),
    },
  });
  const host = options.serverName === undefined ? {} : { host: options.serverName };
  return {
    warmUp: (timeoutMs) =>
      pool
        .request({ path: HEALTH_PATH, method: "GET", headers: host, signal: AbortSignal.timeout(timeoutMs) })
        .then((response) => response.body.dump())
        .catch(() => undefined),
    exchange: async (index, signal) => {
      const call = traffic.call(index);
      const response = await pool.request({
        path: call.path,
        method: call.method,
        headers: { ...call.headers, ...host },
        body: call.body,
        signal,
      });
      // The latency ends when the whole answer is read, as a caller's would.
      const body = await response.body.text();
      traffic.answered(call, { status: response.statusCode, body, replayed: response.headers[REPLAYED] });
      return response.statusCode;
    },
    close: () => pool.destroy(),
  };
}
