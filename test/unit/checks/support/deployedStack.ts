/**
 * A fake AWS account in which a stack is deployed exactly as the program registered it: every
 * describe call verify makes is answered, in the AWS API's own shapes, from the golden resources
 * file (test/golden/resources-<stack>.json, the program's registrations under the mock engine). So
 * "every verify check passes" proves verify expects what the program really builds; each test then
 * changes one answer to make one check fail.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { mockClient } from "aws-sdk-client-mock";
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { BudgetsClient, DescribeBudgetCommand } from "@aws-sdk/client-budgets";
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeSubscriptionFiltersCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CostExplorerClient, GetAnomalyMonitorsCommand } from "@aws-sdk/client-cost-explorer";
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { DescribeFlowLogsCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  Service,
  Task,
} from "@aws-sdk/client-ecs";
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { DescribeDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import { GetBucketLifecycleConfigurationCommand, GetPublicAccessBlockCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { GetLoggingConfigurationCommand, GetWebACLForResourceCommand, WAFV2Client } from "@aws-sdk/client-wafv2";
import { awsError } from "./awsError";
import { PlatformSpec, serviceList } from "../../../../lib/spec";
import { StackOutputs, parseStackOutputs } from "../../../../lib/checks/verify/stackOutputs";

export const ACCOUNT = "123456789012";
/** Tuesday 10:00 US Eastern: business hours, so the scalable targets carry their registered minimum. */
export const BUSINESS_HOURS = new Date("2026-12-01T15:00:00Z");

interface Registration {
  type: string;
  name: string;
  inputs: unknown;
}

/** The registered inputs this fake reads, per resource type (the provider's camelCase shapes). */
interface Registered {
  "aws:ecs/cluster:Cluster": { name: string; settings: { name: "containerInsights"; value: string }[] };
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": { capacityProviders: string[] };
  "aws-native:ecs:Service": {
    serviceName: string;
    capacityProviderStrategy: { capacityProvider: string; base?: number; weight: number }[];
    networkConfiguration: {
      awsvpcConfiguration: { subnets: string[]; assignPublicIp: "ENABLED" | "DISABLED"; securityGroups: string[] };
    };
    taskDefinition: string;
    monitoring: { metricConfigurations: { metricNames: string[]; resolutionSeconds: number }[] };
    loadBalancers?: unknown[];
  };
  "aws:ecs/taskDefinition:TaskDefinition": {
    family: string;
    runtimePlatform: { cpuArchitecture: "ARM64" | "X86_64"; operatingSystemFamily: string };
  };
  "aws:lb/loadBalancer:LoadBalancer": {
    name: string;
    internal: boolean;
    accessLogs?: { bucket: string; enabled: boolean; prefix: string };
  };
  "aws:wafv2/webAcl:WebAcl": { name: string };
  "aws:wafv2/webAclAssociation:WebAclAssociation": { webAclArn: string };
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
    resourceArn: string;
    logDestinationConfigs: string[];
    redactedFields: { singleHeader: { name: string } }[];
  };
  "aws:ec2/vpc:Vpc": { tags: { Name: string } };
  "aws:ec2/flowLog:FlowLog": {
    vpcId: string;
    trafficType: "ALL" | "ACCEPT" | "REJECT";
    logDestination: string;
    logDestinationType: "s3";
  };
  "aws:s3/bucket:Bucket": { bucket: string };
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    bucket: string;
    rules: {
      id: string;
      status: "Enabled";
      filter: { prefix: string };
      transitions: { days: number; storageClass: "GLACIER_IR" }[];
      expiration: { days: number };
      abortIncompleteMultipartUpload: { daysAfterInitiation: number };
    }[];
  };
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    bucket: string;
    blockPublicAcls: boolean;
    blockPublicPolicy: boolean;
    ignorePublicAcls: boolean;
    restrictPublicBuckets: boolean;
  };
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
    name: string;
    extendedS3Configuration: { bucketArn: string; prefix: string; roleArn: string };
  };
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": {
    name: string;
    logGroup: string;
    destinationArn: string;
    filterPattern: string;
    roleArn: string;
  };
  "aws:lb/targetGroup:TargetGroup": {
    name: string;
    port: number;
    deregistrationDelay: number;
    loadBalancingAlgorithmType: string;
    healthCheck: {
      path: string;
      interval: number;
      timeout: number;
      healthyThreshold: number;
      unhealthyThreshold: number;
      matcher: string;
    };
  };
  "aws:lb/listener:Listener": {
    port: number;
    protocol: "HTTP" | "HTTPS";
    sslPolicy?: string;
    certificateArn?: string;
    defaultActions: {
      type: "forward" | "redirect";
      redirect?: { protocol: string; port: string; statusCode: "HTTP_301" | "HTTP_302" };
    }[];
  };
  "aws:appautoscaling/target:Target": {
    resourceId: string;
    scalableDimension: "ecs:service:DesiredCount";
    minCapacity: number;
    maxCapacity: number;
  };
  "aws:appautoscaling/policy:Policy": {
    name: string;
    resourceId: string;
    policyType: "TargetTrackingScaling" | "PredictiveScaling" | "StepScaling";
    targetTrackingScalingPolicyConfiguration?: {
      targetValue: number;
      scaleOutCooldown: number;
      scaleInCooldown: number;
      predefinedMetricSpecification: { predefinedMetricType: string; resourceLabel?: string };
    };
    predictiveScalingPolicyConfiguration?: { mode: "ForecastOnly" | "ForecastAndScale" };
    stepScalingPolicyConfiguration?: {
      adjustmentType: string;
      cooldown: number;
      metricAggregationType: string;
      minAdjustmentMagnitude: number;
      /** Bounds are strings in the provider schema (lib/design/scalingPolicies.ts metricIntervalBound). */
      stepAdjustments: { metricIntervalLowerBound?: string; metricIntervalUpperBound?: string; scalingAdjustment: number }[];
    };
  };
  "aws:appautoscaling/scheduledAction:ScheduledAction": {
    name: string;
    resourceId: string;
    schedule: string;
    timezone: string;
    scalableTargetAction: { minCapacity: number; maxCapacity: number };
  };
  "aws:cloudwatch/logGroup:LogGroup": {
    name: string;
    retentionInDays: number;
    kmsKeyId: string;
    logGroupClass: "STANDARD" | "INFREQUENT_ACCESS";
  };
  "aws:cloudwatch/metricAlarm:MetricAlarm": { name: string; alarmActions?: string[] };
  "aws:budgets/budget:Budget": { name: string; limitAmount: string; limitUnit: string };
  "aws:costexplorer/anomalyMonitor:AnomalyMonitor": { name: string };
  "aws:dynamodb/table:Table": {
    name: string;
    billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
    serverSideEncryption: { kmsKeyArn: string };
    pointInTimeRecovery: { enabled: boolean };
    ttl: { enabled: boolean; attributeName: string };
  };
}

