/**
 * The image's entry points without Docker: the esbuild bundle of main.ts and healthcheck.ts (as
 * app/package.json builds it) run by plain node against dynalite. Start-to-ready time, the health
 * check's exit codes, bad configuration, and idempotency across two service processes sharing a
 * table - the property that makes the API safe to scale out.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { ChildProcess, spawn } from "child_process";
import { buildAppBundle } from "../../../bin/appBundle";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { AUDIT_LOG, DEFAULT_PORT, IMAGE } from "../../../app/src/contract";
import { NON_ROOT_USER } from "../../../lib/infra/containerDefinitions";
import { pendingIds, startTestDynamo, TestDynamo } from "./support/dynamo";
import { closedPort, postPayment, request, TestResponse, until } from "./support/http";

const APP = join(__dirname, "../../../app");
const ROOT_PACKAGE = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8"));
const APP_PACKAGE = JSON.parse(readFileSync(join(APP, "package.json"), "utf8"));

let dynamo: TestDynamo;
let out: string;
/** Every child started, so a failing test leaves none running. */
const children: ChildProcess[] = [];

interface Child {
  process: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Child {
  const child = spawn(process.execPath, [join(out, script), ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  return { process: child, stdout: () => stdout, exited: new Promise((resolve) => child.once("exit", resolve)) };
}

interface Service {
  child: Child;
  port: number;
  /** From spawning the process to the first 200 from /ready. */
  readyMs: number;
}

/** Starts main.js for `tableName`; resolves once /ready is 200. */
async function startBundle(tableName: string, extra: Record<string, string> = {}): Promise<Service> {
  const started = performance.now();
  const child = run("main.js", {
    PORT: "0",
    TABLE_NAME: tableName,
    AWS_REGION: "us-east-1",
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    ...extra,
  });
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`main.js exited ${child.process.exitCode}: ${child.stdout()}`);
    const port = /"msg":"listening","mode":"\w+","port":(\d+)/.exec(child.stdout())?.[1];
    if (port !== undefined) {
      const ready = await request(Number(port), { path: "/ready" });
      if (ready.status === 200) return { child, port: Number(port), readyMs: performance.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The message of each line a service wrote, requests as "route status". */
const messages = (child: Child) =>
  child
    .stdout()
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .map((line) => (line.msg === "request" ? `${line.route} ${line.status}` : line.msg));

// Two API processes on one table, started together with a process given no configuration: process
// start-up dominates this file, so it happens once and in parallel.
let tableName: string;
let a: Service;
let b: Service;
let unconfigured: Child;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "payment-bundle-"));
  [dynamo] = await Promise.all([
    startTestDynamo(),
    // The options of app/package.json's build script (checked below).
    buildAppBundle(out),
  ]);
  tableName = await dynamo.newTable();
  unconfigured = run("main.js", {}, ["--verbose"]);
  // 30 ms at the card network, so concurrent requests overlap the first one in flight.
  [a, b] = await Promise.all([startBundle(tableName, { DOWNSTREAM_MS: "30" }), startBundle(tableName, { DOWNSTREAM_MS: "30" })]);
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await dynamo.close();
  rmSync(out, { recursive: true, force: true });
});

describe("the bundle", () => {
  it("GIVEN app/package.json THEN its build script is the bundle this test builds, and its SDK and esbuild are the root's versions", () => {
    expect(APP_PACKAGE.scripts.build).toBe(
      "esbuild src/main.ts src/healthcheck.ts --bundle --platform=node --target=node24 --format=cjs --minify --keep-names --outdir=dist",
    );
    expect([APP_PACKAGE.name, APP_PACKAGE.private, APP_PACKAGE.engines]).toEqual([
      "payment-reference-service",
      true,
      { node: ">=24" },
    ]);
    expect(APP_PACKAGE.dependencies).toEqual({
      "@aws-sdk/client-dynamodb": ROOT_PACKAGE.dependencies["@aws-sdk/client-dynamodb"],
    });
    expect(APP_PACKAGE.devDependencies).toEqual({ esbuild: ROOT_PACKAGE.devDependencies.esbuild });
  });

  it("GIVEN app/Dockerfile THEN the final stage is distroless nodejs24 as user 65532 with the two bundles where contract.ts IMAGE says, the audit volume owned by the task's user, and no RUN", () => {
    const dockerfile = readFileSync(join(APP, "Dockerfile"), "utf8");
    const [build, final] = dockerfile
      .split(/^(?=FROM )/m)
      .slice(1)
      .map((stage) => stage.split("\n").filter((line) => line !== "" && !line.startsWith("#")));
    expect(dockerfile.startsWith("# syntax=docker/dockerfile:1\n")).toBe(true);
    expect(build[0]).toBe("FROM --platform=$BUILDPLATFORM node:24-bookworm-slim AS build");
    expect(build).toContain("RUN npm run build && mkdir /build/audit");
    expect(final).toEqual([
      "FROM gcr.io/distroless/nodejs24-debian12:nonroot",
      "WORKDIR /app",
      "COPY --from=build /build/dist/main.js /app/main.js",
      `COPY --from=build /build/dist/healthcheck.js ${IMAGE.healthCheckScript}`,
      // The audit volume's directory, owned by the task definition's user: ECS copies a VOLUME's
      // directory to the bind mount, which is otherwise root-owned 0755 (unwritable for 65534).
      `COPY --from=build --chown=${NON_ROOT_USER} /build/audit/ ${AUDIT_LOG.directory}/`,
      `VOLUME ["${AUDIT_LOG.directory}"]`,
      "USER 65532:65532",
      "ENV NODE_ENV=production",
      `EXPOSE ${DEFAULT_PORT}`,
      'CMD ["/app/main.js"]',
    ]);
  });

  it("GIVEN app/package-lock.json THEN every package it locks has the version the root lock installs for the tests", () => {
    const app = JSON.parse(readFileSync(join(APP, "package-lock.json"), "utf8")).packages as Record<string, { version?: string }>;
    const root = JSON.parse(readFileSync(join(__dirname, "../../../package-lock.json"), "utf8")).packages as Record<
      string,
      { version?: string }
    >;
    const differing = Object.entries(app)
      .filter(([path]) => path !== "")
      .filter(([path, { version }]) => root[path]?.version !== version)
      .map(([path, { version }]) => `${path}: app ${version}, root ${root[path]?.version}`);
    expect(differing).toEqual([]);
  });

  it("GIVEN main.js and a table THEN it is ready within 5 s, and the bundled health check exits 0 against it, 1 against a closed port or an unreadable PORT", async () => {
    expect(a.readyMs).toBeLessThan(5000);
    const healthy = run("healthcheck.js", { PORT: String(a.port) });
    const unhealthy = run("healthcheck.js", { PORT: String(await closedPort()) });
    const unreadable = run("healthcheck.js", { PORT: "eighty" });
    expect(await Promise.all([healthy.exited, unhealthy.exited, unreadable.exited])).toEqual([0, 1, 1]);
    expect(messages(a.child)).toEqual(["listening", "/ready 200", "/health 200"]);
  });

  it("GIVEN no configuration THEN main.js exits 2 with one JSON line naming each missing variable, no stack trace", async () => {
    expect(await unconfigured.exited).toBe(2);
    const lines = unconfigured.stdout().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: "error",
      msg: "invalid configuration",
      problems: [
        'unknown argument "--verbose": the only argument is --worker.',
        expect.stringMatching(/^TABLE_NAME is not set: /),
        expect.stringMatching(/^AWS_REGION is not set: /),
      ],
    });
  });

