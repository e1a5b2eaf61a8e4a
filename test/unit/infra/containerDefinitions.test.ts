import { capacityProviderStrategy } from "../../../lib/design/capacityStrategy";
import { monitoringConfiguration } from "../../../lib/design/serviceMonitoring";
import {
  AUDIT_FORWARDER_CONTAINER,
  AUDIT_VOLUME,
  auditForwarderDefinition,
  containerDefinition,
  healthCheckCommand,
  withAuditLog,
} from "../../../lib/infra/containerDefinitions";

const sizing = { cpu: 512, memory: 1024, minTasks: 3, maxTasks: 9, desiredTasks: 3, cpuTargetPercent: 60 };

describe("capacity provider strategy", () => {
  it.each([
    [
      { onDemandBase: 3, onDemandWeight: 1, spotWeight: 3 },
      [
        { capacityProvider: "FARGATE", base: 3, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 3 },
      ],
    ],
    [{ onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 }, [{ capacityProvider: "FARGATE_SPOT", weight: 1 }]],
    [
      { onDemandBase: 2, onDemandWeight: 0, spotWeight: 1 },
      [
        { capacityProvider: "FARGATE", base: 2, weight: 0 },
        { capacityProvider: "FARGATE_SPOT", weight: 1 },
      ],
    ],
    [{ onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 }, [{ capacityProvider: "FARGATE", base: 0, weight: 1 }]],
  ])("GIVEN %j THEN the strategy is %j", (capacity, expected) => {
    expect(capacityProviderStrategy({ ...sizing, ...capacity })).toEqual(expected);
  });

  it("GIVEN high resolution off THEN the service keeps 60-second metrics", () => {
    expect(monitoringConfiguration(false)).toEqual({
      metricConfigurations: [{ metricNames: ["CPUUtilization", "MemoryUtilization"], resolutionSeconds: 60 }],
    });
  });
});

describe("container definition", () => {
  it("GIVEN secrets and no port THEN secrets are ARNs, never environment values, and no port is mapped", () => {
    const definition = containerDefinition({
      name: "w",
      container: { source: "configured", image: "img", healthCheckCommand: "true" },
      image: "img",
      logGroupName: "/ecs/w",
      region: "us-east-1",
      stopTimeoutSeconds: 120,
      secrets: { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:1:secret:db" },
      environment: { MODE: "batch" },
    });
    expect(definition).toMatchObject({
      secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:db" }],
      environment: [{ name: "MODE", value: "batch" }],
      healthCheck: { command: ["CMD-SHELL", "true"] },
    });
    expect(definition.portMappings).toBeUndefined();
    // No command override: every image runs its own CMD (the reference image: node /app/main.js).
    expect(definition.command).toBeUndefined();
    expect(JSON.stringify(definition.environment)).not.toContain("arn:");
  });

  // Guards the first deploy: the reference image is distroless (no /bin/sh), so a CMD-SHELL check
  // would fail every task's health check and the circuit breaker would roll the deployment back.
  it("GIVEN the reference container THEN its health check is exec form: the image's node runs the check script, no shell", () => {
    expect(healthCheckCommand({ source: "reference" })).toEqual(["CMD", "/nodejs/bin/node", "/app/healthcheck.js"]);
    expect(healthCheckCommand({ source: "configured", image: "i", healthCheckCommand: "wget x || exit 1" })).toEqual([
      "CMD-SHELL",
      "wget x || exit 1",
    ]);
  });
});

describe("audit forwarder", () => {
  const service = containerDefinition({
    name: "payment-api",
    container: { source: "reference" },
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service@sha256:abc",
    logGroupName: "/ecs/payment-api-dev",
    region: "us-east-1",
    stopTimeoutSeconds: 30,
    secrets: {},
    environment: { SERVICE_MODE: "api" },
    portMapping: { containerPort: 8080 },
  });
  const forwarder = auditForwarderDefinition({
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service@sha256:abc",
    logGroupName: "/ecs/payment-api-audit-dev",
    region: "us-east-1",
    streamPrefix: "payment-api",
    stopTimeoutSeconds: 30,
  });

  it("GIVEN the service container WHEN it writes audit events THEN it gets the file's path, the volume read-write and a START dependency on the forwarder; its own log stays non-blocking", () => {
    const audited = withAuditLog(service);
    expect(audited).toEqual({
      ...service,
      environment: [
        { name: "SERVICE_MODE", value: "api" },
        { name: "AUDIT_LOG_PATH", value: "/var/audit/events.jsonl" },
      ],
      mountPoints: [{ sourceVolume: "audit-events", containerPath: "/var/audit", readOnly: false }],
      dependsOn: [{ containerName: "audit-forwarder", condition: "START" }],
    });
    expect((audited.logConfiguration as { options: Record<string, string> }).options.mode).toBe("non-blocking");
  });

  // ECS stops containers in reverse dependency order: the service drains first, the forwarder copies its last lines.
  it("GIVEN the forwarder THEN the same image, hardened like the service, the volume mounted to prune, blocking awslogs to the audit group, essential, no port and no health check", () => {
    expect(forwarder).toEqual({
      name: AUDIT_FORWARDER_CONTAINER,
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service@sha256:abc",
      essential: true,
      user: "65534:65534",
      readonlyRootFilesystem: true,
      privileged: false,
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
      stopTimeout: 30,
      environment: [
        { name: "SERVICE_MODE", value: "audit-forwarder" },
        { name: "AUDIT_LOG_PATH", value: "/var/audit/events.jsonl" },
      ],
      // Read-write: it deletes the rotated file once copied.
      mountPoints: [{ sourceVolume: AUDIT_VOLUME.name, containerPath: "/var/audit", readOnly: false }],
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": "/ecs/payment-api-audit-dev",
          "awslogs-region": "us-east-1",
          "awslogs-stream-prefix": "payment-api",
          mode: "blocking",
        },
      },
    });
    // Blocking mode takes no buffer size (max-buffer-size applies to non-blocking only).
    expect([forwarder.portMappings, forwarder.healthCheck, forwarder.cpu, forwarder.memory]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(service.user).toBe(forwarder.user);
  });
});