const GOLDEN = join(__dirname, "../../../golden");

const parsed = new Map<string, Registration[]>();

/** The golden registrations of a stack (parsed once per test file; the rows only read them). */
export function registrations(stack: string): Registration[] {
  if (!parsed.has(stack))
    parsed.set(stack, JSON.parse(readFileSync(join(GOLDEN, `resources-${stack}.json`), "utf8")) as Registration[]);
  return parsed.get(stack)!;
}

/** The stack outputs the program printed for `stack` (the golden plan's). */
export function goldenOutputs(stack: string): StackOutputs {
  const plan = JSON.parse(readFileSync(join(GOLDEN, `plan-${stack}.json`), "utf8")) as { outputs: unknown };
  return parseStackOutputs(plan.outputs, `plan-${stack}.json`);
}

export const albArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/${name}/50dc6c495c0c9188`;
export const targetGroupArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/${name}/73e2d6bc24d8a067`;

export type AwsMocks = ReturnType<typeof awsMocks>;

/** Mocks of every client verify uses, answering nothing yet (an unanswered call resolves undefined). */
export function awsMocks() {
  const mocks = {
    ecs: mockClient(ECSClient),
    elb: mockClient(ElasticLoadBalancingV2Client),
    autoscaling: mockClient(ApplicationAutoScalingClient),
    logs: mockClient(CloudWatchLogsClient),
    cloudwatch: mockClient(CloudWatchClient),
    budgets: mockClient(BudgetsClient),
    costExplorer: mockClient(CostExplorerClient),
    dynamodb: mockClient(DynamoDBClient),
    sts: mockClient(STSClient),
    ec2: mockClient(EC2Client),
    firehose: mockClient(FirehoseClient),
    s3: mockClient(S3Client),
    wafv2: mockClient(WAFV2Client),
  };
  return { ...mocks, restore: () => Object.values(mocks).forEach((m) => m.restore()) };
}

