/**
 * Everything one ECS service owns, for any entry of PlatformSpec.services: its security group and
 * rules, log group, execution and task roles, task definition, Cloud Map registration (the web
 * service), alarms, the ECS service itself and its autoscaling. The platform creates one per service; nothing here
 * names a particular service.
 *
 * The services are `aws-native` resources: only the Cloud Control ECS Service exposes the
 * `monitoring` configuration that makes ECS publish the 20-second CPU/memory metrics the fast
 * target-tracking policies need (docs/decisions/0002-ecs-service-via-aws-native.md).
 */
import * as aws from "./aws";
// The ecs module alone: the package root would make the type-checker load all of aws-native's services.
import * as nativeEcs from "@pulumi/aws-native/ecs";
import * as pulumi from "@pulumi/pulumi";
import { serviceAlarmDefinitions } from "../design/alarms";
import { capacityProviderStrategy } from "../design/capacityStrategy";
import { serviceEnvironment } from "../design/serviceEnvironment";
import { ROLLING_DEPLOYMENT } from "../design/serviceDeployment";
import { monitoringConfiguration } from "../design/serviceMonitoring";
import { serviceName, withSuffix } from "../spec/names";
import { PlatformSpec, sentenceLabel, ServiceSpec, WebServiceSpec } from "../spec";
import { alarmResource } from "./alarmArgs";
import { AUDIT_VOLUME, auditForwarderDefinition, containerDefinition, withAuditLog } from "./containerDefinitions";
import { FORMER_ALARMED_SERVICE_IDS, FORMER_SERVICE_IDS, FormerParents } from "./formerParents";
import { createServiceRoles } from "./serviceRoles";
import { createServiceScaling } from "./serviceScaling";

/** Fargate platform 1.4.0+ is needed for ARM64 Spot and the larger sizes; LATEST resolves to it. */
const PLATFORM_VERSION = "LATEST";

/** What the web service is wired to: the ALB's group, its target group and the listener that attaches it. */
export interface LoadBalancerAttachment {
  albSecurityGroupId: pulumi.Input<string>;
  targetGroupArn: pulumi.Input<string>;
  /** ECS rejects a target group that no listener forwards to: the service waits for the listener. */
  listener: pulumi.Resource;
  namespaceId: pulumi.Input<string>;
  namespaceName: string;
}

/** A worker the web service lets in (its apiInternalCallers) opens the flow from its own side. */
export interface CalleeAttachment {
  service: WebServiceSpec;
  securityGroupId: pulumi.Input<string>;
}

export interface FargateServiceArgs {
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  clusterArn: pulumi.Input<string>;
  clusterName: string;
  capacityProviders: pulumi.Resource;
  accountId: pulumi.Input<string>;
  tasksTrustPolicy: pulumi.Input<string>;
  /** The payments table: the task role's grants on its ARN, and the service waits for it. */
  table: aws.dynamodb.Table;
  /** The image the task runs and the private ECR repositories it is pulled from (lib/infra/serviceImage.ts for the reference image). */
  image: { uri: pulumi.Input<string>; ecrRepositoryArns: pulumi.Input<string>[] };
  kmsKeyArn: pulumi.Input<string>;
  alarmTopicArn: pulumi.Input<string>;
  albArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
  /** The components this service's resources were children of before services were data. */
  formerParents: FormerParents;
  /** Present for the web service. */
  loadBalancer?: LoadBalancerAttachment;
  /** Present for a worker that calls the web service directly. */
  callee?: CalleeAttachment;
}

export class FargateService extends pulumi.ComponentResource {
  readonly serviceName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  /**
   * The audit stream's log group, when the service runs the reference image (its events are
   * written in blocking mode whether or not they are archived); undefined for a configured image.
   * lib/infra/auditDelivery.ts subscribes to it and must depend on it.
   */
  readonly auditLogGroup?: aws.cloudwatch.LogGroup;
  readonly securityGroupId: pulumi.Output<string>;
  /** `<id>.<namespace>` for the web service; undefined for a worker. */
  readonly discoveryName?: string;

