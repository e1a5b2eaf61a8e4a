/** A temporary Pulumi project and a capturing Io for the command tests. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Io } from "../../../lib/commands/cli";

export interface CapturingIo extends Io {
  stdout: string[];
  stderr: string[];
}

export function capturingIo(): CapturingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

/** A project directory with Pulumi.yaml and dev/prod stack files like the repository's. */
export function temporaryProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capacity-command-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: payment-platform\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(dir, "Pulumi.dev.yaml"),
    "config:\n  payment-platform:environment: dev\n  payment-platform:environmentSuffix: dev\n",
  );
  fs.writeFileSync(
    path.join(dir, "Pulumi.prod.yaml"),
    [
      "config:",
      "  aws:region: us-east-1",
      "  payment-platform:environment: prod",
      "  payment-platform:environmentSuffix: prod",
      "  payment-platform:certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
      "",
    ].join("\n"),
  );
  return dir;
}