/**
 * What a healthy stack runs at BUSINESS_HOURS (Tuesday 10:00 US Eastern), on-demand and Spot per
 * service, written out rather than computed: verify's running-tasks check derives its expectation
 * from the fleet model, and this is what it must agree with (the golden plans' slo.hourly[34], Tuesday
 * 10:00, at 250 rps: dev and staging 8 API tasks of 1 vCPU at their 35% target, base 0 and weights
 * 1:1, so 4 + 4; prod 15 of 0.5 vCPU at 35%, its base of 4 on-demand and the 11 above it 1:1 with the
 * odd task on-demand: 4 + 6 on-demand + 5 Spot; every worker one Spot task).
 */
const RUNNING_AT_BUSINESS_HOURS: Readonly<Record<string, Readonly<Record<string, [onDemand: number, spot: number]>>>> = {
  dev: { api: [4, 4], worker: [0, 1] },
  staging: { api: [4, 4], worker: [0, 1] },
  prod: { api: [10, 5], worker: [0, 1] },
};

/** A service's running tasks as DescribeTasks reports them. */
function runningTasks(serviceName: string, [onDemand, spot]: [number, number]): Task[] {
  return Array.from({ length: onDemand + spot }, (_, i) => ({
    taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/${serviceName}/${i}`,
    lastStatus: "RUNNING",
    capacityProviderName: i < onDemand ? "FARGATE" : "FARGATE_SPOT",
  }));
}

/**
 * Answers every verify call as AWS would for `stack` deployed from its golden registrations, at
 * `now`, with `metrics` as what CloudWatch measured (default: 1,000 requests at a 120 ms p99, no 5xx).
 */
export function answerAsDeployed(
  mocks: AwsMocks,
  spec: PlatformSpec,
  stack: string,
  now: Date = BUSINESS_HOURS,
  metrics: { p99Seconds: number; requests: number; errors: number } = { p99Seconds: 0.12, requests: 1000, errors: 0 },
): DeployedAnswers {
  const all = registrations(stack);
  const ofType = <T extends keyof Registered>(type: T) =>
    all.filter((r) => r.type === type).map((r) => r.inputs as Registered[T]);
  const cluster = ofType("aws:ecs/cluster:Cluster")[0];
  const capacityProviders = ofType("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders")[0];
  const services = ofType("aws-native:ecs:Service");
  const idOf = (serviceName: string) => serviceList(spec).find((s) => serviceName.startsWith(s.name))!.id;
  const tasks = new Map(
    services.map((s) => [s.serviceName, runningTasks(s.serviceName, RUNNING_AT_BUSINESS_HOURS[stack][idOf(s.serviceName)])]),
  );

  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci` });
  mocks.ecs.on(DescribeClustersCommand).resolves({
    clusters: [
      {
        clusterName: cluster.name,
        status: "ACTIVE",
        settings: cluster.settings,
        capacityProviders: capacityProviders.capacityProviders,
      },
    ],
  });
  const describedServices: Service[] = services.map((s) => ({
    serviceName: s.serviceName,
    status: "ACTIVE",
    desiredCount: tasks.get(s.serviceName)!.length,
    runningCount: tasks.get(s.serviceName)!.length,
    // AWS reports a base of 0 where the request left it out.
    capacityProviderStrategy: s.capacityProviderStrategy.map((i) => ({ ...i, base: i.base ?? 0 })),
    networkConfiguration: s.networkConfiguration,
    taskDefinition: s.taskDefinition,
    deployments: [{ status: "PRIMARY", rolloutState: "COMPLETED" }],
    currentServiceRevisions: [{ arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service-revision/${s.serviceName}/1` }],
  }));
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: describedServices });
  mocks.ecs.on(DescribeServiceRevisionsCommand).callsFake((input: { serviceRevisionArns: string[] }) => ({
    serviceRevisions: input.serviceRevisionArns.map((arn) => ({
      serviceRevisionArn: arn,
      monitoring: services.find((s) => arn.includes(`/${s.serviceName}/`))!.monitoring,
    })),
  }));
  mocks.ecs.on(DescribeTaskDefinitionCommand).callsFake((input: { taskDefinition: string }) => {
    const definition = ofType("aws:ecs/taskDefinition:TaskDefinition").find((d) =>
      input.taskDefinition.includes(`/${d.family}:`),
    )!;
    return { taskDefinition: { family: definition.family, runtimePlatform: definition.runtimePlatform } };
  });
  mocks.ecs
    .on(ListTasksCommand)
    .callsFake((input: { serviceName: string }) => ({ taskArns: tasks.get(input.serviceName)!.map((t) => t.taskArn) }));
  mocks.ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
    tasks: [...tasks.values()].flat().filter((t) => input.tasks.includes(t.taskArn!)),
  }));

  const alb = ofType("aws:lb/loadBalancer:LoadBalancer")[0];
  const group = ofType("aws:lb/targetGroup:TargetGroup")[0];
  mocks.elb.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      {
        LoadBalancerName: alb.name,
        LoadBalancerArn: albArn(alb.name),
        State: { Code: "active" },
        Scheme: alb.internal ? "internal" : "internet-facing",
      },
    ],
  });
  mocks.elb.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: group.name,
        TargetGroupArn: targetGroupArn(group.name),
        HealthCheckPath: group.healthCheck.path,
        HealthCheckIntervalSeconds: group.healthCheck.interval,
        HealthCheckTimeoutSeconds: group.healthCheck.timeout,
        HealthyThresholdCount: group.healthCheck.healthyThreshold,
        UnhealthyThresholdCount: group.healthCheck.unhealthyThreshold,
        Matcher: { HttpCode: group.healthCheck.matcher },
      },
    ],
  });
  mocks.elb.on(DescribeTargetGroupAttributesCommand).resolves({
    Attributes: [
      { Key: "deregistration_delay.timeout_seconds", Value: String(group.deregistrationDelay) },
      { Key: "load_balancing.algorithm.type", Value: group.loadBalancingAlgorithmType },
    ],
  });
  const webTasks = tasks.get(services.find((s) => s.loadBalancers !== undefined)!.serviceName)!;
  mocks.elb.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: webTasks.map((_, i) => ({
      Target: { Id: `10.0.64.${i + 10}`, Port: group.port },
      TargetHealth: { State: "healthy" },
    })),
  });
  mocks.elb.on(DescribeListenersCommand).resolves({
    Listeners: ofType("aws:lb/listener:Listener").map((l) => ({
      Port: l.port,
      Protocol: l.protocol,
      SslPolicy: l.sslPolicy,
      Certificates: l.certificateArn === undefined ? undefined : [{ CertificateArn: l.certificateArn }],
      DefaultActions: l.defaultActions.map((a) =>
        a.redirect === undefined
          ? { Type: "forward" as const, TargetGroupArn: targetGroupArn(group.name) }
          : {
              Type: "redirect" as const,
              RedirectConfig: { Protocol: a.redirect.protocol, Port: a.redirect.port, StatusCode: a.redirect.statusCode },
            },
      ),
    })),
  });

  mocks.autoscaling.on(DescribeScalableTargetsCommand).resolves({
    ScalableTargets: ofType("aws:appautoscaling/target:Target").map((t) => ({
      ServiceNamespace: "ecs" as const,
      RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
      CreationTime: now,
      ResourceId: t.resourceId,
      ScalableDimension: t.scalableDimension,
      MinCapacity: t.minCapacity,
      MaxCapacity: t.maxCapacity,
    })),
  });
  mocks.autoscaling.on(DescribeScalingPoliciesCommand).callsFake((input: { ResourceId: string }) => ({
    ScalingPolicies: ofType("aws:appautoscaling/policy:Policy")
      .filter((p) => p.resourceId === input.ResourceId)
      .map((p) => ({
        PolicyARN: `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:${p.name}`,
        ServiceNamespace: "ecs" as const,
        ResourceId: p.resourceId,
        ScalableDimension: "ecs:service:DesiredCount" as const,
        CreationTime: now,
        PolicyName: p.name,
        PolicyType: p.policyType,
        TargetTrackingScalingPolicyConfiguration: p.targetTrackingScalingPolicyConfiguration && {
          TargetValue: p.targetTrackingScalingPolicyConfiguration.targetValue,
          ScaleOutCooldown: p.targetTrackingScalingPolicyConfiguration.scaleOutCooldown,
          ScaleInCooldown: p.targetTrackingScalingPolicyConfiguration.scaleInCooldown,
          PredefinedMetricSpecification: {
            PredefinedMetricType: p.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType,
            ResourceLabel: p.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel,
          },
        },
        PredictiveScalingPolicyConfiguration: p.predictiveScalingPolicyConfiguration && {
          Mode: p.predictiveScalingPolicyConfiguration.mode,
        },
        StepScalingPolicyConfiguration: p.stepScalingPolicyConfiguration && {
          AdjustmentType: p.stepScalingPolicyConfiguration.adjustmentType as "PercentChangeInCapacity",
          Cooldown: p.stepScalingPolicyConfiguration.cooldown,
          MetricAggregationType: p.stepScalingPolicyConfiguration.metricAggregationType as "Average",
          MinAdjustmentMagnitude: p.stepScalingPolicyConfiguration.minAdjustmentMagnitude,
          // AWS answers the bounds as numbers; an absent bound stays absent (unbounded).
          StepAdjustments: p.stepScalingPolicyConfiguration.stepAdjustments.map((a) => ({
            MetricIntervalLowerBound: a.metricIntervalLowerBound === undefined ? undefined : Number(a.metricIntervalLowerBound),
            MetricIntervalUpperBound: a.metricIntervalUpperBound === undefined ? undefined : Number(a.metricIntervalUpperBound),
            ScalingAdjustment: a.scalingAdjustment,
          })),
        },
        // The alarms whose actions invoke the policy: the golden files hold the mock engine's ARN for it
        // (arn:aws:appautoscaling:<region>:<account>:policy/<name>, lib/commands/mockEngine.ts).
        Alarms: ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
          .filter((a) => (a.alarmActions ?? []).some((arn) => arn.endsWith(`:policy/${p.name}`)))
          .map((a) => ({ AlarmName: a.name, AlarmARN: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${a.name}` })),
      })),
  }));
  mocks.autoscaling.on(DescribeScheduledActionsCommand).callsFake((input: { ResourceId: string }) => ({
    ScheduledActions: ofType("aws:appautoscaling/scheduledAction:ScheduledAction")
      .filter((a) => a.resourceId === input.ResourceId)
      .map((a) => ({
        ScheduledActionName: a.name,
        Schedule: a.schedule,
        Timezone: a.timezone,
        ScalableTargetAction: {
          MinCapacity: a.scalableTargetAction.minCapacity,
          MaxCapacity: a.scalableTargetAction.maxCapacity,
        },
      })),
  }));

  mocks.logs.on(DescribeLogGroupsCommand).callsFake((input: { logGroupNamePrefix: string }) => ({
    logGroups: ofType("aws:cloudwatch/logGroup:LogGroup")
      .filter((g) => g.name.startsWith(input.logGroupNamePrefix))
      .map((g) => ({
        logGroupName: g.name,
        // CloudWatch reports no retention for "never expire".
        retentionInDays: g.retentionInDays === 0 ? undefined : g.retentionInDays,
        kmsKeyId: g.kmsKeyId,
        logGroupClass: g.logGroupClass,
      })),
  }));
  mocks.cloudwatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
    MetricAlarms: ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => input.AlarmNames.includes(a.name))
      .map((a) => ({ AlarmName: a.name, StateValue: "OK" })),
  }));
  mocks.cloudwatch.on(GetMetricDataCommand).resolves({
    MetricDataResults: [
      { Id: "p99", Values: [metrics.p99Seconds] },
      { Id: "requests", Values: [metrics.requests] },
      { Id: "errors", Values: [metrics.errors] },
    ],
  });

  const budget = ofType("aws:budgets/budget:Budget")[0];
  mocks.budgets.on(DescribeBudgetCommand).resolves({
    Budget: {
      BudgetName: budget.name,
      BudgetLimit: { Amount: `${budget.limitAmount}.0`, Unit: budget.limitUnit },
      BudgetType: "COST",
      TimeUnit: "MONTHLY",
    },
  });
  const monitor = ofType("aws:costexplorer/anomalyMonitor:AnomalyMonitor")[0];
  mocks.costExplorer.on(GetAnomalyMonitorsCommand).resolves({
    AnomalyMonitors: [
      { MonitorName: monitor.name, MonitorArn: `arn:aws:ce::${ACCOUNT}:anomalymonitor/5a1b2c3d`, MonitorType: "CUSTOM" },
    ],
  });

  const table = ofType("aws:dynamodb/table:Table")[0];
  mocks.dynamodb.on(DescribeTableCommand).resolves({
    Table: {
      TableName: table.name,
      TableStatus: "ACTIVE",
      BillingModeSummary: { BillingMode: table.billingMode },
      SSEDescription: { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: table.serverSideEncryption.kmsKeyArn },
    },
  });
  mocks.dynamodb.on(DescribeContinuousBackupsCommand).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: "ENABLED",
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: table.pointInTimeRecovery.enabled ? "ENABLED" : "DISABLED" },
    },
  });
  mocks.dynamodb.on(DescribeTimeToLiveCommand).resolves({
    TimeToLiveDescription: {
      TimeToLiveStatus: table.ttl.enabled ? "ENABLED" : "DISABLED",
      AttributeName: table.ttl.attributeName,
    },
  });
  answerComplianceAsDeployed(mocks, all, ofType);
  return { services: describedServices, tasks };
}

