/**
 * Observability shared by the whole stack: the encrypted alarm topic (with an email subscription
 * when configured) and its policy, the ALB's own alarm, and the performance and cost dashboards.
 * Created before the services so their alarms have a topic to notify; each service's log group and
 * alarms are its FargateService's.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { platformAlarmDefinitions } from "../design/alarms";
import { physicalName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";
import { alarmResource } from "./alarmArgs";
import { costDashboardBody } from "./dashboards/costDashboard";
import { performanceDashboardBody } from "./dashboards/performanceDashboard";
import { dashboardUrl } from "./dashboards/widgets";
import { alarmTopicPolicy } from "./topicPolicy";

export interface ObservabilityArgs {
  accountId: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  clusterName: string;
  albArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
  natGatewayIds: pulumi.Input<string>[];
  /** The cost model's average compute spend (USD/hour), the cost dashboard's reference line. */
  modelComputeUsdPerHour: number;
}

export class Observability extends pulumi.ComponentResource {
  readonly alarmTopicArn: pulumi.Output<string>;
  /** The topic policy: what lets CloudWatch, Budgets and Cost Anomaly Detection publish. */
  readonly alarmTopicPolicy: aws.sns.TopicPolicy;
  readonly performanceDashboardUrl: string;
  readonly costDashboardUrl: string;

  constructor(spec: PlatformSpec, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:observability:Observability", withSuffix("observability", suffix), {}, opts);
    const child = { parent: this };
    const { alarmEmail } = spec.observability;

    const topic = new aws.sns.Topic(
      physicalName("alarmTopic", suffix),
      { name: physicalName("alarmTopic", suffix), kmsMasterKeyId: args.kmsKeyArn },
      child,
    );
    this.alarmTopicPolicy = new aws.sns.TopicPolicy(
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
      clusterName: args.clusterName,
      albArnSuffix: args.albArnSuffix,
      targetGroupArnSuffix: args.targetGroupArnSuffix,
    };
    for (const definition of platformAlarmDefinitions(spec, context)) alarmResource(definition, topic.arn, child);

    const dashboardName = physicalName("performanceDashboard", suffix);
    new aws.cloudwatch.Dashboard(
      dashboardName,
      {
        dashboardName,
        dashboardBody: pulumi
          .all([args.albArnSuffix, args.targetGroupArnSuffix])
          .apply(([albArnSuffix, targetGroupArnSuffix]) =>
            JSON.stringify(performanceDashboardBody(spec, { clusterName: args.clusterName, albArnSuffix, targetGroupArnSuffix })),
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
          .all([args.albArnSuffix, args.targetGroupArnSuffix, pulumi.all(args.natGatewayIds)])
          .apply(([albArnSuffix, targetGroupArnSuffix, natGatewayIds]) =>
            JSON.stringify(
              costDashboardBody(spec, {
                clusterName: args.clusterName,
                albArnSuffix,
                targetGroupArnSuffix,
                natGatewayIds,
                modelComputeUsdPerHour: args.modelComputeUsdPerHour,
              }),
            ),
          ),
      },
      child,
    );

    this.alarmTopicArn = topic.arn;
    this.performanceDashboardUrl = dashboardUrl(spec.region, dashboardName);
    this.costDashboardUrl = dashboardUrl(spec.region, costDashboardName);
    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn });
  }
}