  it("GIVEN two service processes on one table WHEN 20 requests with one key are split across them THEN one payment: every answer is 201 with its id or 409; a worker process settles it; SIGTERM exits each 0", async () => {
    const payment = { amount: 4200, currency: "EUR", reference: "cross-task" };
    const answers: TestResponse[] = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postPayment(i % 2 === 0 ? a.port : b.port, "shared-key", payment)),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(answers.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(created.map((r) => (r.json as { id: string }).id));
    expect(ids.size).toBe(1);
    // After the first completes, both processes replay it.
    const replays = await Promise.all([postPayment(a.port, "shared-key", payment), postPayment(b.port, "shared-key", payment)]);
    expect(replays.map((r) => [r.status, r.headers["idempotent-replayed"], r.text])).toEqual([
      [201, "true", created[0].text],
      [201, "true", created[0].text],
    ]);
    expect(await pendingIds(dynamo.client, tableName)).toEqual([...ids]);
    // In the table itself (not only the pending index): exactly one payment item.
    const scan = await dynamo.client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: "begins_with(pk, :p)",
        ExpressionAttributeValues: { ":p": { S: "payment#" } },
      }),
    );
    expect(scan.Items!.map((item) => item.pk.S)).toEqual([`payment#${[...ids][0]}`]);

    const worker = await startBundle(tableName, { SERVICE_MODE: "worker", WORKER_POLL_INTERVAL_MS: "10" });
    await until(() => worker.child.stdout().includes('"msg":"settled batch"'));
    const settled = await request(a.port, { path: `/v1/payments/${[...ids][0]}` });
    expect([settled.status, (settled.json as { status: string }).status]).toEqual([200, "settled"]);
    for (const service of [a, b, worker]) service.child.process.kill("SIGTERM");
    expect(await Promise.all([a.child.exited, b.child.exited, worker.child.exited])).toEqual([0, 0, 0]);
    const workerLines = messages(worker.child);
    // One batch of one payment; the /ready probe may come before or after it.
    expect([workerLines.filter((msg) => msg === "settled batch").length, workerLines.slice(-2)]).toEqual([
      1,
      ["draining", "drained"],
    ]);
    expect(messages(b.child).slice(-2)).toEqual(["draining", "drained"]);
  });

  // The drain as ECS does it: a real SIGTERM to the process while a payment is in flight.
  it("GIVEN a payment in flight in a bundle process WHEN SIGTERM arrives THEN the payment completes 201, a new connection is refused (or reset), and the process exits 0", async () => {
    const service = await startBundle(tableName, { DOWNSTREAM_MS: "300" });
    const inFlight = postPayment(service.port, "drain-key", { amount: 1, currency: "EUR", reference: "drain" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    service.child.process.kill("SIGTERM");
    await until(() => service.child.stdout().includes('"msg":"draining"'));
    const afterSignal = await request(service.port, { path: "/ready" }).then(
      (res) => res.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect([(await inFlight).status, await service.child.exited]).toEqual([201, 0]);
    // Refused: the listener is closed (a connect racing the close is reset instead), or, had the
    // connection been accepted before the close, answered 503 by the draining server; never served.
    expect(["ECONNREFUSED", "ECONNRESET", 503]).toContain(afterSignal);
  });
});