  constructor(spec: PlatformSpec, service: ServiceSpec, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:compute:FargateService", withSuffix(`${service.id}-service`, suffix), {}, opts);
    // Each resource that existed in the former layout keeps the URN it had under its former
    // component (formerParents.ts); a service or an alarm that is new there has nothing to keep.
    const existed = FORMER_SERVICE_IDS.includes(service.id);
    const from = (former: keyof FormerParents, didExist = existed) =>
      didExist ? { parent: this, aliases: [{ parent: args.formerParents[former] }] } : { parent: this };
    const security = from("security");
    const name = (kind: string) => withSuffix(kind, suffix);
    const physical = (key: Parameters<typeof serviceName>[0]) => serviceName(key, service.name, suffix);
    const id = service.id;

    // --- network access: the service's group, HTTPS out, and the flows its role needs
    const group = new aws.ec2.SecurityGroup(
      physical("securityGroup"),
      {
        vpcId: args.vpcId,
        description:
          service.role === "web"
            ? `Payment ${service.label} tasks: container port from the ALB only, HTTPS out`
            : `Payment ${service.label} tasks: no ingress, HTTPS out`,
        tags: { Name: physical("securityGroup") },
      },
      security,
    );
    const rule = <T extends "ingress" | "egress">(
      direction: T,
      kind: string,
      groupId: pulumi.Input<string>,
      port: number,
      peer: { referencedSecurityGroupId: pulumi.Input<string> } | { cidrIpv4: string },
      description: string,
    ) => {
      const ruleArgs = { securityGroupId: groupId, ipProtocol: "tcp", fromPort: port, toPort: port, ...peer, description };
      return direction === "ingress"
        ? new aws.vpc.SecurityGroupIngressRule(name(kind), ruleArgs, security)
        : new aws.vpc.SecurityGroupEgressRule(name(kind), ruleArgs, security);
    };
    const lb = args.loadBalancer;
    if (service.role === "web" && lb !== undefined) {
      const port = service.containerPort;
      rule(
        "egress",
        `alb-to-${id}`,
        lb.albSecurityGroupId,
        port,
        { referencedSecurityGroupId: group.id },
        `ALB to ${service.label} tasks (traffic and health checks)`,
      );
      rule(
        "ingress",
        `${id}-from-alb`,
        group.id,
        port,
        { referencedSecurityGroupId: lb.albSecurityGroupId },
        "Container port from the ALB only",
      );
    }
    rule(
      "egress",
      `${id}-https-out`,
      group.id,
      443,
      { cidrIpv4: "0.0.0.0/0" },
      service.role === "web"
        ? "HTTPS to ECR, CloudWatch, AWS APIs and payment processors"
        : "HTTPS to AWS APIs and settlement endpoints",
    );
    if (service.role === "web") {
      // Internal callers through Cloud Map, only when configured: named security groups here, this
      // stack's workers from their own side (they are created after the web service).
      service.internalCallers.securityGroupIds.forEach((callerId) =>
        rule(
          "ingress",
          `${id}-from-${callerId}`,
          group.id,
          service.containerPort,
          { referencedSecurityGroupId: callerId },
          `Container port from ${callerId} (Cloud Map)`,
        ),
      );
    }
    const callee = args.callee;
    if (callee !== undefined) {
      const port = callee.service.containerPort;
      rule(
        "ingress",
        `${callee.service.id}-from-${id}`,
        callee.securityGroupId,
        port,
        { referencedSecurityGroupId: group.id },
        `Container port from the ${service.label} (Cloud Map)`,
      );
      rule(
        "egress",
        `${id}-to-${callee.service.id}`,
        group.id,
        port,
        { referencedSecurityGroupId: callee.securityGroupId },
        `${sentenceLabel(service)} to the ${callee.service.label} tasks (Cloud Map)`,
      );
    }

    // --- logs and identity
    const logGroup = new aws.cloudwatch.LogGroup(
      physical("logGroup"),
      {
        name: physical("logGroup"),
        retentionInDays: spec.observability.logRetentionDays,
        kmsKeyId: args.kmsKeyArn,
        logGroupClass: spec.observability.logClass,
      },
      // The name is fixed (the task definition and the execution policy name it) and a class change
      // replaces the group: the old one must go first or the new one collides with it.
      { ...from("observability"), deleteBeforeReplace: true },
    );
    // The audit stream of the reference image (its forwarder sidecar's group): Standard class whatever
    // logClass says, so the archive's subscription filter works on it (Infrequent Access groups took
    // none when the class launched); the same retention and key as the service's group.
    const audited = service.container.source === "reference";
    const auditLogGroup = audited
      ? new aws.cloudwatch.LogGroup(
          physical("auditLogGroup"),
          {
            name: physical("auditLogGroup"),
            retentionInDays: spec.observability.logRetentionDays,
            kmsKeyId: args.kmsKeyArn,
            logGroupClass: "STANDARD",
          },
          { parent: this, deleteBeforeReplace: true },
        )
      : undefined;
    const roles = createServiceRoles(
      spec,
      service,
      {
        accountId: args.accountId,
        tasksTrustPolicy: args.tasksTrustPolicy,
        tableArn: args.table.arn,
        ecrRepositoryArns: args.image.ecrRepositoryArns,
      },
      { taskRole: security, created: { parent: this } },
    );

    // One container per task (two with the audit forwarder); the definitions need the log groups'
    // names, known once the groups exist.
    const family = physical("service");
    const taskDefinition = new aws.ecs.TaskDefinition(
      family,
      {
        family,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(service.cpu),
        memory: String(service.memory),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: spec.cpuArchitecture },
        executionRoleArn: roles.executionRoleArn,
        taskRoleArn: roles.taskRoleArn,
        containerDefinitions: pulumi
          .all([logGroup.name, args.image.uri, auditLogGroup?.name])
          .apply(([groupName, image, auditGroupName]) => {
            const main = containerDefinition({
              name: service.name,
              container: service.container,
              image,
              stopTimeoutSeconds: service.stopTimeoutSeconds,
              secrets: service.secrets,
              environment: serviceEnvironment(spec, service),
              ...(service.role === "web" ? { portMapping: { containerPort: service.containerPort } } : {}),
              logGroupName: groupName,
              region: spec.region,
            });
            return JSON.stringify(
              auditGroupName === undefined
                ? [main]
                : [
                    withAuditLog(main),
                    auditForwarderDefinition({
                      image,
                      logGroupName: auditGroupName,
                      region: spec.region,
                      streamPrefix: service.name,
                      stopTimeoutSeconds: service.stopTimeoutSeconds,
                    }),
                  ],
            );
          }),
        // The audit file's volume: a bind mount with no host path, the task's ephemeral storage.
        ...(audited ? { volumes: [{ name: AUDIT_VOLUME.name }] } : {}),
      },
      from("compute"),
    );