/** The mock engine's id of a resource: `<logical name>-id` (lib/commands/mockEngine.ts). */
const mockId = (name: string) => `${name}-id`;

/**
 * The compliance controls as registered: the ALB's access-log attributes, the web ACL on the ALB and
 * its logging, the VPC (by its Name tag) and its flow logs, the archive bucket's lifecycle and public
 * access block, the Firehose streams and the subscription filters. A control the stack does not
 * register is answered as AWS answers its absence.
 */
function answerComplianceAsDeployed(
  mocks: AwsMocks,
  registered: Registration[],
  ofType: <T extends keyof Registered>(type: T) => Registered[T][],
): void {
  const all = (type: keyof Registered) => registered.filter((r) => r.type === type);
  const alb = ofType("aws:lb/loadBalancer:LoadBalancer")[0];
  const accessLogs = alb.accessLogs;
  mocks.elb.on(DescribeLoadBalancerAttributesCommand).resolves({
    Attributes: [
      { Key: "access_logs.s3.enabled", Value: String(accessLogs?.enabled ?? false) },
      { Key: "access_logs.s3.bucket", Value: accessLogs?.bucket ?? "" },
      { Key: "access_logs.s3.prefix", Value: accessLogs?.prefix ?? "" },
    ],
  });

  const webAcl = ofType("aws:wafv2/webAcl:WebAcl")[0];
  const association = ofType("aws:wafv2/webAclAssociation:WebAclAssociation")[0];
  mocks.wafv2.on(GetWebACLForResourceCommand).resolves(
    association === undefined
      ? {}
      : {
          WebACL: {
            Name: webAcl.name,
            Id: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            ARN: association.webAclArn,
            DefaultAction: { Allow: {} },
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: webAcl.name },
          },
        },
  );
  mocks.wafv2.on(GetLoggingConfigurationCommand).callsFake((input: { ResourceArn: string }) => {
    const logging = ofType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").find(
      (l) => l.resourceArn === input.ResourceArn,
    );
    if (logging === undefined) throw awsError("WAFNonexistentItemException", "no logging configuration");
    return {
      LoggingConfiguration: {
        ResourceArn: logging.resourceArn,
        LogDestinationConfigs: logging.logDestinationConfigs,
        RedactedFields: logging.redactedFields.map((f) => ({ SingleHeader: { Name: f.singleHeader.name } })),
      },
    };
  });

  mocks.ec2.on(DescribeVpcsCommand).callsFake((input: { Filters: { Name: string; Values: string[] }[] }) => ({
    Vpcs: all("aws:ec2/vpc:Vpc")
      .filter((r) => input.Filters[0].Values.includes((r.inputs as Registered["aws:ec2/vpc:Vpc"]).tags.Name))
      .map((r) => ({ VpcId: mockId(r.name) })),
  }));
  mocks.ec2.on(DescribeFlowLogsCommand).callsFake((input: { Filter: { Name: string; Values: string[] }[] }) => ({
    FlowLogs: ofType("aws:ec2/flowLog:FlowLog")
      .filter((f) => input.Filter[0].Values.includes(f.vpcId))
      .map((f, i) => ({
        FlowLogId: `fl-0${i}`,
        ResourceId: f.vpcId,
        TrafficType: f.trafficType,
        LogDestinationType: f.logDestinationType,
        LogDestination: f.logDestination,
        FlowLogStatus: "ACTIVE",
        DeliverLogsStatus: "SUCCESS",
      })),
  }));

  // The bucket's sub-resources name it by the bucket's id, the mock engine's `<logical name>-id`.
  const bucketIdOf = (bucketName: string) => {
    const bucket = all("aws:s3/bucket:Bucket").find(
      (r) => (r.inputs as Registered["aws:s3/bucket:Bucket"]).bucket === bucketName,
    );
    if (bucket === undefined) throw awsError("NoSuchBucket", "The specified bucket does not exist");
    return mockId(bucket.name);
  };
  mocks.s3.on(GetBucketLifecycleConfigurationCommand).callsFake((input: { Bucket: string }) => {
    const id = bucketIdOf(input.Bucket);
    const lifecycle = ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((l) => l.bucket === id);
    if (lifecycle === undefined) throw awsError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");
    return {
      Rules: lifecycle.rules.map((r) => ({
        ID: r.id,
        Status: r.status,
        Filter: { Prefix: r.filter.prefix },
        Transitions: r.transitions.map((t) => ({ Days: t.days, StorageClass: t.storageClass })),
        Expiration: { Days: r.expiration.days },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: r.abortIncompleteMultipartUpload.daysAfterInitiation },
      })),
    };
  });
  mocks.s3.on(GetPublicAccessBlockCommand).callsFake((input: { Bucket: string }) => {
    const id = bucketIdOf(input.Bucket);
    const block = ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").find((b) => b.bucket === id);
    if (block === undefined)
      throw awsError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
    return {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: block.blockPublicAcls,
        IgnorePublicAcls: block.ignorePublicAcls,
        BlockPublicPolicy: block.blockPublicPolicy,
        RestrictPublicBuckets: block.restrictPublicBuckets,
      },
    };
  });

  mocks.firehose.on(DescribeDeliveryStreamCommand).callsFake((input: { DeliveryStreamName: string }) => {
    const stream = ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").find(
      (s) => s.name === input.DeliveryStreamName,
    );
    if (stream === undefined) throw awsError("ResourceNotFoundException", `Firehose ${input.DeliveryStreamName} not found`);
    return {
      DeliveryStreamDescription: {
        DeliveryStreamName: stream.name,
        DeliveryStreamARN: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${stream.name}`,
        DeliveryStreamStatus: "ACTIVE",
        DeliveryStreamType: "DirectPut",
        VersionId: "1",
        HasMoreDestinations: false,
        Destinations: [
          {
            DestinationId: "destinationId-000000000001",
            ExtendedS3DestinationDescription: {
              BucketARN: stream.extendedS3Configuration.bucketArn,
              Prefix: stream.extendedS3Configuration.prefix,
              RoleARN: stream.extendedS3Configuration.roleArn,
              BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 },
              CompressionFormat: "UNCOMPRESSED",
              EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
            },
          },
        ],
      },
    };
  });
  mocks.logs.on(DescribeSubscriptionFiltersCommand).callsFake((input: { logGroupName: string }) => {
    const groups = ofType("aws:cloudwatch/logGroup:LogGroup");
    if (!groups.some((g) => g.name === input.logGroupName))
      throw awsError("ResourceNotFoundException", "The specified log group does not exist.");
    return {
      subscriptionFilters: ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter")
        .filter((f) => f.logGroup === input.logGroupName)
        .map((f) => ({
          filterName: f.name,
          logGroupName: f.logGroup,
          destinationArn: f.destinationArn,
          filterPattern: f.filterPattern,
          roleArn: f.roleArn,
        })),
    };
  });
}

/** What the fake answers with, for tests that change one part of it. */
export interface DeployedAnswers {
  services: Service[];
  /** Running tasks by service name. */
  tasks: Map<string, Task[]>;
}

/** The described services with `change` applied to the one named. */
export function withService(answers: DeployedAnswers, name: string, change: (s: Service) => Service): { services: Service[] } {
  return { services: answers.services.map((s) => (s.serviceName === name ? change(s) : s)) };
}
