/**
 * Compute: the ECS cluster (Container Insights, enhanced by default), FARGATE and FARGATE_SPOT capacity
 * providers, task definitions for the API and the worker, a Cloud Map namespace so internal callers
 * reach the API without the ALB, and the two services.
 *
 * The services are `aws-native` resources: only the Cloud Control ECS Service exposes the
 * `monitoring` configuration that makes ECS publish the 20-second CPU/memory metrics the fast
 * target-tracking policies need (docs/decisions/0002-ecs-service-via-aws-native.md).
 */
import * as aws from "@pulumi/aws";
import * as awsNative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, PhysicalNameKey, withSuffix } from "../naming";
import { PlatformSpec, ServiceSizing } from "../spec";
import { containerDefinition, ContainerDefinitionInput } from "./containerDefinitions";
import { monitoringConfiguration } from "./serviceMonitoring";

export const API_CONTAINER_NAME = "payment-api";
export const WORKER_CONTAINER_NAME = "payment-worker";
/** Fargate platform 1.4.0+ is needed for ARM64 Spot and the larger sizes; LATEST resolves to it. */
const PLATFORM_VERSION = "LATEST";

export interface CapacityProviderStrategyItem {
  capacityProvider: "FARGATE" | "FARGATE_SPOT";
  base?: number;
  weight: number;
}

/** The service's strategy: on-demand base first, then FARGATE / FARGATE_SPOT by weight; empty entries dropped. */
export function capacityProviderStrategy(sizing: ServiceSizing): CapacityProviderStrategyItem[] {
  const strategy: CapacityProviderStrategyItem[] = [];
  if (sizing.onDemandBase > 0 || sizing.onDemandWeight > 0) {
    strategy.push({ capacityProvider: "FARGATE", base: sizing.onDemandBase, weight: sizing.onDemandWeight });
  }
  if (sizing.spotWeight > 0) strategy.push({ capacityProvider: "FARGATE_SPOT", weight: sizing.spotWeight });
  return strategy;
}

export interface ComputeArgs {
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  apiSecurityGroupId: pulumi.Input<string>;
  workerSecurityGroupId: pulumi.Input<string>;
  executionRoleArn: pulumi.Input<string>;
  apiTaskRoleArn: pulumi.Input<string>;
  workerTaskRoleArn: pulumi.Input<string>;
  apiLogGroupName: pulumi.Input<string>;
  workerLogGroupName: pulumi.Input<string>;
  targetGroupArn: pulumi.Input<string>;
  /** The listener that attaches the target group to the ALB; ECS rejects a target group without one. */
  listener: pulumi.Resource;
  deploymentAlarmNames: pulumi.Input<string[]>;
}

