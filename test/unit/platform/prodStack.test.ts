/**
 * The prod stack: three AZs with a NAT gateway each, no interface endpoints (the cost model finds
 * NAT-only cheaper at this traffic), the configured certificate, a minimum of three on-demand tasks
 * (the capacity provider base) day and night, one in four further tasks on-demand and the rest on
 * Spot, and spikes met by the auto step-scaling policy rather than a business-hours minimum.
 */
import { webService } from "../../../lib/spec";
import {
  countByType,
  estimateFromCost,
  goldenPlan,
  goldenRun,
  json,
  PlatformRun,
  PROD_CONFIG,
  runPlatform,
} from "../support/runPlatform";

/** The log groups by name (they register in whichever order their inputs resolve). */
const logGroups = (run: PlatformRun) =>
  run.engine
    .ofType("aws:cloudwatch/logGroup:LogGroup")
    .map((l) => [String(l.inputs.name), l] as const)
    .sort(([a], [b]) => a.localeCompare(b));

describe("prod stack (GIVEN the prod defaults with a certificate and an alarm email)", () => {
  let run: PlatformRun;
  beforeAll(() => {
    // Read from the golden files, which the golden test proves equal a fresh run of Pulumi.prod.yaml.
    run = goldenRun("prod");
  });

  // 127 before the compliance controls, + 8 audit archive (its component, the bucket, public access block,
  // ownership controls, encryption, bucket policy, lifecycle, and the VPC flow log) + 2 audit log groups
  // (one per service running the reference image) + 6 web firewall (its component, the web ACL, its
  // association with the ALB, the WAF log group, its CloudWatch Logs resource policy, the logging
  // configuration) + 10 audit delivery (its component, Firehose's role and policy, the subscription role and
  // policy, two streams: audit events and WAF logs, and three subscription filters: two audit groups and
  // the WAF group) = 153. No DNS Firewall (dnsFirewall=false).
  // Step scaling (stepScalingSteps auto) adds the API's step policy and the alarm that invokes it (+2);
  // the minimum of 5 is above the off-hours minimum of 3, so the two scheduled actions of the 127 are
  // made: 155.
  it("THEN it registers exactly the expected resources per type (155 in all)", () => {
    expect(countByType(run.engine)).toEqual({
      "payment:platform:PaymentPlatform": 1,
      "pulumi:providers:aws": 1,
      "pulumi:providers:aws-native": 1,
      "payment:network:Network": 1,
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/subnet:Subnet": 6,
      "aws:ec2/internetGateway:InternetGateway": 1,
      "aws:ec2/routeTable:RouteTable": 4,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 6,
      "aws:ec2/eip:Eip": 3,
      "aws:ec2/natGateway:NatGateway": 3,
      "aws:ec2/networkAcl:NetworkAcl": 2,
      "aws:ec2/networkAclRule:NetworkAclRule": 14,
      "aws:ec2/networkAclAssociation:NetworkAclAssociation": 6,
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 2,
      "aws:ec2/securityGroup:SecurityGroup": 3,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 3,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 3,
      "payment:security:Security": 1,
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
      "payment:security:WebFirewall": 1,
      "aws:wafv2/webAcl:WebAcl": 1,
      "aws:wafv2/webAclAssociation:WebAclAssociation": 1,
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": 1,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": 1,
      "payment:observability:Observability": 1,
      // Container Insights' and the two services' groups, + the two services' audit groups, + the WAF's
      "aws:cloudwatch/logGroup:LogGroup": 3 + 2 + 1,
      "aws:sns/topic:Topic": 1,
      "aws:sns/topicSubscription:TopicSubscription": 1,
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
      // The API's business-hours and off-hours minimums (5 and 3)
      "aws:appautoscaling/scheduledAction:ScheduledAction": 2,
      "payment:compliance:AuditDelivery": 1,
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": 2,
      "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": 3,
    });
    expect(run.engine.resources).toHaveLength(127 + 8 + 2 + 6 + 10 + 2);
  });

  it("THEN each private subnet routes to the NAT gateway in its own AZ", () => {
    const nat = run.engine.ofType("aws:ec2/natGateway:NatGateway").map((n) => [n.name, n.inputs.subnetId]);
    expect(nat).toEqual([
      ["nat-a-prod", "public-subnet-a-prod-id"],
      ["nat-b-prod", "public-subnet-b-prod-id"],
      ["nat-c-prod", "public-subnet-c-prod-id"],
    ]);
    const routes = ["a", "b", "c"].map((az) => run.engine.named(`private-rt-${az}-prod`).inputs.routes);
    expect(routes).toEqual(["a", "b", "c"].map((az) => [{ cidrBlock: "0.0.0.0/0", natGatewayId: `nat-${az}-prod-id` }]));
  });

  it("THEN subnets span us-east-1a/b/c with the planned CIDRs", () => {
    const subnets = run.engine
      .ofType("aws:ec2/subnet:Subnet")
      .map((s) => [s.name, s.inputs.cidrBlock, s.inputs.availabilityZone, s.inputs.mapPublicIpOnLaunch]);
    expect(subnets).toEqual([
      ["public-subnet-a-prod", "10.0.0.0/19", "us-east-1a", false],
      ["public-subnet-b-prod", "10.0.32.0/19", "us-east-1b", false],
      ["public-subnet-c-prod", "10.0.64.0/19", "us-east-1c", false],
      ["private-subnet-a-prod", "10.0.96.0/19", "us-east-1a", false],
      ["private-subnet-b-prod", "10.0.128.0/19", "us-east-1b", false],
      ["private-subnet-c-prod", "10.0.160.0/19", "us-east-1c", false],
    ]);
  });

  it("THEN the API keeps its first five tasks on-demand (base 5), puts one in two further tasks on-demand and one on Spot (weights 1:1), and starts at its minimum of 5", () => {
    const service = run.engine.named("payment-api-prod", "aws-native:ecs:Service");
    expect(service.inputs.capacityProviderStrategy).toEqual([
      { capacityProvider: "FARGATE", base: 5, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 1 },
    ]);
    expect(service.inputs.desiredCount).toBe(5);
  });

  it("THEN the HTTPS listener uses the configured certificate and no certificate is generated", () => {
    // The shipped file's all-zero placeholder: the plan warns and `pulumi up` refuses it (placeholders.test.ts).
    expect(run.engine.named("https-listener-prod").inputs.certificateArn).toBe(run.spec.loadBalancer.certificateArn);
    expect(run.spec.loadBalancer.certificateArn).toBe(
      "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
    );
    expect(run.engine.resources.filter((r) => r.type.startsWith("tls:") || r.type.startsWith("aws:acm"))).toHaveLength(0);
  });

  it("THEN alarms also go to the on-call email, logs keep 14 days, and the minimum is 5 in business hours and 3 off hours: two scheduled actions, and the scalable target leaves its bounds to them", () => {
    expect(run.engine.ofType("aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs)).toEqual([
      {
        topic: "arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod",
        protocol: "email",
        endpoint: "payments-oncall@example.com",
      },
    ]);
    // Container Insights' one day; every other group (service, audit, WAF) logRetentionDays.
    expect(logGroups(run).map(([name, l]) => [name, l.inputs.retentionInDays])).toEqual([
      ["/aws/ecs/containerinsights/ecs-cluster-prod/performance", 1],
      ["/ecs/payment-api-audit-prod", 14],
      ["/ecs/payment-api-prod", 14],
      ["/ecs/payment-worker-audit-prod", 14],
      ["/ecs/payment-worker-prod", 14],
      ["aws-waf-logs-payment-prod", 14],
    ]);
    expect([webService(run.spec).minTasks, webService(run.spec).offHoursMinTasks]).toEqual([5, 3]);
    // Business hours 9-18 with 2-hour ramps: the minimum rises at 07:00 and drops at 20:00 on weekdays.
    expect(
      run.engine
        .ofType("aws:appautoscaling/scheduledAction:ScheduledAction")
        .map((a) => [a.name, a.inputs.schedule, a.inputs.scalableTargetAction])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ["api-business-hours-minimum-prod", "cron(0 7 ? * MON-FRI *)", { minCapacity: 5, maxCapacity: 43 }],
      ["api-off-hours-minimum-prod", "cron(0 20 ? * MON-FRI *)", { minCapacity: 3, maxCapacity: 43 }],
    ]);
    const target = run.engine.named("api-scalable-target-prod");
    expect([target.inputs.minCapacity, target.inputs.maxCapacity, target.options.ignoreChanges]).toEqual([
      5,
      43,
      ["minCapacity", "maxCapacity"],
    ]);
  });

  it("THEN spikes are met by the auto step policy: its alarm fires at 45% CPU (the 35% target + 10) and adds 200% of the desired count, at most once per derived 85-s cooldown", () => {
    expect(run.engine.named("api-cpu-step-scaling-prod").inputs.stepScalingPolicyConfiguration).toMatchObject({
      adjustmentType: "PercentChangeInCapacity",
      // 29 s launch (150 MB image) + 10 s health check + 20 s datapoint + 26 s alarm lag.
      cooldown: 85,
      stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 200 }],
    });
    expect(run.engine.named("payment-api-cpu-step-scale-out-prod").inputs).toMatchObject({
      threshold: 45,
      evaluationPeriods: 1,
      alarmActions: ["arn:aws:appautoscaling:us-east-1:123456789012:policy/api-cpu-step-scaling-prod"],
    });
  });

  it("THEN the running-tasks alarm fires below the 3-task off-hours minimum (the least the schedule guarantees at any hour)", () => {
    expect(run.engine.named("payment-api-running-tasks-low-prod").inputs).toMatchObject({
      comparisonOperator: "LessThanThreshold",
      threshold: 3,
      treatMissingData: "breaching",
    });
  });

  it("THEN interfaceEndpoints=auto leaves the endpoints out: at this traffic NAT is cheaper (the cost model's choice)", () => {
    expect(run.spec.network).toMatchObject({ interfaceEndpointsSetting: "auto", interfaceEndpoints: false });
    expect(run.engine.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => e.inputs.vpcEndpointType)).toEqual([
      "Gateway",
      "Gateway",
    ]);
  });

  it("THEN the alarm topic is encrypted with the stack key, and AWS alert services may publish to it", () => {
    const topicArn = "arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod";
    expect(run.engine.named("payment-alarms-prod").inputs.kmsMasterKeyId).toBe(
      "arn:aws:kms:us-east-1:123456789012:key/payment-key-prod",
    );
    const keyPolicy = json<{ Statement: { Sid: string }[] }>(run.engine.named("payment-key-prod").inputs.policy);
    expect(keyPolicy.Statement.map((s) => s.Sid)).toEqual([
      "AccountAdministersKeyThroughIam",
      "CloudWatchLogsForThisStacksLogGroups",
      "ThisAccountThroughDynamoDb",
      "AlarmTopicPublishers",
    ]);
    const topicPolicy = json<{ Statement: { Sid: string; Principal: unknown; Resource: string }[] }>(
      run.engine.named("alarm-topic-policy-prod").inputs.policy,
    );
    expect(topicPolicy.Statement.map((s) => [s.Sid, s.Principal, s.Resource])).toEqual([
      ["AccountManagesTopic", { AWS: "arn:aws:iam::123456789012:root" }, topicArn],
      [
        "AwsServicesPublishAlerts",
        { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"] },
        topicArn,
      ],
    ]);
  });

  it("THEN the service logs use the Infrequent Access class and Container Insights is standard (prod's savings levers); the audit and WAF groups are standard, for their subscription filters", () => {
    expect(logGroups(run).map(([name, l]) => [name, l.inputs.logGroupClass])).toEqual([
      // Container Insights' performance events need the Standard class (metrics are extracted from them)
      ["/aws/ecs/containerinsights/ecs-cluster-prod/performance", "STANDARD"],
      // Shipped to the archive by a subscription filter, which Infrequent Access groups took none of at launch
      ["/ecs/payment-api-audit-prod", "STANDARD"],
      ["/ecs/payment-api-prod", "INFREQUENT_ACCESS"],
      ["/ecs/payment-worker-audit-prod", "STANDARD"],
      ["/ecs/payment-worker-prod", "INFREQUENT_ACCESS"],
      ["aws-waf-logs-payment-prod", "STANDARD"],
    ]);
    expect(run.engine.named("ecs-cluster-prod").inputs.settings).toEqual([{ name: "containerInsights", value: "enabled" }]);
  });

  it("THEN the budget is the estimate plus 25% and alerts at 80% and 100% actual and 100% forecast", () => {
    const budget = run.engine.named("payment-monthly-budget-prod");
    // The golden prod estimate x 1.25, rounded up to the next 50 USD.
    const estimate = goldenPlan("prod").cost.optimized.monthlyUsd;
    // 400.59 x 1.25 = 500.74 -> 550.
    expect(Math.ceil((estimate * 1.25) / 50) * 50).toBe(550);
    expect(budget.inputs).toMatchObject({
      budgetType: "COST",
      limitAmount: "550",
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilters: [{ name: "TagKeyValue", values: ["user:EnvironmentSuffix$prod"] }],
    });
    const notifications = budget.inputs.notifications as Record<string, unknown>[];
    expect(notifications.map((n) => [n.notificationType, n.threshold, n.subscriberSnsTopicArns])).toEqual([
      ["ACTUAL", 80, ["arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod"]],
      ["ACTUAL", 100, ["arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod"]],
      ["FORECASTED", 100, ["arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod"]],
    ]);
  });

  it("THEN a cost anomaly monitor watches the stack's tag and alerts the topic immediately from 10 USD of impact", () => {
    expect(json(run.engine.named("payment-cost-anomaly-prod").inputs.monitorSpecification)).toEqual({
      Tags: { Key: "EnvironmentSuffix", Values: ["prod"], MatchOptions: ["EQUALS"] },
    });
    expect(run.engine.named("payment-cost-anomaly-alerts-prod").inputs).toMatchObject({
      frequency: "IMMEDIATE",
      monitorArnLists: ["arn:aws:costexplorer:us-east-1:123456789012:anomalymonitor/payment-cost-anomaly-prod"],
      subscribers: [{ type: "SNS", address: "arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod" }],
      thresholdExpression: {
        dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: ["10"] },
      },
    });
  });

  it("THEN the cost dashboard prices running tasks with the catalog and draws the model's estimate", () => {
    type Body = {
      widgets: {
        properties: { title: string; metrics: unknown[][]; annotations?: { horizontal: { label: string; value: number }[] } };
      }[];
    };
    const body = json<Body>(run.engine.named("payment-cost-prod", "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.map((w) => w.properties.title)).toEqual([
      "Estimated compute spend (USD/hour): running tasks x catalog prices, split by the configured strategy",
      "Spot share of Fargate vCPU (account, %)",
      "NAT gateway GB processed per hour (USD 0.045/GB)",
      "Log bytes ingested per hour (USD 0.25/GB)",
      "ALB LCUs (USD 0.008/LCU-hour)",
    ]);
    // 0.5 vCPU x 0.03238 + 1 GB x 0.00356 = 0.01975 USD per on-demand task-hour; base 5, then one in two
    // on-demand (weights 1:1, 0.5); Spot at 65% off: 0.0069125. Each service: its running tasks, then its
    // on-demand and Spot spend.
    const onDemand = "(MIN([s_api, s_api * 0 + 5]) + (s_api - MIN([s_api, s_api * 0 + 5])) * 0.5)";
    expect(body.widgets[0].properties.metrics.slice(1, 3)).toEqual([
      [{ id: "s_api_od", expression: `${onDemand} * 0.01975`, label: "API on FARGATE" }],
      [{ id: "s_api_spot", expression: `(s_api - ${onDemand}) * 0.0069125`, label: "API on FARGATE_SPOT" }],
    ]);
    expect(body.widgets[0].properties.metrics.slice(-1)).toEqual([
      [{ id: "total", expression: "s_api_od + s_api_spot + s_worker_od + s_worker_spot", label: "total compute" }],
    ]);
    expect(body.widgets[0].properties.annotations!.horizontal[0].label).toBe("cost model average");
    // Three NAT gateways, two byte metrics each, plus the GB expression.
    expect(body.widgets[2].properties.metrics).toHaveLength(7);
  });

  it("THEN the stack outputs carry the cost estimate and both dashboards, and nothing is warned", () => {
    // The program warns only when the savings target is missed (prodStack's interfaceEndpoints=on run below shows the warning).
    expect(goldenPlan("prod").cost).toMatchObject({ meetsTarget: true });
    expect(run.outputs.costEstimate).toEqual(estimateFromCost(goldenPlan("prod").cost));
    expect(Object.keys(run.outputs.dashboardUrls as object)).toEqual(["performance", "cost"]);
  });
});

