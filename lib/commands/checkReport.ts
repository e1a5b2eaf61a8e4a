/**
 * The results of preflight and verify as people and machines read them: a table with one row per
 * finding, then, for everything that is not a pass, what was expected, what was found and what to
 * do; `--json` prints the same results as one document. And the run around the checks both share.
 */
import { AwsClients } from "../checks/awsClients";
import { AwsAccessError, CallerIdentity, callerIdentity } from "../checks/callerIdentity";
import {
  CheckResult,
  countByStatus,
  exitCodeOf,
  FAILURE_CLASS_MEANINGS,
  FAILURE_EXIT_CODES,
  FailureClass,
} from "../checks/checkResult";
import { plural, table } from "../format";
import { Io } from "./cli";

const STATUS_LABEL = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;

/** The exit-code lines of the commands' usage. */
export function exitCodeHelp(classes: readonly FailureClass[]): string {
  return [
    "Exit codes: 0 every check passed (warnings allowed), 1 unexpected error, 2 invalid arguments or stack config,",
    ...classes.map((c) => `  ${FAILURE_EXIT_CODES[c]} ${FAILURE_CLASS_MEANINGS[c]}`),
    "  When several classes fail, the smallest code is returned; every failure is printed.",
  ].join("\n");
}

export function formatCheckResults(heading: string, results: readonly CheckResult[]): string {
  const rows = table(
    [["Status", "Check", "Subject", "Found"], ...results.map((r) => [STATUS_LABEL[r.status], r.title, r.subject, r.found])],
    4,
  );
  const attention = results
    .filter((r) => r.status !== "pass")
    .map((r) =>
      [
        `${STATUS_LABEL[r.status]} ${r.title}: ${r.subject}${r.failureClass === undefined ? "" : ` (exit ${FAILURE_EXIT_CODES[r.failureClass]}: ${r.failureClass})`}`,
        `  expected: ${r.expected}`,
        `  found:    ${r.found}`,
        `  do:       ${r.action}`,
      ].join("\n"),
    );
  const counts = countByStatus(results);
  const code = exitCodeOf(results);
  return [
    heading,
    "",
    ...rows,
    ...(attention.length > 0 ? ["", ...attention] : []),
    "",
    `${plural(counts.pass, "check")} passed, ${counts.warn} warned, ${counts.fail} failed; exit ${code}.`,
  ].join("\n");
}

/** The JSON document of a run. */
export function checkResultsDocument(command: string, stack: string, results: readonly CheckResult[]) {
  return { command, stack, exitCode: exitCodeOf(results), counts: countByStatus(results), results };
}

export interface CheckRun {
  command: "preflight" | "verify";
  stack: string;
  json: boolean;
  clients: AwsClients;
  /** The checks, once the caller is known. */
  check(identity: CallerIdentity): Promise<CheckResult[]>;
}

/**
 * What preflight and verify share around their checks: ask who the caller is (without credentials:
 * one line, exit 5, no checks), run them, print the table or the JSON document, return the exit code,
 * and close the clients whatever happens.
 */
export async function reportChecks(run: CheckRun, io: Io): Promise<number> {
  try {
    const identity = await callerIdentity(run.clients);
    const results = await run.check(identity);
    io.out(
      run.json
        ? JSON.stringify(checkResultsDocument(run.command, run.stack, results), null, 2)
        : formatCheckResults(`${run.command}: stack ${run.stack} in account ${identity.accountId} as ${identity.arn}`, results),
    );
    return exitCodeOf(results);
  } catch (error) {
    if (!(error instanceof AwsAccessError)) throw error;
    io.err(`${run.command}: ${error.message}`);
    return error.exitCode;
  } finally {
    run.clients.destroy();
  }
}
