/**
 * The HTTP server: routing, body reading, error rendering, the request log line and the draining
 * flag. node:http without a framework: four routes do not need one, and every dependency is image
 * size, start time and audit surface.
 *
 * Both modes serve /health and /ready on PORT, so one container health check and one target group
 * health check fit both; only the API serves the payment routes.
 */
import { IncomingMessage, Server, ServerResponse, createServer } from "http";
import { HEALTH_PATH, PAYMENTS_API, READY_PATH } from "./contract";
import { HttpError, internalError, methodNotAllowed, notFound, storageUnavailable } from "./errors";
import { describeError, Logger } from "./logger";
import { createPayment, PaymentsDeps, readPayment, Reply } from "./payments";
import { StorageError } from "./store";
import { isJsonContentType, MAX_BODY_BYTES, parseJson, validateIdempotencyKey, validatePaymentRequest } from "./validation";

export interface ServerDeps {
  logger: Logger;
  /** The API's payment routes; undefined in the worker, which serves only the health paths. */
  payments: PaymentsDeps | undefined;
  keepAliveTimeoutSeconds: number;
}

export interface ServiceServer {
  server: Server;
  /** /ready answers 503 from now on and every response closes its connection. */
  startDraining(): void;
}

/** What the router renders: a reply plus what the request line says about a failure. */
interface Outcome extends Reply {
  code?: string;
  cause?: string;
  /** Close the connection after this response (a refused body is left unread on the socket). */
  close?: boolean;
}

type Handler = (req: IncomingMessage, params: string[]) => Promise<Reply>;

interface Route {
  /** The template the request line logs. */
  template: string;
  pattern: RegExp;
  methods: Map<string, Handler>;
}

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });

/**
 * Reads the body up to `limit` bytes. A declared Content-Length over the limit is refused before
 * reading anything; a chunked body is refused at the first byte over it and the stream paused, so
 * no more is read or buffered (the connection is closed after the 413).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = new HttpError(413, "payload_too_large", `Request body must be at most ${limit} bytes.`);
  if (Number(req.headers["content-length"]) > limit) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        reject(tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // The client went away mid-body; after "end" this is a no-op (the promise is settled).
    const cutOff = (): void => reject(new HttpError(400, "incomplete_body", "Request body was cut off."));
    req.on("error", cutOff);
    req.on("close", cutOff);
  });
}

/** Renders anything a handler threw: HttpError as itself, storage failures as 503, the rest as 500. */
function failure(error: unknown): Outcome {
  if (error instanceof HttpError) {
    return { ...json(error.status, error.body()), headers: { ...error.headers }, code: error.code, close: error.status === 413 };
  }
  const rendered = error instanceof StorageError ? storageUnavailable() : internalError();
  return { ...json(rendered.status, rendered.body()), code: rendered.code, cause: describeError(error) };
}

function routes(deps: ServerDeps, draining: () => boolean): Route[] {
  const health: Route[] = [
    {
      template: HEALTH_PATH,
      pattern: new RegExp(`^${HEALTH_PATH}$`),
      methods: new Map([["GET", async () => json(200, { status: "ok" })]]),
    },
    {
      template: READY_PATH,
      pattern: new RegExp(`^${READY_PATH}$`),
      methods: new Map([["GET", async () => (draining() ? json(503, { status: "draining" }) : json(200, { status: "ready" }))]]),
    },
  ];
  const payments = deps.payments;
  if (payments === undefined) return health;
  return [
    ...health,
    {
      template: PAYMENTS_API.collectionPath,
      pattern: new RegExp(`^${PAYMENTS_API.collectionPath}$`),
      methods: new Map([
        [
          "POST",
          async (req: IncomingMessage) => {
            // Order: the cheap header checks first, then the body; nothing touches storage before all pass.
            if (!isJsonContentType(req.headers["content-type"])) {
              throw new HttpError(415, "unsupported_media_type", "Content-Type must be application/json.", "Content-Type");
            }
            const key = validateIdempotencyKey(req.headers["idempotency-key"]);
            const request = validatePaymentRequest(parseJson(await readBody(req, MAX_BODY_BYTES)));
            return createPayment(payments, key, request);
          },
        ],
      ]),
    },
    {
      template: `${PAYMENTS_API.itemPathPrefix}{id}`,
      pattern: new RegExp(`^${PAYMENTS_API.itemPathPrefix}([^/]+)$`),
      methods: new Map([["GET", async (_req: IncomingMessage, [id]: string[]) => readPayment(payments, id)]]),
    },
  ];
}

/** The service's server, not yet listening. */
export function createServiceServer(deps: ServerDeps): ServiceServer {
  let draining = false;
  const table = routes(deps, () => draining);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = String(req.method);
    const path = String(req.url).split("?")[0];
    const route = table.find((r) => r.pattern.test(path));
    let outcome: Outcome;
    try {
      if (route === undefined) throw notFound();
      const handler = route.methods.get(method);
      if (handler === undefined) throw methodNotAllowed([...route.methods.keys()]);
      outcome = await handler(req, (route.pattern.exec(path) as RegExpExecArray).slice(1));
    } catch (error) {
      outcome = failure(error);
    }
    res.writeHead(outcome.status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(outcome.body),
      // Payment answers are per request; no cache (browser, proxy or CDN) may keep one.
      "Cache-Control": "no-store",
      ...outcome.headers,
      // While draining every connection closes after its response, so keep-alive clients reconnect
      // elsewhere. So does one whose request body was refused or not yet read (a 413, or a 415 before
      // a large body arrived): Node would otherwise read and discard the rest to reuse the connection.
      ...(draining || outcome.close || !req.complete ? { Connection: "close" } : {}),
    });
    res.end(outcome.body);
    deps.logger.request({
      method,
      route: route?.template ?? "unmatched",
      status: outcome.status,
      latencyMs: performance.now() - started,
      idempotency: outcome.idempotency ?? "none",
      code: outcome.code,
      cause: outcome.cause,
    });
  };

  const server = createServer((req, res) => void handle(req, res));
  const keepAliveMs = deps.keepAliveTimeoutSeconds * 1000;
  // Above the ALB's idle timeout, so the ALB closes idle connections first and never sends a request
  // on a connection the task is closing (which the ALB answers with 502).
  server.keepAliveTimeout = keepAliveMs;
  // Node's advice: headersTimeout above keepAliveTimeout, so an idle connection's next request is not cut off by the headers timer.
  server.headersTimeout = keepAliveMs + 1000;
  // Whole-request receive limit (headers and a 16 KiB body); Node requires it >= headersTimeout.
  server.requestTimeout = keepAliveMs + 5000;
  return { server, startDraining: () => void (draining = true) };
}
