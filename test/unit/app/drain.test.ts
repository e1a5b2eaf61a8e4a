/**
 * Graceful shutdown (app/src/shutdown.ts) over real connections: readiness, in-flight requests,
 * idle keep-alive connections, refused new connections, and the budget running out.
 */
import { randomUUID } from "crypto";
import { Agent, get, IncomingMessage } from "http";
import { Socket } from "net";
import { sleep } from "../../../app/src/clock";
import { Config } from "../../../app/src/config";
import { createLogger } from "../../../app/src/logger";
import { createServiceServer } from "../../../app/src/server";
import { RunningService, startService } from "../../../app/src/start";
import { startTestDynamo, TestDynamo } from "./support/dynamo";
import { captureLogs, gate, LogCapture, postPayment, request, testConfig } from "./support/http";

const PAYMENT = { amount: 100, currency: "USD", reference: "drain" };

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo.close());

/** An API whose card network call waits on `network`. */
async function startGatedApi(
  network: ReturnType<typeof gate>,
  config: Partial<Config> = {},
): Promise<{ service: RunningService; logs: LogCapture }> {
  const logs = captureLogs();
  const service = await startService(testConfig({ tableName: await dynamo.newTable(), ...config }), {
    client: dynamo.client,
    write: logs.write,
    clock: { now: () => Date.now() },
    work: { cpu: () => undefined, downstream: network.wait },
    newId: randomUUID,
    leaseMs: 10_000,
    sleep,
    host: "127.0.0.1",
  });
  return { service, logs };
}

/** GET `path` on a keep-alive agent; resolves with the response and the socket it used. */
function keepAliveGet(port: number, agent: Agent, path: string): Promise<{ res: IncomingMessage; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ res, socket: req.socket as Socket }));
    });
    req.on("error", reject);
  });
}

describe("server settings", () => {
  it("GIVEN KEEP_ALIVE_TIMEOUT_SECONDS=65 THEN keep-alive is 65 s, headers 66 s and the whole request 70 s", () => {
    const { server } = createServiceServer({
      logger: createLogger("error", () => undefined, { now: () => 0 }),
      payments: undefined,
      keepAliveTimeoutSeconds: 65,
    });
    expect([server.keepAliveTimeout, server.headersTimeout, server.requestTimeout]).toEqual([65_000, 66_000, 70_000]);
  });
});

describe("draining", () => {
  it("GIVEN draining has started on a listening server THEN /ready is 503 draining, /health still 200, both closing their connection", async () => {
    const logs = captureLogs();
    const service = createServiceServer({
      logger: createLogger("info", logs.write, { now: () => 0 }),
      payments: undefined,
      keepAliveTimeoutSeconds: 65,
    });
    await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", resolve));
    const port = (service.server.address() as { port: number }).port;
    expect((await request(port, { path: "/ready" })).status).toBe(200);
    service.startDraining();
    const ready = await request(port, { path: "/ready" });
    const health = await request(port, { path: "/health" });
    expect([ready.status, ready.json, ready.headers.connection]).toEqual([503, { status: "draining" }, "close"]);
    expect([health.status, health.json, health.headers.connection]).toEqual([200, { status: "ok" }, "close"]);
    expect(logs.entries("request").map((line) => [line.route, line.status, line.level])).toEqual([
      ["/ready", 200, "info"],
      ["/ready", 503, "error"],
      ["/health", 200, "info"],
    ]);
    await new Promise((resolve) => service.server.close(resolve));
  });

  it("GIVEN a payment at the card network and an idle keep-alive connection WHEN stopping THEN the idle one closes, new connections are refused, the payment completes 201 and the exit code is 0", async () => {
    const network = gate();
    const { service, logs } = await startGatedApi(network);
    const agent = new Agent({ keepAlive: true });
    const idle = await keepAliveGet(service.port, agent, "/health");
    expect([idle.res.statusCode, idle.res.headers.connection]).toEqual([200, "keep-alive"]);
    const idleClosed = new Promise((resolve) => idle.socket.once("close", resolve));
    const inFlight = postPayment(service.port, "drain-1", PAYMENT);
    await network.entered;

    const stopped = service.stop();
    await idleClosed;
    await expect(request(service.port, { path: "/ready" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
    network.open();
    const res = await inFlight;
    expect([res.status, res.headers.connection, (res.json as { status: string }).status]).toEqual([201, "close", "authorized"]);
    expect(await stopped).toBe(0);
    // The payment's audit line (stdout without AUDIT_LOG_PATH) comes before its request line: written before the answer.
    expect(logs.entries().map((line) => (line.audit === true ? "audit" : line.msg))).toEqual([
      "listening",
      "request",
      "draining",
      "audit",
      "request",
      "drained",
    ]);
    agent.destroy();
  });

  it("GIVEN a request that outlives the budget THEN its connection is cut, an error line says so and the exit code is 1", async () => {
    const network = gate();
    const { service, logs } = await startGatedApi(network, { shutdownTimeoutSeconds: 0.05 });
    const inFlight = postPayment(service.port, "drain-2", PAYMENT);
    await network.entered;
    const started = performance.now();
    expect(await service.stop()).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    await expect(inFlight).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(logs.entries("shutdown budget exhausted: closing the connections still open")).toEqual([
      expect.objectContaining({ level: "error", timeoutMs: 50 }),
    ]);
    network.open();
  });
});
