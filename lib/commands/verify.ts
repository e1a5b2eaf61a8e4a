/**
 * `npm run verify -- --stack <name> [--outputs <file>] [--json] [--window <minutes>] [--skip-payment]`:
 * checks a deployed stack against the configuration the program builds from the same stack files,
 * through the AWS SDK, then from the caller's side over HTTP, then what CloudWatch measured.
 */
import { AwsClients, createAwsClients } from "../checks/awsClients";
import { FailureClass } from "../checks/checkResult";
import { CheckDefinition, runChecks } from "../checks/runChecks";
import { StackOutputs } from "../checks/verify/stackOutputs";
import { VERIFY_CHECKS } from "../checks/verify/verifyChecks";
import { createVerifyContext, VerifyContext } from "../checks/verify/verifyContext";
import { ConfigError } from "../config/source";
import { PlatformSpec } from "../spec";
import { physicalName } from "../spec/names";
import { Command, parseFlags, UsageError } from "./cli";
import { exitCodeHelp, reportChecks } from "./checkReport";
import { PROJECT_DIR } from "./schema";
import { loadStack, printNotes, STACK_OPTIONS } from "./stackConfig";
import { readOutputsFile, readOutputsFromPulumi } from "./stackOutputsSource";

/** Minutes of CloudWatch the latency check reads by default: enough requests for a stable p99 at night rates. */
export const DEFAULT_WINDOW_MINUTES = 15;
/**
 * The longest window: a day of ALB metrics at one-minute resolution is well inside the 15 days
 * CloudWatch keeps them (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention).
 */
export const MAX_WINDOW_MINUTES = 1440;

const VERIFY_CLASSES: readonly FailureClass[] = ["access", "drift", "health", "slo"];

export const VERIFY_USAGE = `usage: npm run verify -- --stack <name> [--outputs <file>] [--json] [--window <minutes>] [--skip-payment] [--config key=value]...
Checks a deployed stack, read-only except one test payment, against the configuration in Pulumi.<name>.yaml:
ECS cluster and services, ALB listeners and targets, autoscaling, log groups, alarms, budget, payments table,
running tasks, HTTPS from this machine, and the ALB's measured p99 and 5xx rate. Uses the caller's AWS credentials.
  --stack         stack to verify (default: dev)
  --outputs       a file written by \`pulumi stack output --json --show-secrets\` (default: run that command)
  --json          print the results as JSON
  --window        minutes of CloudWatch metrics for the latency check (default ${DEFAULT_WINDOW_MINUTES}, at most ${MAX_WINDOW_MINUTES})
  --skip-payment  do not send the test payment round trip (1 minor unit, reference "verify-<time>")
  --config        override one config value, as \`pulumi up\` would have had it (repeatable)
${exitCodeHelp(VERIFY_CLASSES)}`;

export interface VerifyArgs {
  stack: string;
  overrides: string[];
  outputs?: string;
  json: boolean;
  windowMinutes: number;
  skipPayment: boolean;
  help: boolean;
}

export function parseVerifyArgs(argv: string[]): VerifyArgs {
  const values = parseFlags(
    argv,
    {
      ...STACK_OPTIONS,
      outputs: { type: "string" },
      json: { type: "boolean", default: false },
      window: { type: "string", default: String(DEFAULT_WINDOW_MINUTES) },
      "skip-payment": { type: "boolean", default: false },
    },
    VERIFY_USAGE,
  );
  const windowMinutes = Number(values.window);
  if (!Number.isInteger(windowMinutes) || windowMinutes < 1 || windowMinutes > MAX_WINDOW_MINUTES) {
    throw new UsageError(`--window ${values.window}: expected whole minutes from 1 to ${MAX_WINDOW_MINUTES}\n${VERIFY_USAGE}`);
  }
  return {
    stack: values.stack,
    overrides: values.config,
    outputs: values.outputs,
    json: values.json,
    windowMinutes,
    skipPayment: values["skip-payment"],
    help: values.help,
  };
}

/** Outputs of another stack would make every check fail confusingly: say so instead. */
export function checkOutputsMatch(spec: PlatformSpec, outputs: StackOutputs, source: string): void {
  const cluster = physicalName("cluster", spec.environmentSuffix);
  if (outputs.clusterName !== cluster) {
    throw new ConfigError([
      `${source}: clusterName is ${outputs.clusterName}, but stack ${spec.stack} (environmentSuffix ${spec.environmentSuffix}) deploys ${cluster}: pass the outputs of the same stack`,
    ]);
  }
}

export interface VerifyDeps {
  projectDir: string;
  clients: () => AwsClients;
  readOutputs: (args: VerifyArgs, projectDir: string) => Promise<StackOutputs>;
  now: () => Date;
  /** The checks to run (tests leave out the HTTP ones, which they run against loopback servers). */
  checks: readonly CheckDefinition<VerifyContext>[];
}

export const defaultVerifyDeps: VerifyDeps = {
  projectDir: PROJECT_DIR,
  clients: () => createAwsClients("us-east-1"),
  readOutputs: async (args, projectDir) =>
    args.outputs !== undefined ? readOutputsFile(args.outputs) : readOutputsFromPulumi(args.stack, projectDir),
  now: () => new Date(),
  checks: VERIFY_CHECKS,
};

export const createVerifyCommand =
  (deps: VerifyDeps = defaultVerifyDeps): Command =>
  async (argv, io) => {
    const args = parseVerifyArgs(argv);
    if (args.help) {
      io.out(VERIFY_USAGE);
      return 0;
    }
    const { spec, notes } = loadStack(deps.projectDir, args.stack, args.overrides);
    printNotes(io, notes);
    const outputs = await deps.readOutputs(args, deps.projectDir);
    checkOutputsMatch(spec, outputs, args.outputs ?? `pulumi stack output --stack ${args.stack}`);
    const clients = deps.clients();
    return reportChecks(
      {
        command: "verify",
        stack: args.stack,
        json: args.json,
        clients,
        check: (identity) =>
          runChecks(
            deps.checks,
            createVerifyContext(spec, outputs, clients, identity, {
              now: deps.now(),
              latencyWindowMinutes: args.windowMinutes,
              skipPayment: args.skipPayment,
            }),
          ),
      },
      io,
    );
  };

export const verifyCommand: Command = createVerifyCommand();
