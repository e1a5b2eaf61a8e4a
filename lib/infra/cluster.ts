/**
 * The ECS cluster every service runs in: Container Insights, the FARGATE and FARGATE_SPOT capacity
 * providers, and the Cloud Map namespace through which internal callers reach the web service
 * without the ALB.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, withSuffix } from "../spec/names";
import { PlatformSpec } from "../spec";

export interface ClusterArgs {
  vpcId: pulumi.Input<string>;
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

    const cluster = new aws.ecs.Cluster(
      physicalName("cluster", suffix),
      {
        name: physicalName("cluster", suffix),
        settings: [{ name: "containerInsights", value: spec.observability.containerInsights }],
      },
      child,
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
