/**
 * The DynamoDB actions each mode sends, recorded with aws-sdk-client-mock on the client the store
 * uses (every command passed through to dynalite) across a full scenario, must be exactly
 * contract.ts DYNAMODB_ACTIONS[mode]: the stack grants those and nothing else.
 */
import * as ddb from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { randomUUID } from "crypto";
import { sleep } from "../../../app/src/clock";
import { DYNAMODB_ACTIONS, ServiceMode } from "../../../app/src/contract";
import { startService } from "../../../app/src/start";
import { createStore } from "../../../app/src/store";
import { localClient } from "../../../bin/localService";
import { pendingIds, startTestDynamo, TestDynamo } from "./support/dynamo";
import { captureLogs, gate, postPayment, request, testConfig, until } from "./support/http";

type CommandClass = new (input: object) => Parameters<ddb.DynamoDBClient["send"]>[0];

const PAYMENT = { amount: 700, currency: "GBP", reference: "actions" };

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo.close());

/** A client whose every command is recorded, then sent to dynalite by a second client. */
function recordingClient(): { client: ddb.DynamoDBClient; actions: () => { table: string[]; pendingIndex: string[] } } {
  const client = localClient("us-east-1", dynamo.endpoint);
  const mock = mockClient(client);
  const commands = Object.entries(ddb).filter(([name]) => /^[A-Z]\w+Command$/.test(name) && name !== "Command") as [
    string,
    CommandClass,
  ][];
  for (const [, Command] of commands) {
    mock.on(Command as never).callsFake((input: object) => dynamo.client.send(new Command(input) as never));
  }
  const actions = () => {
    const names = { table: new Set<string>(), pendingIndex: new Set<string>() };
    for (const call of mock.calls()) {
      const command = call.args[0];
      const action = `dynamodb:${command.constructor.name.replace(/Command$/, "")}`;
      const input = command.input as { IndexName?: string };
      names[input.IndexName === undefined ? "table" : "pendingIndex"].add(action);
    }
    return { table: [...names.table].sort(), pendingIndex: [...names.pendingIndex].sort() };
  };
  return { client, actions };
}

async function start(
  mode: ServiceMode,
  client: ddb.DynamoDBClient,
  tableName: string,
  now: { t: number },
  downstream = async () => undefined,
) {
  const logs = captureLogs();
  const service = await startService(testConfig({ mode, tableName }), {
    client,
    write: logs.write,
    clock: { now: () => now.t },
    work: { cpu: () => undefined, downstream },
    newId: randomUUID,
    leaseMs: 1000,
    sleep,
    host: "127.0.0.1",
  });
  return { service, logs };
}

describe("DynamoDB actions per mode", () => {
  it("GIVEN the API through create, replay, 422, 409, takeover (with and without the payment) and reads THEN it sends exactly GetItem, PutItem, UpdateItem on the table", async () => {
    const tableName = await dynamo.newTable();
    const { client, actions } = recordingClient();
    const now = { t: Date.UTC(2030, 0, 1) };
    const network = gate();
    let held = false;
    const { service } = await start("api", client, tableName, now, async () => {
      if (held) await network.wait();
    });
    const created = await postPayment(service.port, "a", PAYMENT);
    await postPayment(service.port, "a", PAYMENT);
    await postPayment(service.port, "a", { ...PAYMENT, amount: 1 });
    held = true;
    const slow = postPayment(service.port, "b", PAYMENT);
    await network.entered;
    held = false;
    const conflict = await postPayment(service.port, "b", PAYMENT);
    now.t += 1001;
    const takeover = await postPayment(service.port, "b", PAYMENT);
    network.open();
    const late = await slow;
    const id = (created.json as { id: string }).id;
    const reads = [
      await request(service.port, { path: `/v1/payments/${id}` }),
      await request(service.port, { path: `/v1/payments/${randomUUID()}` }),
    ];
    expect([created.status, conflict.status, takeover.status, late.status, late.text, ...reads.map((r) => r.status)]).toEqual([
      201,
      409,
      201,
      201,
      takeover.text,
      200,
      404,
    ]);
    expect(await service.stop()).toBe(0);
    expect(actions()).toEqual({
      table: DYNAMODB_ACTIONS.api.table.slice().sort(),
      pendingIndex: DYNAMODB_ACTIONS.api.pendingIndex,
    });
  });

  it("GIVEN the worker settling payments THEN it sends exactly Query on the index and UpdateItem on the table", async () => {
    const tableName = await dynamo.newTable();
    const store = createStore(dynamo.client, tableName);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      await store.createPayment({ id, status: "authorized", ...PAYMENT, createdAt: "2030-01-01T00:00:00.000Z" }, "3");
    }
    const { client, actions } = recordingClient();
    const { service, logs } = await start("worker", client, tableName, { t: 0 });
    await until(() => logs.entries("settled batch").length > 0);
    expect(await service.stop()).toBe(0);
    expect(await pendingIds(dynamo.client, tableName)).toEqual([]);
    expect(actions()).toEqual({
      table: DYNAMODB_ACTIONS.worker.table.slice().sort(),
      pendingIndex: DYNAMODB_ACTIONS.worker.pendingIndex.slice().sort(),
    });
  });
});

describe("store edge cases", () => {
  it("GIVEN a Query answer without Items THEN no ids; GIVEN GetItem finding nothing THEN undefined; GIVEN an unexpected SDK error on a conditional write THEN a StorageError naming the operation", async () => {
    const client = new ddb.DynamoDBClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const mock = mockClient(client);
    mock.on(ddb.QueryCommand).resolves({});
    mock.on(ddb.GetItemCommand).resolves({});
    mock
      .on(ddb.UpdateItemCommand)
      .rejects(new ddb.ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));
    const store = createStore(client, "t");
    expect(await store.queryPending("0", 5)).toEqual([]);
    expect([await store.getIdempotency("k"), await store.getPayment(randomUUID())]).toEqual([undefined, undefined]);
    await expect(store.settlePayment(randomUUID(), "x")).rejects.toThrow(
      "settle payment failed: ProvisionedThroughputExceededException: slow down",
    );
    mock.restore();
    client.destroy();
  });
});
