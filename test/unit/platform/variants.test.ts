/**
 * Settings the shipped stacks leave at their defaults, each changing the program's output.
 */
import { webService } from "../../../lib/spec";
import { goldenRun, json, PlatformRun, runPlatform } from "../support/runPlatform";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2";
const WORKER_IMAGE = "public.ecr.aws/acme/settlement:2.0.1";

describe("GIVEN service-linked roles, forecast-and-scale, 60-second metrics, secrets, own images (the API's in private ECR, the worker's public) and a fixed budget", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    run = await runPlatform(
      {
        environmentSuffix: "qa",
        createServiceLinkedRoles: "true",
        predictiveScaling: "forecastAndScale",
        highResolutionMetrics: "false",
        apiSecrets: `DB_PASSWORD=${SECRET}`,
        containerImage: IMAGE,
        workerImage: WORKER_IMAGE,
        monthlyBudgetUsd: "900",
        apiInternalCallers: "worker, sg-0123456789abcdef0",
        kmsAdminPrincipalArn: "arn:aws:iam::123456789012:role/payments-key-admin",
      },
      "qa",
    );
  });

  it("THEN the configured key administrator administers the key beside the account root, and neither may use it", () => {
    const policy = json<{ Statement: { Sid: string; Principal?: { AWS?: string }; Action: string[] }[] }>(
      run.engine.named("payment-key-qa").inputs.policy,
    );
    const administrators = policy.Statement.filter((s) => s.Sid.endsWith("Administrator") || s.Sid.endsWith("ThroughIam"));
    expect(administrators.map((s) => [s.Sid, s.Principal?.AWS])).toEqual([
      ["AccountAdministersKeyThroughIam", "arn:aws:iam::123456789012:root"],
      ["ConfiguredKeyAdministrator", "arn:aws:iam::123456789012:role/payments-key-admin"],
    ]);
    expect(administrators.flatMap((s) => s.Action).filter((a) => /Encrypt|Decrypt|GenerateDataKey|CreateGrant/.test(a))).toEqual(
      [],
    );
  });

  // Guards defect 3: the roles race CreateCluster/CreateLoadBalancer unless ordered before them, and
  // destroy must not delete account-wide roles other clusters use.
  it("THEN the ECS, ELB and autoscaling service-linked roles are created before the cluster and the ALB, and kept on destroy", () => {
    const roles = run.engine.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole");
    expect(roles.map((r) => [r.name, r.inputs.awsServiceName, r.options.retainOnDelete])).toEqual([
      ["ecs-service-linked-role-qa", "ecs.amazonaws.com", true],
      ["elb-service-linked-role-qa", "elasticloadbalancing.amazonaws.com", true],
      ["ecs-autoscaling-service-linked-role-qa", "ecs.application-autoscaling.amazonaws.com", true],
    ]);
    const names = roles.map((r) => r.name);
    expect(run.engine.named("ecs-cluster-qa").options.dependsOn).toEqual(["container-insights-performance-qa", ...names]);
    // The ALB also waits for the audit archive's bucket policy and the settings before it (access logs on).
    const archiveReady = ["public-access-block", "ownership", "encryption", "policy"].map((k) => `audit-archive-${k}-qa`);
    expect(run.engine.named("payment-alb-qa").options.dependsOn).toEqual(["igw-qa", ...names, ...archiveReady]);
  });

  it("THEN the predictive policy scales as well as forecasts", () => {
    expect((run.engine.named("api-predictive-qa").inputs.predictiveScalingPolicyConfiguration as { mode: string }).mode).toBe(
      "ForecastAndScale",
    );
  });

  it("THEN services publish 60-second metrics and the policies track them", () => {
    const service = run.engine.named("payment-api-qa", "aws-native:ecs:Service");
    expect(service.inputs.monitoring).toEqual({
      metricConfigurations: [{ metricNames: ["CPUUtilization", "MemoryUtilization"], resolutionSeconds: 60 }],
    });
    const cpu = run.engine.named("api-cpu-tracking-qa").inputs.targetTrackingScalingPolicyConfiguration as {
      predefinedMetricSpecification: { predefinedMetricType: string };
    };
    expect(cpu.predefinedMetricSpecification.predefinedMetricType).toBe("ECSServiceAverageCPUUtilization");
  });

  it("THEN the secret reaches the container by ARN and the API's own execution role may read exactly it and pull from the image's repository", () => {
    const definition = run.engine
      .ofType("aws:ecs/taskDefinition:TaskDefinition")
      .find((t) => t.inputs.family === "payment-api-qa")!;
    const [container] = json<Record<string, unknown>[]>(definition.inputs.containerDefinitions);
    expect([container.image, container.command, container.secrets]).toEqual([
      IMAGE,
      undefined,
      [{ name: "DB_PASSWORD", valueFrom: SECRET }],
    ]);
    const policy = json<{ Statement: { Sid: string; Resource: unknown }[] }>(
      run.engine.named("api-execution-policy-qa").inputs.policy,
    );
    expect(policy.Statement.at(-1)).toEqual({
      Sid: "ReadConfiguredSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [SECRET],
    });
    expect(policy.Statement.find((s) => s.Sid === "EcrPullServiceImage")!.Resource).toEqual([
      "arn:aws:ecr:us-east-1:123456789012:repository/payment-api",
    ]);
  });

  it("THEN the worker and the named group may reach the API's container port directly (Cloud Map)", () => {
    const rule = (type: string) =>
      run.engine
        .ofType(type)
        .filter((r) => /worker-to-api|api-from-(worker|sg-)/.test(r.name))
        .map((r) => [r.name, r.inputs.securityGroupId, r.inputs.fromPort, r.inputs.referencedSecurityGroupId])
        // Registration order follows output resolution; compare by name.
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(rule("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([
      ["api-from-sg-0123456789abcdef0-qa", "payment-api-sg-qa-id", 8080, "sg-0123456789abcdef0"],
      ["api-from-worker-qa", "payment-api-sg-qa-id", 8080, "payment-worker-sg-qa-id"],
    ]);
    expect(rule("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([
      ["worker-to-api-qa", "payment-worker-sg-qa-id", 8080, "payment-api-sg-qa-id"],
    ]);
    const privateIn = run.engine
      .ofType("aws:ec2/networkAclRule:NetworkAclRule")
      .filter((r) => r.name.startsWith("private-nacl-in-") && r.inputs.fromPort === 8080)
      .map((r) => r.inputs.cidrBlock);
    expect(privateIn).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19"]);
  });

  it("THEN the configured budget is used as is", () => {
    expect(run.engine.named("payment-monthly-budget-qa").inputs.limitAmount).toBe("900");
  });

  it("THEN the stack builds nothing: no repository, no lifecycle policy, no docker-build image", () => {
    expect(
      run.engine.resources.filter(
        (r) => r.type.startsWith("aws:ecr/") || r.type.startsWith("docker-build:") || r.type === "payment:compute:ServiceImage",
      ),
    ).toEqual([]);
  });

  it("THEN the API's execution role may pull from its image's repository only, and the worker's (public image) from none", () => {
    const sids = (id: string) =>
      json<{ Statement: { Sid: string; Resource: unknown }[] }>(
        run.engine.named(`${id}-execution-policy-qa`).inputs.policy,
      ).Statement.map((s) => [s.Sid, s.Resource]);
    expect(sids("api")).toEqual([
      ["EcrAuthToken", "*"],
      ["EcrPullServiceImage", ["arn:aws:ecr:us-east-1:123456789012:repository/payment-api"]],
      ["WriteServiceLogs", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payment-api-qa:log-stream:*"],
      ["ReadConfiguredSecrets", [SECRET]],
    ]);
    expect(sids("worker")).toEqual([
      ["WriteServiceLogs", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payment-worker-qa:log-stream:*"],
    ]);
  });

  it("THEN the containers run the configured images with their shell health checks, and the task roles keep their table actions", () => {
    const container = (family: string) =>
      json<Record<string, unknown>[]>(
        run.engine.named(family, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
      )[0];
    expect([
      container("payment-api-qa").image,
      (container("payment-api-qa").healthCheck as { command: string[] }).command,
    ]).toEqual([IMAGE, ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1"]]);
    expect(container("payment-worker-qa").image).toBe("public.ecr.aws/acme/settlement:2.0.1");
    expect(run.engine.ofType("aws:iam/rolePolicy:RolePolicy")).toHaveLength(4);
  });

  it("THEN with no service on the reference image and WAF off (dev's default) there is no audit stream to ship: no audit group, no forwarder, and the audit delivery creates no stream, role or filter", () => {
    const definitions = run.engine.ofType("aws:ecs/taskDefinition:TaskDefinition");
    expect(definitions.map((t) => json<{ name: string }[]>(t.inputs.containerDefinitions).map((c) => c.name))).toEqual([
      ["payment-api"],
      ["payment-worker"],
    ]);
    expect(definitions.map((t) => t.inputs.volumes)).toEqual([undefined, undefined]);
    expect(run.engine.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name)).not.toContainEqual(
      expect.stringContaining("-audit-"),
    );
    expect(run.engine.resources.filter((r) => r.parent === "audit-delivery-qa")).toEqual([]);
    // The archive still takes the ALB's access logs and the flow log (both on by default).
    expect(run.engine.ofType("aws:ec2/flowLog:FlowLog")).toHaveLength(1);
  });
});

describe("GIVEN the staging defaults (minimum 1 = off-hours minimum 1)", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    // Read from the golden files, which the golden test proves equal a fresh run of the staging config.
    run = goldenRun("staging");
  });

  it("THEN scheduled scaling is on but makes no scheduled action: lowering the minimum of 1 to the off-hours 1 would change nothing", () => {
    expect([webService(run.spec).scheduledScaling, webService(run.spec).minTasks, webService(run.spec).offHoursMinTasks]).toEqual(
      [true, 1, 1],
    );
    expect(run.engine.ofType("aws:appautoscaling/scheduledAction:ScheduledAction")).toEqual([]);
    // Staging shares dev's bounds: 1 to 23 tasks.
    expect(run.engine.named("api-scalable-target-staging").inputs).toMatchObject({ minCapacity: 1, maxCapacity: 23 });
  });

  it("THEN the running-tasks alarm watches the off-hours floor of 1", () => {
    expect(run.engine.named("payment-api-running-tasks-low-staging").inputs.threshold).toBe(1);
  });

  it("THEN staging has prod's WAF: block mode, its Standard-class log group with staging's retention, shipped to the archive", () => {
    // dev's 134 (devStack.test.ts), + 6 web firewall (its component, web ACL, association, WAF log group,
    // resource policy, logging configuration) + 2 audit delivery for the WAF (its stream and its filter) = 142.
    expect(run.engine.resources).toHaveLength(134 + 6 + 2);
    expect(run.spec.compliance.waf.mode).toBe("block");
    expect(run.engine.named("aws-waf-logs-payment-staging").inputs).toEqual({
      name: "aws-waf-logs-payment-staging",
      // logRetentionDays: staging's default is 14, as prod's (lib/config/platformKeys.ts)
      retentionInDays: 14,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/payment-key-staging",
      logGroupClass: "STANDARD",
    });
    expect(run.engine.named("aws-waf-logs-payment-to-archive-staging").inputs).toMatchObject({
      logGroup: "aws-waf-logs-payment-staging",
      destinationArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/payment-waf-logs-staging",
    });
  });
});

