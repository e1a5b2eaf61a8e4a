/**
 * `npm run loadtest -- --url <base> [--rps R] [--duration S] [--connections C] [--json] ...`: a
 * bounded, open-model load test of the reference service's payment API (lib/loadtest/), printed as
 * a table or one JSON object; with --stack, beside the stack's SLO model.
 */
import { latencyMs, plural, table } from "../format";
import { shapeText } from "../models/slo/sloReport";
import { workloadEmulationEnvironment } from "../design/serviceEnvironment";
import {
  DEFAULT_CONNECTIONS,
  DEFAULT_DURATION_SECONDS,
  DEFAULT_RPS,
  MAX_CONNECTIONS,
  MAX_DURATION_SECONDS,
  MAX_RPS,
  REQUEST_TIMEOUT_MS,
} from "../loadtest/limits";
import { arrivalSchedule } from "../loadtest/arrivalSchedule";
import { LoadTestReport } from "../loadtest/loadTestReport";
import { runLoadTest } from "../loadtest/loadTest";
import { compareWithModel, ModelComparison } from "../loadtest/modelComparison";
import { certificateNote, checkTarget } from "../loadtest/targetPolicy";
import { PlatformSpec } from "../spec";
import { MAX_TASKS_PER_SERVICE } from "../spec/services";
import { FAILURE_EXIT_CODES } from "../checks/checkResult";
import { Command, parseFlags, UsageError } from "./cli";
import { PROJECT_DIR } from "./schema";
import { loadStack, printNotes, STACK_OPTIONS } from "./stackConfig";

/**
 * The run completed, but some requests got no 2xx (another status, a timeout or a transport error):
 * the same code verify gives an unhealthy stack, so a pipeline reads both commands alike.
 */
export const EXIT_REQUESTS_FAILED = FAILURE_EXIT_CODES.health;

export const LOADTEST_USAGE = `usage: npm run loadtest -- --url <base> [--rps R] [--duration S] [--connections C] [--create-percent P]
         [--stack <name> [--config key=value]... [--tasks N]] [--insecure] [--allow-http] [--json]
Sends the reference service's payment calls at a fixed arrival rate (open model: request i leaves at
i / R s after the start whether or not earlier ones were answered) and prints the p50/p90/p99/max
latency, the answers by status class, timeouts, connection errors and the achieved rate. Latency
counts from each request's scheduled send time, so waiting in the client under overload counts too
(no coordinated omission). Bounded: exactly R x S requests, each aborted as a timeout ${REQUEST_TIMEOUT_MS / 1000} s after its
scheduled time, so a run ends within S + ${REQUEST_TIMEOUT_MS / 1000} s.
  --url             the service's base URL: https://<alb-dns-name>, or http://127.0.0.1:<port> for \`npm run service\`
  --rps             requests a second, 1-${MAX_RPS} (default ${DEFAULT_RPS})
  --duration        seconds, above 0 and at most ${MAX_DURATION_SECONDS} (default ${DEFAULT_DURATION_SECONDS}); R x S must be a whole number
  --connections     connections to the target, 1-${MAX_CONNECTIONS} (default ${DEFAULT_CONNECTIONS}); requests beyond them wait in the client
  --create-percent  requests that create a payment (each with its own Idempotency-Key), 1-100; the rest read
                    one back (default: the stack's workloadPaymentCreatePercent with --stack, else 100)
  --stack           also print the stack's SLO model p99 at the achieved rate and the stack's task count
  --config          override one config value of --stack for this run (repeatable)
  --tasks           tasks the model's p99 is for, 1-${MAX_TASKS_PER_SERVICE} (default: 1 for a loopback target, which is one
                    local process; else the tasks the stack runs at that rate)
  --insecure        do not verify the TLS certificate (a stack without certificateArn serves a self-signed one)
  --allow-http      allow http:// to a host that is not loopback (127.0.0.0/8, ::1, localhost)
  --json            print the result as one JSON object
Exit codes: 0 every request got a 2xx, ${EXIT_REQUESTS_FAILED} the run completed but some did not (the output says which),
2 invalid arguments or a refused target, 1 unexpected failure.`;

export interface LoadtestArgs {
  url: string;
  rps: number;
  durationSeconds: number;
  connections: number;
  /** Unset: the stack's share, or 100. */
  createPercent?: number;
  stack?: string;
  overrides: string[];
  tasks?: number;
  insecure: boolean;
  allowHttp: boolean;
  json: boolean;
}

/** --help, or the arguments of a run. */
export type ParsedLoadtestArgs = { help: true } | ({ help: false } & LoadtestArgs);

