/**
 * The container each service runs: the configured image, or a small public placeholder so a first
 * deploy comes up healthy. Placeholders are multi-arch and from ECR Public (no Docker Hub limits).
 */
import type { ContainerSpec } from "../spec/services";

export const PLACEHOLDER_WEB_IMAGE = "public.ecr.aws/docker/library/caddy:2-alpine";
export const PLACEHOLDER_WORKER_IMAGE = "public.ecr.aws/docker/library/busybox:1.37";

/** The web service answers its health check path; the placeholder answers 200 on every path. */
export function webContainer(image: string | undefined, port: number, healthCheckPath: string): ContainerSpec {
  const healthCheckCommand = `wget -q -O /dev/null http://127.0.0.1:${port}${healthCheckPath} || exit 1`;
  if (image !== undefined) return { image, command: [], healthCheckCommand };
  return {
    image: PLACEHOLDER_WEB_IMAGE,
    command: ["caddy", "respond", "--listen", `:${port}`, "--body", "ok"],
    healthCheckCommand,
  };
}

/** PID 1 alive is all a queue consumer can promise without an HTTP port. */
export function workerContainer(image: string | undefined): ContainerSpec {
  const healthCheckCommand = "kill -0 1 || exit 1";
  if (image !== undefined) return { image, command: [], healthCheckCommand };
  return {
    image: PLACEHOLDER_WORKER_IMAGE,
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 5; done"],
    healthCheckCommand,
  };
}
