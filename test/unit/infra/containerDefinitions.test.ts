import { capacityProviderStrategy } from "../../../lib/design/capacityStrategy";
import { monitoringConfiguration } from "../../../lib/design/serviceMonitoring";
import { containerDefinition } from "../../../lib/infra/containerDefinitions";

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
  it("GIVEN secrets, a command and no port THEN secrets are ARNs, the command is kept and no port is mapped", () => {
    const definition = containerDefinition({
      name: "w",
      container: { image: "img", command: ["run"], healthCheckCommand: "true" },
      logGroupName: "/ecs/w",
      region: "us-east-1",
      stopTimeoutSeconds: 120,
      secrets: { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:1:secret:db" },
      environment: { MODE: "batch" },
    });
    expect(definition).toMatchObject({
      command: ["run"],
      secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:db" }],
      environment: [{ name: "MODE", value: "batch" }],
    });
    expect(definition.portMappings).toBeUndefined();
    expect(JSON.stringify(definition.environment)).not.toContain("arn:");
  });

  it("GIVEN an image with its own CMD THEN no command is set", () => {
    const definition = containerDefinition({
      name: "a",
      container: { image: "img", command: [], healthCheckCommand: "true" },
      logGroupName: "l",
      region: "us-east-1",
      stopTimeoutSeconds: 60,
      secrets: {},
      environment: {},
    });
    expect(definition.command).toBeUndefined();
  });
});
