/**
 * `npm run service [-- --worker]`: the payment service on this machine, without AWS. It starts an
 * in-memory dynalite on 127.0.0.1, creates the table exactly as contract.ts describes it (the
 * stack's table), and runs one mode of the service in this process against it, on PORT (8080).
 *
 * With TABLE_NAME in the environment it joins that table instead: DYNAMODB_ENDPOINT for another
 * launcher's dynalite (it prints both), or nothing for the real table on AWS with the usual AWS
 * credentials. One mode per process, like the tasks: an API in one terminal, a worker in another.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  DynamoDBClientConfig,
  ScalarAttributeType,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { AddressInfo } from "net";
// Only the shared flag parser (which loads nothing but node:util and the ConfigError class), so that
// `npm run service` takes --help/-h and refuses unknown flags exactly as every other command does.
import { Command, Io, parseFlags } from "../lib/commands/cli";
import { ConfigError, Env, loadConfig, WORKER_FLAG } from "../app/src/config";
import { ENV, TABLE, TABLE_KEY_TYPES } from "../app/src/contract";
import { systemClock } from "../app/src/clock";
import { createLogger, describeError } from "../app/src/logger";
import { processDeps } from "../app/src/run";
import { startService } from "../app/src/start";

/** The table the launcher creates in its own dynalite. */
export const LOCAL_TABLE_NAME = "payments-local";
/** Any region does for dynalite; the SDK only needs one. */
const LOCAL_REGION = "us-east-1";
/** dynalite checks no signature, but the SDK will not sign without credentials. */
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/** An in-memory dynalite on 127.0.0.1 at a free port; tables are ACTIVE at once. */
export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Clients' keep-alive sockets would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A client for `endpoint` (a dynalite) or, when undefined, for AWS with the default credential chain. */
export function localClient(region: string, endpoint: string | undefined): DynamoDBClient {
  const config: DynamoDBClientConfig = endpoint === undefined ? { region } : { region, endpoint, credentials: LOCAL_CREDENTIALS };
  return new DynamoDBClient(config);
}

/**
 * Creates the table as contract.ts describes it: on-demand, partition key `pk`, the sparse
 * `pending` index (KEYS_ONLY), TTL on `expiresAt`. Returns notes on what could not be set up: dynalite
 * has no UpdateTimeToLive, so locally idempotency records never expire (which only matters on AWS).
 */
export async function createTable(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const index = TABLE.pendingIndex;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: Object.entries(TABLE_KEY_TYPES).map(([AttributeName, type]) => ({
        AttributeName,
        AttributeType: type as ScalarAttributeType,
      })),
      KeySchema: [{ AttributeName: TABLE.partitionKey, KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: "HASH" },
            { AttributeName: index.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
      ],
    }),
  );
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      }),
    );
    return [];
  } catch (error) {
    return [`TTL not enabled on ${tableName} (${describeError(error)}): idempotency records do not expire locally.`];
  }
}

export interface LocalServiceOptions {
  worker: boolean;
  env: Env;
  /** Where log lines go (stdout). */
  write: (line: string) => void;
}

export interface LocalService {
  port: number;
  tableName: string;
  /** The DynamoDB endpoint used; undefined for AWS. */
  endpoint: string | undefined;
  /** Stops the service, then the dynalite it started; resolves with the service's exit code. */
  stop(): Promise<number>;
}

