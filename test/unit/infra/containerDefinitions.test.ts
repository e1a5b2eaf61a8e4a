import { capacityProviderStrategy } from "../../../lib/design/capacityStrategy";
import { monitoringConfiguration } from "../../../lib/design/serviceMonitoring";
import { containerDefinition, healthCheckCommand } from "../../../lib/infra/containerDefinitions";

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
