/**
 * A whole run over real HTTP on 127.0.0.1 against tiny node:http servers: queueing in the client
 * counted (no coordinated omission), timeouts when nothing answers, connection errors when nothing
 * listens. The reference service itself is driven in loadtestCommand.test.ts.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";
import { runLoadTest } from "../../../lib/loadtest/loadTest";
import { startLocalAlb } from "../checks/support/localAlb";

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const RUN = { connections: 1, createPercent: 100, insecure: false, timeoutMs: 2000, runId: "test-run" };

describe("runLoadTest", () => {
  it("GIVEN one connection to a server taking 40 ms a request WHEN 5 requests at 100 rps THEN the queue in the client counts: the last takes >= 160 ms", async () => {
    const paths: string[] = [];
    const { server, origin } = await listen((req, res) => {
      paths.push(`${req.method} ${req.url} ${req.headers["idempotency-key"] ?? ""}`);
      setTimeout(() => res.writeHead(201, { "content-type": "application/json" }).end('{"id":"p"}'), 40);
    });
    const report = await runLoadTest({ ...RUN, origin, rps: 100, durationSeconds: 0.05 });
    await close(server);
    expect(paths).toEqual(["GET /health ", ...[0, 1, 2, 3, 4].map((i) => `POST /v1/payments loadtest-test-run-${i}`)]);
    expect([report.statuses, report.failures, report.creates]).toEqual([{ "201": 5 }, 0, 5]);
    // Request k (due at 10k ms) waits for the k before it on the one connection: done at >= 40 (k + 1) ms,
    // so its latency from the due time is >= 30k + 40 ms. Timed from its actual send it would be ~40 ms.
    expect(report.latencyMs.max).toBeGreaterThanOrEqual(160);
    expect(report.latencyMs.p50).toBeGreaterThanOrEqual(100);
  });

  it("GIVEN a server that never answers THEN every request is a timeout and the run still ends", async () => {
    const { server, origin } = await listen(() => undefined);
    const report = await runLoadTest({ ...RUN, origin, rps: 100, durationSeconds: 0.03, connections: 2, timeoutMs: 50 });
    await close(server);
    expect([report.timeouts, report.achieved.responses, report.failures, report.latencyMs.count]).toEqual([3, 0, 3, 0]);
  });

  it("GIVEN nothing listening THEN every request is a connection error by code", async () => {
    const { server, origin } = await listen(() => undefined);
    await close(server);
    const report = await runLoadTest({
      origin,
      rps: 100,
      durationSeconds: 0.03,
      connections: 2,
      createPercent: 100,
      insecure: true,
      timeoutMs: 1000,
    });
    expect([report.errors, report.connectionErrors, report.failures, report.timeouts]).toEqual([{ ECONNREFUSED: 3 }, 3, 3, 0]);
  });
});

describe("runLoadTest over TLS", () => {
  it("GIVEN a self-signed certificate in front of the server THEN --insecure runs and verifying fails every request by its certificate code", async () => {
    const { server, origin: upstream } = await listen((_req, res) =>
      res.writeHead(201, { "content-type": "application/json" }).end('{"id":"p"}'),
    );
    const alb = await startLocalAlb(Number(new URL(upstream).port));
    try {
      const insecure = await runLoadTest({ ...RUN, origin: alb.httpsUrl, rps: 100, durationSeconds: 0.03, insecure: true });
      expect([insecure.statuses, insecure.failures]).toEqual([{ "201": 3 }, 0]);
      const verified = await runLoadTest({ ...RUN, origin: alb.httpsUrl, rps: 100, durationSeconds: 0.03, insecure: false });
      expect([verified.errors, verified.failures, verified.achieved.responses]).toEqual([
        { DEPTH_ZERO_SELF_SIGNED_CERT: 3 },
        3,
        0,
      ]);
    } finally {
      await alb.close();
      await close(server);
    }
  });

  it("GIVEN the API's own name THEN every request asks the ALB's address for it: TLS server name and Host header", async () => {
    const hosts: string[] = [];
    const { server, origin: upstream } = await listen((req, res) => {
      hosts.push(String(req.headers.host));
      res.writeHead(201, { "content-type": "application/json" }).end('{"id":"p"}');
    });
    const alb = await startLocalAlb(Number(new URL(upstream).port));
    try {
      const report = await runLoadTest({
        ...RUN,
        origin: alb.httpsUrl,
        rps: 100,
        durationSeconds: 0.02,
        insecure: true,
        serverName: "api.payments.example.com",
      });
      expect(report.failures).toBe(0);
      // The warm-up and the two timed requests.
      expect(hosts).toEqual(["api.payments.example.com", "api.payments.example.com", "api.payments.example.com"]);
      expect(new Set(alb.serverNames)).toEqual(new Set(["api.payments.example.com"]));
    } finally {
      await alb.close();
      await close(server);
    }
  });
});
