/**
 * AWS SDK v3 errors as one sentence a person can act on. The SDK names its errors by the service's
 * error code, and the query-protocol services (IAM, STS, ELB, EC2) spell the same condition
 * differently from the JSON ones (ECS, CloudWatch Logs, DynamoDB), so each condition lists every
 * spelling (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/handling-exceptions.html).
 */

export type AwsErrorKind = "credentials" | "denied" | "throttled" | "network" | "other";

export interface DescribedAwsError {
  kind: AwsErrorKind;
  /** What happened, one sentence. */
  message: string;
  /** What to do about it. */
  action: string;
}

const CREDENTIAL_ERRORS = new Set([
  "CredentialsProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "TokenRefreshRequired",
]);
const DENIED_ERRORS = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException"]);
const THROTTLING_ERRORS = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
]);
const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "TimeoutError"]);

/** The error's name, or its Node.js code for socket errors. */
function errorName(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { name, code } = error as { name?: unknown; code?: unknown };
  return typeof code === "string" && NETWORK_ERRORS.has(code) ? code : String(name);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** The kind of an SDK error, and the sentence and action for it; `permissions` are the IAM actions the call needed. */
export function describeAwsError(error: unknown, permissions: readonly string[]): DescribedAwsError {
  const name = errorName(error);
  const detail = `${name}: ${errorMessage(error)}`;
  if (CREDENTIAL_ERRORS.has(name)) {
    return {
      kind: "credentials",
      message: `no valid AWS credentials (${detail})`,
      action:
        "sign in first: set AWS_PROFILE and run `aws sso login`, or export AWS credentials for the account that runs the stack",
    };
  }
  if (DENIED_ERRORS.has(name)) {
    return {
      kind: "denied",
      message: `access denied (${detail})`,
      action: `allow ${permissions.join(", ")} for the caller (docs/deployment.md lists the read-only policy these checks need)`,
    };
  }
  if (THROTTLING_ERRORS.has(name)) {
    return {
      kind: "throttled",
      message: `throttled by AWS after the SDK's retries (${detail})`,
      action: "run the command again in a minute; if it keeps happening, another tool is using this account's API rate",
    };
  }
  if (NETWORK_ERRORS.has(name)) {
    return {
      kind: "network",
      message: `AWS could not be reached (${detail})`,
      action: "check the network path to the AWS endpoints in us-east-1 (proxy, VPN, DNS)",
    };
  }
  return {
    kind: "other",
    message: detail,
    action: `run the command again; if it fails the same way, check ${permissions.join(", ")} by hand`,
  };
}
