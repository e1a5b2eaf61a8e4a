/**
 * The process around the service, in-process: run.ts with a fake process (configuration errors,
 * start failures, signals), main.ts and healthcheck.ts as the image runs them, and the health probe.
 */
import { EventEmitter } from "events";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { HEALTH_CHECK_SCRIPT_TIMEOUT_MS } from "../../../app/src/contract";
import { probeHealth, runHealthCheck } from "../../../app/src/healthProbe";
import { createClient, DYNAMODB_TIMEOUTS, ProcessPort, run } from "../../../app/src/run";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { createServer as createTcpServer, Socket } from "node:net";
import { closedPort, request, testConfig, until } from "./support/http";

/** A process whose signals are an EventEmitter and whose exit is recorded. */
function fakeProcess(env: Record<string, string>, args: string[] = []) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const proc: ProcessPort = {
    env,
    argv: ["node", "main.js", ...args],
    stdout: { write: (text: string) => lines.push(text) },
    on: (event, listener) => signals.on(event, listener),
    exit: (code) => exits.push(code),
  };
  return { proc, signals, lines, exits, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** A server answering every request with `status`. */
async function serve(status: number): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.writeHead(status).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const ENV = { TABLE_NAME: "payments-entry", AWS_REGION: "us-east-1", DYNAMODB_ENDPOINT: "http://127.0.0.1:9", PORT: "0" };

describe("run", () => {
  it("GIVEN bad configuration THEN one error line with every problem and exit 2", async () => {
    const fake = fakeProcess({ PORT: "x" });
    await run(fake.proc);
    expect(fake.exits).toEqual([2]);
    expect(fake.entries()).toEqual([
      {
        time: expect.any(String),
        level: "error",
        msg: "invalid configuration",
        problems: [
          expect.stringMatching(/^PORT = "x": /),
          expect.stringMatching(/^TABLE_NAME is not set: /),
          expect.stringMatching(/^AWS_REGION is not set: /),
        ],
      },
    ]);
  });

  it("GIVEN a running service WHEN SIGTERM arrives twice THEN it drains once and exits 0", async () => {
    const fake = fakeProcess(ENV);
    await run(fake.proc);
    const port = fake.entries()[0].port as number;
    expect((await request(port, { path: "/ready" })).status).toBe(200);
    fake.signals.emit("SIGTERM");
    fake.signals.emit("SIGTERM");
    await until(() => fake.exits.length > 0);
    expect(fake.exits).toEqual([0]);
    expect(fake.entries().map((line) => line.msg)).toEqual(["listening", "request", "draining", "drained"]);
  });

  it("GIVEN a worker WHEN SIGINT arrives THEN it exits 0", async () => {
    // The SDK reads credentials from the real environment; without them it could wait on instance metadata.
    const saved = process.env;
    process.env = { ...saved, AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x" };
    const fake = fakeProcess({ ...ENV, WORKER_POLL_INTERVAL_MS: "60000" }, ["--worker"]);
    await run(fake.proc);
    expect(fake.entries()[0]).toMatchObject({ msg: "listening", mode: "worker" });
    fake.signals.emit("SIGINT");
    await until(() => fake.exits.length > 0);
    expect(fake.exits).toEqual([0]);
    process.env = saved;
  });

  it("GIVEN the port is taken THEN a 'failed to start' line and exit 1", async () => {
    const { server, port } = await serve(200);
    const fake = fakeProcess({ ...ENV, PORT: String(port) });
    await run(fake.proc);
    expect(fake.exits).toEqual([1]);
    expect(fake.entries()).toEqual([
      { time: expect.any(String), level: "error", msg: "failed to start", cause: expect.stringMatching(/EADDRINUSE/) },
    ]);
    server.close();
  });

  it("GIVEN a configuration THEN the client uses its region and endpoint with 2 attempts", async () => {
    const client = createClient(testConfig({ region: "eu-central-1", dynamodbEndpoint: "http://127.0.0.1:4567" }));
    expect([
      await client.config.region(),
      (await client.config.endpoint?.())?.hostname,
      await client.config.maxAttempts(),
    ]).toEqual(["eu-central-1", "127.0.0.1", DYNAMODB_TIMEOUTS.maxAttempts]);
    client.destroy();
  });

  // A stuck connection must fail, not hang until the ALB gives up (the SDK only warns by default).
  it("GIVEN a DynamoDB endpoint that accepts connections and never answers THEN a call fails with a timeout after its attempts", async () => {
    const sockets: Socket[] = [];
    const blackHole = createTcpServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    // The default credential chain, as on a task, finds these in the environment.
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" });
    const client = createClient(testConfig({ dynamodbEndpoint: endpoint }), {
      connectionTimeout: 100,
      requestTimeout: 150,
      maxAttempts: 2,
    });
    const started = Date.now();
    await expect(client.send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "x" } } }))).rejects.toMatchObject({
      name: "TimeoutError",
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sockets).toHaveLength(2);
    client.destroy();
    process.env = saved;
    for (const socket of sockets) socket.destroy();
    blackHole.close();
  });
});

