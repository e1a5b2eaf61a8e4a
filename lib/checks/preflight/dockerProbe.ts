/**
 * Runs the Docker CLI where `pulumi up` would run, bounded in time: a daemon that does not answer
 * must not hang preflight. The checks get it injected, so tests need no Docker.
 */
import { execFile } from "child_process";

export type DockerAnswer = { ok: true; output: string } | { ok: false; error: string };

export type DockerProbe = (args: readonly string[]) => Promise<DockerAnswer>;

/** `docker info` waits for the daemon; one that has not answered in this time is as good as down. */
export const DOCKER_TIMEOUT_MS = 10_000;

/** The first non-empty line of a command's output or error text. */
const firstLine = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "") ?? "";

/** A probe that runs `command` (docker, or a stand-in in tests) with a timeout. */
export function execProbe(command = "docker", timeoutMs = DOCKER_TIMEOUT_MS): DockerProbe {
  return (args) =>
    new Promise((resolve) => {
      execFile(command, [...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, output: firstLine(stdout) });
        } else if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          resolve({ ok: false, error: `${command} is not installed (not found on PATH)` });
        } else if (error.killed) {
          resolve({ ok: false, error: `\`${command} ${args.join(" ")}\` did not answer within ${timeoutMs / 1000} s` });
        } else {
          resolve({ ok: false, error: firstLine(stderr) || firstLine(error.message) });
        }
      });
    });
}
