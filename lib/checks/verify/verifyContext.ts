/** What every verify check gets: the spec the program built, the stack's outputs, AWS, and the clock. */
import { HEALTH_PATH } from "../../../app/src/contract";
import { PlatformSpec, webService } from "../../spec";
import { AwsClients } from "../awsClients";
import { CallerIdentity } from "../callerIdentity";
import { HttpTarget, stackHttpTarget } from "../http/httpTarget";
import { DeployedStack } from "./deployedStack";
import { StackOutputs } from "./stackOutputs";

export interface VerifyContext {
  spec: PlatformSpec;
  outputs: StackOutputs;
  clients: AwsClients;
  deployed: DeployedStack;
  /** The caller's account (STS), for the account-scoped APIs (Budgets). */
  accountId: string;
  now: Date;
  /** How far back the latency and error-rate checks read CloudWatch. */
  latencyWindowMinutes: number;
  http: HttpTarget;
}

export interface VerifyOptions {
  now: Date;
  latencyWindowMinutes: number;
  /** Leave out the test payment round trip. */
  skipPayment: boolean;
}

/**
 * The context of one verify run, for the command and the integration suite alike. The HTTP checks
 * call the reference service's liveness path and send a payment only when the web service runs the
 * reference image; a team's own image is checked on the target group's health path.
 */
export function createVerifyContext(
  spec: PlatformSpec,
  outputs: StackOutputs,
  clients: AwsClients,
  identity: CallerIdentity,
  options: VerifyOptions,
): VerifyContext {
  const web = webService(spec);
  const reference = web.container.source === "reference";
  return {
    spec,
    outputs,
    clients,
    deployed: new DeployedStack(spec, clients),
    accountId: identity.accountId,
    now: options.now,
    latencyWindowMinutes: options.latencyWindowMinutes,
    http: stackHttpTarget(spec, outputs.albDnsName, {
      healthPath: reference ? HEALTH_PATH : web.healthCheckPath,
      paymentsApi: reference && !options.skipPayment,
    }),
  };
}