describe("prod stack's web application firewall (GIVEN wafMode=block, prod's default)", () => {
  let run: PlatformRun;
  beforeAll(() => {
    run = goldenRun("prod");
  });

  it("THEN the web ACL is associated with the ALB: the association's resourceArn is the ALB's ARN (the one its listeners name)", () => {
    const albArn = "arn:aws:lb:us-east-1:123456789012:loadbalancer/payment-alb-prod";
    expect(run.engine.named("https-listener-prod").inputs.loadBalancerArn).toBe(albArn);
    expect(run.engine.ofType("aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => [a.name, a.inputs])).toEqual([
      [
        "payment-waf-association-prod",
        { resourceArn: albArn, webAclArn: "arn:aws:wafv2:us-east-1:123456789012:webacl/payment-waf-prod" },
      ],
    ]);
    expect(run.engine.named("payment-waf-prod").inputs).toMatchObject({ name: "payment-waf-prod", scope: "REGIONAL" });
  });

  it("THEN WAF logs the web ACL to its aws-waf-logs- group with the authorization header redacted, after the resource policy that scopes delivery to that group", () => {
    const logging = run.engine.named("payment-waf-logging-prod");
    expect([logging.inputs.resourceArn, logging.inputs.logDestinationConfigs, logging.inputs.redactedFields]).toEqual([
      "arn:aws:wafv2:us-east-1:123456789012:webacl/payment-waf-prod",
      ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-payment-prod"],
      [{ singleHeader: { name: "authorization" } }],
    ]);
    expect(logging.options.dependsOn).toEqual(["payment-waf-log-delivery-prod"]);
  });
});

