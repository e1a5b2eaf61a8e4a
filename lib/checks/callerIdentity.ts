/**
 * Who the caller is, asked first: without valid credentials every check would fail the same way, so
 * the commands stop with one line (exit 5) instead of a page of identical failures.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AwsClients } from "./awsClients";
import { describeAwsError } from "./awsErrors";
import { FAILURE_EXIT_CODES } from "./checkResult";

/** The one-line failure of the identity call; the commands print its message and exit with its code. */
export class AwsAccessError extends Error {
  readonly exitCode = FAILURE_EXIT_CODES.access;
  constructor(message: string) {
    super(message);
    this.name = "AwsAccessError";
  }
}

export interface CallerIdentity {
  accountId: string;
  arn: string;
}

export async function callerIdentity(clients: AwsClients): Promise<CallerIdentity> {
  try {
    const answer = await clients.sts.send(new GetCallerIdentityCommand({}));
    return { accountId: answer.Account!, arn: answer.Arn! };
  } catch (error) {
    const described = describeAwsError(error, ["sts:GetCallerIdentity"]);
    throw new AwsAccessError(`${described.message}: ${described.action}`);
  }
}
