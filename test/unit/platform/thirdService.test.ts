/**
 * A new ECS service is one entry in the service catalogue (lib/config/services.ts) plus its defaults:
 * GIVEN the shipped catalogue with a third, worker-style entry (a webhook dispatcher), WHEN the
 * program runs, THEN the new service gets its own keys, resources, names, IAM, alarms, scaling,
 * dashboard lines and cost lines, with nothing else written for it.
 */
import { commonServiceKeys, ServiceIdentity, workerServiceKeys } from "../../../lib/config/serviceKeys";
import { SERVICE_CATALOG, ServiceCatalog } from "../../../lib/config/services";
import { buildCostReport } from "../../../lib/models/cost/costReport";
import { ConfigError } from "../../../lib/config/source";
import { resolveSpec } from "../../../lib/stackSpec";
import { mapSource } from "../support/configSource";
import { countByType, DEV_CONFIG, json, PlatformRun, runPlatform } from "../support/runPlatform";

const webhooks: ServiceIdentity = { id: "webhooks", role: "worker", label: "webhook dispatcher" };
/** The whole addition: one entry with its defaults. */
const WITH_WEBHOOKS: ServiceCatalog = [
  ...SERVICE_CATALOG,
  {
    ...webhooks,
    role: "worker",
    name: "payment-webhooks",
    keys: commonServiceKeys(webhooks, {
      cpu: 512,
      memory: 1024,
      minTasks: 1,
      maxTasks: 3,
      cpuTargetPercent: 60,
      onDemandBase: 0,
      onDemandWeight: 0,
      spotWeight: 1,
      stopTimeoutSeconds: 60,
      baseline: { tasks: 2, cpu: 1024, memory: 2048 },
      exampleImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-webhooks:1.0.0",
    }),
    workerKeys: workerServiceKeys(webhooks, { millicores: 600 }),
  },
];

const SERVICE = "aws-native:ecs:Service";

