/**
 * `npm run preflight -- --stack <name> [--json] [--config key=value]...`: before a first `pulumi up`,
 * checks read-only, with the caller's credentials, what would make it fail or leave the stack
 * half-working, and says what to do about each: Fargate vCPU quotas, service-linked roles, the
 * certificate, the cost-allocation tag, Docker with buildx, the region.
 */
import { AwsClients, createAwsClients } from "../checks/awsClients";
import { FailureClass } from "../checks/checkResult";
import { DockerProbe, execProbe } from "../checks/preflight/dockerProbe";
import { PREFLIGHT_CHECKS } from "../checks/preflight/preflightChecks";
import { callerPolicyActions, runChecks } from "../checks/runChecks";
import { Command } from "./cli";
import { exitCodeHelp, reportChecks } from "./checkReport";
import { PROJECT_DIR } from "./schema";
import { loadStack, parseStackCommandArgs, printNotes } from "./stackConfig";

const PREFLIGHT_CLASSES: readonly FailureClass[] = ["access", "account"];

export const PREFLIGHT_USAGE = `usage: npm run preflight -- --stack <name> [--json] [--config key=value]...
Checks, read-only with the caller's AWS credentials, what makes a first \`pulumi up\` of the stack in
Pulumi.<name>.yaml fail: Fargate On-Demand and Spot vCPU quotas against the stack's maximum and a
rollout, the ECS/ELB/Application Auto Scaling service-linked roles, the certificate, the
cost-allocation tag the budget filters on, Docker with buildx (when the stack builds its image), the region.
  --stack   stack to check (default: dev)
  --json    print the results as JSON
  --config  override one config value, as \`pulumi up\` would have it (repeatable)
IAM actions it needs: ${callerPolicyActions(PREFLIGHT_CHECKS).join(", ")}.
${exitCodeHelp(PREFLIGHT_CLASSES)}`;

export interface PreflightDeps {
  projectDir: string;
  clients: () => AwsClients;
  docker: DockerProbe;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

export const defaultPreflightDeps: PreflightDeps = {
  projectDir: PROJECT_DIR,
  clients: () => createAwsClients("us-east-1"),
  docker: execProbe(),
  env: process.env,
  now: () => new Date(),
};

export const createPreflightCommand =
  (deps: PreflightDeps = defaultPreflightDeps): Command =>
  async (argv, io) => {
    const args = parseStackCommandArgs(argv, PREFLIGHT_USAGE);
    if (args.help) {
      io.out(PREFLIGHT_USAGE);
      return 0;
    }
    const { spec, notes, values } = loadStack(deps.projectDir, args.stack, args.overrides);
    printNotes(io, notes);
    const stackRegion = values["aws:region"];
    const clients = deps.clients();
    return reportChecks(
      {
        command: "preflight",
        stack: args.stack,
        json: args.json,
        clients,
        check: (identity) =>
          runChecks(PREFLIGHT_CHECKS, {
            spec,
            clients,
            accountId: identity.accountId,
            now: deps.now(),
            stackRegion,
            env: deps.env,
            docker: deps.docker,
          }),
      },
      io,
    );
  };

export const preflightCommand: Command = createPreflightCommand();
