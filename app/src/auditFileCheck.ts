/**
 * The startup check of the audit file (AUDIT_LOG_PATH), run by the service (API and worker) and by
 * the audit forwarder before anything else: can this process open the file for append? If not, it
 * stops with exit 2 and one line naming the variable, the directory, the error code and the fix.
 *
 * Without it, a task whose volume came up unwritable (ECS creates a bind mount root-owned with mode
 * 0755 unless the image declares a VOLUME there, app/Dockerfile) would look healthy: /health and
 * /ready write no audit line, so the ALB would route payments to it and every one would fail with a
 * 500, while the forwarder waited for a file that never comes.
 *
 * Why open for append (and close) rather than fs.accessSync(directory, W_OK): it is the call the
 * service makes for every event (auditLog.ts: appendFileSync opens with O_WRONLY|O_APPEND|O_CREAT,
 * writes, closes), here with nothing to write, so it fails exactly when the first audit line would.
 * That covers what access() on the directory misses: a file already there that this user cannot
 * write, and a path that is a directory; and it asks the kernel with the effective user id, which
 * open uses, where access() answers for the real one. When the file does not exist yet it creates
 * it empty, as the first event would; the forwarder reads an empty file as "nothing yet". The
 * forwarder starts first in the task (the service dependsOn it), so on a new task volume its check
 * is the one that creates the file, which needs the same write permission on the directory as its
 * deleting rotated files does.
 */
import { appendFileSync } from "fs";
import { dirname } from "path";
import { ConfigError } from "./config";
import { AUDIT_LOG, ENV } from "./contract";

/** How the check appends (appendFileSync); tests pass one that fails as a non-root user would. */
export type AppendFile = (path: string, data: string) => void;

/** The user the task definition runs both containers as (lib/infra/containerDefinitions.ts NON_ROOT_USER): app/ does not import the platform. */
const TASK_USER = "65534:65534";

/** What the usual codes say about the directory; any other code (EACCES, EROFS, ...) means it cannot be written. */
const DIRECTORY_STATE: Readonly<Record<string, string>> = {
  ENOENT: "does not exist",
  ENOTDIR: "is not a directory",
};

/** The problem to report when `path` cannot be opened for append, naming the variable, its directory, the error code and the fix. */
function auditFileProblem(path: string, code: string): string {
  const state = DIRECTORY_STATE[code] ?? "is not writable by this process";
  return (
    `${ENV.auditLogPath} = ${JSON.stringify(path)}: the audit file cannot be opened for append (${code}): its directory ` +
    `${dirname(path)} ${state}, so no audit event could be written and every payment would fail. Fix: the image must ` +
    `declare VOLUME ["${AUDIT_LOG.directory}"] owned by ${TASK_USER} (the task's user), which ECS copies onto the task ` +
    `volume instead of creating it root-owned with mode 0755, and ${ENV.auditLogPath} must be a file in it ` +
    `(${ENV.auditLogPath}=${AUDIT_LOG.file}); see docs/compliance.md, Audit events.`
  );
}

/**
 * Opens `path` for append and closes it, or throws ConfigError with the one problem (the caller
 * logs it as an invalid configuration and exits 2). Nothing to check when the path is undefined:
 * the audit events then go to stdout.
 */
export function checkAuditFile(path: string | undefined, append: AppendFile = appendFileSync): void {
  if (path === undefined) return;
  try {
    append(path, "");
  } catch (error) {
    throw new ConfigError([auditFileProblem(path, (error as NodeJS.ErrnoException).code as string)]);
  }
}
