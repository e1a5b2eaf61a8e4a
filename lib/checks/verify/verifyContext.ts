/** What every verify check gets: the spec the program built, the stack's outputs, AWS, and the clock. */
import { PlatformSpec } from "../../spec";
import { AwsClients } from "../awsClients";
import { HttpTarget } from "../http/httpTarget";
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
