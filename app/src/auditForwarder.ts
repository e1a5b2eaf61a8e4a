/**
 * The audit forwarder (SERVICE_MODE=audit-forwarder): the sidecar that copies the audit file the
 * service appends to (auditLog.ts) to its own stdout, line by line from the start of the file. Its
 * container's awslogs driver runs in blocking mode, so a slow CloudWatch Logs slows this copy down
 * instead of dropping lines, and the service container never waits for it.
 *
 * It polls (a bounded interval) rather than watching: fs.watch does not report changes reliably on
 * every filesystem, and a poll costs a read and two stats. Only complete lines are written; a
 * partial line waits for its newline. It follows the service's rotation (auditLog.ts) and deletes
 * each rotated file once copied, which is why it mounts the volume read-write. On SIGTERM it reads
 * to the end of the file, writes what it finds (a last partial line too: the service has stopped
 * by then, ECS stops the containers that depend on this one first) and exits 0.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync, unlinkSync } from "fs";
import { rotatedPath } from "./auditLog";

/**
 * Between polls that found nothing new: the longest an audit line waits in the file before the
 * forwarder copies it, small next to CloudWatch Logs' and Firehose's own buffering (seconds to minutes).
 */
export const AUDIT_POLL_INTERVAL_MS = 200;

/** Bytes read per call: many lines at once, and a bounded buffer however large the file is. */
export const AUDIT_READ_CHUNK_BYTES = 64 * 1024;

export interface ForwarderDeps {
  path: string;
  /** Writes one line (with its newline) to stdout. */
  write: (line: string) => void;
  pollIntervalMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The file's descriptor, or undefined if it does not exist; any other failure throws. */
function openIfExists(path: string): number | undefined {
  try {
    return openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * A reader of the audit file that remembers its offset and the partial line after the last newline,
 * and follows the service's rotation (auditLog.ts): the rotated file is read to its end, deleted,
 * and the new file read from its start.
 */
class Tail {
  private fd: number | undefined;
  /** The open file is the rotated one: delete it at its end. */
  private rotated = false;
  private offset = 0;
  private partial = Buffer.alloc(0);

  constructor(private readonly path: string) {}

  /** The complete lines appended since the last call (every remaining byte when `final`). */
  read(final: boolean): string[] {
    const lines: string[] = [];
    // At most twice: the end of a rotated file, then the file the service writes now.
    for (let file = 0; file < 2; file += 1) {
      if (this.fd === undefined && !this.open()) break;
      lines.push(...this.readToEnd());
      if (!this.rotated && !this.wasRotated()) break;
      // Read once more: the service may have appended its last line after the read above and
      // renamed the file since; it never writes a file after renaming it, so this read is the end.
      lines.push(...this.readToEnd(), ...this.flushPartial());
      this.close();
      unlinkSync(rotatedPath(this.path));
    }
    if (final) lines.push(...this.flushPartial());
    return lines;
  }

  /**
   * Opens the rotated file if one is left (its lines are older), else the current one; false while
   * neither exists (the service creates the file with its first event). The current file is opened
   * before looking for a rotated one: a rotation after that look renames the file this descriptor
   * reads, which wasRotated then sees; one before it leaves the rotated file, which is read first.
   */
  private open(): boolean {
    const current = openIfExists(this.path);
    if (existsSync(rotatedPath(this.path))) {
      if (current !== undefined) closeSync(current);
      this.fd = openSync(rotatedPath(this.path), "r");
      this.rotated = true;
    } else if (current !== undefined) {
      this.fd = current;
      this.rotated = false;
    } else {
      return false;
    }
    this.offset = 0;
    return true;
  }

  /** True when the service has renamed the open file away (the path is gone or is another file). */
  private wasRotated(): boolean {
    return statSync(this.path, { throwIfNoEntry: false })?.ino !== fstatSync(this.fd as number).ino;
  }

  private readToEnd(): string[] {
    const chunk = Buffer.alloc(AUDIT_READ_CHUNK_BYTES);
    const lines: string[] = [];
    for (;;) {
      const bytes = readSync(this.fd as number, chunk, 0, chunk.length, this.offset);
      if (bytes === 0) return lines;
      this.offset += bytes;
      this.partial = Buffer.concat([this.partial, chunk.subarray(0, bytes)]);
      const end = this.partial.lastIndexOf(0x0a);
      if (end >= 0) {
        lines.push(
          ...this.partial
            .subarray(0, end + 1)
            .toString("utf8")
            .split(/(?<=\n)/),
        );
        this.partial = this.partial.subarray(end + 1);
      }
    }
  }

  /** A last line without its newline (a write cut off by a crash), given one. */
  private flushPartial(): string[] {
    if (this.partial.length === 0) return [];
    const line = `${this.partial.toString("utf8")}\n`;
    this.partial = Buffer.alloc(0);
    return [line];
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Copies the file until `signal` aborts, then drains it to the end and resolves. Rejects only if
 * the file cannot be read for another reason than not existing yet (the process then exits 1 and
 * ECS, the container being essential, replaces the task).
 */
export async function forwardAuditLog(deps: ForwarderDeps, signal: AbortSignal): Promise<void> {
  const tail = new Tail(deps.path);
  try {
    while (!signal.aborted) {
      const lines = tail.read(false);
      for (const line of lines) deps.write(line);
      if (lines.length === 0) await deps.sleep(deps.pollIntervalMs, signal);
    }
    for (const line of tail.read(true)) deps.write(line);
  } finally {
    tail.close();
  }
}
