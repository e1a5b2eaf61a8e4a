/**
 * Container definitions as pure data: hardened (read-only root filesystem, non-root user, no
 * privilege escalation), draining on SIGTERM within stopTimeout, health-checked, logging to the
 * stack's KMS-encrypted log group in non-blocking mode, secrets only by ARN.
 * Fields: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
 */
import { ContainerSpec } from "../spec/services";

/** nobody:nogroup in Alpine/busybox/Debian images; the app never runs as root. */
export const NON_ROOT_USER = "65534:65534";
/** Container health check cadence (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html: interval 5-300, timeout 2-60, retries 1-10, startPeriod 0-300). */
export const CONTAINER_HEALTH_CHECK = { interval: 10, timeout: 5, retries: 3, startPeriod: 15 };
/** Log buffer for non-blocking mode: a slow CloudWatch Logs never stalls the request path. */
export const LOG_BUFFER_SIZE = "4m";

export interface ContainerDefinitionInput {
  name: string;
  container: ContainerSpec;
  logGroupName: string;
  region: string;
  stopTimeoutSeconds: number;
  secrets: Record<string, string>;
  environment: Record<string, string>;
  portMapping?: { containerPort: number };
}

export function containerDefinition(input: ContainerDefinitionInput): Record<string, unknown> {
  const { container } = input;
  return {
    name: input.name,
    image: container.image,
    essential: true,
    ...(container.command.length > 0 ? { command: container.command } : {}),
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
    healthCheck: { command: ["CMD-SHELL", container.healthCheckCommand], ...CONTAINER_HEALTH_CHECK },
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
