/** Every rule of app/src/config.ts, with the message an operator reads, and the defaults. */
import { ConfigError, Env, loadConfig, readPort } from "../../../app/src/config";

const BASE: Env = { TABLE_NAME: "payments-dev", AWS_REGION: "eu-west-1" };

function problems(env: Env, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("service configuration", () => {
  it("GIVEN only the table and region THEN every other value is its default", () => {
    expect(loadConfig(BASE, [])).toEqual({
      mode: "api",
      port: 8080,
      tableName: "payments-dev",
      region: "eu-west-1",
      dynamodbEndpoint: undefined,
      keepAliveTimeoutSeconds: 65,
      shutdownTimeoutSeconds: 25,
      workMs: 0,
      downstreamMs: 0,
      downstreamShape: { kind: "fixed" },
      logLevel: "info",
      workerBatchSize: 25,
      workerPollIntervalMs: 1000,
      auditLogPath: undefined,
    });
  });

  it("GIVEN every variable set THEN each is read", () => {
    const env: Env = {
      ...BASE,
      SERVICE_MODE: "worker",
      PORT: "0",
      DYNAMODB_ENDPOINT: "http://127.0.0.1:4567",
      KEEP_ALIVE_TIMEOUT_SECONDS: "75",
      SHUTDOWN_TIMEOUT_SECONDS: "115",
      WORK_MS: "10000",
      DOWNSTREAM_MS: "30",
      DOWNSTREAM_SHAPE: "lognormal",
      DOWNSTREAM_CV_PERCENT: "250",
      LOG_LEVEL: "error",
      WORKER_BATCH_SIZE: "1000",
      WORKER_POLL_INTERVAL_MS: "10",
      AUDIT_LOG_PATH: "/var/audit/events.jsonl",
    };
    expect(loadConfig(env, [])).toEqual({
      mode: "worker",
      port: 0,
      tableName: "payments-dev",
      region: "eu-west-1",
      dynamodbEndpoint: "http://127.0.0.1:4567",
      keepAliveTimeoutSeconds: 75,
      shutdownTimeoutSeconds: 115,
      workMs: 10000,
      downstreamMs: 30,
      downstreamShape: { kind: "lognormal", coefficientOfVariation: 2.5 },
      logLevel: "error",
      workerBatchSize: 1000,
      workerPollIntervalMs: 10,
      auditLogPath: "/var/audit/events.jsonl",
    });
  });

  it.each([
    [{}, [], "api"],
    [{ SERVICE_MODE: "worker" }, [], "worker"],
    [{}, ["--worker"], "worker"],
    [{ SERVICE_MODE: "worker" }, ["--worker"], "worker"],
  ])("GIVEN env %j and argv %j THEN the mode is %s", (env, argv, mode) => {
    expect(loadConfig({ ...BASE, ...env }, argv).mode).toBe(mode);
  });

  it("GIVEN nothing set THEN both required variables are reported at once, each with an example", () => {
    expect(problems({})).toEqual([
      "TABLE_NAME is not set: must be the DynamoDB table's name (3-255 letters, digits, _ . -) that the stack created. Example: TABLE_NAME=payments-dev",
      "AWS_REGION is not set: must be the AWS region of the table (ECS sets it on Fargate). Example: AWS_REGION=us-east-1",
    ]);
  });

  it.each([
    [
      "PORT",
      "http",
      'PORT = "http": must be an integer from 0 to 65535 (a TCP port; 0 picks a free one). Example: PORT=8080, or unset it for the default 8080.',
    ],
    [
      "PORT",
      "65536",
      'PORT = "65536": must be an integer from 0 to 65535 (a TCP port; 0 picks a free one). Example: PORT=8080, or unset it for the default 8080.',
    ],
    [
      "PORT",
      "",
      'PORT = "": must be an integer from 0 to 65535 (a TCP port; 0 picks a free one). Example: PORT=8080, or unset it for the default 8080.',
    ],
    [
      "PORT",
      "80.5",
      'PORT = "80.5": must be an integer from 0 to 65535 (a TCP port; 0 picks a free one). Example: PORT=8080, or unset it for the default 8080.',
    ],
    [
      "KEEP_ALIVE_TIMEOUT_SECONDS",
      "0",
      'KEEP_ALIVE_TIMEOUT_SECONDS = "0": must be an integer from 1 to 4000 (seconds; keep it above the load balancer\'s idle timeout). Example: KEEP_ALIVE_TIMEOUT_SECONDS=65, or unset it for the default 65.',
    ],
    [
      "SHUTDOWN_TIMEOUT_SECONDS",
      "120",
      'SHUTDOWN_TIMEOUT_SECONDS = "120": must be an integer from 1 to 119 (seconds; keep it below the container\'s stopTimeout, at most 120 on Fargate). Example: SHUTDOWN_TIMEOUT_SECONDS=25, or unset it for the default 25.',
    ],
    [
      "WORK_MS",
      "10001",
      'WORK_MS = "10001": must be an integer from 0 to 10000 (CPU milliseconds per payment, the modelled workload\'s cpuMsPerRequest). Example: WORK_MS=0, or unset it for the default 0.',
    ],
    [
      "DOWNSTREAM_MS",
      "-1",
      'DOWNSTREAM_MS = "-1": must be an integer from 0 to 10000 (emulated card network milliseconds per payment, the modelled workload\'s nonCpuLatencyMs). Example: DOWNSTREAM_MS=0, or unset it for the default 0.',
    ],
    [
      "WORKER_BATCH_SIZE",
      "0",
      'WORKER_BATCH_SIZE = "0": must be an integer from 1 to 1000 (pending payments per Query; DynamoDB returns at most 1 MB per page anyway). Example: WORKER_BATCH_SIZE=25, or unset it for the default 25.',
    ],
    [
      "WORKER_POLL_INTERVAL_MS",
      "9",
      'WORKER_POLL_INTERVAL_MS = "9": must be an integer from 10 to 60000 (milliseconds between rounds that found nothing; lower polls more, and each poll is 8 Queries). Example: WORKER_POLL_INTERVAL_MS=1000, or unset it for the default 1000.',
    ],
    [
      "LOG_LEVEL",
      "debug",
      'LOG_LEVEL = "debug": must be one of info, warn, error. Example: LOG_LEVEL=info, or unset it for the default info.',
    ],
    [
      "SERVICE_MODE",
      "batch",
      'SERVICE_MODE = "batch": must be one of api, worker. Example: SERVICE_MODE=api, or unset it for the default api.',
    ],
    [
      "DYNAMODB_ENDPOINT",
      "localhost:4567",
      'DYNAMODB_ENDPOINT = "localhost:4567": must be an http(s) URL of a local DynamoDB (dynalite); unset it on AWS. Example: DYNAMODB_ENDPOINT=http://127.0.0.1:4567',
    ],
    [
      "DYNAMODB_ENDPOINT",
      "not a url",
      'DYNAMODB_ENDPOINT = "not a url": must be an http(s) URL of a local DynamoDB (dynalite); unset it on AWS. Example: DYNAMODB_ENDPOINT=http://127.0.0.1:4567',
    ],
    [
      "TABLE_NAME",
      "ab",
      'TABLE_NAME = "ab": must be the DynamoDB table\'s name (3-255 letters, digits, _ . -) that the stack created. Example: TABLE_NAME=payments-dev',
    ],
    [
      "AWS_REGION",
      "US-EAST-1",
      'AWS_REGION = "US-EAST-1": must be the AWS region of the table (ECS sets it on Fargate). Example: AWS_REGION=us-east-1',
    ],
  ])("GIVEN %s=%j THEN the message names it, the rule and a value that works", (variable, value, message) => {
    expect(problems({ ...BASE, [variable]: value })).toEqual([message]);
  });

  it.each([
    [{ DOWNSTREAM_MS: "30" }, { kind: "fixed" }],
    [{ DOWNSTREAM_MS: "0", DOWNSTREAM_SHAPE: "fixed" }, { kind: "fixed" }],
    [{ DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "exponential" }, { kind: "exponential" }],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "lognormal" },
      { kind: "lognormal", coefficientOfVariation: 1 },
    ],
    [
      { DOWNSTREAM_MS: "1", DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "1" },
      { kind: "lognormal", coefficientOfVariation: 0.01 },
    ],
    [
      { DOWNSTREAM_MS: "10000", DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "1000" },
      { kind: "lognormal", coefficientOfVariation: 10 },
    ],
  ])("GIVEN %j THEN the downstream shape is %j", (env, shape) => {
    expect(loadConfig({ ...BASE, ...env }, []).downstreamShape).toEqual(shape);
  });

  it.each([
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "normal" },
      'DOWNSTREAM_SHAPE = "normal": must be one of fixed, exponential, lognormal. Example: DOWNSTREAM_SHAPE=fixed, or unset it for the default fixed.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "deterministic" },
      'DOWNSTREAM_SHAPE = "deterministic": must be one of fixed, exponential, lognormal. Example: DOWNSTREAM_SHAPE=fixed, or unset it for the default fixed.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "0" },
      'DOWNSTREAM_CV_PERCENT = "0": must be an integer from 1 to 1000 (percent, the coefficient of variation of the lognormal DOWNSTREAM_SHAPE, the modelled workload\'s nonCpuLatencyCvPercent). Example: DOWNSTREAM_CV_PERCENT=100, or unset it for the default 100.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "1001" },
      'DOWNSTREAM_CV_PERCENT = "1001": must be an integer from 1 to 1000 (percent, the coefficient of variation of the lognormal DOWNSTREAM_SHAPE, the modelled workload\'s nonCpuLatencyCvPercent). Example: DOWNSTREAM_CV_PERCENT=100, or unset it for the default 100.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "lognormal", DOWNSTREAM_CV_PERCENT: "0.5" },
      'DOWNSTREAM_CV_PERCENT = "0.5": must be an integer from 1 to 1000 (percent, the coefficient of variation of the lognormal DOWNSTREAM_SHAPE, the modelled workload\'s nonCpuLatencyCvPercent). Example: DOWNSTREAM_CV_PERCENT=100, or unset it for the default 100.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_CV_PERCENT: "50" },
      'DOWNSTREAM_CV_PERCENT = "50" has no effect while DOWNSTREAM_SHAPE is fixed: set DOWNSTREAM_SHAPE=lognormal or unset DOWNSTREAM_CV_PERCENT.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "exponential", DOWNSTREAM_CV_PERCENT: "100" },
      'DOWNSTREAM_CV_PERCENT = "100" has no effect while DOWNSTREAM_SHAPE is exponential: set DOWNSTREAM_SHAPE=lognormal or unset DOWNSTREAM_CV_PERCENT.',
    ],
    [
      { DOWNSTREAM_SHAPE: "lognormal" },
      'DOWNSTREAM_SHAPE = "lognormal" has no effect while DOWNSTREAM_MS is 0: set DOWNSTREAM_MS above 0 or unset DOWNSTREAM_SHAPE.',
    ],
    [
      { DOWNSTREAM_MS: "0", DOWNSTREAM_SHAPE: "exponential" },
      'DOWNSTREAM_SHAPE = "exponential" has no effect while DOWNSTREAM_MS is 0: set DOWNSTREAM_MS above 0 or unset DOWNSTREAM_SHAPE.',
    ],
    // A refused DOWNSTREAM_MS or DOWNSTREAM_SHAPE reads as its default: only its own message, not a "no effect" one about that default.
    [
      { DOWNSTREAM_MS: "x", DOWNSTREAM_SHAPE: "lognormal" },
      'DOWNSTREAM_MS = "x": must be an integer from 0 to 10000 (emulated card network milliseconds per payment, the modelled workload\'s nonCpuLatencyMs). Example: DOWNSTREAM_MS=0, or unset it for the default 0.',
    ],
    [
      { DOWNSTREAM_MS: "30", DOWNSTREAM_SHAPE: "Lognormal", DOWNSTREAM_CV_PERCENT: "50" },
      'DOWNSTREAM_SHAPE = "Lognormal": must be one of fixed, exponential, lognormal. Example: DOWNSTREAM_SHAPE=fixed, or unset it for the default fixed.',
    ],
  ])("GIVEN %j THEN the one problem names the variable, the rule and the fix", (env, message) => {
    expect(problems({ ...BASE, ...env })).toEqual([message]);
  });

  it("GIVEN a CV with a random shape around 0 ms THEN both settings that change nothing are reported at once", () => {
    expect(problems({ ...BASE, DOWNSTREAM_SHAPE: "exponential", DOWNSTREAM_CV_PERCENT: "80" })).toEqual([
      'DOWNSTREAM_CV_PERCENT = "80" has no effect while DOWNSTREAM_SHAPE is exponential: set DOWNSTREAM_SHAPE=lognormal or unset DOWNSTREAM_CV_PERCENT.',
      'DOWNSTREAM_SHAPE = "exponential" has no effect while DOWNSTREAM_MS is 0: set DOWNSTREAM_MS above 0 or unset DOWNSTREAM_SHAPE.',
    ]);
  });

  it("GIVEN an unknown argument and --worker with SERVICE_MODE=api THEN both are reported", () => {
    expect(problems({ ...BASE, SERVICE_MODE: "api" }, ["--worker", "--verbose"])).toEqual([
      'unknown argument "--verbose": the only argument is --worker.',
      'SERVICE_MODE = "api" conflicts with --worker: set SERVICE_MODE=worker or drop the argument.',
    ]);
  });

  it("GIVEN several problems THEN the error message lists them all on one line", () => {
    expect(() => loadConfig({ PORT: "x" }, [])).toThrow(
      /^invalid configuration: PORT = "x": .+; TABLE_NAME is not set: .+; AWS_REGION is not set: .+$/,
    );
  });

  it.each([
    [{}, 8080],
    [{ PORT: "9000" }, 9000],
  ])("GIVEN %j THEN the health check's port is %d", (env, port) => {
    expect(readPort(env)).toBe(port);
  });

  it("GIVEN an invalid PORT THEN the health check's port is a ConfigError", () => {
    expect(() => readPort({ PORT: "x" })).toThrow(ConfigError);
  });
});