/** Starts one mode of the service against a local (or joined) table. Throws ConfigError for a bad environment. */
export async function startLocalService({ worker, env, write }: LocalServiceOptions): Promise<LocalService> {
  const own = env[ENV.tableName] === undefined;
  // Validated before dynalite starts, so a bad PORT leaves nothing running; the endpoint is filled in below.
  const placeholder = own ? { [ENV.tableName]: LOCAL_TABLE_NAME, [ENV.dynamodbEndpoint]: "http://127.0.0.1" } : {};
  const config = loadConfig({ [ENV.region]: LOCAL_REGION, ...env, ...placeholder }, worker ? [WORKER_FLAG] : []);
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  if (own) {
    const dynamo = await startDynalite();
    cleanups.push(() => dynamo.close());
    config.dynamodbEndpoint = dynamo.endpoint;
  }
  const client = localClient(config.region, config.dynamodbEndpoint);
  cleanups.push(() => client.destroy());
  try {
    if (own) {
      const logger = createLogger("info", write, systemClock);
      for (const note of await createTable(client, config.tableName)) logger.log("warn", note);
    }
    const service = await startService(config, { ...processDeps(client, write), host: "127.0.0.1" });
    return {
      port: service.port,
      tableName: config.tableName,
      endpoint: config.dynamodbEndpoint,
      stop: async () => {
        const code = await service.stop();
        await cleanUp();
        return code;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Where the command waits for Ctrl-C or SIGTERM (`process`, or an EventEmitter in tests). */
export interface SignalSource {
  once(event: "SIGTERM" | "SIGINT", listener: () => void): unknown;
  off(event: "SIGTERM" | "SIGINT", listener: () => void): unknown;
}

/** What `npm run service -- --help` prints. */
export const SERVICE_USAGE = [
  "usage: npm run service [-- --worker]",
  "  Runs the payment API (or, with --worker, the settlement worker) on 127.0.0.1:$PORT (default 8080)",
  "  against an in-memory dynalite with the stack's table. Set TABLE_NAME and DYNAMODB_ENDPOINT to join",
  "  another launcher's dynalite, or TABLE_NAME alone for the real table on AWS. Ctrl-C stops it.",
].join("\n");

/** The command behind bin/service.ts: starts, prints where, runs until a signal, exits with the drain's code. */
export function serviceCommand(env: Env, signals: SignalSource): Command {
  return async (argv, io) => {
    let flags: { worker: boolean; help: boolean };
    try {
      flags = parseFlags(argv, { worker: { type: "boolean", default: false } }, SERVICE_USAGE);
    } catch (error) {
      io.err((error as Error).message);
      return 2;
    }
    if (flags.help) {
      io.out(SERVICE_USAGE);
      return 0;
    }
    let local: LocalService;
    try {
      local = await startLocalService({ worker: flags.worker, env, write: (line) => io.out(line) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return 2;
    }
    const endpoint = local.endpoint === undefined ? "" : ` ${ENV.dynamodbEndpoint}=${local.endpoint}`;
    const other = flags.worker ? "" : ` -- ${WORKER_FLAG}`;
    io.out(
      `payment service (${flags.worker ? "worker" : "api"}) on http://127.0.0.1:${local.port}, table ${local.tableName} at ${local.endpoint ?? "AWS"}.\n` +
        `Run the other mode against the same table in another terminal: ${ENV.tableName}=${local.tableName}${endpoint} PORT=8081 npm run service${other}`,
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        signals.off("SIGTERM", stop);
        signals.off("SIGINT", stop);
        resolve();
      };
      signals.once("SIGTERM", stop);
      signals.once("SIGINT", stop);
    });
    return local.stop();
  };
}

/** The terminal, as lib/commands/cli's processIo (one line per call). */
export const stdio: Io = {
  out: (text) => void process.stdout.write(`${text.replace(/\n$/, "")}\n`),
  err: (text) => void process.stderr.write(`${text.replace(/\n$/, "")}\n`),
};

/**
 * bin/service.ts: runs the command and resolves with its exit code, like lib/commands/cli's runCli:
 * unexpected errors become one line on stderr (the app's describeError) and exit 1.
 */
export async function runServiceCli(argv: string[], env: Env, signals: SignalSource, io: Io): Promise<number> {
  try {
    return await serviceCommand(env, signals)(argv, io);
  } catch (error) {
    io.err(`error: ${describeError(error)}`);
    return 1;
  }
}
