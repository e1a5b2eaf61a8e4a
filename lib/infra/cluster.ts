/**
 * The ECS cluster every service runs in: Container Insights (with its performance log group created
 * first), the FARGATE and FARGATE_SPOT capacity providers, and the Cloud Map namespace through which
 * internal callers reach the web service without the ALB.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { containerInsightsLogGroupName, physicalName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";
import { CONTAINER_INSIGHTS_LOG_RETENTION_DAYS } from "../design/logGroups";

export interface ClusterArgs {
  vpcId: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  /** The account's service-linked roles when the stack creates them: CreateCluster must find the ECS one. */
  serviceLinkedRoles: pulumi.Resource[];
  /** The Compute component these resources were children of before (lib/infra/formerParents.ts). */
  formerParent: pulumi.Input<string>;
}

export class Cluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly clusterArn: pulumi.Output<string>;
  /** The services depend on it: a strategy naming FARGATE_SPOT fails before the providers are attached. */
  readonly capacityProviders: aws.ecs.ClusterCapacityProviders;
  readonly namespaceId: pulumi.Output<string>;
  /** `payment-<suffix>.internal` */
  readonly namespaceName: string;

  constructor(spec: PlatformSpec, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:compute:Cluster", withSuffix("cluster", suffix), {}, opts);
    const child = { parent: this, aliases: [{ parent: args.formerParent }] };
    const clusterName = physicalName("cluster", suffix);

    // Container Insights writes to this group and creates it on first use when it is missing: then
    // it is unencrypted, keeps the default retention and outlives `pulumi destroy`. Created here
    // first, it is the stack's: KMS-encrypted, one day (what AWS would keep, and what the cost model
    // prices), destroyed with the stack. Standard class: Container Insights' metrics are extracted
    // from these embedded-metric-format events, which the Infrequent Access class does not process
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html).
    const performanceLogs = new aws.cloudwatch.LogGroup(
      withSuffix("container-insights-performance", suffix),
      {
        name: containerInsightsLogGroupName(clusterName),
        retentionInDays: CONTAINER_INSIGHTS_LOG_RETENTION_DAYS,
        kmsKeyId: args.kmsKeyArn,
        logGroupClass: "STANDARD",
      },
      // New in this layout (no alias); a fixed name that a replacement would collide with.
      { parent: this, deleteBeforeReplace: true },
    );

    const cluster = new aws.ecs.Cluster(
      clusterName,
      {
        name: clusterName,
        settings: [{ name: "containerInsights", value: spec.observability.containerInsights }],
      },
      { ...child, dependsOn: [performanceLogs, ...args.serviceLinkedRoles] },
    );
    this.capacityProviders = new aws.ecs.ClusterCapacityProviders(
      withSuffix("cluster-capacity-providers", suffix),
      {
        clusterName: cluster.name,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        // One-off tasks (migrations, runbooks) default to on-demand: they should not be interrupted.
        defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
      },
      child,
    );

    this.namespaceName = `${physicalName("serviceNamespace", suffix)}.internal`;
    const namespace = new aws.servicediscovery.PrivateDnsNamespace(
      withSuffix("service-namespace", suffix),
      { name: this.namespaceName, vpc: args.vpcId, description: "Internal discovery of the payment API" },
      child,
    );

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.namespaceId = namespace.id;
    this.registerOutputs({ clusterName: this.clusterName });
  }
}
