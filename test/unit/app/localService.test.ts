/**
 * `npm run service` (bin/service.ts, bin/localService.ts): its own dynalite with the contract's
 * table, joining another launcher's table, joining AWS, bad configuration, and the command's
 * flags and signals.
 */
import * as ddb from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { EventEmitter } from "events";
import { createServer } from "net";
import { ConfigError } from "../../../app/src/config";
import {
  createTable,
  LOCAL_TABLE_NAME,
  runServiceCli,
  SERVICE_USAGE,
  serviceCommand,
  startLocalService,
  stdio,
} from "../../../bin/localService";
import { captureLogs, postPayment, request, until } from "./support/http";
import { captureIo } from "../support/captureIo";
import { STARTUP_USAGE, startupBenchCommand } from "../../../bench/startupBench";
import { describeCommandLineConventions } from "../support/commandConventions";

const PAYMENT = { amount: 990, currency: "SEK", reference: "local" };

describe("startLocalService", () => {
  it("GIVEN no TABLE_NAME THEN it starts dynalite with the table, notes the missing TTL, and serves; a worker joining it settles the payment", async () => {
    const apiLogs = captureLogs();
    const api = await startLocalService({ worker: false, env: { PORT: "0" }, write: apiLogs.write });
    expect([api.tableName, api.endpoint]).toEqual([LOCAL_TABLE_NAME, expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)]);
    expect(apiLogs.entries()[0]).toEqual({
      time: expect.any(String),
      level: "warn",
      msg: "TTL not enabled on payments-local (UnknownOperationException: UnknownError): idempotency records do not expire locally.",
    });
    const created = await postPayment(api.port, "local-1", PAYMENT);
    expect(created.status).toBe(201);

    const workerLogs = captureLogs();
    const worker = await startLocalService({
      worker: true,
      env: { PORT: "0", TABLE_NAME: api.tableName, DYNAMODB_ENDPOINT: api.endpoint as string, WORKER_POLL_INTERVAL_MS: "10" },
      write: workerLogs.write,
    });
    expect([worker.tableName, worker.endpoint]).toEqual([api.tableName, api.endpoint]);
    await until(() => workerLogs.entries("settled batch").length === 1);
    const read = await request(api.port, { path: `/v1/payments/${(created.json as { id: string }).id}` });
    expect((read.json as { status: string }).status).toBe("settled");
    expect(await worker.stop()).toBe(0);
    expect(await api.stop()).toBe(0);
  });

  it("GIVEN TABLE_NAME without DYNAMODB_ENDPOINT THEN it joins the table on AWS (no endpoint) and stops cleanly", async () => {
    const logs = captureLogs();
    const service = await startLocalService({
      worker: false,
      env: { PORT: "0", TABLE_NAME: "payments-dev", AWS_REGION: "eu-west-1" },
      write: logs.write,
    });
    expect([service.tableName, service.endpoint]).toEqual(["payments-dev", undefined]);
    expect(logs.entries().map((line) => line.msg)).toEqual(["listening"]);
    expect(await service.stop()).toBe(0);
  });

  it("GIVEN a bad PORT THEN ConfigError before anything starts", async () => {
    await expect(startLocalService({ worker: false, env: { PORT: "http" }, write: () => undefined })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it("GIVEN the port is taken THEN the listen error, and its dynalite is stopped again", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    await expect(startLocalService({ worker: false, env: { PORT: String(port) }, write: () => undefined })).rejects.toMatchObject(
      {
        code: "EADDRINUSE",
      },
    );
    taken.close();
  });
});

describe("createTable", () => {
  it("GIVEN DynamoDB with TTL support THEN the table is the contract's (on demand, pk, KEYS_ONLY pending index) and TTL is enabled on expiresAt", async () => {
    const client = new ddb.DynamoDBClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const mock = mockClient(client);
    mock.on(ddb.CreateTableCommand).resolves({});
    mock.on(ddb.UpdateTimeToLiveCommand).resolves({});
    expect(await createTable(client, "payments-x")).toEqual([]);
    expect(mock.calls().map((call) => call.args[0].input)).toEqual([
      {
        TableName: "payments-x",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "pendingShard", AttributeType: "S" },
          { AttributeName: "createdAt", AttributeType: "S" },
        ],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        GlobalSecondaryIndexes: [
          {
            IndexName: "pending",
            KeySchema: [
              { AttributeName: "pendingShard", KeyType: "HASH" },
              { AttributeName: "createdAt", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "KEYS_ONLY" },
          },
        ],
      },
      { TableName: "payments-x", TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } },
    ]);
    mock.restore();
    client.destroy();
  });
});

