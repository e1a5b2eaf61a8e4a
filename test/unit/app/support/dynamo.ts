/**
 * One dynalite per test file, tables made by the launcher's own createTable (so tests run against
 * the layout of contract.ts), and reads that go through the SDK, never through the service: what
 * the tests count is what DynamoDB holds.
 */
import { AttributeValue, DynamoDBClient, GetItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { createTable, localClient, startDynalite } from "../../../../bin/localService";
import { TABLE } from "../../../../app/src/contract";
import { PENDING_SHARDS } from "../../../../app/src/shards";

export interface TestDynamo {
  endpoint: string;
  client: DynamoDBClient;
  /** A fresh table, so counts in one test are not another test's. */
  newTable(): Promise<string>;
  close(): Promise<void>;
}

let tables = 0;

export async function startTestDynamo(): Promise<TestDynamo> {
  const dynamo = await startDynalite();
  const client = localClient("us-east-1", dynamo.endpoint);
  return {
    endpoint: dynamo.endpoint,
    client,
    newTable: async () => {
      tables += 1;
      const name = `payments-test-${tables}`;
      await createTable(client, name);
      return name;
    },
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}

/** Ids of the payments in the pending index, all shards (Query, as the worker reads them). */
export async function pendingIds(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const ids: string[] = [];
  for (const shard of PENDING_SHARDS) {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: TABLE.pendingIndex.name,
        KeyConditionExpression: "pendingShard = :shard",
        ExpressionAttributeValues: { ":shard": { S: shard } },
      }),
    );
    ids.push(...Items.map((item) => String(item.pk.S).slice("payment#".length)));
  }
  return ids.sort();
}

/** The raw item with partition key `pk`, or undefined. */
export async function rawItem(
  client: DynamoDBClient,
  tableName: string,
  pk: string,
): Promise<Record<string, AttributeValue> | undefined> {
  const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk } }, ConsistentRead: true }));
  return Item;
}