describe("GIVEN predictive and scheduled scaling off (and a minimum of 2 over the off-hours 1)", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    // apiMinTasks 2 is pinned: at dev's default minimum of 1 (= the off-hours 1) there would be no schedule
    // with scheduledScaling on either, and the setting would have nothing to remove.
    run = await runPlatform(
      { environmentSuffix: "lean", predictiveScaling: "off", scheduledScaling: "false", apiMinTasks: "2", apiDesiredTasks: "2" },
      "lean",
    );
  });

  it("THEN without a schedule the API's scalable target keeps its bounds under Pulumi's control", () => {
    expect(run.engine.named("api-scalable-target-lean").options.ignoreChanges).toBeUndefined();
  });

  it("THEN only the four target-tracking policies and the API's step policy (stepScalingSteps auto) exist: no predictive policy, no scheduled actions", () => {
    expect(
      run.engine
        .ofType("aws:appautoscaling/policy:Policy")
        .map((p) => [p.name, p.inputs.policyType])
        // By name: they register in whichever order their inputs resolve.
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ["api-cpu-step-scaling-lean", "StepScaling"],
      ["api-cpu-tracking-lean", "TargetTrackingScaling"],
      ["api-memory-tracking-lean", "TargetTrackingScaling"],
      ["api-requests-tracking-lean", "TargetTrackingScaling"],
      ["worker-cpu-tracking-lean", "TargetTrackingScaling"],
    ]);
    expect(run.engine.ofType("aws:appautoscaling/scheduledAction:ScheduledAction")).toHaveLength(0);
  });
});