describe("image entry points", () => {
  let saved: { env: NodeJS.ProcessEnv; argv: string[] };
  let exit: jest.SpyInstance;
  let write: jest.SpyInstance;
  beforeEach(() => {
    saved = { env: process.env, argv: process.argv };
    exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    process.env = saved.env;
    process.argv = saved.argv;
    exit.mockRestore();
    write.mockRestore();
  });

  it("GIVEN main.ts loaded without configuration THEN it exits 2 with the configuration line", async () => {
    process.env = {};
    process.argv = ["node", "main.js"];
    await jest.isolateModulesAsync(async () => {
      await import("../../../app/src/main");
    });
    await until(() => exit.mock.calls.length > 0);
    expect(exit.mock.calls).toEqual([[2]]);
    expect(JSON.parse(write.mock.calls[0][0] as string)).toMatchObject({ level: "error", msg: "invalid configuration" });
  });

  it("GIVEN healthcheck.ts loaded with PORT of a healthy server THEN it exits 0", async () => {
    const { server, port } = await serve(200);
    process.env = { PORT: String(port) };
    await jest.isolateModulesAsync(async () => {
      await import("../../../app/src/healthcheck");
    });
    await until(() => exit.mock.calls.length > 0);
    expect(exit.mock.calls).toEqual([[0]]);
    server.close();
  });
});

describe("health probe", () => {
  it("GIVEN 200 THEN healthy; GIVEN 503 or nothing listening THEN unhealthy", async () => {
    const ok = await serve(200);
    const draining = await serve(503);
    expect(
      await Promise.all([probeHealth(ok.port, 500), probeHealth(draining.port, 500), probeHealth(await closedPort(), 500)]),
    ).toEqual([true, false, false]);
    ok.server.close();
    draining.server.close();
  });

  it("GIVEN no path THEN /health is probed; GIVEN /ready THEN /ready is", async () => {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url!);
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    expect([await probeHealth(port, 500), await probeHealth(port, 500, "/ready")]).toEqual([true, true]);
    expect(paths).toEqual(["/health", "/ready"]);
    server.close();
  });

  it("GIVEN a server that never answers THEN unhealthy after the timeout", async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const started = performance.now();
    expect(await probeHealth((silent.address() as AddressInfo).port, 30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    silent.closeAllConnections();
    silent.close();
  });

  it("GIVEN PORT of a closed port THEN the health check exits 1", async () => {
    const exits: number[] = [];
    await runHealthCheck({ env: { PORT: String(await closedPort()) }, exit: (code) => exits.push(code) });
    expect(exits).toEqual([1]);
  });

  it("GIVEN an unreadable PORT THEN exit 1 without a request; the script's timeout leaves room under the container's 2 s minimum", async () => {
    const exits: number[] = [];
    await runHealthCheck({ env: { PORT: "http" }, exit: (code) => exits.push(code) });
    expect(exits).toEqual([1]);
    expect(HEALTH_CHECK_SCRIPT_TIMEOUT_MS).toBeLessThan(2000);
  });
});
