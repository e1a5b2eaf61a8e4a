/**
 * The service's configuration, read once at start from the environment the stack sets (contract.ts
 * ENV). Every value is validated and all problems are reported together, each naming the variable,
 * what is wrong and a value that works: a bad task definition should fail its first deployment with
 * one readable message, not one variable per deployment, and never with a stack trace (exit code 2).
 */
import {
  AUDIT_FORWARDER_MODE,
  AUDIT_LOG,
  DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS,
  DEFAULT_PORT,
  DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
  DOWNSTREAM_SHAPES,
  ENV,
  ServiceMode,
} from "./contract";
import { DownstreamShape } from "./downstreamDelay";
import { LOG_LEVELS, LogLevel } from "./logger";

export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  mode: ServiceMode;
  port: number;
  tableName: string;
  region: string;
  /** Local only (dynalite); undefined on AWS. */
  dynamodbEndpoint: string | undefined;
  keepAliveTimeoutSeconds: number;
  shutdownTimeoutSeconds: number;
  workMs: number;
  /** The mean of the emulated downstream wait. */
  downstreamMs: number;
  /** How each wait is drawn around downstreamMs (downstreamDelay.ts). */
  downstreamShape: DownstreamShape;
  logLevel: LogLevel;
  workerBatchSize: number;
  workerPollIntervalMs: number;
  /** The audit file (AUDIT_LOG_PATH); undefined writes audit events to stdout. */
  auditLogPath: string | undefined;
}

/** The audit forwarder's configuration (SERVICE_MODE=audit-forwarder): the file to copy, nothing else. */
export interface ForwarderConfig {
  auditLogPath: string;
}

/** Invalid configuration: the process logs `problems` and exits 2. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Exit code for invalid configuration, the same as the repository's command-line tools use. */
export const CONFIG_EXIT_CODE = 2;

/** The one command-line argument: the image's CMD can select the worker without another variable. */
export const WORKER_FLAG = "--worker";

const MODES: readonly ServiceMode[] = ["api", "worker"];

/**
 * WORK_MS and DOWNSTREAM_MS are capped at the platform's own bounds for the modelled workload
 * (workloadCpuMsPerRequest, workloadNonCpuLatencyMs: 10,000 ms), so any stack configuration starts.
 */
const MAX_EMULATED_MS = 10_000;

/**
 * DOWNSTREAM_CV_PERCENT's bounds are the platform's for workloadNonCpuLatencyCvPercent (1-1000), and
 * its default is the platform's too: a lognormal with CV 100% when unset.
 */
const DOWNSTREAM_CV_RULE = {
  variable: ENV.downstreamCvPercent,
  defaults: 100,
  min: 1,
  max: 1000,
  why: `percent, the coefficient of variation of the lognormal ${ENV.downstreamShape}, the modelled workload's nonCpuLatencyCvPercent`,
};

interface IntegerRule {
  variable: string;
  defaults: number;
  min: number;
  max: number;
  /** Why the bounds are what they are, shown in the message. */
  why: string;
}

