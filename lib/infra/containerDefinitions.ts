/**
 * Container definitions as pure data: hardened (read-only root filesystem, non-root user, no
 * privilege escalation, every Linux capability dropped), draining on SIGTERM within stopTimeout,
 * health-checked, logging to the service's KMS-encrypted log group in non-blocking mode, secrets only by ARN.
 * Fields: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
 */
import { IMAGE } from "../../app/src/contract";
import type { ContainerSpec } from "../spec/services";

/**
 * nobody:nogroup (65534) in Alpine, busybox, Debian and distroless images; the app never runs as
 * root. The reference image needs no user of its own: it reads /app and writes nothing.
 */
export const NON_ROOT_USER = "65534:65534";
/** Container health check cadence (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html: interval 5-300, timeout 2-60, retries 1-10, startPeriod 0-300). */
export const CONTAINER_HEALTH_CHECK = { interval: 10, timeout: 5, retries: 3, startPeriod: 15 };
/** Log buffer for non-blocking mode: a slow CloudWatch Logs never stalls the request path. */
export const LOG_BUFFER_SIZE = "4m";

/**
 * The container health check. The reference image is distroless (no shell), so its check is exec
 * form: the image's own runtime runs the health check script (CMD, not CMD-SHELL). A configured
 * image's check runs in its shell.
 */
export function healthCheckCommand(container: ContainerSpec): string[] {
  return container.source === "reference"
    ? ["CMD", IMAGE.node, IMAGE.healthCheckScript]
    : ["CMD-SHELL", container.healthCheckCommand];
}

export interface ContainerDefinitionInput {
  name: string;
  container: ContainerSpec;
  /** The image reference to run: the configured one, or the reference image by digest. */
  image: string;
  logGroupName: string;
  region: string;
  stopTimeoutSeconds: number;
  secrets: Record<string, string>;
  environment: Record<string, string>;
  portMapping?: { containerPort: number };
}

export function containerDefinition(input: ContainerDefinitionInput): Record<string, unknown> {
  return {
    name: input.name,
    image: input.image,
    essential: true,
    user: NON_ROOT_USER,
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
    stopTimeout: input.stopTimeoutSeconds,
    ...(input.portMapping
      ? { portMappings: [{ name: "http", containerPort: input.portMapping.containerPort, protocol: "tcp", appProtocol: "http" }] }
      : {}),
    environment: Object.entries(input.environment).map(([name, value]) => ({ name, value })),
    secrets: Object.entries(input.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
    healthCheck: { command: healthCheckCommand(input.container), ...CONTAINER_HEALTH_CHECK },
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": input.logGroupName,
        "awslogs-region": input.region,
        "awslogs-stream-prefix": input.name,
        mode: "non-blocking",
        "max-buffer-size": LOG_BUFFER_SIZE,
      },
    },
  };
}
