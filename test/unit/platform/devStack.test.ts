/**
 * The dev stack as registered under the mock engine: exact resource counts per type and the
 * properties that make it the cheap, Spot-heavy, still-encrypted environment.
 */
import { DASHBOARDS, KMS_KEYS } from "../../../lib/models/cost/assumptions";
import { serviceList, webService } from "../../../lib/spec";
import { countByType, estimateFromCost, goldenPlan, goldenRun, json, PlatformRun } from "../support/runPlatform";

describe("dev stack (GIVEN the dev defaults)", () => {
  let run: PlatformRun;
  beforeAll(() => {
    // Read from the golden files, which the golden test proves equal a fresh run of Pulumi.dev.yaml.
    run = goldenRun("dev");
  });

  // 116 before the compliance controls, + 8 audit archive (its component, the bucket, public access block,
  // ownership controls, encryption, bucket policy, lifecycle, and the VPC flow log) + 2 audit log groups
  // (one per service running the reference image) + 8 audit delivery (its component, Firehose's role and
  // policy, the subscription role and policy, one stream: audit events, WAF being off in dev, and one
  // subscription filter per audit log group) = 134. No web firewall (wafMode=off), no DNS Firewall.
  // Step scaling (stepScalingSteps auto) adds the API's step policy and the alarm that invokes it (+2);
  // the minimum of 1 equals the off-hours minimum, so the two scheduled actions are not made (-2): 134.
  it("THEN it registers exactly the expected resources per type (134 in all)", () => {
    expect(countByType(run.engine)).toEqual({
      "payment:platform:PaymentPlatform": 1,
      "pulumi:providers:aws": 1,
      "pulumi:providers:aws-native": 1,
      "payment:network:Network": 1,
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/subnet:Subnet": 4,
      "aws:ec2/internetGateway:InternetGateway": 1,
      "aws:ec2/routeTable:RouteTable": 3,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
      "aws:ec2/eip:Eip": 1,
      "aws:ec2/natGateway:NatGateway": 1,
      "aws:ec2/networkAcl:NetworkAcl": 2,
      "aws:ec2/networkAclRule:NetworkAclRule": 12,
      "aws:ec2/networkAclAssociation:NetworkAclAssociation": 4,
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 2,
      "payment:security:Security": 1,
      "aws:ec2/securityGroup:SecurityGroup": 3,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 3,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 3,
      "aws:kms/key:Key": 1,
      "aws:kms/alias:Alias": 1,
      // 2 task and 2 execution roles, + Firehose's and the subscription filters' (audit delivery)
      "aws:iam/role:Role": 4 + 2,
      "aws:iam/rolePolicy:RolePolicy": 4 + 2,
      "payment:auditArchive:AuditArchive": 1,
      "aws:s3/bucket:Bucket": 1,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
      "aws:s3/bucketPolicy:BucketPolicy": 1,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 1,
      "aws:ec2/flowLog:FlowLog": 1,
      "payment:loadBalancer:LoadBalancer": 1,
      "aws:lb/loadBalancer:LoadBalancer": 1,
      "aws:lb/targetGroup:TargetGroup": 1,
      "aws:lb/listener:Listener": 2,
      "tls:index/privateKey:PrivateKey": 1,
      "tls:index/selfSignedCert:SelfSignedCert": 1,
      "aws:acm/certificate:Certificate": 1,
      "payment:observability:Observability": 1,
      // Container Insights' and the two services' groups, + the two services' audit groups
      "aws:cloudwatch/logGroup:LogGroup": 3 + 2,
      "aws:sns/topic:Topic": 1,
      // 10 that page the on-call topic + the step-scaling trigger
      "aws:cloudwatch/metricAlarm:MetricAlarm": 10 + 1,
      "aws:cloudwatch/dashboard:Dashboard": 2,
      "aws:sns/topicPolicy:TopicPolicy": 1,
      "payment:observability:CostGuardrails": 1,
      "aws:budgets/budget:Budget": 1,
      "aws:costexplorer/anomalyMonitor:AnomalyMonitor": 1,
      "aws:costexplorer/anomalySubscription:AnomalySubscription": 1,
      "payment:compute:Cluster": 1,
      "payment:compute:FargateService": 2,
      "payment:data:PaymentsTable": 1,
      "aws:dynamodb/table:Table": 1,
      "payment:compute:ServiceImage": 1,
      "aws:ecr/repository:Repository": 1,
      "aws:ecr/lifecyclePolicy:LifecyclePolicy": 1,
      "docker-build:index:Image": 1,
      "aws:ecs/cluster:Cluster": 1,
      "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": 1,
      "aws:ecs/taskDefinition:TaskDefinition": 2,
      "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": 1,
      "aws:servicediscovery/service:Service": 1,
      "aws-native:ecs:Service": 2,
      "aws:appautoscaling/target:Target": 2,
      // API: CPU, memory and request tracking, predictive, step; worker: CPU tracking
      "aws:appautoscaling/policy:Policy": 6,
      "payment:compliance:AuditDelivery": 1,
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": 1,
      "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": 2,
    });
    expect(run.engine.resources).toHaveLength(116 + 8 + 2 + 8 + 2 - 2);
  });

  it("THEN the cost model counts exactly the dashboards, log groups, services and keys the program creates", () => {
    const counts = countByType(run.engine);
    const created = ["aws:cloudwatch/dashboard:Dashboard", "aws-native:ecs:Service", "aws:kms/key:Key"].map((t) => counts[t]);
    const services = serviceList(run.spec).length;
    expect(created).toEqual([DASHBOARDS, services, KMS_KEYS]);
    // One application log group per service (the logs lines); Container Insights' own group is priced as its logs line.
    const logGroups = run.engine.ofType("aws:cloudwatch/logGroup:LogGroup").map((l) => l.inputs.name as string);
    const audit = logGroups.filter((n) => /^\/ecs\/.*-audit-dev$/.test(n));
    expect(logGroups.filter((n) => n.startsWith("/ecs/") && !audit.includes(n))).toHaveLength(services);
    expect(logGroups.filter((n) => n.startsWith("/aws/ecs/containerinsights/"))).toHaveLength(1);
    expect(services).toBe(2);
    // The compliance section prices one audit log group per service running the reference image (both here).
    const controls = goldenPlan("dev").cost.compliance.controls;
    expect(controls.find((c) => c.id === "auditStream")!.setting).toBe(`audit log groups=${audit.length}`);
    expect(audit).toEqual(["/ecs/payment-api-audit-dev", "/ecs/payment-worker-audit-dev"]);
  });

  it("THEN the compliance controls the cost model prices as on are exactly the ones the program built (WAF and DNS Firewall off)", () => {
    const enabled = goldenPlan("dev")
      .cost.compliance.controls.filter((c) => c.enabled)
      .map((c) => c.id);
    expect(enabled).toEqual(["albAccessLogs", "vpcFlowLogs", "auditStream", "auditEvents"]);
    expect(run.engine.named("payment-alb-dev").inputs.accessLogs).toMatchObject({ enabled: true });
    expect(run.engine.ofType("aws:ec2/flowLog:FlowLog")).toHaveLength(1);
    expect(run.engine.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").map((s) => s.name)).toEqual([
      "payment-audit-events-dev",
    ]);
    expect(run.engine.resources.filter((r) => /^aws:(wafv2|route53)\//.test(r.type))).toEqual([]);
  });

  it("THEN with WAF off there is no WAF resource at all (no firewall component, web ACL, WAF log group, its resource policy, stream or filter), and the key policy names no WAF group", () => {
    expect(run.spec.compliance.waf.mode).toBe("off");
    expect(run.engine.resources.filter((r) => /waf/i.test(`${r.type} ${r.name}`)).map((r) => r.name)).toEqual([]);
    expect(run.engine.ofType("aws:cloudwatch/logResourcePolicy:LogResourcePolicy")).toEqual([]);
    const keyPolicy = json<{ Statement: { Sid: string; Condition?: { ArnEquals: Record<string, string[]> } }[] }>(
      run.engine.named("payment-key-dev").inputs.policy,
    );
    const logs = keyPolicy.Statement.find((st) => st.Sid === "CloudWatchLogsForThisStacksLogGroups")!;
    expect(logs.Condition!.ArnEquals["kms:EncryptionContext:aws:logs:arn"].filter((arn) => arn.includes("waf"))).toEqual([]);
  });

  it("THEN one NAT gateway serves both private route tables", () => {
    const nat = run.engine.ofType("aws:ec2/natGateway:NatGateway");
    expect(nat.map((n) => n.inputs.subnetId)).toEqual(["public-subnet-a-dev-id"]);
    const privateRoutes = ["private-rt-a-dev", "private-rt-b-dev"].map((n) => run.engine.named(n).inputs.routes);
    expect(privateRoutes).toEqual([
      [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-a-dev-id" }],
      [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-a-dev-id" }],
    ]);
  });

  it("THEN there are no interface endpoints and no endpoint security group", () => {
    const endpoints = run.engine.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
    // Sorted: the two register in whichever order their inputs resolve (S3's carries a policy).
    expect(endpoints.map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]).sort()).toEqual([
      ["com.amazonaws.us-east-1.dynamodb", "Gateway"],
      ["com.amazonaws.us-east-1.s3", "Gateway"],
    ]);
    expect(run.engine.resources.some((r) => r.name === "vpc-endpoints-sg-dev")).toBe(false);
  });

  it("THEN the API runs 1 vCPU / 2 GiB ARM64 (the optimizer's pick), 1 of 2 tasks on Spot (weights 1:1, no base), 1 to 23 tasks", () => {
    const task = run.engine.named("payment-api-dev", "aws-native:ecs:Service");
    const taskDefinition = run.engine
      .ofType("aws:ecs/taskDefinition:TaskDefinition")
      .find((t) => t.inputs.family === "payment-api-dev")!;
    expect([taskDefinition.inputs.cpu, taskDefinition.inputs.memory]).toEqual(["1024", "2048"]);
    expect(taskDefinition.inputs.runtimePlatform).toEqual({ operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" });
    expect(task.inputs.capacityProviderStrategy).toEqual([
      { capacityProvider: "FARGATE", base: 0, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 1 },
    ]);
    expect(run.engine.named("api-scalable-target-dev").inputs).toMatchObject({ minCapacity: 1, maxCapacity: 23 });
  });

  it("THEN the HTTPS listener uses a self-signed certificate imported into ACM", () => {
    const acm = run.engine.named("self-signed-acm-cert-dev");
    expect(acm.parent).toBe("load-balancer-dev");
    expect(run.engine.named("self-signed-cert-dev").inputs).toMatchObject({
      validityPeriodHours: 8760,
      allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
      subject: { commonName: "payment-api-dev.internal", organization: "payment-platform" },
    });
    expect(run.engine.named("https-listener-dev").inputs.certificateArn).toBe(
      "arn:aws:acm:us-east-1:123456789012:certificate/self-signed-acm-cert-dev",
    );
  });

  it("THEN the minimum is 1 day and night (apiMinTasks = offHoursMinTasks = 1): no scheduled action, and the scalable target's bounds stay under Pulumi's control", () => {
    expect([webService(run.spec).minTasks, webService(run.spec).offHoursMinTasks, webService(run.spec).scheduledScaling]).toEqual(
      [1, 1, true],
    );
    expect(run.engine.ofType("aws:appautoscaling/scheduledAction:ScheduledAction")).toEqual([]);
    expect(run.engine.named("api-scalable-target-dev").options.ignoreChanges).toBeUndefined();
  });

  it("THEN spikes are met by the auto step policy: from 45% CPU (the 35% target + 10) add 200% of the desired count, on one 20-second datapoint, at most once per derived 85-s cooldown, the alarm invoking only the policy", () => {
    const policy = run.engine.named("api-cpu-step-scaling-dev");
    expect([policy.inputs.policyType, policy.inputs.stepScalingPolicyConfiguration]).toEqual([
      "StepScaling",
      {
        adjustmentType: "PercentChangeInCapacity",
        // 29 s launch (150 MB image) + 10 s health check + 20 s datapoint + 26 s alarm lag.
        cooldown: 85,
        metricAggregationType: "Average",
        minAdjustmentMagnitude: 1,
        stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 200 }],
      },
    ]);
    const alarm = run.engine.named("payment-api-cpu-step-scale-out-dev").inputs;
    expect([alarm.threshold, alarm.period, alarm.evaluationPeriods, alarm.datapointsToAlarm, alarm.alarmActions]).toEqual([
      45,
      20,
      1,
      1,
      ["arn:aws:appautoscaling:us-east-1:123456789012:policy/api-cpu-step-scaling-dev"],
    ]);
  });

  it("THEN log groups keep 7 days in the Standard class, and no email subscription exists without alarmEmail", () => {
    expect(
      run.engine
        .ofType("aws:cloudwatch/logGroup:LogGroup")
        .map((l) => [l.inputs.name, l.inputs.retentionInDays, l.inputs.logGroupClass])
        // By name: the groups register in whichever order their inputs resolve.
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ["/aws/ecs/containerinsights/ecs-cluster-dev/performance", 1, "STANDARD"],
      ["/ecs/payment-api-audit-dev", 7, "STANDARD"],
      ["/ecs/payment-api-dev", 7, "STANDARD"],
      ["/ecs/payment-worker-audit-dev", 7, "STANDARD"],
      ["/ecs/payment-worker-dev", 7, "STANDARD"],
    ]);
    expect(run.engine.ofType("aws:sns/topicSubscription:TopicSubscription")).toHaveLength(0);
  });

  it("THEN the cluster has enhanced Container Insights", () => {
    expect(run.engine.named("ecs-cluster-dev").inputs.settings).toEqual([{ name: "containerInsights", value: "enhanced" }]);
  });

  it("THEN each execution role pulls from the stack's repository and writes its own logs and its audit forwarder's, with no secret access when no secrets are configured", () => {
    for (const id of ["api", "worker"]) {
      const policy = json<{ Statement: { Sid: string; Resource: unknown }[] }>(
        run.engine.named(`${id}-execution-policy-dev`).inputs.policy,
      );
      expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
        ["EcrAuthToken", "*"],
        ["EcrPullServiceImage", ["arn:aws:ecr:us-east-1:123456789012:repository/payment-service-dev"]],
        [
          "WriteServiceLogs",
          [
            `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payment-${id}-dev:log-stream:*`,
            `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payment-${id}-audit-dev:log-stream:*`,
          ],
        ],
      ]);
    }
  });

  it("THEN the stack outputs name the dev resources", () => {
    expect(run.outputs).toEqual({
      clusterName: "ecs-cluster-dev",
      clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/ecs-cluster-dev",
      albDnsName: "payment-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
      albUrl: "https://payment-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
      apiServiceName: "payment-api-dev",
      workerServiceName: "payment-worker-dev",
      serviceDiscoveryName: "payment-api-dev.payment-dev.internal",
      paymentsTableName: "payments-dev",
      vpcId: "vpc-dev-id",
      publicSubnetIds: ["public-subnet-a-dev-id", "public-subnet-b-dev-id"],
      privateSubnetIds: ["private-subnet-a-dev-id", "private-subnet-b-dev-id"],
      logGroupNames: ["/ecs/payment-api-dev", "/ecs/payment-worker-dev"],
      alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-dev",
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/payment-key-dev",
      dashboardUrls: {
        performance:
          "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/payment-performance-dev",
        cost: "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/payment-cost-dev",
      },
      costEstimate: estimateFromCost(goldenPlan("dev").cost),
    });
  });
});