describe("the service command", () => {
  it("GIVEN --help THEN the usage and exit 0; GIVEN an unknown flag THEN the flag and the usage on stderr, exit 2", async () => {
    const io = captureIo();
    expect(await serviceCommand({}, new EventEmitter())(["--help"], io)).toBe(0);
    expect(io.stdout).toEqual([expect.stringMatching(/^usage: npm run service \[-- --worker\]\n/)]);
    expect(await serviceCommand({}, new EventEmitter())(["--api"], io)).toBe(2);
    expect(io.stderr).toEqual([expect.stringMatching(/^Unknown option '--api'.*\nusage: npm run service/s)]);
  });

  it("GIVEN the port is taken THEN one error line and exit 1", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    const io = captureIo();
    expect(await runServiceCli([], { PORT: String(port) }, new EventEmitter(), io)).toBe(1);
    expect(io.stderr).toEqual([
      expect.stringMatching(/^error: Error: listen EADDRINUSE: address already in use 127\.0\.0\.1:\d+$/),
    ]);
    taken.close();
  });

  it("GIVEN the terminal Io THEN each call is one line on stdout or stderr", () => {
    const out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    stdio.out("a\n");
    stdio.err("b");
    expect([out.mock.calls, err.mock.calls]).toEqual([[["a\n"]], [["b\n"]]]);
    out.mockRestore();
    err.mockRestore();
  });

  it("GIVEN bad configuration THEN the message on stderr and exit 2", async () => {
    const io = captureIo();
    expect(await serviceCommand({ PORT: "http" }, new EventEmitter())([], io)).toBe(2);
    expect(io.stderr).toEqual([expect.stringMatching(/^invalid configuration: PORT = "http": /)]);
  });

  it("GIVEN the API WHEN SIGINT arrives THEN it says where it runs and how to add a worker, then stops with 0", async () => {
    const io = captureIo();
    const signals = new EventEmitter();
    const exit = serviceCommand({ PORT: "0" }, signals)([], io);
    await until(() => io.stdout.some((line) => line.startsWith("payment service")));
    const banner = io.stdout.find((line) => line.startsWith("payment service")) as string;
    expect(banner).toMatch(
      /^payment service \(api\) on http:\/\/127\.0\.0\.1:\d+, table payments-local at http:\/\/127\.0\.0\.1:(\d+)\.\nRun the other mode against the same table in another terminal: TABLE_NAME=payments-local DYNAMODB_ENDPOINT=http:\/\/127\.0\.0\.1:\d+ PORT=8081 npm run service -- --worker$/,
    );
    signals.emit("SIGINT");
    expect(await exit).toBe(0);
    expect(signals.listenerCount("SIGTERM") + signals.listenerCount("SIGINT")).toBe(0);
  });

  it("GIVEN the worker on AWS WHEN SIGTERM arrives THEN the banner has no endpoint and points at the API, then it stops with 0", async () => {
    const io = captureIo();
    const signals = new EventEmitter();
    const saved = process.env;
    // The worker polls at once; credentials keep the SDK from waiting on instance metadata, the endpoint variable is unset on purpose.
    process.env = {
      ...saved,
      AWS_ACCESS_KEY_ID: "x",
      AWS_SECRET_ACCESS_KEY: "x",
      AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:9",
    };
    const exit = serviceCommand({ PORT: "0", TABLE_NAME: "payments-dev", WORKER_POLL_INTERVAL_MS: "60000" }, signals)(
      ["--worker"],
      io,
    );
    await until(() => io.stdout.some((line) => line.startsWith("payment service")));
    expect(io.stdout.find((line) => line.startsWith("payment service"))).toMatch(
      /^payment service \(worker\) on http:\/\/127\.0\.0\.1:\d+, table payments-dev at AWS\.\nRun the other mode against the same table in another terminal: TABLE_NAME=payments-dev PORT=8081 npm run service$/,
    );
    signals.emit("SIGTERM");
    expect(await exit).toBe(0);
    process.env = saved;
  });

  it("GIVEN bin/service.ts WHEN loaded with --help THEN it prints the usage once and sets exit code 0", async () => {
    const saved = [process.argv, process.exitCode] as const;
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    process.argv = ["node", "bin/service.ts", "--help"];
    process.exitCode = undefined;
    await jest.isolateModulesAsync(async () => {
      await import("../../../bin/service");
    });
    await until(() => process.exitCode !== undefined);
    expect(process.exitCode).toBe(0);
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
    [process.argv, process.exitCode] = [saved[0], saved[1]];
  });
});

describeCommandLineConventions("service", () => serviceCommand({}, new EventEmitter()), SERVICE_USAGE);

// The startup benchmark runs this local service; its flags follow every command's conventions.
describeCommandLineConventions("bench:startup", () => startupBenchCommand, STARTUP_USAGE);