describe("a third service added as one catalogue entry", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    run = await runPlatform(
      { ...DEV_CONFIG, webhooksImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-webhooks:1.0.0" },
      "dev",
      WITH_WEBHOOKS,
    );
  });

  it("THEN its keys exist with the factory's names, and a misspelling of them is refused", () => {
    const spec = resolveSpec(
      mapSource({ environmentSuffix: "dev", webhooksCpu: "1024", webhooksMemory: "2048", workloadWebhooksMillicores: "900" }),
      { project: "payment-platform", stack: "dev" },
      WITH_WEBHOOKS,
    );
    expect(spec.services.webhooks).toMatchObject({
      role: "worker",
      cpu: 1024,
      memory: 2048,
      vcpuDemand: 0.9,
      stopTimeoutSeconds: 60,
    });
    expect(() =>
      resolveSpec(
        mapSource({ environmentSuffix: "dev", webhooksCPU: "1024" }),
        { project: "payment-platform", stack: "dev" },
        WITH_WEBHOOKS,
      ),
    ).toThrow(new ConfigError(["unknown key webhooksCPU; did you mean webhooksCpu?"]));
  });

  it("THEN it gets one FargateService component with exactly the resources a worker owns (14), and its component and those 14 are 15 more in all", () => {
    const owned = run.engine.resources.filter((r) => r.parent === "webhooks-service-dev");
    expect(countByType({ resources: owned } as never)).toEqual({
      "aws-native:ecs:Service": 1,
      "aws:appautoscaling/policy:Policy": 1,
      "aws:appautoscaling/target:Target": 1,
      "aws:cloudwatch/logGroup:LogGroup": 1,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 3,
      "aws:ec2/securityGroup:SecurityGroup": 1,
      "aws:ecs/taskDefinition:TaskDefinition": 1,
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicy:RolePolicy": 2,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 1,
    });
    expect(run.engine.named("webhooks-service-dev").type).toBe("payment:compute:FargateService");
    // A service new to the stack has no former layout to alias.
    expect(owned.filter((r) => r.options.aliasParents !== undefined)).toEqual([]);
    // dev has 134 resources with two services (devStack.test.ts); the third adds its component and its 14
    // resources. It runs its own image, so it has no audit log group and no filter of the audit delivery.
    expect(run.engine.resources).toHaveLength(134 + 15);
    expect(run.engine.resources.filter((r) => r.name.includes("webhooks-audit"))).toEqual([]);
  });

  it("THEN its names carry its name base and the suffix", () => {
    const service = run.engine.named("payment-webhooks-dev", SERVICE);
    expect(service.inputs).toMatchObject({
      serviceName: "payment-webhooks-dev",
      capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
      desiredCount: 1,
      networkConfiguration: {
        awsvpcConfiguration: { assignPublicIp: "DISABLED", securityGroups: ["payment-webhooks-sg-dev-id"] },
      },
    });
    expect(service.inputs.loadBalancers).toBeUndefined();
    expect(run.engine.named("payment-webhooks-dev", "aws:ecs/taskDefinition:TaskDefinition").inputs).toMatchObject({
      cpu: "512",
      memory: "1024",
    });
    expect(run.engine.named("/ecs/payment-webhooks-dev").inputs).toMatchObject({
      retentionInDays: 7,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/payment-key-dev",
    });
    const container = json<Record<string, unknown>[]>(
      run.engine.named("payment-webhooks-dev", "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
    )[0];
    expect([container.name, container.image, container.stopTimeout]).toEqual([
      "payment-webhooks",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-webhooks:1.0.0",
      60,
    ]);
  });

  it("THEN its IAM is its own: a task role with the worker mode's table actions only, an execution role for its own log group and image repository", () => {
    expect(run.engine.named("payment-webhooks-task-role-dev").inputs).toMatchObject({
      name: "payment-webhooks-task-role-dev",
      description: "Payment webhook dispatcher application: the payments table actions of its mode, nothing else",
    });
    const task = json<{ Statement: { Action: string[]; Resource: string }[] }>(
      run.engine.named("webhooks-task-policy-dev").inputs.policy,
    );
    expect(task.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["dynamodb:UpdateItem"], "arn:aws:dynamodb:us-east-1:123456789012:table/payments-dev"],
      [["dynamodb:Query"], "arn:aws:dynamodb:us-east-1:123456789012:table/payments-dev/index/pending"],
    ]);
    const execution = json<{ Statement: { Sid: string; Resource: unknown }[] }>(
      run.engine.named("webhooks-execution-policy-dev").inputs.policy,
    );
    expect(execution.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ["EcrAuthToken", "*"],
      ["EcrPullServiceImage", ["arn:aws:ecr:us-east-1:123456789012:repository/payment-webhooks"]],
      ["WriteServiceLogs", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payment-webhooks-dev:log-stream:*"],
    ]);
  });

  it("THEN it has the worker alarms on its own dimensions, its own scalable target and CPU policy", () => {
    const alarms = run.engine.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.parent === "webhooks-service-dev");
    expect(alarms.map((a) => [a.inputs.name, a.inputs.metricName, a.inputs.threshold])).toEqual([
      ["payment-webhooks-cpu-high-dev", "CPUUtilization", 85],
      ["payment-webhooks-memory-high-dev", "MemoryUtilization", 85],
      ["payment-webhooks-running-tasks-low-dev", "RunningTaskCount", 1],
    ]);
    for (const alarm of alarms)
      expect(alarm.inputs.dimensions).toEqual({ ClusterName: "ecs-cluster-dev", ServiceName: "payment-webhooks-dev" });
    expect(run.engine.named("webhooks-scalable-target-dev").inputs).toMatchObject({
      resourceId: "service/ecs-cluster-dev/payment-webhooks-dev",
      minCapacity: 1,
      maxCapacity: 3,
    });
    expect(run.engine.named("webhooks-cpu-tracking-dev").inputs.targetTrackingScalingPolicyConfiguration).toMatchObject({
      targetValue: 60,
      predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilizationHighResolution" },
    });
  });

  it("THEN the dashboards and the stack outputs list it", () => {
    const performance = run.engine.named("payment-performance-dev", "aws:cloudwatch/dashboard:Dashboard").inputs
      .dashboardBody as string;
    expect(performance).toContain('"label":"webhook dispatcher CPU"');
    const cost = run.engine.named("payment-cost-dev", "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody as string;
    expect(cost).toContain('"label":"webhook dispatcher on FARGATE_SPOT"');
    expect(run.outputs.webhooksServiceName).toBe("payment-webhooks-dev");
    expect(run.outputs.logGroupNames).toEqual(["/ecs/payment-api-dev", "/ecs/payment-worker-dev", "/ecs/payment-webhooks-dev"]);
  });

  it("THEN the cost model prices it: its four Fargate lines, sized for its demand, and its baseline fleet", () => {
    const report = buildCostReport(run.spec);
    const lines = (items: typeof report.optimized.lineItems) =>
      items.filter((i) => i.id.startsWith("webhooks-")).map((i) => [i.id, i.quantity]);
    // 0.6 vCPU of demand on 0.5-vCPU tasks at a 60% target: 2 tasks, all Spot, 730 h each.
    expect(lines(report.optimized.lineItems)).toEqual([
      ["webhooks-ondemand-vcpu", 0],
      ["webhooks-ondemand-memory", 0],
      ["webhooks-spot-vcpu", 730],
      ["webhooks-spot-memory", 1460],
    ]);
    // Baseline: 2 always-on 1 vCPU / 2 GB on-demand tasks.
    expect(lines(report.baseline.lineItems)).toEqual([
      ["webhooks-ondemand-vcpu", 1460],
      ["webhooks-ondemand-memory", 2920],
      ["webhooks-spot-vcpu", 0],
      ["webhooks-spot-memory", 0],
    ]);
  });
});