    // --- alarms (the deployment alarms roll a bad deployment back)
    const alarms = serviceAlarmDefinitions(spec, service, {
      albArnSuffix: args.albArnSuffix,
      targetGroupArnSuffix: args.targetGroupArnSuffix,
      clusterName: args.clusterName,
    }).map((definition) => ({
      definition,
      alarm: alarmResource(
        definition,
        args.alarmTopicArn,
        from("observability", FORMER_ALARMED_SERVICE_IDS.includes(service.id)),
      ),
    }));
    const deploymentAlarmNames = alarms.filter((a) => a.definition.deploymentAlarm).map((a) => a.alarm.name);

    // --- the ECS service
    let discovery: aws.servicediscovery.Service | undefined;
    if (service.role === "web" && lb !== undefined) {
      discovery = new aws.servicediscovery.Service(
        name(`${id}-discovery`),
        {
          name: physical("discovery"),
          namespaceId: lb.namespaceId,
          // Short TTL: scale-in and Spot reclaims remove addresses quickly.
          dnsConfig: { namespaceId: lb.namespaceId, routingPolicy: "MULTIVALUE", dnsRecords: [{ type: "A", ttl: 10 }] },
          // No health check block: failureThreshold is deprecated (AWS always uses 1, every preview
          // would warn), and an empty block is read back as none, so the provider replaces the
          // service on every `up` (https://github.com/hashicorp/terraform-provider-aws/issues/44285).
          // ECS registers a task when it starts and deregisters it when it stops (a task failing its
          // container health check is stopped), so the records follow the running tasks.
          forceDestroy: true,
        },
        // A fixed name: a replacement must delete the old service before creating the new one.
        { ...from("compute"), deleteBeforeReplace: true },
      );
      this.discoveryName = `${physical("discovery")}.${lb.namespaceName}`;
    }
    const web =
      service.role === "web" && lb !== undefined && discovery !== undefined
        ? {
            loadBalancers: [
              { containerName: service.name, containerPort: service.containerPort, targetGroupArn: lb.targetGroupArn },
            ],
            healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
            serviceRegistries: [{ registryArn: discovery.arn }],
          }
        : {};
    const ecsService = new nativeEcs.Service(
      family,
      {
        cluster: args.clusterArn,
        platformVersion: PLATFORM_VERSION,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        availabilityZoneRebalancing: "ENABLED",
        monitoring: monitoringConfiguration(spec.scaling.highResolutionMetrics),
        serviceName: family,
        taskDefinition: taskDefinition.arn,
        desiredCount: service.desiredTasks,
        capacityProviderStrategy: capacityProviderStrategy(service),
        networkConfiguration: {
          awsvpcConfiguration: { assignPublicIp: "DISABLED", subnets: args.privateSubnetIds, securityGroups: [group.id] },
        },
        ...web,
        deploymentConfiguration: {
          ...ROLLING_DEPLOYMENT,
          deploymentCircuitBreaker: { enable: true, rollback: true },
          ...(deploymentAlarmNames.length > 0
            ? { alarms: { alarmNames: deploymentAlarmNames, enable: true, rollback: true } }
            : {}),
        },
      },
      {
        ...from("compute"),
        // The capacity providers and the listener (ECS refuses a strategy or a target group they do
        // not have yet), and what the tasks need the moment they start: their roles' policies (IAM is
        // eventually consistent: a task that cannot pull its image counts against the circuit
        // breaker) and the table. On destroy the service goes first, so nothing serves without them.
        dependsOn: [args.capacityProviders, ...(lb !== undefined ? [lb.listener] : []), ...roles.policies, args.table],
        // Autoscaling owns desiredCount after creation; Pulumi must not reset it on every `up`.
        ignoreChanges: ["desiredCount"],
      },
    );
    this.serviceName = ecsService.serviceName.apply((n) => n!);

    createServiceScaling(
      spec,
      service,
      {
        clusterName: args.clusterName,
        serviceName: this.serviceName,
        requestCountResourceLabel: pulumi.interpolate`${args.albArnSuffix}/${args.targetGroupArnSuffix}`,
      },
      from("scaling"),
    );

    this.logGroupName = logGroup.name;
    this.auditLogGroup = auditLogGroup;
    this.securityGroupId = group.id;
    this.registerOutputs({ serviceName: this.serviceName });
  }
}
