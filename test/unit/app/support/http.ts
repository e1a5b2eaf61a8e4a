/** A small HTTP client over node:http (no connection pool unless an agent is given) and a log capture. */
import { Agent, IncomingHttpHeaders, request as httpRequest } from "http";
import { Config } from "../../../../app/src/config";

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface TestRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sent with separate writes, so the body goes chunked (no Content-Length). */
  chunks?: string[];
  /** A keep-alive agent; by default every request has its own connection (Connection: close). */
  agent?: Agent;
}

export function request(
  port: number,
  { method = "GET", path, headers = {}, body, chunks = [], agent }: TestRequest,
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode as number,
          headers: res.headers,
          text,
          json: text === "" ? undefined : JSON.parse(text),
        });
      });
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end(body);
  });
}

/** POST /v1/payments with JSON content type and an Idempotency-Key. */
export function postPayment(
  port: number,
  key: string,
  payment: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return request(port, {
    method: "POST",
    path: "/v1/payments",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key, ...headers },
    body: JSON.stringify(payment),
  });
}

export interface LogCapture {
  write: (line: string) => void;
  lines: string[];
  /** The parsed lines with `msg`, in order. */
  entries(msg?: string): Record<string, unknown>[];
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  return {
    write: (line) => void lines.push(line),
    lines,
    entries: (msg) =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => msg === undefined || entry.msg === msg),
  };
}

/** A valid configuration with test-sized timings; tests override what they exercise. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    mode: "api",
    port: 0,
    tableName: "payments-test",
    region: "us-east-1",
    dynamodbEndpoint: undefined,
    keepAliveTimeoutSeconds: 65,
    shutdownTimeoutSeconds: 5,
    workMs: 0,
    downstreamMs: 0,
    downstreamShape: { kind: "fixed" },
    logLevel: "info",
    workerBatchSize: 25,
    workerPollIntervalMs: 10,
    auditLogPath: undefined,
    ...overrides,
  };
}

/** A gate: `wait()` blocks until `open()`; `entered` resolves when the first waiter arrives. */
export function gate(): { wait: () => Promise<void>; open: () => void; entered: Promise<void> } {
  let open!: () => void;
  let enter!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const entered = new Promise<void>((resolve) => (enter = resolve));
  return {
    wait: () => {
      enter();
      return opened;
    },
    open,
    entered,
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `condition` holds, polling every 2 ms (for effects a test cannot await, like a log line after a reset). */
export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