/** Reads one variable at a time and collects what is wrong, so every problem is reported at once. */
class Reader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  integer({ variable, defaults, min, max, why }: IntegerRule): number {
    const value = this.env[variable];
    if (value === undefined) return defaults;
    const parsed = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (parsed >= min && parsed <= max) return parsed;
    this.problems.push(
      `${variable} = ${JSON.stringify(value)}: must be an integer from ${min} to ${max} (${why}). Example: ${variable}=${defaults}, or unset it for the default ${defaults}.`,
    );
    return defaults;
  }

  /** The value `read` returns, and whether it reported no problem (a refused value reads as its default). */
  checked<T>(read: () => T): { value: T; ok: boolean } {
    const before = this.problems.length;
    const value = read();
    return { value, ok: this.problems.length === before };
  }

  required(variable: string, pattern: RegExp, rule: string, example: string): string {
    const value = this.env[variable];
    if (value !== undefined && pattern.test(value)) return value;
    const shown = value === undefined ? "is not set" : `= ${JSON.stringify(value)}`;
    this.problems.push(`${variable} ${shown}: ${rule}. Example: ${variable}=${example}`);
    return "";
  }

  choice<T extends string>(variable: string, choices: readonly T[], defaults: T): T {
    const value = this.env[variable] ?? defaults;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.problems.push(
      `${variable} = ${JSON.stringify(value)}: must be one of ${choices.join(", ")}. Example: ${variable}=${defaults}, or unset it for the default ${defaults}.`,
    );
    return defaults;
  }

  /** An absolute file path (the audit file): a relative one would depend on the working directory. */
  filePath(variable: string, required: boolean): string | undefined {
    const value = this.env[variable];
    if (value === undefined && !required) return undefined;
    if (value !== undefined && /^\/[^\0]*[^/]$/.test(value)) return value;
    const shown = value === undefined ? "is not set" : `= ${JSON.stringify(value)}`;
    this.problems.push(
      `${variable} ${shown}: must be the absolute path of the audit file${required ? "" : ", or unset to write audit events to stdout"}. Example: ${variable}=${AUDIT_LOG.file}`,
    );
    return undefined;
  }

  endpoint(variable: string): string | undefined {
    const value = this.env[variable];
    if (value === undefined) return undefined;
    if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
    this.problems.push(
      `${variable} = ${JSON.stringify(value)}: must be an http(s) URL of a local DynamoDB (dynalite); unset it on AWS. Example: ${variable}=http://127.0.0.1:4567`,
    );
    return undefined;
  }
}

/**
 * The mode: `--worker` or SERVICE_MODE=worker selects the worker, else the API. Anything else on the
 * command line, or `--worker` with SERVICE_MODE=api, is a mistake worth stopping for: a task running
 * the wrong mode would pass its health checks and silently do the wrong work.
 */
function readMode(env: Env, reader: Reader, argv: readonly string[]): ServiceMode {
  const fromEnv = reader.choice(ENV.mode, MODES, "api");
  for (const arg of argv.filter((a) => a !== WORKER_FLAG)) {
    reader.problems.push(`unknown argument ${JSON.stringify(arg)}: the only argument is ${WORKER_FLAG}.`);
  }
  if (!argv.includes(WORKER_FLAG)) return fromEnv;
  if (env[ENV.mode] === "api") {
    reader.problems.push(`${ENV.mode} = "api" conflicts with ${WORKER_FLAG}: set ${ENV.mode}=worker or drop the argument.`);
  }
  return "worker";
}

/**
 * DOWNSTREAM_MS and the shape its waits are drawn from. A setting that changes nothing is refused,
 * as the platform refuses one (lib/config/rules.ts): DOWNSTREAM_CV_PERCENT without
 * DOWNSTREAM_SHAPE=lognormal, and a random shape around a mean of 0 (every wait would be 0).
 */
function readDownstream(env: Env, reader: Reader): Pick<Config, "downstreamMs" | "downstreamShape"> {
  const mean = reader.checked(() =>
    reader.integer({
      variable: ENV.downstreamMs,
      defaults: 0,
      min: 0,
      max: MAX_EMULATED_MS,
      why: "emulated card network milliseconds per payment, the modelled workload's nonCpuLatencyMs",
    }),
  );
  const shape = reader.checked(() => reader.choice(ENV.downstreamShape, DOWNSTREAM_SHAPES, "fixed"));
  const cvPercent = env[ENV.downstreamCvPercent];
  if (shape.ok && shape.value !== "lognormal" && cvPercent !== undefined) {
    reader.problems.push(
      `${ENV.downstreamCvPercent} = ${JSON.stringify(cvPercent)} has no effect while ${ENV.downstreamShape} is ${shape.value}: set ${ENV.downstreamShape}=lognormal or unset ${ENV.downstreamCvPercent}.`,
    );
  }
  if (mean.ok && mean.value === 0 && shape.value !== "fixed") {
    reader.problems.push(
      `${ENV.downstreamShape} = ${JSON.stringify(shape.value)} has no effect while ${ENV.downstreamMs} is 0: set ${ENV.downstreamMs} above 0 or unset ${ENV.downstreamShape}.`,
    );
  }
  const downstreamShape: DownstreamShape =
    shape.value === "lognormal"
      ? { kind: "lognormal", coefficientOfVariation: reader.integer(DOWNSTREAM_CV_RULE) / 100 }
      : { kind: shape.value };
  return { downstreamMs: mean.value, downstreamShape };
}