describe("prod stack with auditArchiveBucketName (GIVEN a log-archive account's bucket)", () => {
  const EXTERNAL = "acme-log-archive-us-east-1";
  let run: PlatformRun;
  beforeAll(async () => {
    run = await runPlatform({ ...PROD_CONFIG, auditArchiveBucketName: EXTERNAL }, "prod");
  });

  it("THEN the stack creates no bucket and none of its settings: exactly prod's resources less the 6 S3 ones (155 - 6)", () => {
    expect(run.engine.resources.filter((r) => r.type.startsWith("aws:s3/"))).toEqual([]);
    const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
    const external = new Set(run.engine.resources.map(key));
    const removed = goldenRun("prod").engine.resources.filter((r) => !external.has(key(r)));
    expect(removed.map((r) => r.type).sort()).toEqual([
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ]);
    expect(run.engine.resources).toHaveLength(155 - 6);
  });

  it("THEN the ALB, the flow log and both Firehose streams write to arn:aws:s3:::<that bucket>, with nothing of the stack's to wait for", () => {
    const alb = run.engine.named("payment-alb-prod");
    expect([alb.inputs.accessLogs, alb.options.dependsOn]).toEqual([
      { bucket: EXTERNAL, prefix: "alb-access-logs", enabled: true },
      ["igw-prod"],
    ]);
    const flowLog = run.engine.named("vpc-flow-log-prod");
    expect([flowLog.inputs.logDestination, flowLog.inputs.trafficType, flowLog.options.dependsOn]).toEqual([
      `arn:aws:s3:::${EXTERNAL}/vpc-flow-logs`,
      "ALL",
      undefined,
    ]);
    const streams = run.engine.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
    expect(
      streams.map((f) => [f.name, (f.inputs.extendedS3Configuration as { bucketArn: string }).bucketArn, f.options.dependsOn]),
    ).toEqual([
      ["payment-audit-events-prod", `arn:aws:s3:::${EXTERNAL}`, ["audit-firehose-policy-prod"]],
      ["payment-waf-logs-prod", `arn:aws:s3:::${EXTERNAL}`, ["audit-firehose-policy-prod"]],
    ]);
    const firehose = json<{ Statement: { Resource: unknown }[] }>(run.engine.named("audit-firehose-policy-prod").inputs.policy);
    expect(firehose.Statement.map((st) => st.Resource)).toEqual([
      `arn:aws:s3:::${EXTERNAL}`,
      [`arn:aws:s3:::${EXTERNAL}/audit-events/*`, `arn:aws:s3:::${EXTERNAL}/waf-logs/*`],
    ]);
  });
});

