/**
 * Runs a list of checks against one context. A check whose AWS call fails (denied, throttled past the
 * retries, credentials gone, AWS unreachable, or any error AWS answered) becomes one failed result of
 * class `access` that names the IAM actions it needed, so one missing permission never hides the
 * other checks' results. Anything else a check throws is a defect of the check: it is not dressed up
 * as an access problem but ends the command (exit 1, its message, no stack trace).
 */
import { describeAwsError } from "./awsErrors";
import { CheckResult, FailureClass, Finding } from "./checkResult";

export interface CheckDefinition<C> {
  /** Stable id for machines ("service.steady"). */
  id: string;
  /** What it checks, for people. */
  title: string;
  /** The class of its failures unless a finding says otherwise. */
  failureClass: FailureClass;
  /** The IAM actions its AWS calls need (docs/deployment.md lists them per command). */
  permissions: readonly string[];
  run(ctx: C): Promise<Finding[]>;
}

/** Every check's findings, in the checks' order; the checks run concurrently (they share memoized lookups). */
export async function runChecks<C>(checks: readonly CheckDefinition<C>[], ctx: C): Promise<CheckResult[]> {
  const perCheck = await Promise.all(
    checks.map(async (check): Promise<CheckResult[]> => {
      try {
        const findings = await check.run(ctx);
        return findings.map((finding) => ({
          checkId: check.id,
          title: check.title,
          ...finding,
          ...(finding.status === "fail" ? { failureClass: finding.failureClass ?? check.failureClass } : {}),
        }));
      } catch (error) {
        const described = describeAwsError(error, check.permissions);
        if (described.kind === "other" && !isAwsServiceError(error)) {
          throw new Error(`check ${check.id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        return [
          {
            checkId: check.id,
            title: check.title,
            subject: "(check)",
            status: "fail",
            expected: "the check can read what it needs",
            found: described.message,
            action: described.action,
            failureClass: "access",
          },
        ];
      }
    }),
  );
  return perCheck.flat();
}

/** An error AWS answered: the SDK's service exceptions carry the response's metadata. */
function isAwsServiceError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "$metadata" in error;
}

/** Every IAM action a list of checks needs, sorted, once each. */
export function requiredPermissions(checks: readonly CheckDefinition<never>[]): string[] {
  return [...new Set(checks.flatMap((check) => check.permissions))].sort();
}

/** The read-only policy's actions for a command: its checks' and the caller-identity call every run starts with. */
export function callerPolicyActions(checks: readonly CheckDefinition<never>[]): string[] {
  return [...new Set(["sts:GetCallerIdentity", ...requiredPermissions(checks)])].sort();
}