export class Compute extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly clusterArn: pulumi.Output<string>;
  readonly apiServiceName: pulumi.Output<string>;
  readonly workerServiceName: pulumi.Output<string>;
  readonly serviceDiscoveryName: string;

  constructor(spec: PlatformSpec, args: ComputeArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:compute:Compute", withSuffix("compute", suffix), {}, opts);
    const child = { parent: this };
    const name = (kind: string) => withSuffix(kind, suffix);

    const cluster = new aws.ecs.Cluster(
      physicalName("cluster", suffix),
      {
        name: physicalName("cluster", suffix),
        settings: [{ name: "containerInsights", value: spec.observability.containerInsights }],
      },
      child,
    );
    const capacityProviders = new aws.ecs.ClusterCapacityProviders(
      name("cluster-capacity-providers"),
      {
        clusterName: cluster.name,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        // One-off tasks (migrations, runbooks) default to on-demand: they should not be interrupted.
        defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 0, weight: 1 }],
      },
      child,
    );

    // One container per task; its definition needs the log group's name, known once the group exists.
    const taskDefinition = (
      familyKey: PhysicalNameKey,
      sizing: ServiceSizing,
      taskRoleArn: pulumi.Input<string>,
      logGroupName: pulumi.Input<string>,
      container: Omit<ContainerDefinitionInput, "logGroupName" | "region">,
    ) =>
      new aws.ecs.TaskDefinition(
        physicalName(familyKey, suffix),
        {
          family: physicalName(familyKey, suffix),
          requiresCompatibilities: ["FARGATE"],
          networkMode: "awsvpc",
          cpu: String(sizing.cpu),
          memory: String(sizing.memory),
          runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: spec.cpuArchitecture },
          executionRoleArn: args.executionRoleArn,
          taskRoleArn,
          containerDefinitions: pulumi
            .output(logGroupName)
            .apply((group) => JSON.stringify([containerDefinition({ ...container, logGroupName: group, region: spec.region })])),
        },
        child,
      );

    const api = spec.api;
    const apiTask = taskDefinition("apiService", api, args.apiTaskRoleArn, args.apiLogGroupName, {
      name: API_CONTAINER_NAME,
      container: api.container,
      stopTimeoutSeconds: api.stopTimeoutSeconds,
      secrets: api.secrets,
      environment: { PORT: String(api.containerPort), KEEP_ALIVE_TIMEOUT_SECONDS: String(api.keepAliveTimeoutSeconds) },
      portMapping: { containerPort: api.containerPort },
    });
    const worker = spec.worker;
    const workerTask = taskDefinition("workerService", worker, args.workerTaskRoleArn, args.workerLogGroupName, {
      name: WORKER_CONTAINER_NAME,
      container: worker.container,
      stopTimeoutSeconds: worker.stopTimeoutSeconds,
      secrets: worker.secrets,
      environment: {},
    });

    const namespaceName = `${physicalName("serviceNamespace", suffix)}.internal`;
    const namespace = new aws.servicediscovery.PrivateDnsNamespace(
      name("service-namespace"),
      { name: namespaceName, vpc: args.vpcId, description: "Internal discovery of the payment API" },
      child,
    );
    const discovery = new aws.servicediscovery.Service(
      name("api-discovery"),
      {
        name: "api",
        namespaceId: namespace.id,
        // Short TTL: scale-in and Spot reclaims remove addresses quickly.
        dnsConfig: { namespaceId: namespace.id, routingPolicy: "MULTIVALUE", dnsRecords: [{ type: "A", ttl: 10 }] },
        healthCheckCustomConfig: { failureThreshold: 1 },
        forceDestroy: true,
      },
      child,
    );

    const network = (securityGroupId: pulumi.Input<string>) => ({
      awsvpcConfiguration: {
        assignPublicIp: "DISABLED" as const,
        subnets: args.privateSubnetIds,
        securityGroups: [securityGroupId],
      },
    });
    const hardening = {
      cluster: cluster.arn,
      platformVersion: PLATFORM_VERSION,
      propagateTags: "SERVICE" as const,
      enableEcsManagedTags: true,
      availabilityZoneRebalancing: "ENABLED" as const,
      monitoring: monitoringConfiguration(spec.scaling.highResolutionMetrics),
    };
    // Autoscaling owns desiredCount after creation; Pulumi must not reset it on every `up`.
    const serviceOptions = { parent: this, dependsOn: [capacityProviders, args.listener], ignoreChanges: ["desiredCount"] };

    const apiService = new awsNative.ecs.Service(
      physicalName("apiService", suffix),
      {
        ...hardening,
        serviceName: physicalName("apiService", suffix),
        taskDefinition: apiTask.arn,
        desiredCount: api.desiredTasks,
        capacityProviderStrategy: capacityProviderStrategy(api),
        networkConfiguration: network(args.apiSecurityGroupId),
        loadBalancers: [
          { containerName: API_CONTAINER_NAME, containerPort: api.containerPort, targetGroupArn: args.targetGroupArn },
        ],
        healthCheckGracePeriodSeconds: api.healthCheckGracePeriodSeconds,
        serviceRegistries: [{ registryArn: discovery.arn }],
        deploymentConfiguration: {
          // Zero-downtime: never below the running count, up to double during a rollout.
          minimumHealthyPercent: 100,
          maximumPercent: 200,
          deploymentCircuitBreaker: { enable: true, rollback: true },
          alarms: { alarmNames: args.deploymentAlarmNames, enable: true, rollback: true },
        },
      },
      serviceOptions,
    );
    const workerService = new awsNative.ecs.Service(
      physicalName("workerService", suffix),
      {
        ...hardening,
        serviceName: physicalName("workerService", suffix),
        taskDefinition: workerTask.arn,
        desiredCount: worker.desiredTasks,
        capacityProviderStrategy: capacityProviderStrategy(worker),
        networkConfiguration: network(args.workerSecurityGroupId),
        deploymentConfiguration: {
          minimumHealthyPercent: 100,
          maximumPercent: 200,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      },
      serviceOptions,
    );

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.apiServiceName = apiService.serviceName.apply((n) => n!);
    this.workerServiceName = workerService.serviceName.apply((n) => n!);
    this.serviceDiscoveryName = `api.${namespaceName}`;
    this.registerOutputs({ clusterName: this.clusterName, apiServiceName: this.apiServiceName });
  }
}