describe("prod stack with dnsFirewall=true (GIVEN one partner domain)", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    run = await runPlatform(
      { ...PROD_CONFIG, dnsFirewall: "true", dnsFirewallAllowedDomains: "api.cardnetwork.example.com" },
      "prod",
    );
  });

  it("THEN exactly the DNS Firewall's resources appear: its component, two domain lists, the rule group, two rules, the VPC association and the VPC's firewall config (155 + 8)", () => {
    const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
    const golden = new Set(goldenRun("prod").engine.resources.map(key));
    // By name: they register in whichever order their inputs resolve.
    const added = run.engine.resources
      .filter((r) => !golden.has(key(r)))
      .map((r) => [r.name, r.type, r.parent])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(added).toEqual([
      [
        "dns-firewall-association-prod",
        "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation",
        "dns-firewall-prod",
      ],
      ["dns-firewall-config-prod", "aws:route53/resolverFirewallConfig:ResolverFirewallConfig", "dns-firewall-prod"],
      ["dns-firewall-prod", "payment:security:DnsFirewall", "payment-platform-prod"],
      ["payment-dns-all-domains-prod", "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList", "dns-firewall-prod"],
      ["payment-dns-allow-listed-prod", "aws:route53/resolverFirewallRule:ResolverFirewallRule", "dns-firewall-prod"],
      ["payment-dns-allowed-prod", "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList", "dns-firewall-prod"],
      ["payment-dns-block-others-prod", "aws:route53/resolverFirewallRule:ResolverFirewallRule", "dns-firewall-prod"],
      ["payment-dns-firewall-prod", "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup", "dns-firewall-prod"],
    ]);
    expect(run.engine.resources).toHaveLength(155 + 8);
  });

  it("THEN the VPC's rule group allows the AWS APIs, the namespace, the VPC's own names and the partner domain, and answers everything else NODATA, failing open", () => {
    expect(run.engine.named("payment-dns-allowed-prod").inputs.domains).toEqual([
      "*.amazonaws.com",
      "payment-prod.internal",
      "*.payment-prod.internal",
      "*.ec2.internal",
      "*.0.10.in-addr.arpa",
      "api.cardnetwork.example.com",
    ]);
    const rule = (name: string) => {
      const { priority, action, firewallDomainListId, blockResponse } = run.engine.named(name).inputs;
      return [priority, action, firewallDomainListId, blockResponse];
    };
    expect([rule("payment-dns-allow-listed-prod"), rule("payment-dns-block-others-prod")]).toEqual([
      [100, "ALLOW", "payment-dns-allowed-prod-id", undefined],
      [200, "BLOCK", "payment-dns-all-domains-prod-id", "NODATA"],
    ]);
    expect(run.engine.named("dns-firewall-association-prod").inputs).toMatchObject({
      vpcId: "vpc-prod-id",
      firewallRuleGroupId: "payment-dns-firewall-prod-id",
      mutationProtection: "DISABLED",
    });
    expect(run.engine.named("dns-firewall-config-prod").inputs).toEqual({
      resourceId: "vpc-prod-id",
      firewallFailOpen: "ENABLED",
    });
  });
});

