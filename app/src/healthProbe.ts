/**
 * The container health check: GET http://127.0.0.1:$PORT/health, healthy only on 200 within the
 * timeout. It runs as its own short node process in exec form ([IMAGE.node, IMAGE.healthCheckScript]),
 * because the distroless image has no shell and no curl.
 */
import { get } from "http";
import { HEALTH_CHECK_SCRIPT_TIMEOUT_MS, HEALTH_PATH } from "./contract";
import { Env, readPort } from "./config";

/** True when `path` (/health unless told) on `port` answers 200 within `timeoutMs`. Never rejects. */
export function probeHealth(port: number, timeoutMs: number, path: string = HEALTH_PATH): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path, timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

/** Exits 0 if healthy, else 1 (also for an unreadable PORT: the check cannot know where to look). */
export async function runHealthCheck(proc: { env: Env; exit(code: number): unknown }): Promise<void> {
  let port: number;
  try {
    port = readPort(proc.env);
  } catch {
    proc.exit(1);
    return;
  }
  proc.exit((await probeHealth(port, HEALTH_CHECK_SCRIPT_TIMEOUT_MS)) ? 0 : 1);
}
