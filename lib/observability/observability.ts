/**
 * Observability: KMS-encrypted log groups per service, the encrypted alarm topic (with an email
 * subscription when configured) and its policy, the API alarms, and the performance and cost dashboards. Created before the
 * services so their task definitions and deployment alarms have something to point at.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, withSuffix } from "../naming";
import { PlatformSpec } from "../spec";
import { AlarmDefinition, AlarmMetric, apiAlarmDefinitions } from "./alarmDefinitions";
import { CostReport } from "../cost/costReport";
import { costDashboardBody } from "./costDashboard";
import { dashboardUrl } from "./dashboardWidgets";
import { performanceDashboardBody } from "./performanceDashboard";
import { alarmTopicPolicy } from "./topicPolicy";

export interface ObservabilityArgs {
  accountId: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  albArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
  natGatewayIds: pulumi.Input<string>[];
  /** The cost model's report, drawn on the cost dashboard as the reference line. */
  cost: CostReport;
}

/** Average compute spend per hour the cost model expects (the compute line items over a month). */
export function modelComputeUsdPerHour(cost: CostReport): number {
  const compute = cost.optimized.lineItems.filter((item) => item.component === "compute");
  return compute.reduce((sum, item) => sum + item.monthlyUsd, 0) / cost.hoursPerMonth;
}

function metricQuery(
  id: string,
  metric: AlarmMetric,
  periodSeconds: number,
  returnData: boolean,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery {
  return {
    id,
    returnData,
    metric: {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: metric.dimensions,
      stat: metric.stat,
      period: periodSeconds,
    },
  };
}

/** Arguments of a CloudWatch alarm from its definition: a plain metric, an extended statistic, or metric math. */
export function alarmArgs(
  definition: AlarmDefinition,
  topicArn: pulumi.Input<string>,
  alarmName: string,
): aws.cloudwatch.MetricAlarmArgs {
  const common = {
    name: alarmName,
    alarmDescription: definition.description,
    comparisonOperator: definition.comparisonOperator,
    threshold: definition.threshold,
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    treatMissingData: definition.treatMissingData,
    alarmActions: [topicArn],
    okActions: [topicArn],
  };
  if (definition.expression) {
    const { id, expression, label, metrics } = definition.expression;
    return {
      ...common,
      metricQueries: [
        { id, expression, label, returnData: true },
        ...Object.entries(metrics).map(([metricId, metric]) => metricQuery(metricId, metric, definition.periodSeconds, false)),
      ],
    };
  }
  const metric = definition.metric!;
  const percentile = /^p\d+(\.\d+)?$/.test(metric.stat);
  return {
    ...common,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions,
    period: definition.periodSeconds,
    ...(percentile ? { extendedStatistic: metric.stat } : { statistic: metric.stat }),
  };
}

export class Observability extends pulumi.ComponentResource {
  readonly apiLogGroupName: pulumi.Output<string>;
  readonly workerLogGroupName: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;
  /** Alarm names that roll back an API deployment. */
  readonly deploymentAlarmNames: pulumi.Output<string[]>;
  readonly performanceDashboardUrl: string;
  readonly costDashboardUrl: string;

  constructor(spec: PlatformSpec, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:observability:Observability", withSuffix("observability", suffix), {}, opts);
    const child = { parent: this };
    const { logRetentionDays, logClass, alarmEmail } = spec.observability;

    const logGroup = (key: "apiLogGroup" | "workerLogGroup") =>
      new aws.cloudwatch.LogGroup(
        physicalName(key, suffix),
        { name: physicalName(key, suffix), retentionInDays: logRetentionDays, kmsKeyId: args.kmsKeyArn, logGroupClass: logClass },
        // The name is fixed (task definitions and the execution policy name it) and a class change
        // replaces the group: the old one must go first or the new one collides with it.
        { ...child, deleteBeforeReplace: true },
      );
    const apiLogs = logGroup("apiLogGroup");
    const workerLogs = logGroup("workerLogGroup");

    const topic = new aws.sns.Topic(
      physicalName("alarmTopic", suffix),
      { name: physicalName("alarmTopic", suffix), kmsMasterKeyId: args.kmsKeyArn },
      child,
    );
    new aws.sns.TopicPolicy(
      withSuffix("alarm-topic-policy", suffix),
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, args.accountId])
          .apply(([arn, accountId]) => JSON.stringify(alarmTopicPolicy(arn, accountId))),
      },
      child,
    );
    if (alarmEmail !== undefined) {
      new aws.sns.TopicSubscription(
        withSuffix("alarm-email", suffix),
        { topic: topic.arn, protocol: "email", endpoint: alarmEmail },
        child,
      );
    }

    const context = {
      clusterName: physicalName("cluster", suffix),
      serviceName: physicalName("apiService", suffix),
      workerServiceName: physicalName("workerService", suffix),
    };
    const definitions = apiAlarmDefinitions(spec, {
      ...context,
      albArnSuffix: args.albArnSuffix,
      targetGroupArnSuffix: args.targetGroupArnSuffix,
    });
    const created = definitions.map((definition) => {
      const alarmName = physicalName(definition.key, suffix);
      return new aws.cloudwatch.MetricAlarm(alarmName, alarmArgs(definition, topic.arn, alarmName), child);
    });

    const dashboardName = physicalName("performanceDashboard", suffix);
    new aws.cloudwatch.Dashboard(
      dashboardName,
      {
        dashboardName,
        dashboardBody: pulumi
          .all([args.albArnSuffix, args.targetGroupArnSuffix])
          .apply(([albArnSuffix, targetGroupArnSuffix]) =>
            JSON.stringify(performanceDashboardBody(spec, { ...context, albArnSuffix, targetGroupArnSuffix })),
          ),
      },
      child,
    );

    const costDashboardName = physicalName("costDashboard", suffix);
    new aws.cloudwatch.Dashboard(
      costDashboardName,
      {
        dashboardName: costDashboardName,
        dashboardBody: pulumi
          .all([args.albArnSuffix, pulumi.all(args.natGatewayIds), apiLogs.name, workerLogs.name])
          .apply(([albArnSuffix, natGatewayIds, apiLogGroup, workerLogGroup]) =>
            JSON.stringify(
              costDashboardBody(spec, {
                clusterName: context.clusterName,
                apiServiceName: context.serviceName,
                workerServiceName: context.workerServiceName,
                albArnSuffix,
                natGatewayIds,
                logGroupNames: [apiLogGroup, workerLogGroup],
                modelComputeUsdPerHour: modelComputeUsdPerHour(args.cost),
              }),
            ),
          ),
      },
      child,
    );

    this.apiLogGroupName = apiLogs.name;
    this.workerLogGroupName = workerLogs.name;
    this.alarmTopicArn = topic.arn;
    this.deploymentAlarmNames = pulumi.all(created.filter((_, i) => definitions[i].deploymentAlarm).map((a) => a.name));
    this.performanceDashboardUrl = dashboardUrl(spec.region, dashboardName);
    this.costDashboardUrl = dashboardUrl(spec.region, costDashboardName);
    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn });
  }
}
