/**
 * Container definitions as pure data: hardened (read-only root filesystem, non-root user, no
 * privilege escalation, every Linux capability dropped), draining on SIGTERM within stopTimeout,
 * health-checked, logging to the service's KMS-encrypted log group in non-blocking mode, secrets only by ARN.
 * A service running the reference image gets a second container, the audit forwarder, whose log
 * stream (the audit events) is blocking (auditForwarderDefinition).
 * Fields: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
 */
import { AUDIT_FORWARDER_MODE, AUDIT_LOG, ENV, IMAGE } from "../../app/src/contract";
import type { ContainerSpec } from "../spec/services";

/**
 * nobody:nogroup (65534) in Alpine, busybox, Debian and distroless images; the app never runs as
 * root. The reference image needs no user of its own: it reads /app and writes only the audit file,
 * on a volume whose directory the image creates owned by this user (app/Dockerfile).
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

/**
 * The hardening every container of the stack gets (the policy pack checks it): essential, non-root,
 * read-only root filesystem, unprivileged, ECS's init as PID 1 (it forwards SIGTERM), every Linux
 * capability dropped.
 */
export const CONTAINER_HARDENING = {
  essential: true,
  user: NON_ROOT_USER,
  readonlyRootFilesystem: true,
  privileged: false,
  linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
} as const;

export function containerDefinition(input: ContainerDefinitionInput): Record<string, unknown> {
  return {
    name: input.name,
    image: input.image,
    ...CONTAINER_HARDENING,
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

/**
 * The task volume the audit file lives on: a bind mount without a host path, which on Fargate is
 * the task's ephemeral storage (20 GiB by default, deleted with the task), writable even though both
 * containers' root filesystems are read-only
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html). The image declares
 * the directory as a VOLUME owned by NON_ROOT_USER, which ECS copies to the volume (app/Dockerfile).
 */
export const AUDIT_VOLUME = { name: "audit-events" } as const;

/** The sidecar's container name: the same in every service's task (one per task). */
export const AUDIT_FORWARDER_CONTAINER = "audit-forwarder";

/**
 * The service container of a task that writes audit events: the audit file's path in its
 * environment, the volume mounted read-write, and a START dependency on the forwarder. ECS starts
 * the containers a container depends on first and, on shutdown, reverses the order
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html): the
 * service stops (drains) first and the forwarder last, so it copies the service's final lines. START,
 * not HEALTHY: the forwarder has no health check (auditForwarderDefinition).
 */
export function withAuditLog(service: Record<string, unknown>): Record<string, unknown> {
  return {
    ...service,
    environment: [
      ...(service.environment as { name: string; value: string }[]),
      { name: ENV.auditLogPath, value: AUDIT_LOG.file },
    ],
    // readOnly stated although false is the default: the provider compares mount points field by field.
    mountPoints: [{ sourceVolume: AUDIT_VOLUME.name, containerPath: AUDIT_LOG.directory, readOnly: false }],
    dependsOn: [{ containerName: AUDIT_FORWARDER_CONTAINER, condition: "START" }],
  };
}

export interface AuditForwarderInput {
  /** The reference image, the same reference as the service container's. */
  image: string;
  /** The service's audit log group (lib/spec/names.ts auditLogGroup). */
  logGroupName: string;
  region: string;
  /** The service's name: the stream prefix, so the audit streams read `<service>/audit-forwarder/<task id>`. */
  streamPrefix: string;
  stopTimeoutSeconds: number;
}

/**
 * The audit forwarder sidecar: the reference image in SERVICE_MODE=audit-forwarder, hardened like
 * the service container, reading (and pruning) the audit volume and logging to the audit group in BLOCKING
 * mode. A container has one log driver, and its mode applies to everything it writes, so the audit
 * lines need a container of their own to be blocking while the service's debug lines stay
 * non-blocking (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html,
 * "mode"). Blocking here stalls only the forwarder: the service's appends to the file never wait.
 *
 * Essential: if it dies the task stops and is replaced, rather than run on with nobody copying.
 * No health check: the image's exec-form check probes http://127.0.0.1:$PORT/health, and the task's
 * containers share one network namespace (awsvpc), so it would probe the service's port and report
 * the service's health; the forwarder serves no HTTP. A forwarder that exits stops the task anyway.
 * No port, no cpu or memory of its own: it shares the task's (a Node process idling on one fstat per
 * poll, tens of MB resident).
 */
export function auditForwarderDefinition(input: AuditForwarderInput): Record<string, unknown> {
  return {
    name: AUDIT_FORWARDER_CONTAINER,
    image: input.image,
    ...CONTAINER_HARDENING,
    stopTimeout: input.stopTimeoutSeconds,
    environment: [
      { name: ENV.mode, value: AUDIT_FORWARDER_MODE },
      { name: ENV.auditLogPath, value: AUDIT_LOG.file },
    ],
    // Read-write: it deletes each rotated file once copied (app/src/auditForwarder.ts), so the
    // volume holds at most two files of AUDIT_SEGMENT_BYTES and a long-lived task never fills it.
    mountPoints: [{ sourceVolume: AUDIT_VOLUME.name, containerPath: AUDIT_LOG.directory, readOnly: false }],
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": input.logGroupName,
        "awslogs-region": input.region,
        "awslogs-stream-prefix": input.streamPrefix,
        // Blocking: when CloudWatch Logs is slow the forwarder's writes wait; no audit line is dropped.
        mode: "blocking",
      },
    },
  };
}
