/**
 * What a check of an AWS account or a deployed stack reports: per subject, what it expected, what it
 * found and, when they differ, what to do. preflight and verify share these results, their table
 * and their exit codes, so a person and a pipeline read both commands the same way.
 */

/** `warn` is worth reading but does not fail the command. */
export type CheckStatus = "pass" | "warn" | "fail";

/**
 * Why a check failed; each class has its own exit code (FAILURE_EXIT_CODES), so a pipeline can tell
 * "fix the credentials" from "the deployment is unhealthy".
 */
export type FailureClass = "access" | "account" | "drift" | "health" | "slo";

/**
 * The exit code of each failure class; when several classes fail, the smallest code wins (the first
 * thing to fix: without access nothing else was really checked). 0, 1 and 2 keep the meaning every
 * command gives them (lib/commands/cli.ts); 3 and 4 are the plan's.
 */
export const FAILURE_EXIT_CODES: Readonly<Record<FailureClass, number>> = {
  access: 5,
  account: 6,
  drift: 7,
  health: 8,
  slo: 9,
};

/** What each exit code means, for the commands' usage text and the docs. */
export const FAILURE_CLASS_MEANINGS: Readonly<Record<FailureClass, string>> = {
  access: "a check could not run: no or expired credentials, access denied, or throttled",
  account: "the account is not ready for a first deploy (quota, service-linked role, certificate, tag, Docker, region)",
  drift: "the deployed stack differs from the configuration the program builds",
  health: "the deployed stack is unhealthy (not steady, unhealthy targets, an alarm in ALARM, an HTTP check failed)",
  slo: "the measured latency or error rate misses the stack's targets",
};

/** One subject's outcome inside a check ("payment-api-dev", "443 listener"). */
export interface Finding {
  subject: string;
  status: CheckStatus;
  expected: string;
  found: string;
  /** What to do; set when the status is not pass. */
  action?: string;
  /** Overrides the check's class for this finding (a service that exists but is not steady is health, not drift). */
  failureClass?: FailureClass;
}

/** A finding with the check it came from. */
export interface CheckResult extends Finding {
  checkId: string;
  title: string;
  /** Set on failures: the class that decides the exit code. */
  failureClass?: FailureClass;
}

export const pass = (subject: string, expected: string, found: string = expected): Finding => ({
  subject,
  status: "pass",
  expected,
  found,
});

export const fail = (subject: string, expected: string, found: string, action: string, failureClass?: FailureClass): Finding => ({
  subject,
  status: "fail",
  expected,
  found,
  action,
  ...(failureClass === undefined ? {} : { failureClass }),
});

export const warn = (subject: string, expected: string, found: string, action: string): Finding => ({
  subject,
  status: "warn",
  expected,
  found,
  action,
});

/** Pass when `found` equals `expected` (both as shown to people), else fail with `action`. */
export function compare(subject: string, expected: string, found: string, action: string, failureClass?: FailureClass): Finding {
  return expected === found ? pass(subject, expected, found) : fail(subject, expected, found, action, failureClass);
}

/** 0 when nothing failed, else the smallest exit code of the failed classes. */
export function exitCodeOf(results: readonly CheckResult[]): number {
  const codes = results.filter((r) => r.status === "fail").map((r) => FAILURE_EXIT_CODES[r.failureClass!]);
  return codes.length === 0 ? 0 : Math.min(...codes);
}

/** Counts by status, for the closing line. */
export function countByStatus(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}
