/**
 * Properties every environment must have: exact security-group rules, hardened services and
 * containers, connection draining, TLS, alarms, autoscaling, destroyability, and names with the suffix.
 */
import { REFERENCE_IMAGE_TAG } from "../../../lib/commands/golden";
import type { RecordedResource } from "../../../lib/commands/registrations";
import { goldenRun, json, PlatformRun } from "../support/runPlatform";

const SERVICE = "aws-native:ecs:Service";
const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

// The shipped stacks, read from their golden files (the golden test proves them equal to a fresh run).
// logGroups: Container Insights' and the two services' groups, + the two services' audit groups (both run
// the reference image), + the WAF log group where wafMode is not off (prod blocks, dev is off).
// schedule: the API's minimum is above its off-hours minimum (prod 4 > 3; dev 1 = 1 makes none).
// moved: resources aliased to a component of the former layout (prod's two scheduled actions among them).
const ENVIRONMENTS = [
  {
    label: "dev" as const,
    suffix: "dev",
    port: 8080,
    cpuTarget: "35",
    insights: "enhanced",
    logGroups: 3 + 2,
    schedule: false,
    moved: 31,
  },
  {
    label: "prod" as const,
    suffix: "prod",
    port: 8080,
    cpuTarget: "35",
    insights: "enabled",
    logGroups: 3 + 2 + 1,
    schedule: true,
    moved: 33,
  },
];

