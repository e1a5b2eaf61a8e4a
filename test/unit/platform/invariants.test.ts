/**
 * Properties every environment must have: exact security-group rules, hardened services and
 * containers, connection draining, TLS, alarms, autoscaling, destroyability, and names with the suffix.
 */
import type { RecordedResource } from "../../../lib/commands/mockEngine";
import { goldenRun, json, PlatformRun } from "../support/runPlatform";

const SERVICE = "aws-native:ecs:Service";
const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

// The shipped stacks, read from their golden files (the golden test proves them equal to a fresh run).
const ENVIRONMENTS = [
  { label: "dev" as const, suffix: "dev", port: 8080, cpuTarget: "75", insights: "enhanced" },
  { label: "prod" as const, suffix: "prod", port: 8080, cpuTarget: "80", insights: "enabled" },
];

describe.each(ENVIRONMENTS)("$label stack invariants", ({ label, suffix, port, cpuTarget, insights }) => {
  let run: PlatformRun;
  const rules = (type: string) =>
    run.engine.ofType(type).map((r) => ({
      name: r.name,
      group: r.inputs.securityGroupId,
      ports: [r.inputs.fromPort, r.inputs.toPort],
      protocol: r.inputs.ipProtocol,
      source: r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId,
      described: typeof r.inputs.description === "string" && (r.inputs.description as string).length > 0,
    }));
  const sg = (kind: string) => `${kind}-${suffix}-id`;

  beforeAll(() => {
    run = goldenRun(label);
  });

  it("THEN the ALB, API and worker security groups have exactly the intended ingress rules", () => {
    const ingress = rules("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (r) => r.group !== sg("vpc-endpoints-sg"),
    );
    expect(byName(ingress)).toEqual([
      {
        name: `alb-http-in-${suffix}`,
        group: sg("payment-alb-sg"),
        ports: [80, 80],
        protocol: "tcp",
        source: "0.0.0.0/0",
        described: true,
      },
      {
        name: `alb-https-in-${suffix}`,
        group: sg("payment-alb-sg"),
        ports: [443, 443],
        protocol: "tcp",
        source: "0.0.0.0/0",
        described: true,
      },
      {
        name: `api-from-alb-${suffix}`,
        group: sg("payment-api-sg"),
        ports: [port, port],
        protocol: "tcp",
        source: sg("payment-alb-sg"),
        described: true,
      },
    ]);
  });

  it("THEN egress is limited to ALB->API on the container port and HTTPS from the tasks", () => {
    expect(byName(rules("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"))).toEqual([
      {
        name: `alb-to-api-${suffix}`,
        group: sg("payment-alb-sg"),
        ports: [port, port],
        protocol: "tcp",
        source: sg("payment-api-sg"),
        described: true,
      },
      {
        name: `api-https-out-${suffix}`,
        group: sg("payment-api-sg"),
        ports: [443, 443],
        protocol: "tcp",
        source: "0.0.0.0/0",
        described: true,
      },
      {
        name: `worker-https-out-${suffix}`,
        group: sg("payment-worker-sg"),
        ports: [443, 443],
        protocol: "tcp",
        source: "0.0.0.0/0",
        described: true,
      },
    ]);
    for (const group of run.engine.ofType("aws:ec2/securityGroup:SecurityGroup")) {
      expect(group.inputs.egress ?? []).toEqual([]);
    }
  });

  it("THEN the ALB is internet-facing, drops invalid headers, has no deletion protection and a 60 s idle timeout", () => {
    expect(run.engine.named(`payment-alb-${suffix}`).inputs).toMatchObject({
      name: `payment-alb-${suffix}`,
      loadBalancerType: "application",
      internal: false,
      dropInvalidHeaderFields: true,
      enableDeletionProtection: false,
      idleTimeout: 60,
      securityGroups: [sg("payment-alb-sg")],
    });
  });

  it("THEN HTTPS uses TLS 1.3 and forwards to the target group; HTTP only redirects with a 301", () => {
    expect(run.engine.named(`https-listener-${suffix}`).inputs).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      defaultActions: [{ type: "forward", targetGroupArn: `arn:aws:lb:us-east-1:123456789012:targetgroup/api-8080-${suffix}` }],
    });
    expect(run.engine.named(`http-redirect-listener-${suffix}`).inputs).toMatchObject({
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
  });

  it("THEN the target group uses ip targets, least outstanding requests, a tight health check and 30 s draining", () => {
    expect(run.engine.named(`api-8080-${suffix}`).inputs).toMatchObject({
      targetType: "ip",
      protocol: "HTTP",
      port,
      deregistrationDelay: 30,
      loadBalancingAlgorithmType: "least_outstanding_requests",
      healthCheck: {
        enabled: true,
        path: "/health",
        protocol: "HTTP",
        port: "traffic-port",
        interval: 10,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: "200",
      },
    });
  });

  it("THEN the cluster has Container Insights on and both Fargate capacity providers", () => {
    expect(run.engine.named(`ecs-cluster-${suffix}`).inputs.settings).toEqual([{ name: "containerInsights", value: insights }]);
    expect(run.engine.named(`cluster-capacity-providers-${suffix}`).inputs).toMatchObject({
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
    });
  });

  it("THEN both containers are read-only, non-root, health-checked, drain for 120 s and log non-blocking to their KMS log group", () => {
    for (const [family, logGroup] of [
      [`payment-api-${suffix}`, `/ecs/payment-api-${suffix}`],
      [`payment-worker-${suffix}`, `/ecs/payment-worker-${suffix}`],
    ]) {
      const definition = run.engine.ofType("aws:ecs/taskDefinition:TaskDefinition").find((t) => t.inputs.family === family)!;
      expect(definition.inputs).toMatchObject({ requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc" });
      const [container] = json<Record<string, unknown>[]>(definition.inputs.containerDefinitions);
      expect(container).toMatchObject({
        essential: true,
        user: "65534:65534",
        readonlyRootFilesystem: true,
        privileged: false,
        stopTimeout: 120,
        linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
        healthCheck: { interval: 10, timeout: 5, retries: 3, startPeriod: 15 },
        logConfiguration: {
          logDriver: "awslogs",
          options: { "awslogs-group": logGroup, "awslogs-region": "us-east-1", mode: "non-blocking" },
        },
      });
    }
    const logGroups = run.engine.ofType("aws:cloudwatch/logGroup:LogGroup");
    expect(logGroups.map((l) => l.inputs.kmsKeyId)).toEqual([
      `arn:aws:kms:us-east-1:123456789012:key/payment-key-${suffix}`,
      `arn:aws:kms:us-east-1:123456789012:key/payment-key-${suffix}`,
    ]);
  });

  it("THEN the API container listens on the port, knows its keep-alive, and checks its own health", () => {
    const definition = run.engine
      .ofType("aws:ecs/taskDefinition:TaskDefinition")
      .find((t) => t.inputs.family === `payment-api-${suffix}`)!;
    const [container] = json<Record<string, unknown>[]>(definition.inputs.containerDefinitions);
    expect(container.portMappings).toEqual([{ name: "http", containerPort: port, protocol: "tcp", appProtocol: "http" }]);
    expect(container.environment).toEqual([
      { name: "PORT", value: String(port) },
      { name: "KEEP_ALIVE_TIMEOUT_SECONDS", value: "75" },
    ]);
    expect(container.secrets).toEqual([]);
    expect(container.healthCheck).toMatchObject({
      command: ["CMD-SHELL", `wget -q -O /dev/null http://127.0.0.1:${port}/health || exit 1`],
    });
  });

  it("THEN the API service is private, behind the ALB, rolls back on failures and alarms, and publishes 20 s metrics", () => {
    const service = run.engine.named(`payment-api-${suffix}`, SERVICE);
    expect(service.inputs).toMatchObject({
      serviceName: `payment-api-${suffix}`,
      platformVersion: "LATEST",
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      availabilityZoneRebalancing: "ENABLED",
      healthCheckGracePeriodSeconds: 30,
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: "DISABLED", securityGroups: [sg("payment-api-sg")] } },
      loadBalancers: [{ containerName: "payment-api", containerPort: port }],
      serviceRegistries: [{ registryArn: `arn:aws:servicediscovery:us-east-1:123456789012:service/api-discovery-${suffix}` }],
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        alarms: {
          alarmNames: [`payment-api-p99-latency-${suffix}`, `payment-api-target-5xx-rate-${suffix}`],
          enable: true,
          rollback: true,
        },
      },
      monitoring: { metricConfigurations: [{ metricNames: ["CPUUtilization", "MemoryUtilization"], resolutionSeconds: 20 }] },
    });
    const subnets = (service.inputs.networkConfiguration as { awsvpcConfiguration: { subnets: string[] } }).awsvpcConfiguration
      .subnets;
    expect(subnets.every((s) => s.startsWith("private-subnet-"))).toBe(true);
  });

  it("THEN the worker runs 100% on Spot with no load balancer and the same rollback", () => {
    const worker = run.engine.named(`payment-worker-${suffix}`, SERVICE);
    expect(worker.inputs.capacityProviderStrategy).toEqual([{ capacityProvider: "FARGATE_SPOT", weight: 1 }]);
    expect(worker.inputs.loadBalancers).toBeUndefined();
    expect(worker.inputs).toMatchObject({
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: "DISABLED", securityGroups: [sg("payment-worker-sg")] } },
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      },
    });
  });

  it("THEN the API scales on 20 s CPU, 20 s memory and ALB requests with 30 s out / 300 s in cooldowns", () => {
    const policies = byName(run.engine.ofType("aws:appautoscaling/policy:Policy"))
      .filter((p) => p.inputs.policyType === "TargetTrackingScaling")
      .map((p) => {
        const c = p.inputs.targetTrackingScalingPolicyConfiguration as Record<string, unknown>;
        return [
          p.name,
          (c.predefinedMetricSpecification as Record<string, unknown>).predefinedMetricType,
          c.scaleOutCooldown,
          c.scaleInCooldown,
        ];
      });
    expect(policies).toEqual([
      [`api-cpu-tracking-${suffix}`, "ECSServiceAverageCPUUtilizationHighResolution", 30, 300],
      [`api-memory-tracking-${suffix}`, "ECSServiceAverageMemoryUtilizationHighResolution", 30, 300],
      [`api-requests-tracking-${suffix}`, "ALBRequestCountPerTarget", 30, 300],
      [`worker-cpu-tracking-${suffix}`, "ECSServiceAverageCPUUtilizationHighResolution", 30, 300],
    ]);
    const requests = run.engine.named(`api-requests-tracking-${suffix}`).inputs
      .targetTrackingScalingPolicyConfiguration as Record<string, Record<string, unknown>>;
    expect(requests.predefinedMetricSpecification.resourceLabel).toBe(
      `app/payment-alb-${suffix}/50dc6c495c0c9188/targetgroup/api-8080-${suffix}/73e2d6bc24d8a067`,
    );
    expect(run.engine.named(`api-scalable-target-${suffix}`).inputs).toMatchObject({
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/ecs-cluster-${suffix}/payment-api-${suffix}`,
    });
  });

  it("THEN predictive scaling is configured forecast-only", () => {
    expect(run.engine.named(`api-predictive-${suffix}`).inputs.predictiveScalingPolicyConfiguration).toEqual({
      mode: "ForecastOnly",
      metricSpecifications: [
        { targetValue: cpuTarget, predefinedMetricPairSpecification: { predefinedMetricType: "ECSServiceCPUUtilization" } },
      ],
    });
  });

  it("THEN the p99 latency alarm fires above 0.2 s on the ALB's p99 and notifies the topic", () => {
    expect(run.engine.named(`payment-api-p99-latency-${suffix}`).inputs).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      extendedStatistic: "p99",
      threshold: 0.2,
      comparisonOperator: "GreaterThanThreshold",
      dimensions: { LoadBalancer: `app/payment-alb-${suffix}/50dc6c495c0c9188` },
      alarmActions: [`arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-${suffix}`],
    });
    const rate = run.engine.named(`payment-api-target-5xx-rate-${suffix}`).inputs.metricQueries as Record<string, unknown>[];
    expect(rate.map((q) => q.id)).toEqual(["rate", "errors", "requests"]);
  });

  it("THEN fixed-name log groups are deleted before a replacement, and autoscaling owns desiredCount", () => {
    // (Their aliases to the former components are asserted in devStack.test.ts.)
    const updateOptions = (r: RecordedResource) => ({
      deleteBeforeReplace: r.options.deleteBeforeReplace,
      ignoreChanges: r.options.ignoreChanges,
    });
    const logGroups = run.engine.ofType("aws:cloudwatch/logGroup:LogGroup").map(updateOptions);
    expect(logGroups).toStrictEqual([
      { deleteBeforeReplace: true, ignoreChanges: undefined },
      { deleteBeforeReplace: true, ignoreChanges: undefined },
    ]);
    const services = run.engine.ofType(SERVICE).map(updateOptions);
    expect(services).toStrictEqual([
      { deleteBeforeReplace: undefined, ignoreChanges: ["desiredCount"] },
      { deleteBeforeReplace: undefined, ignoreChanges: ["desiredCount"] },
    ]);
  });

  it("THEN security groups are auto-named (no fixed name to collide on replacement)", () => {
    expect(run.engine.ofType("aws:ec2/securityGroup:SecurityGroup").map((g) => g.inputs.name)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("THEN nothing blocks a clean destroy: 7-day KMS window, rotation on, Cloud Map force-destroy", () => {
    expect(run.engine.named(`payment-key-${suffix}`).inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 7 });
    expect(run.engine.named(`api-discovery-${suffix}`).inputs.forceDestroy).toBe(true);
  });

  it("THEN no two resources share a type and logical name (the mock engine would not object)", () => {
    expect(new Set(run.engine.resources.map((r) => `${r.type}::${r.name}`)).size).toBe(run.engine.resources.length);
  });

  it("THEN the providers pin us-east-1 and carry the six cost-allocation tags", () => {
    const tags = {
      Project: "payment-platform",
      Environment: suffix,
      EnvironmentSuffix: suffix,
      CostCenter: "payments",
      Owner: "platform-team",
      ManagedBy: "pulumi",
    };
    for (const type of ["pulumi:providers:aws", "pulumi:providers:aws-native"]) {
      const [provider] = run.engine.ofType(type);
      expect(provider.inputs.region).toBe("us-east-1");
      expect(json(provider.inputs.defaultTags)).toEqual({ tags });
    }
  });

  it("THEN the internet-facing ALB waits for the internet gateway (created after it, deleted before it), as the NAT gateways do", () => {
    expect(run.engine.named(`payment-alb-${suffix}`).options.dependsOn).toEqual([`igw-${suffix}`]);
    expect(run.engine.ofType("aws:ec2/natGateway:NatGateway").map((n) => n.options.dependsOn)).toEqual(
      run.engine.ofType("aws:ec2/natGateway:NatGateway").map(() => [`igw-${suffix}`]),
    );
  });

  it("THEN the budget and the anomaly subscription wait for the topic policy that lets them publish", () => {
    expect(
      [`payment-monthly-budget-${suffix}`, `payment-cost-anomaly-alerts-${suffix}`].map(
        (n) => run.engine.named(n).options.dependsOn,
      ),
    ).toEqual([[`alarm-topic-policy-${suffix}`], [`alarm-topic-policy-${suffix}`]]);
  });

  it("THEN the API's scalable target leaves its bounds to the scheduled actions (refresh must not undo the off-hours minimum); the worker's, with no schedule, does not", () => {
    expect(run.engine.named(`api-scalable-target-${suffix}`).options.ignoreChanges).toEqual(["minCapacity", "maxCapacity"]);
    expect(run.engine.named(`worker-scalable-target-${suffix}`).options.ignoreChanges).toBeUndefined();
    expect(run.engine.ofType("aws:appautoscaling/scheduledAction:ScheduledAction")).toHaveLength(2);
  });

  describe("AND the component layout before services were data", () => {
    const former = (type: string, name: string) =>
      `urn:pulumi:${label}::payment-platform::payment:platform:PaymentPlatform$${type}::${name}-${suffix}`;
    /** The component each kind of resource was a child of before: its alias names it as the former parent. */
    const FORMER_PARENT: Record<string, string> = {
      "aws:ec2/securityGroup:SecurityGroup": former("payment:security:Security", "security"),
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": former("payment:security:Security", "security"),
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": former("payment:security:Security", "security"),
      "aws:iam/role:Role": former("payment:security:Security", "security"),
      "aws:cloudwatch/logGroup:LogGroup": former("payment:observability:Observability", "observability"),
      "aws:cloudwatch/metricAlarm:MetricAlarm": former("payment:observability:Observability", "observability"),
      "aws:ecs/taskDefinition:TaskDefinition": former("payment:compute:Compute", "compute"),
      "aws:servicediscovery/service:Service": former("payment:compute:Compute", "compute"),
      "aws-native:ecs:Service": former("payment:compute:Compute", "compute"),
      "aws:appautoscaling/target:Target": former("payment:scaling:Scaling", "scaling"),
      "aws:appautoscaling/policy:Policy": former("payment:scaling:Scaling", "scaling"),
      "aws:appautoscaling/scheduledAction:ScheduledAction": former("payment:scaling:Scaling", "scaling"),
      "aws:ecs/cluster:Cluster": former("payment:compute:Compute", "compute"),
      "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": former("payment:compute:Compute", "compute"),
      "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": former("payment:compute:Compute", "compute"),
    };
    const underNewComponents = () =>
      run.engine.resources.filter((r) =>
        [`cluster-${suffix}`, `api-service-${suffix}`, `worker-service-${suffix}`].includes(r.parent!),
      );
    const newWorkerAlarms = ["cpu-high", "memory-high", "running-tasks-low"].map((k) => `payment-worker-${k}-${suffix}`);

    it("THEN each of the 33 resources that moved has one alias to the component it was under, so `pulumi up` moves it instead of replacing it", () => {
      const moved = underNewComponents().filter((r) => !newWorkerAlarms.includes(r.name));
      expect(moved).toHaveLength(33);
      for (const resource of moved)
        expect([resource.name, resource.options.aliasParents]).toEqual([resource.name, [FORMER_PARENT[resource.type]]]);
    });

    it("THEN the worker's three alarms, new in this layout, and everything that stayed under its component have no alias", () => {
      const unaliased = run.engine.resources.filter((r) => r.options.aliasParents === undefined).map((r) => r.name);
      expect(
        underNewComponents()
          .filter((r) => unaliased.includes(r.name))
          .map((r) => r.name),
      ).toEqual(newWorkerAlarms);
      expect(
        run.engine.resources.filter((r) => !underNewComponents().includes(r) && r.options.aliasParents !== undefined),
      ).toEqual([]);
    });
  });
});
