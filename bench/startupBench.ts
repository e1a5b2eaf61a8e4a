/**
 * The startup benchmark's command (`npm run bench:startup [-- --runs 10]`, entry point bench/startup.ts): how long the reference service takes from process start
 * to its first `GET /ready` 200, run from the same bundle the image contains (bin/appBundle.ts)
 * against an in-memory dynalite on 127.0.0.1. Prints each run, the median and the slowest, and the
 * bundle sizes. A benchmark, not a test: nothing asserts on its numbers; docs/deployment.md quotes a run.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { READY_PATH } from "../app/src/contract";
import { probeHealth } from "../app/src/healthProbe";
import { buildAppBundle } from "../bin/appBundle";
import { Command, parseFlags, UsageError } from "../lib/commands/cli";
import { createTable, LOCAL_TABLE_NAME, localClient, startDynalite } from "../bin/localService";

const PORT = 18_181;
/** Bounded: a run that is not ready within this gives up (and the benchmark fails). */
const READY_TIMEOUT_MS = 10_000;

async function oneRun(mainJs: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [mainJs], { env, stdio: "ignore" });
  try {
    while (performance.now() - started < READY_TIMEOUT_MS) {
      if (await probeHealth(PORT, 200, READY_PATH)) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`not ready within ${READY_TIMEOUT_MS} ms`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

export const STARTUP_USAGE = `usage: npm run bench:startup [-- --runs <n>]
Times the reference service from process start to its first GET /ready 200, n runs (default 10, at most 100).`;

export const startupBenchCommand: Command = async (argv, io) => {
  const flags = parseFlags(argv, { runs: { type: "string", default: "10" } }, STARTUP_USAGE);
  if (flags.help) {
    io.out(STARTUP_USAGE);
    return 0;
  }
  const runs = Number(flags.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100)
    throw new UsageError(`--runs "${flags.runs}": expected a whole number from 1 to 100\n${STARTUP_USAGE}`);
  const out = mkdtempSync(join(tmpdir(), "startup-bench-"));
  const dynamo = await startDynalite();
  try {
    await buildAppBundle(out);
    await createTable(localClient("us-east-1", dynamo.endpoint), LOCAL_TABLE_NAME);
    const env = {
      PATH: process.env.PATH,
      PORT: String(PORT),
      TABLE_NAME: LOCAL_TABLE_NAME,
      AWS_REGION: "us-east-1",
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      LOG_LEVEL: "error",
    };
    const mainJs = join(out, "main.js");
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await oneRun(mainJs, env));
    const sorted = [...times].sort((a, b) => a - b);
    const kb = (file: string) => (statSync(join(out, file)).size / 1024).toFixed(0);
    io.out(`runs (ms): ${times.map((t) => t.toFixed(0)).join(", ")}`);
    io.out(
      `process start to /ready 200: median ${sorted[Math.floor(runs / 2)].toFixed(0)} ms, slowest ${sorted[runs - 1].toFixed(0)} ms (node ${process.version}, ${runs} runs)`,
    );
    io.out(
      `bundle: main.js ${kb("main.js")} KiB (${(gzipSync(readFileSync(mainJs)).length / 1024).toFixed(0)} KiB gzipped), healthcheck.js ${kb("healthcheck.js")} KiB`,
    );
  } finally {
    await dynamo.close();
    rmSync(out, { recursive: true, force: true });
  }
  return 0;
};