describe("prod stack with interfaceEndpoints=on", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    run = await runPlatform({ ...PROD_CONFIG, interfaceEndpoints: "on" }, "prod");
  });

  it("THEN the preview warns that the endpoints push savings below the target: 458.51 USD, 31.8%", () => {
    // This variant is not a golden stack, so its estimate is pinned here; the baseline is prod's.
    const baseline = goldenPlan("prod").cost.baseline.monthlyUsd.toFixed(2);
    expect(run.outputs.costEstimate).toMatchObject({ optimizedMonthlyUsd: 458.51, savingsPercent: 31.8 });
    expect(run.warnings).toEqual([
      `warning: [runtime] Estimated savings 31.8% are below minSavingsPercent 40% (baseline ${baseline} USD, this stack 458.51 USD per month). Run \`npm run plan\` for the line items and the savings waterfall.`,
    ]);
  });

  it("THEN ECR api, ECR dkr and Logs interface endpoints sit in the private subnets behind an HTTPS-only group", () => {
    const interfaces = run.engine
      .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
      .filter((e) => e.inputs.vpcEndpointType === "Interface");
    expect(interfaces.map((e) => e.inputs.serviceName)).toEqual([
      "com.amazonaws.us-east-1.ecr.api",
      "com.amazonaws.us-east-1.ecr.dkr",
      "com.amazonaws.us-east-1.logs",
    ]);
    for (const endpoint of interfaces) {
      expect(endpoint.inputs).toMatchObject({
        privateDnsEnabled: true,
        subnetIds: ["private-subnet-a-prod-id", "private-subnet-b-prod-id", "private-subnet-c-prod-id"],
        securityGroupIds: ["vpc-endpoints-sg-prod-id"],
      });
    }
    const rules = run.engine
      .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => r.inputs.securityGroupId === "vpc-endpoints-sg-prod-id")
      .map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]);
    expect(rules).toEqual([
      [443, 443, "10.0.96.0/19"],
      [443, 443, "10.0.128.0/19"],
      [443, 443, "10.0.160.0/19"],
    ]);
  });

  it("THEN the private NACL admits HTTPS from the VPC for the endpoint ENIs", () => {
    const privateIn = run.engine
      .ofType("aws:ec2/networkAclRule:NetworkAclRule")
      .filter((r) => r.name.startsWith("private-nacl-in-"))
      .map((r) => [r.inputs.ruleNumber, r.inputs.cidrBlock, r.inputs.fromPort, r.inputs.toPort]);
    expect(privateIn).toEqual([
      [100, "10.0.0.0/19", 8080, 8080],
      [110, "10.0.32.0/19", 8080, 8080],
      [120, "10.0.64.0/19", 8080, 8080],
      [130, "10.0.0.0/16", 443, 443],
      [140, "0.0.0.0/0", 1024, 65535],
    ]);
  });
});