describe.each(ENVIRONMENTS)("$label stack invariants", ({ label, suffix, port, cpuTarget, insights }) => {
  const logGroupCount = ENVIRONMENTS.find((e) => e.label === label)!.logGroups;
  const { schedule, moved: movedCount } = ENVIRONMENTS.find((e) => e.label === label)!;
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

  it("THEN the VPC's default security group is adopted once, in this stack's VPC, with no ingress and no egress rule (CIS 5.4)", () => {
    const adopted = run.engine.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(adopted.map((g) => [g.name, g.parent, g.inputs])).toEqual([
      [
        `default-sg-${suffix}`,
        `network-${suffix}`,
        { vpcId: `vpc-${suffix}-id`, ingress: [], egress: [], tags: { Name: `default-sg-${suffix}` } },
      ],
    ]);
  });

  it("THEN the S3 gateway endpoint's policy is exactly s3:GetObject on ECR's us-east-1 layer bucket; DynamoDB's has none", () => {
    const endpoint = (service: string) => run.engine.named(`${service}-endpoint-${suffix}`).inputs;
    expect(json(endpoint("s3").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcrImageLayersOnly",
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"],
        },
      ],
    });
    expect(endpoint("dynamodb").policy).toBeUndefined();
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

  it("THEN HTTPS uses TLS 1.3 with TLS 1.2 restricted to GCM suites (the Res policy) and forwards to the target group; HTTP only redirects with a 301", () => {
    expect(run.engine.named(`https-listener-${suffix}`).inputs).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
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
        // readiness: the reference service answers 503 from SIGTERM on, so the ALB stops routing to a draining task
        path: "/ready",
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
      // The service container first, the audit forwarder second (the next test).
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
    // Every log group of the stack (service, audit, Container Insights', WAF's in prod) with the stack key.
    const logGroups = run.engine.ofType("aws:cloudwatch/logGroup:LogGroup");
    expect(logGroups.map((l) => l.inputs.kmsKeyId)).toEqual(
      Array(logGroupCount).fill(`arn:aws:kms:us-east-1:123456789012:key/payment-key-${suffix}`),
    );
  });

  it("THEN each task also runs the audit forwarder: the same image, as hardened, on the audit volume, logging BLOCKING to its service's Standard-class audit group; the service container writes the audit file there and starts after it", () => {
    for (const service of ["api", "worker"]) {
      const family = `payment-${service}-${suffix}`;
      const definition = run.engine.ofType("aws:ecs/taskDefinition:TaskDefinition").find((t) => t.inputs.family === family)!;
      expect(definition.inputs.volumes).toEqual([{ name: "audit-events" }]);
      const containers = json<Record<string, unknown>[]>(definition.inputs.containerDefinitions);
      expect(containers.map((c) => c.name)).toEqual([`payment-${service}`, "audit-forwarder"]);
      const [main, forwarder] = containers;
      const volume = [{ sourceVolume: "audit-events", containerPath: "/var/audit", readOnly: false }];
      expect([main.mountPoints, main.dependsOn]).toEqual([volume, [{ containerName: "audit-forwarder", condition: "START" }]]);
      expect((main.environment as { name: string }[]).at(-1)).toEqual({
        name: "AUDIT_LOG_PATH",
        value: "/var/audit/events.jsonl",
      });
      expect(forwarder).toEqual({
        name: "audit-forwarder",
        image: main.image,
        essential: true,
        user: "65534:65534",
        readonlyRootFilesystem: true,
        privileged: false,
        linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
        stopTimeout: 120,
        environment: [
          { name: "SERVICE_MODE", value: "audit-forwarder" },
          { name: "AUDIT_LOG_PATH", value: "/var/audit/events.jsonl" },
        ],
        mountPoints: volume,
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-group": `/ecs/payment-${service}-audit-${suffix}`,
            "awslogs-region": "us-east-1",
            "awslogs-stream-prefix": `payment-${service}`,
            mode: "blocking",
          },
        },
      });
      expect(run.engine.named(`/ecs/payment-${service}-audit-${suffix}`).inputs).toEqual({
        name: `/ecs/payment-${service}-audit-${suffix}`,
        retentionInDays: label === "prod" ? 14 : 7,
        kmsKeyId: `arn:aws:kms:us-east-1:123456789012:key/payment-key-${suffix}`,
        // Standard whatever logClass says: Infrequent Access groups took no subscription filter at launch.
        logGroupClass: "STANDARD",
      });
    }
  });

  // Guards defect 1: Caddy's file capability cannot exec under drop ALL (EPERM) and every task died.
  it("THEN both services run the reference image by digest from the stack's repository, with an exec-form health check (no shell, no file capability)", () => {
    for (const family of [`payment-api-${suffix}`, `payment-worker-${suffix}`]) {
      const definition = run.engine.ofType("aws:ecs/taskDefinition:TaskDefinition").find((t) => t.inputs.family === family)!;
      const [container] = json<Record<string, unknown>[]>(definition.inputs.containerDefinitions);
      expect(container.image).toBe(
        `123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service-${suffix}@sha256:${"0".repeat(64)}`,
      );
      expect(container.command).toBeUndefined();
      expect((container.healthCheck as { command: string[] }).command).toEqual([
        "CMD",
        "/nodejs/bin/node",
        "/app/healthcheck.js",
      ]);
    }
    expect(JSON.stringify(run.engine.resources)).not.toMatch(/caddy|busybox/);
  });

  it("THEN the stack owns the image repository: immutable tags, scan on push, the newest 10 images kept, deleted with its images; the image is built for ARM64 and pushed", () => {
    expect(run.engine.named(`payment-service-${suffix}`).inputs).toMatchObject({
      name: `payment-service-${suffix}`,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "AES256" }],
      forceDelete: true,
    });
    expect(json(run.engine.named(`service-image-lifecycle-${suffix}`).inputs.policy)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Keep the newest 10 images",
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 },
          action: { type: "expire" },
        },
      ],
    });
    const image = run.engine.named(`service-image-${suffix}`, "docker-build:index:Image");
    expect(image.inputs).toMatchObject({
      context: { location: "app" },
      dockerfile: { location: "app/Dockerfile" },
      platforms: ["linux/arm64"],
      push: true,
      buildOnPreview: true,
    });
    // The golden files name the reference image's tag instead of printing it (lib/commands/golden.ts says why).
    expect(image.inputs.tags).toEqual([
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service-${suffix}:${REFERENCE_IMAGE_TAG}`,
    ]);
  });

  // Guards defect 5: Container Insights would create this group itself, unencrypted and outliving destroy.
  it("THEN Container Insights' performance log group is the stack's, KMS-encrypted, Standard class, one day, created before the cluster", () => {
    expect(run.engine.named(`container-insights-performance-${suffix}`).inputs).toEqual({
      name: `/aws/ecs/containerinsights/ecs-cluster-${suffix}/performance`,
      retentionInDays: 1,
      kmsKeyId: `arn:aws:kms:us-east-1:123456789012:key/payment-key-${suffix}`,
      logGroupClass: "STANDARD",
    });
    expect(run.engine.named(`ecs-cluster-${suffix}`).options.dependsOn).toEqual([`container-insights-performance-${suffix}`]);
  });

  // Guards defects 8 and 9: every physical name carries the suffix, the Cloud Map service's too; no
  // deprecated failureThreshold (a warning on every preview) and no empty health check block (read
  // back as none: a replacement on every `up`, terraform-provider-aws #44285).
  it("THEN the Cloud Map service is named with the suffix, has no custom health check block, and is deleted before a replacement", () => {
    const discovery = run.engine.named(`api-discovery-${suffix}`);
    expect([discovery.inputs.name, discovery.inputs.healthCheckCustomConfig, discovery.options.deleteBeforeReplace]).toEqual([
      `payment-api-${suffix}`,
      undefined,
      true,
    ]);
  });

  it("THEN each ECS service waits for the capacity providers, its roles' policies and the table (the API also for the HTTPS listener)", () => {
    expect(run.engine.named(`payment-api-${suffix}`, SERVICE).options.dependsOn).toEqual([
      `cluster-capacity-providers-${suffix}`,
      `https-listener-${suffix}`,
      `api-execution-policy-${suffix}`,
      `api-task-policy-${suffix}`,
      `payments-${suffix}`,
    ]);
    expect(run.engine.named(`payment-worker-${suffix}`, SERVICE).options.dependsOn).toEqual([
      `cluster-capacity-providers-${suffix}`,
      `worker-execution-policy-${suffix}`,
      `worker-task-policy-${suffix}`,
      `payments-${suffix}`,
    ]);
  });

  it("THEN the payments table is on-demand, KMS-encrypted with the stack key, has TTL, a keys-only pending index by key schema, and no deletion protection", () => {
    expect(run.engine.named(`payments-${suffix}`).inputs).toEqual({
      name: `payments-${suffix}`,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "pk",
      attributes: [
        { name: "pk", type: "S" },
        { name: "pendingShard", type: "S" },
        { name: "createdAt", type: "S" },
      ],
      globalSecondaryIndexes: [
        {
          name: "pending",
          keySchemas: [
            { attributeName: "pendingShard", keyType: "HASH" },
            { attributeName: "createdAt", keyType: "RANGE" },
          ],
          projectionType: "KEYS_ONLY",
        },
      ],
      ttl: { attributeName: "expiresAt", enabled: true },
      pointInTimeRecovery: { enabled: label === "prod" },
      serverSideEncryption: { enabled: true, kmsKeyArn: `arn:aws:kms:us-east-1:123456789012:key/payment-key-${suffix}` },
      deletionProtectionEnabled: false,
      tableClass: "STANDARD",
    });
    // Payments reach DynamoDB through the free gateway endpoint, not the NAT gateway.
    expect(run.engine.named(`dynamodb-endpoint-${suffix}`).inputs).toMatchObject({
      serviceName: "com.amazonaws.us-east-1.dynamodb",
      vpcEndpointType: "Gateway",
    });
  });

  // Guards the least-privilege promise: exactly the actions app/src/contract.ts says each mode calls.
  it("THEN each task role may call exactly its mode's table actions on the table's ARN (the worker's query on the index), nothing else", () => {
    const table = `arn:aws:dynamodb:us-east-1:123456789012:table/payments-${suffix}`;
    const statements = (role: string) =>
      json<{ Statement: { Action: string[]; Resource: string }[] }>(
        run.engine.named(`${role}-${suffix}`).inputs.policy,
      ).Statement.map((st) => [st.Action, st.Resource]);
    expect(statements("api-task-policy")).toEqual([[["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], table]]);
    expect(statements("worker-task-policy")).toEqual([
      [["dynamodb:UpdateItem"], table],
      [["dynamodb:Query"], `${table}/index/pending`],
    ]);
    // One role policy each for the two task roles and the two execution roles, + Firehose's and the
    // subscription filters' roles of the audit delivery (2); no managed policy attachments.
    expect(run.engine.ofType("aws:iam/rolePolicy:RolePolicy")).toHaveLength(4 + 2);
    expect(run.engine.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toHaveLength(0);
  });

  it("THEN the API container listens on the port, knows its keep-alive, and checks its own health", () => {
    const definition = run.engine
      .ofType("aws:ecs/taskDefinition:TaskDefinition")
      .find((t) => t.inputs.family === `payment-api-${suffix}`)!;
    const [container] = json<Record<string, unknown>[]>(definition.inputs.containerDefinitions);
    expect(container.portMappings).toEqual([{ name: "http", containerPort: port, protocol: "tcp", appProtocol: "http" }]);
    expect(container.environment).toEqual([
      { name: "TABLE_NAME", value: `payments-${suffix}` },
      { name: "AWS_REGION", value: "us-east-1" },
      { name: "SHUTDOWN_TIMEOUT_SECONDS", value: "115" },
      { name: "PORT", value: String(port) },
      { name: "KEEP_ALIVE_TIMEOUT_SECONDS", value: "75" },
      { name: "SERVICE_MODE", value: "api" },
      { name: "LOG_LEVEL", value: "info" },
      // the modelled workload: 10 ms of CPU and 30 ms downstream per request, the downstream wait drawn
      // from the modelled shape (workloadNonCpuLatencyShape: lognormal with a CV of 100% by default)
      { name: "WORK_MS", value: "10" },
      { name: "DOWNSTREAM_MS", value: "30" },
      { name: "DOWNSTREAM_SHAPE", value: "lognormal" },
      { name: "DOWNSTREAM_CV_PERCENT", value: "100" },
      // where the app appends its audit events (the forwarder's volume)
      { name: "AUDIT_LOG_PATH", value: "/var/audit/events.jsonl" },
    ]);
    expect(container.secrets).toEqual([]);
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
    // Every log group has a fixed name: service, audit, Container Insights' (and WAF's in prod).
    const logGroups = run.engine.ofType("aws:cloudwatch/logGroup:LogGroup").map(updateOptions);
    expect(logGroups).toStrictEqual(Array(logGroupCount).fill({ deleteBeforeReplace: true, ignoreChanges: undefined }));
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
    expect(run.engine.named(`payment-key-${suffix}`).inputs).toMatchObject({
      enableKeyRotation: true,
      deletionWindowInDays: 7,
    });
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
    // (no service-linked roles in the shipped stacks: variants.test.ts orders them before the ALB and the cluster;
    // the archive bucket's settings after the gateway: the access-logs test below)
    expect(run.engine.named(`payment-alb-${suffix}`).options.dependsOn![0]).toBe(`igw-${suffix}`);
    expect(run.engine.ofType("aws:ec2/natGateway:NatGateway").map((n) => n.options.dependsOn)).toEqual(
      run.engine.ofType("aws:ec2/natGateway:NatGateway").map(() => [`igw-${suffix}`]),
    );
  });

  describe("AND the audit trail (issue 12)", () => {
    const bucketName = `payment-audit-archive-123456789012-${suffix}`;
    // What a writer of the archive waits for (AuditArchive.deliveryReady), the bucket policy last.
    const deliveryReady = ["public-access-block", "ownership", "encryption", "policy"].map((k) => `audit-archive-${k}-${suffix}`);

    it("THEN the stack owns one archive bucket: named for the account and suffix, forceDestroy, no Object Lock", () => {
      expect(run.engine.ofType("aws:s3/bucket:Bucket").map((b) => [b.name, b.inputs])).toEqual([
        [`audit-archive-bucket-${suffix}`, { bucket: bucketName, forceDestroy: true, objectLockEnabled: false }],
      ]);
    });

    // CreateLoadBalancer / ModifyLoadBalancerAttributes test-write to the bucket: "Access Denied for bucket" without the policy.
    it("THEN the ALB writes access logs to the archive bucket under alb-access-logs, and waits for the bucket policy (after the internet gateway)", () => {
      const alb = run.engine.named(`payment-alb-${suffix}`);
      expect(alb.inputs.accessLogs).toEqual({ bucket: bucketName, prefix: "alb-access-logs", enabled: true });
      expect(alb.options.dependsOn).toEqual([`igw-${suffix}`, ...deliveryReady]);
    });

    // CreateFlowLogs checks the bucket policy (and writes its own over it when the statements are missing).
    it("THEN exactly one flow log records ALL traffic of the stack's VPC into the archive bucket's vpc-flow-logs folder, Parquet, hourly Hive partitions, 600 s, after the bucket policy", () => {
      expect(run.engine.ofType("aws:ec2/flowLog:FlowLog").map((f) => [f.name, f.inputs, f.options.dependsOn])).toEqual([
        [
          `vpc-flow-log-${suffix}`,
          {
            vpcId: `vpc-${suffix}-id`,
            trafficType: "ALL",
            logDestinationType: "s3",
            logDestination: `arn:aws:s3:::${bucketName}/vpc-flow-logs`,
            destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
            maxAggregationInterval: 600,
          },
          deliveryReady,
        ],
      ]);
      expect(run.engine.ofType("aws:ec2/vpc:Vpc").map((v) => `${v.name}-id`)).toEqual([`vpc-${suffix}-id`]);
    });

    it("THEN the archive keeps every object 30 days in Standard, then Glacier Instant Retrieval, and expires it at 366 days (12 months across a leap day)", () => {
      const lifecycle = run.engine.named(`audit-archive-lifecycle-${suffix}`);
      expect([lifecycle.inputs, lifecycle.options.dependsOn]).toEqual([
        {
          bucket: `audit-archive-bucket-${suffix}-id`,
          rules: [
            {
              id: "audit-trail-retention",
              status: "Enabled",
              filter: { prefix: "" },
              transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
              expiration: { days: 366 },
              abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
          ],
          transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
        },
        // S3 refuses concurrent configuration writes on a new bucket: one after another.
        [`audit-archive-policy-${suffix}`],
      ]);
    });

    it("THEN every subscription filter sends its log group, every event, to a Firehose stream of this stack, with this stack's role", () => {
      // The mock engine's Firehose ARN for each stream the stack registers (lib/commands/mockEngine.ts).
      const streams = run.engine
        .ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")
        .map((f) => `arn:aws:firehose:us-east-1:123456789012:deliverystream/${String(f.inputs.name)}`);
      const groups = run.engine.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name);
      const filters = run.engine.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
      const events = `arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-audit-events-${suffix}`;
      const waf = `arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-waf-logs-${suffix}`;
      expect(filters.map((f) => [f.inputs.logGroup, f.inputs.destinationArn])).toEqual([
        [`/ecs/payment-api-audit-${suffix}`, events],
        [`/ecs/payment-worker-audit-${suffix}`, events],
        ...(label === "prod" ? [[`aws-waf-logs-payment-${suffix}`, waf]] : []),
      ]);
      for (const filter of filters) {
        expect(streams).toContain(filter.inputs.destinationArn);
        expect(groups).toContain(filter.inputs.logGroup);
        expect([filter.inputs.filterPattern, filter.inputs.roleArn]).toEqual([
          "",
          `arn:aws:iam:us-east-1:123456789012:role/payment-audit-subscription-role-${suffix}`,
        ]);
      }
      // The role may put into exactly those streams.
      expect(
        json<{ Statement: { Resource: unknown }[] }>(
          run.engine.named(`audit-subscription-policy-${suffix}`).inputs.policy,
        ).Statement.map((st) => st.Resource),
      ).toEqual([streams]);
    });
  });

  it("THEN the budget and the anomaly subscription wait for the topic policy that lets them publish", () => {
    expect(
      [`payment-monthly-budget-${suffix}`, `payment-cost-anomaly-alerts-${suffix}`].map(
        (n) => run.engine.named(n).options.dependsOn,
      ),
    ).toEqual([[`alarm-topic-policy-${suffix}`], [`alarm-topic-policy-${suffix}`]]);
  });

  // With a schedule the API's target leaves its bounds to the scheduled actions (ignoreChanges, so a refresh
  // cannot undo the off-hours minimum: test/unit/infra/serviceScaling.test.ts). dev's minimum equals its
  // off-hours minimum (1 = 1): no schedule and no such exception; prod's 4 is above its off-hours 3.
  it(`THEN the API has ${schedule ? "its two scheduled actions (minimum 4 above the off-hours 3), and its scalable target alone ignores changes to the bounds they rewrite" : "no scheduled action (minimum 1 = off-hours minimum 1), and both scalable targets keep their bounds under Pulumi's control (no ignoreChanges)"}`, () => {
    expect(
      run.engine
        .ofType("aws:appautoscaling/scheduledAction:ScheduledAction")
        .map((a) => a.name)
        .sort(),
    ).toEqual(schedule ? [`api-business-hours-minimum-${suffix}`, `api-off-hours-minimum-${suffix}`] : []);
    expect(run.engine.named(`api-scalable-target-${suffix}`).options.ignoreChanges).toEqual(
      schedule ? ["minCapacity", "maxCapacity"] : undefined,
    );
    expect(run.engine.named(`worker-scalable-target-${suffix}`).options.ignoreChanges).toBeUndefined();
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
    // New in this layout, so nothing to alias: the worker's alarms, the per-service execution roles and
    // the role policies, Container Insights' performance log group, the services' audit log groups
    // (issue 12: they never had another parent), and the API's step-scaling policy and the alarm that
    // invokes it (step scaling is newer than this layout: no stack ever had them under another parent).
    const newInThisLayout = [
      ...["cpu-high", "memory-high", "running-tasks-low"].map((k) => `payment-worker-${k}-${suffix}`),
      `api-cpu-step-scaling-${suffix}`,
      `payment-api-cpu-step-scale-out-${suffix}`,
      `container-insights-performance-${suffix}`,
      ...["api", "worker"].flatMap((s) => [
        `payment-${s}-execution-role-${suffix}`,
        `${s}-execution-policy-${suffix}`,
        `${s}-task-policy-${suffix}`,
        `/ecs/payment-${s}-audit-${suffix}`,
      ]),
    ].sort();

    // The 33 of the former layout; 31 in dev, which makes no scheduled actions (its minimum is the
    // off-hours minimum), all 33 in prod, whose two scheduled actions keep their alias to Scaling.
    it(`THEN each of the ${movedCount} resources that moved has one alias to the component it was under, so \`pulumi up\` moves it instead of replacing it`, () => {
      const moved = underNewComponents().filter((r) => !newInThisLayout.includes(r.name));
      expect(moved).toHaveLength(movedCount);
      for (const resource of moved)
        expect([resource.name, resource.options.aliasParents]).toEqual([resource.name, [FORMER_PARENT[resource.type]]]);
    });

    it("THEN the resources new in this layout, and everything that stayed under its component, have no alias", () => {
      const unaliased = run.engine.resources.filter((r) => r.options.aliasParents === undefined).map((r) => r.name);
      expect(
        underNewComponents()
          .filter((r) => unaliased.includes(r.name))
          .map((r) => r.name)
          .sort(),
      ).toEqual(newInThisLayout);
      expect(
        run.engine.resources.filter((r) => !underNewComponents().includes(r) && r.options.aliasParents !== undefined),
      ).toEqual([]);
    });
  });
});