/** PORT alone: the health check script needs it without the rest of the configuration. 0 picks a free port (tests). */
const PORT_RULE: IntegerRule = {
  variable: ENV.port,
  defaults: DEFAULT_PORT,
  min: 0,
  max: 65535,
  why: "a TCP port; 0 picks a free one",
};

/** The port the service listens on, or ConfigError. */
export function readPort(env: Env): number {
  const reader = new Reader(env);
  const port = reader.integer(PORT_RULE);
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return port;
}

/** The whole configuration from the environment and the command line (argv without node and the script), or ConfigError. */
export function loadConfig(env: Env, argv: readonly string[]): Config {
  const reader = new Reader(env);
  const config: Config = {
    mode: readMode(env, reader, argv),
    port: reader.integer(PORT_RULE),
    tableName: reader.required(
      ENV.tableName,
      /^[A-Za-z0-9_.-]{3,255}$/,
      "must be the DynamoDB table's name (3-255 letters, digits, _ . -) that the stack created",
      "payments-dev",
    ),
    region: reader.required(
      ENV.region,
      /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
      "must be the AWS region of the table (ECS sets it on Fargate)",
      "us-east-1",
    ),
    dynamodbEndpoint: reader.endpoint(ENV.dynamodbEndpoint),
    keepAliveTimeoutSeconds: reader.integer({
      variable: ENV.keepAliveTimeoutSeconds,
      defaults: DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS,
      min: 1,
      max: 4000,
      why: "seconds; keep it above the load balancer's idle timeout",
    }),
    shutdownTimeoutSeconds: reader.integer({
      variable: ENV.shutdownTimeoutSeconds,
      defaults: DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
      min: 1,
      max: 119,
      why: "seconds; keep it below the container's stopTimeout, at most 120 on Fargate",
    }),
    workMs: reader.integer({
      variable: ENV.workMs,
      defaults: 0,
      min: 0,
      max: MAX_EMULATED_MS,
      why: "CPU milliseconds per payment, the modelled workload's cpuMsPerRequest",
    }),
    ...readDownstream(env, reader),
    logLevel: reader.choice(ENV.logLevel, LOG_LEVELS, "info"),
    workerBatchSize: reader.integer({
      variable: ENV.workerBatchSize,
      defaults: 25,
      min: 1,
      max: 1000,
      why: "pending payments per Query; DynamoDB returns at most 1 MB per page anyway",
    }),
    workerPollIntervalMs: reader.integer({
      variable: ENV.workerPollIntervalMs,
      defaults: 1000,
      min: 10,
      max: 60000,
      why: "milliseconds between rounds that found nothing; lower polls more, and each poll is 8 Queries",
    }),
    auditLogPath: reader.filePath(ENV.auditLogPath, false),
  };
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return config;
}

/**
 * The audit forwarder's configuration: AUDIT_LOG_PATH, required. It takes no argument and ignores
 * the service's variables (it has no table and no port), or ConfigError.
 */
export function loadForwarderConfig(env: Env, argv: readonly string[]): ForwarderConfig {
  const reader = new Reader(env);
  for (const arg of argv) {
    reader.problems.push(`unknown argument ${JSON.stringify(arg)}: ${ENV.mode}=${AUDIT_FORWARDER_MODE} takes no arguments.`);
  }
  const auditLogPath = reader.filePath(ENV.auditLogPath, true) as string;
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return { auditLogPath };
}