function usage(message: string): UsageError {
  return new UsageError(`${message}\n${LOADTEST_USAGE}`);
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw usage(`--${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

const optional = <T>(raw: string | undefined, parse: (raw: string) => T): T | undefined =>
  raw === undefined ? undefined : parse(raw);

export function parseLoadtestArgs(argv: string[]): ParsedLoadtestArgs {
  const values = parseFlags(
    argv,
    {
      url: { type: "string" },
      rps: { type: "string", default: String(DEFAULT_RPS) },
      duration: { type: "string", default: String(DEFAULT_DURATION_SECONDS) },
      connections: { type: "string", default: String(DEFAULT_CONNECTIONS) },
      "create-percent": { type: "string" },
      // No default stack: without --stack there is no model to compare with.
      ...STACK_OPTIONS,
      stack: { type: "string" },
      tasks: { type: "string" },
      insecure: { type: "boolean", default: false },
      "allow-http": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    LOADTEST_USAGE,
  );
  if (values.help) return { help: true };
  if (values.url === undefined) throw usage("--url is required: the service's base URL, such as http://127.0.0.1:8080");
  const rps = wholeNumber("rps", values.rps as string, 1, MAX_RPS);
  const durationRaw = values.duration as string;
  const durationSeconds = Number(durationRaw);
  if (!/^\d+(\.\d+)?$/.test(durationRaw) || !(durationSeconds > 0) || durationSeconds > MAX_DURATION_SECONDS) {
    throw usage(`--duration must be a number of seconds above 0 and at most ${MAX_DURATION_SECONDS}, got "${durationRaw}"`);
  }
  try {
    arrivalSchedule(rps, durationSeconds);
  } catch {
    throw usage(
      `--rps x --duration must be a whole number of requests, got ${rps} x ${durationSeconds} = ${rps * durationSeconds}`,
    );
  }
  const stack = values.stack;
  const overrides = values.config as string[];
  const tasks = optional(values.tasks, (raw) => wholeNumber("tasks", raw, 1, MAX_TASKS_PER_SERVICE));
  if (stack === undefined && (tasks !== undefined || overrides.length > 0)) {
    throw usage("--tasks and --config apply to the model of a stack: give --stack <name> too");
  }
  return {
    url: values.url,
    rps,
    durationSeconds,
    connections: wholeNumber("connections", values.connections as string, 1, MAX_CONNECTIONS),
    createPercent: optional(values["create-percent"], (raw) => wholeNumber("create-percent", raw, 1, 100)),
    stack,
    overrides,
    tasks,
    insecure: values.insecure as boolean,
    allowHttp: values["allow-http"] as boolean,
    json: values.json as boolean,
    help: false,
  };
}

/** The share of creates: --create-percent, else the stack's, else all creates. */
function createPercentOf(args: LoadtestArgs, spec: PlatformSpec | undefined): number {
  if (args.createPercent !== undefined) return args.createPercent;
  if (spec === undefined) return 100;
  const percent = Math.round(spec.workload.paymentCreateFraction * 100);
  if (percent === 0) {
    throw new UsageError(
      `stack ${spec.stack} creates no payments (workloadPaymentCreatePercent 0), and reads need a payment this run created: pass --create-percent 1-100`,
    );
  }
  return percent;
}

const number = (value: number | null): string => (value === null ? "-" : value.toFixed(2));
const measuredMs = (value: number | null): string => (value === null ? "no answer" : `${value} ms`);

export function formatLoadTest(report: LoadTestReport, slo: ModelComparison | null): string {
  const { requested, achieved, latencyMs: latency } = report;
  const classes = Object.entries(report.statusClasses);
  const lines = [
    `Load test of ${report.target}: ${requested.rps} rps for ${requested.durationSeconds} s, ${requested.requests} requests (${requested.createPercent}% creates), up to ${requested.connections} connections, open model`,
    `Latency from each request's scheduled send time (waiting in the client counts), over the ${latency.count} answered:`,
    ...table([
      ["latency (ms)", "p50", "p90", "p99", "max"],
      ["measured", number(latency.p50), number(latency.p90), number(latency.p99), number(latency.max)],
    ]),
    ...table([
      ["requests", ...classes.map(([name]) => name), "timeouts", "connection errors"],
      [
        String(requested.requests),
        ...classes.map(([, count]) => String(count)),
        String(report.timeouts),
        String(report.connectionErrors),
      ],
    ]),
    `rate: ${requested.rps} rps requested, ${achieved.rps} achieved over ${achieved.durationSeconds} s; ${report.creates} creates, ${report.reads} reads, ${report.replays} replays; the client sent at most ${achieved.maxSendLagMs} ms late`,
    ...Object.entries(report.errors).map(([code, count]) => `  error ${code}: ${count}`),
    `${report.failures === 0 ? "every request got a 2xx" : `${report.failures} of ${requested.requests} requests got no 2xx`}`,
  ];
  if (slo !== null) lines.push("", ...formatModelComparison(slo));
  return lines.join("\n");
}

