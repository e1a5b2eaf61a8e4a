/**
 * The container each service runs: the team's configured image, or the reference payment service
 * (app/), which the stack builds and pushes itself. No third-party placeholder image remains: a
 * placeholder that cannot start under the task hardening (read-only root, non-root user, every
 * capability dropped) fails the first deploy, and the reference image is built for exactly that.
 * A configured image's health check runs in its own shell; the reference image needs none (its
 * exec-form check: lib/infra/containerDefinitions.ts).
 */
import type { ContainerSpec } from "../spec/services";

/** The web service's configured image answers its health check path on its port (`wget` is in busybox, Alpine and Debian slim). */
export function webContainer(image: string | undefined, port: number, healthCheckPath: string): ContainerSpec {
  if (image === undefined) return { source: "reference" };
  return {
    source: "configured",
    image,
    healthCheckCommand: `wget -q -O /dev/null http://127.0.0.1:${port}${healthCheckPath} || exit 1`,
  };
}

/** A worker's configured image: PID 1 alive is all a queue consumer can promise without an HTTP port. */
export function workerContainer(image: string | undefined): ContainerSpec {
  if (image === undefined) return { source: "reference" };
  return { source: "configured", image, healthCheckCommand: "kill -0 1 || exit 1" };
}