describe("the third service's share of the monitoring and security lines", () => {
  it("GIVEN the dev spec with and without the webhook dispatcher THEN it adds exactly its alarms, Container Insights and 20-second metrics, and its log group's KMS requests", () => {
    const three = resolveSpec(
      mapSource({ environmentSuffix: "dev" }),
      { project: "payment-platform", stack: "dev" },
      WITH_WEBHOOKS,
    );
    const two = resolveSpec(mapSource({ environmentSuffix: "dev" }), { project: "payment-platform", stack: "dev" });
    const line = (spec: typeof two, id: string) => buildCostReport(spec).optimized.lineItems.find((i) => i.id === id)!;
    // Alarms: 3 of its own (standard) and 2 for its CPU policy on the 20-second metric (high resolution).
    expect([line(two, "alarms-standard").description, line(three, "alarms-standard").description]).toEqual([
      "Standard alarms (12, first 10 free)",
      "Standard alarms (15, first 10 free)",
    ]);
    expect(line(three, "alarms-standard").quantity - line(two, "alarms-standard").quantity).toBe(3);
    expect(line(three, "alarms-high-resolution").quantity - line(two, "alarms-high-resolution").quantity).toBe(2);
    // Container Insights (enhanced in dev): 21 service metrics plus 18 per task for its 2 tasks.
    expect(line(three, "container-insights-metrics").quantity - line(two, "container-insights-metrics").quantity).toBeCloseTo(
      21 + 18 * 2,
      9,
    );
    // 20-second CPU and memory metrics: 2 more.
    expect(line(three, "service-metrics-20s").quantity - line(two, "service-metrics-20s").quantity).toBe(2);
    // Each log group asks KMS for a data key 12 times an hour, 730 hours a month (no secrets configured):
    // two services stay within the 20,000 free requests, the third takes the total past them.
    expect([line(two, "kms-requests").quantity, line(three, "kms-requests").quantity]).toEqual([0, 3 * 12 * 730 - 20000]);
  });

  it("GIVEN the same two specs THEN exactly these line items change, in the optimized estimate and in the baseline: the new service's own, and the shared lines it adds to", () => {
    const three = resolveSpec(
      mapSource({ environmentSuffix: "dev" }),
      { project: "payment-platform", stack: "dev" },
      WITH_WEBHOOKS,
    );
    const two = resolveSpec(mapSource({ environmentSuffix: "dev" }), { project: "payment-platform", stack: "dev" });
    const changed = (side: "optimized" | "baseline") => {
      const before = new Map(buildCostReport(two)[side].lineItems.map((i) => [i.id, i.monthlyUsd]));
      const after = buildCostReport(three)[side].lineItems;
      // A line the third service brings is new: it changes when it costs anything.
      return after.filter((i) => (before.get(i.id) ?? 0) !== i.monthlyUsd).map((i) => i.id);
    };
    // Its four Fargate lines; NAT data for its image pulls and the cross-AZ share; its Container
    // Insights metrics and performance logs; its 20-second metrics; its alarms; its log group's KMS use.
    expect(changed("optimized")).toEqual([
      "webhooks-spot-vcpu",
      "webhooks-spot-memory",
      "nat-data",
      "nat-cross-az",
      "container-insights-metrics",
      "container-insights-logs",
      "service-metrics-20s",
      "alarms-standard",
      "alarms-high-resolution",
      "kms-requests",
    ]);
    expect(changed("baseline")).toEqual([
      "webhooks-ondemand-vcpu",
      "webhooks-ondemand-memory",
      "nat-data",
      "container-insights-metrics",
      "container-insights-logs",
      "alarms-standard",
      "kms-requests",
    ]);
  });
});
