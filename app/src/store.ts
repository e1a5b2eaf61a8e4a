/**
 * The table, through the DynamoDB low-level commands (no document client: one dependency fewer in
 * the image). Every write that must not happen twice is conditional, which is what makes the
 * service correct across tasks: DynamoDB, not a process's memory, decides who wins a race.
 *
 * Only the actions in contract.ts DYNAMODB_ACTIONS are used: GetItem, PutItem and UpdateItem on the
 * table (api) and Query on the pending index plus UpdateItem (worker). The stack grants exactly
 * those, so another command here would be AccessDenied in production; test/unit/app checks it.
 */
import {
  AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { TABLE } from "./contract";
import { describeError } from "./logger";

export type PaymentStatus = "authorized" | "settled";

export interface Payment {
  id: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  reference: string;
  /** ISO 8601 UTC with milliseconds: string order is time order (the pending index's sort key). */
  createdAt: string;
  settledAt?: string;
}

export type IdempotencyState = "in_flight" | "completed";

/** The record behind one Idempotency-Key, `idempotency#<key>`. */
export interface IdempotencyRecord {
  key: string;
  state: IdempotencyState;
  /** sha256 of the validated request: the same key with another body is a client bug (422). */
  fingerprint: string;
  /** Chosen before the payment is written, so a task taking over a crashed attempt writes the same payment. */
  paymentId: string;
  /** Epoch ms until which the attempt holding the record owns it; after that another may take over. */
  leaseUntil: number;
  /** Epoch seconds: DynamoDB's TTL deletes the record after this (24 h), and a claim may overwrite it. */
  expiresAt: number;
  /** The response body to replay, once completed. */
  response?: string;
}

/** A read or write failed (network, throttling, permissions): answered 503, retried by the client. */
export class StorageError extends Error {
  constructor(
    readonly operation: string,
    readonly cause: unknown,
  ) {
    super(`${operation} failed: ${describeError(cause)}`);
    this.name = "StorageError";
  }
}

export interface Store {
  /** Creates the record in flight; false if a live record for the key exists. */
  claimIdempotency(record: IdempotencyRecord, nowSeconds: number): Promise<boolean>;
  /** Strongly consistent: the answer decides between replay, 409 and takeover. */
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /** Moves an expired lease to `leaseUntil`; false if another attempt took over or finished first. */
  takeOverLease(key: string, fingerprint: string, expiredLeaseUntil: number, leaseUntil: number): Promise<boolean>;
  /** Stores the response to replay; false if the record is no longer in flight with this fingerprint. */
  completeIdempotency(key: string, fingerprint: string, response: string): Promise<boolean>;
  /** Writes an authorized payment in `shard` of the pending index; false if the id exists. */
  createPayment(payment: Payment, shard: string): Promise<boolean>;
  /** Strongly consistent, so a GET right after the 201 finds the payment. */
  getPayment(id: string): Promise<Payment | undefined>;
  /** Ids of up to `limit` pending payments in `shard`, oldest first. */
  queryPending(shard: string, limit: number): Promise<string[]>;
  /**
   * authorized -> settled and out of the pending index: the settled payment (its amount and currency
   * for the audit event, from the same UpdateItem), or undefined if it was not authorized (another
   * worker settled it).
   */
  settlePayment(id: string, settledAt: string): Promise<Payment | undefined>;
}

type Item = Record<string, AttributeValue>;

const PK = TABLE.partitionKey;
const SHARD = TABLE.pendingIndex.partitionKey;
const PAYMENT_PREFIX = "payment#";
const IDEMPOTENCY_PREFIX = "idempotency#";

const s = (value: string): AttributeValue => ({ S: value });
const n = (value: number): AttributeValue => ({ N: String(value) });
/** An attribute's string; the service is the table's only writer, so a missing required one cannot happen. */
const text = (item: Item, name: string): string | undefined => item[name]?.S;
const number = (item: Item, name: string): number => Number(item[name].N);

/** A payment item as the service wrote it. */
function paymentOf(id: string, item: Item): Payment {
  const settledAt = text(item, "settledAt");
  return {
    id,
    status: text(item, "status") as PaymentStatus,
    amount: number(item, "amount"),
    currency: text(item, "currency") as string,
    reference: text(item, "reference") as string,
    createdAt: text(item, TABLE.pendingIndex.sortKey) as string,
    ...(settledAt === undefined ? {} : { settledAt }),
  };
}

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === "ConditionalCheckFailedException";

/** The store over one table. `client` is shared by the process (one connection pool). */
export function createStore(client: DynamoDBClient, tableName: string): Store {
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new StorageError(operation, error);
    }
  };
  /** A conditional write: true if it happened, false if its condition did not hold. */
  const conditional = async (operation: string, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw new StorageError(operation, error);
    }
  };
  const idempotencyKey = (key: string): Item => ({ [PK]: s(`${IDEMPOTENCY_PREFIX}${key}`) });
  const paymentKey = (id: string): Item => ({ [PK]: s(`${PAYMENT_PREFIX}${id}`) });

  return {
    claimIdempotency: (record, nowSeconds) =>
      conditional("claim idempotency key", () =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              ...idempotencyKey(record.key),
              state: s(record.state),
              fingerprint: s(record.fingerprint),
              paymentId: s(record.paymentId),
              leaseUntil: n(record.leaseUntil),
              [TABLE.ttlAttribute]: n(record.expiresAt),
            },
            // TTL deletes expired items up to days late: until then an expired record counts as absent.
            ConditionExpression: `attribute_not_exists(${PK}) OR #expiresAt < :now`,
            ExpressionAttributeNames: { "#expiresAt": TABLE.ttlAttribute },
            ExpressionAttributeValues: { ":now": n(nowSeconds) },
          }),
        ),
      ),

    getIdempotency: (key) =>
      call("read idempotency key", async () => {
        const { Item: item } = await client.send(
          new GetItemCommand({ TableName: tableName, Key: idempotencyKey(key), ConsistentRead: true }),
        );
        if (item === undefined) return undefined;
        return {
          key,
          state: text(item, "state") as IdempotencyState,
          fingerprint: text(item, "fingerprint") as string,
          paymentId: text(item, "paymentId") as string,
          leaseUntil: number(item, "leaseUntil"),
          expiresAt: number(item, TABLE.ttlAttribute),
          response: text(item, "response"),
        };
      }),

    takeOverLease: (key, fingerprint, expiredLeaseUntil, leaseUntil) =>
      conditional("take over idempotency lease", () =>
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: idempotencyKey(key),
            UpdateExpression: "SET leaseUntil = :lease",
            // Exactly the lease this attempt saw expire: of two tasks taking over at once, one wins.
            ConditionExpression: "#state = :inFlight AND fingerprint = :fingerprint AND leaseUntil = :expired",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: {
              ":lease": n(leaseUntil),
              ":inFlight": s("in_flight"),
              ":fingerprint": s(fingerprint),
              ":expired": n(expiredLeaseUntil),
            },
          }),
        ),
      ),

    completeIdempotency: (key, fingerprint, response) =>
      conditional("complete idempotency key", () =>
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: idempotencyKey(key),
            UpdateExpression: "SET #state = :completed, #response = :response",
            ConditionExpression: "#state = :inFlight AND fingerprint = :fingerprint",
            ExpressionAttributeNames: { "#state": "state", "#response": "response" },
            ExpressionAttributeValues: {
              ":completed": s("completed"),
              ":response": s(response),
              ":inFlight": s("in_flight"),
              ":fingerprint": s(fingerprint),
            },
          }),
        ),
      ),

    createPayment: (payment, shard) =>
      conditional("write payment", () =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              ...paymentKey(payment.id),
              id: s(payment.id),
              status: s(payment.status),
              amount: n(payment.amount),
              currency: s(payment.currency),
              reference: s(payment.reference),
              [TABLE.pendingIndex.sortKey]: s(payment.createdAt),
              [SHARD]: s(shard),
            },
            ConditionExpression: `attribute_not_exists(${PK})`,
          }),
        ),
      ),

    getPayment: (id) =>
      call("read payment", async () => {
        const { Item: item } = await client.send(
          new GetItemCommand({ TableName: tableName, Key: paymentKey(id), ConsistentRead: true }),
        );
        return item === undefined ? undefined : paymentOf(id, item);
      }),

    queryPending: (shard, limit) =>
      call("query pending payments", async () => {
        const { Items: items = [] } = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: TABLE.pendingIndex.name,
            KeyConditionExpression: "#shard = :shard",
            ExpressionAttributeNames: { "#shard": SHARD },
            ExpressionAttributeValues: { ":shard": s(shard) },
            Limit: limit,
          }),
        );
        return items.map((item) => (text(item, PK) as string).slice(PAYMENT_PREFIX.length));
      }),

    settlePayment: async (id, settledAt) => {
      let settled: Payment | undefined;
      await conditional("settle payment", async () => {
        const { Attributes: item } = await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: paymentKey(id),
            // Removing the shard takes the payment out of the sparse pending index.
            UpdateExpression: `SET #status = :settled, settledAt = :settledAt REMOVE #shard`,
            ConditionExpression: "#status = :authorized",
            ExpressionAttributeNames: { "#status": "status", "#shard": SHARD },
            ExpressionAttributeValues: { ":settled": s("settled"), ":settledAt": s(settledAt), ":authorized": s("authorized") },
            // The item after the update, so the audit event has the amount without a second read.
            ReturnValues: "ALL_NEW",
          }),
        );
        settled = paymentOf(id, item as Item);
      });
      return settled;
    },
  };
}