const TASKS_FROM = {
  "--tasks": "--tasks",
  loopback: "a loopback target is one local process",
  stack: "the stack's tasks at this rate",
} as const;

function formatModelComparison(slo: ModelComparison): string[] {
  return [
    `SLO model of stack ${slo.stack} at the achieved ${slo.rps} rps (target p99 ${slo.targetP99Ms} ms):`,
    ...table([
      ["", "tasks", "p99"],
      ["measured", "-", measuredMs(slo.measuredP99Ms)],
      [`model, ${TASKS_FROM[slo.tasksFrom]}`, String(slo.tasks), latencyMs(slo.predictedP99Ms)],
      ["model, the tasks the stack runs at this rate", String(slo.stackTasks), latencyMs(slo.stackPredictedP99Ms)],
    ]).map((line) => `  ${line}`),
    `  The model (lib/models/slo/latency.ts) is per-node least-outstanding routing over tasks x ${slo.processesPerTask} process(es) with ${plural(slo.nodes, "load-balancer node")}: Poisson arrivals, ${shapeText(slo.cpuTimeShape)} CPU time of ${slo.cpuMsPerRequest} ms, plus a ${shapeText(slo.nonCpuLatencyShape)} ${slo.nonCpuLatencyMs} ms downstream.`,
    `  This test sends evenly spaced requests, and its latency includes the client and the network; a local service does the modelled work only with ${Object.entries(
      workloadEmulationEnvironment(slo),
    )
      .map(([name, value]) => `${name}=${value}`)
      .join(" ")}.`,
    `  The stack's tasks: what target tracking settles on at this rate with the business-hours minimum.`,
  ];
}

export interface LoadtestCommandDeps {
  /** Where Pulumi.<stack>.yaml is read (tests point it at a copy). */
  projectDir?: string;
  /** The run itself (lib/loadtest/loadTest.ts), injectable so the printing and exit codes can be tested without traffic. */
  run?: typeof runLoadTest;
}

export function createLoadtestCommand(deps: LoadtestCommandDeps = {}): Command {
  return async (argv, io) => {
    const args = parseLoadtestArgs(argv);
    if (args.help) {
      io.out(LOADTEST_USAGE);
      return 0;
    }
    let spec: PlatformSpec | undefined;
    if (args.stack !== undefined) {
      const loaded = loadStack(deps.projectDir ?? PROJECT_DIR, args.stack, args.overrides);
      printNotes(io, loaded.notes);
      spec = loaded.spec;
    }
    const selfSignedStack = spec !== undefined && spec.loadBalancer.certificateArn === undefined ? spec.stack : undefined;
    const target = checkTarget(args.url, { allowHttp: args.allowHttp, insecure: args.insecure, selfSignedStack });
    if (!target.ok) throw new UsageError(target.reason);
    const report = await (deps.run ?? runLoadTest)({
      ...serverNameFor(spec, target),
      origin: target.origin,
      rps: args.rps,
      durationSeconds: args.durationSeconds,
      connections: args.connections,
      createPercent: createPercentOf(args, spec),
      insecure: args.insecure,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const slo =
      spec === undefined
        ? null
        : compareWithModel(spec, report.achieved.rps, report.latencyMs.p99, { override: args.tasks, loopback: target.loopback });
    io.out(args.json ? JSON.stringify({ ...report, slo }, null, 2) : formatLoadTest(report, slo));
    const note = certificateNote(Object.keys(report.errors));
    if (note !== undefined) io.err(`note: ${note}`);
    return report.failures === 0 ? 0 : EXIT_REQUESTS_FAILED;
  };
}

export const loadtestCommand: Command = createLoadtestCommand();

/**
 * The API's own name to ask for when the URL is the ALB's address: a stack with apiDomainName serves
 * a certificate for that name only, so calling its ALB by the ALB's DNS name needs the name in the TLS
 * handshake and the Host header (as verify sends it). Not for loopback, nor when the URL is the name itself.
 */
export function serverNameFor(
  spec: PlatformSpec | undefined,
  target: { origin: string; loopback: boolean },
): { serverName?: string } {
  const name = spec?.loadBalancer.domainName;
  if (name === undefined || target.loopback || new URL(target.origin).hostname === name) return {};
  return { serverName: name };
}
