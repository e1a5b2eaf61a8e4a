/**
 * The payment platform: one root component that creates the us-east-1 providers (with the
 * cost-allocation tags as defaultTags) and wires the layers together in dependency order:
 * network -> security -> audit archive (bucket and flow log) -> load balancer (access logs into the
 * archive) -> web firewall -> observability -> cost guardrails -> cluster -> DNS Firewall -> payments
 * table -> reference image (when a service runs it) -> one FargateService per entry of
 * spec.services (the web service first, so workers can open their flows to it) -> audit delivery
 * (the audit and WAF log groups to the archive). Each compliance control only when its setting is on.
 */
import * as aws from "./aws";
// The provider module alone (see lib/infra/fargateService.ts for why not the package root).
import { Provider as AwsNativeProvider } from "@pulumi/aws-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, serviceName, wafLogGroupName, withSuffix } from "../spec/names";
import { PlatformSpec, ServiceSpec, serviceList, usesReferenceImage, webService } from "../spec";
import { ARCHIVE_PREFIXES, archiveNeeded } from "../design/auditArchive";
import { AuditArchive } from "./auditArchive";
import { AuditDelivery } from "./auditDelivery";
import { Cluster } from "./cluster";
import { CostGuardrails } from "./costGuardrails";
import { DnsFirewall } from "./dnsFirewall";
import { FargateService } from "./fargateService";
import { formerParentUrns } from "./formerParents";
import { LoadBalancer } from "./loadBalancer";
import { Network } from "./network";
import { Observability } from "./observability";
import { PaymentsTable } from "./paymentsTable";
import { privateEcrRepositoryArn } from "./policies";
import { Security } from "./security";
import { ServiceImage } from "./serviceImage";
import { WebFirewall } from "./webFirewall";

/** What the models computed for this spec, for the resources that show it (cost dashboard, budget). */
export interface PlatformModels {
  /** Average compute spend per hour the cost model expects. */
  computeUsdPerHour: number;
  /** The cost model's monthly estimate (USD). */
  estimatedMonthlyUsd: number;
}

export class PaymentPlatform extends pulumi.ComponentResource {
  readonly network: Network;
  readonly security: Security;
  readonly loadBalancer: LoadBalancer;
  readonly observability: Observability;
  readonly cluster: Cluster;
  readonly paymentsTable: PaymentsTable;
  /** Built when some service runs the reference image (no image key set). */
  readonly serviceImage?: ServiceImage;
  /** One per entry of spec.services, by id. */
  readonly services: Readonly<Record<string, FargateService>>;

  constructor(spec: PlatformSpec, models: PlatformModels, opts?: pulumi.ComponentResourceOptions) {
    const suffix = spec.environmentSuffix;
    super("payment:platform:PaymentPlatform", withSuffix("payment-platform", suffix), {}, opts);
    // Explicit region: the stack must not follow AWS_REGION or a profile somewhere else.
    const tags = { ...spec.tags };
    const awsProvider = new aws.Provider(
      withSuffix("aws-us-east-1", suffix),
      { region: spec.region, defaultTags: { tags } },
      { parent: this },
    );
    const nativeProvider = new AwsNativeProvider(
      withSuffix("aws-native-us-east-1", suffix),
      { region: spec.region, defaultTags: { tags } },
      { parent: this },
    );
    const layer = { parent: this, providers: { aws: awsProvider, "aws-native": nativeProvider } };
    const clusterName = physicalName("cluster", suffix);
    const formerParents = formerParentUrns(this, suffix);

    const network = new Network(spec, layer);
    const security = new Security(spec, { vpcId: network.vpcId }, layer);
    const compliance = spec.compliance;
    const archive = archiveNeeded(compliance)
      ? new AuditArchive(spec, { accountId: security.accountId, vpcId: network.vpcId }, layer)
      : undefined;
    const loadBalancer = new LoadBalancer(
      spec,
      {
        vpcId: network.vpcId,
        publicSubnetIds: network.publicSubnetIds,
        securityGroupId: security.albSecurityGroupId,
        internetGateway: network.internetGateway,
        serviceLinkedRoles: security.serviceLinkedRoles,
        // ELB test-writes to the bucket when access logs are switched on: the policy must be in place first.
        accessLogs: compliance.albAccessLogs
          ? { bucket: archive!.bucketName, prefix: ARCHIVE_PREFIXES.albAccessLogs, dependsOn: archive!.deliveryReady }
          : undefined,
      },
      layer,
    );
    const webFirewall =
      compliance.waf.mode === "off"
        ? undefined
        : new WebFirewall(
            spec,
            { albArn: loadBalancer.albArn, kmsKeyArn: security.kmsKeyArn, accountId: security.accountId },
            layer,
          );
    const observability = new Observability(
      spec,
      {
        accountId: security.accountId,
        kmsKeyArn: security.kmsKeyArn,
        clusterName,
        albArnSuffix: loadBalancer.albArnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
        natGatewayIds: network.natGatewayIds,
        modelComputeUsdPerHour: models.computeUsdPerHour,
      },
      layer,
    );
    new CostGuardrails(
      spec,
      {
        alarmTopicArn: observability.alarmTopicArn,
        alarmTopicPolicy: observability.alarmTopicPolicy,
        estimatedMonthlyUsd: models.estimatedMonthlyUsd,
      },
      layer,
    );
    const cluster = new Cluster(
      spec,
      {
        vpcId: network.vpcId,
        kmsKeyArn: security.kmsKeyArn,
        serviceLinkedRoles: security.serviceLinkedRoles,
        formerParent: formerParents.compute,
      },
      layer,
    );
    if (compliance.dnsFirewall.enabled) {
      new DnsFirewall(spec, { vpcId: network.vpcId, namespaceName: cluster.namespaceName }, layer);
    }
    const paymentsTable = new PaymentsTable(spec, { kmsKeyArn: security.kmsKeyArn }, layer);
    const serviceImage = usesReferenceImage(spec) ? new ServiceImage(spec, layer) : undefined;
    // The reference image from the stack's repository; a configured one from wherever it is (an
    // ECR image needs a pull grant on its repository, a public one none).
    const imageOf = (service: ServiceSpec) => {
      if (service.container.source === "reference") {
        return { uri: serviceImage!.imageUri, ecrRepositoryArns: [serviceImage!.repositoryArn] };
      }
      const repositoryArn = privateEcrRepositoryArn(service.container.image);
      return { uri: service.container.image, ecrRepositoryArns: repositoryArn === undefined ? [] : [repositoryArn] };
    };

    const shared = {
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      clusterArn: cluster.clusterArn,
      clusterName,
      capacityProviders: cluster.capacityProviders,
      accountId: security.accountId,
      tasksTrustPolicy: security.tasksTrustPolicy,
      table: paymentsTable.table,
      kmsKeyArn: security.kmsKeyArn,
      alarmTopicArn: observability.alarmTopicArn,
      albArnSuffix: loadBalancer.albArnSuffix,
      targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
      formerParents,
    };
    const webSpec = webService(spec);
    const web = new FargateService(
      spec,
      webSpec,
      {
        ...shared,
        image: imageOf(webSpec),
        loadBalancer: {
          albSecurityGroupId: security.albSecurityGroupId,
          targetGroupArn: loadBalancer.targetGroupArn,
          listener: loadBalancer.httpsListener,
          namespaceId: cluster.namespaceId,
          namespaceName: cluster.namespaceName,
        },
      },
      layer,
    );
    const services: Record<string, FargateService> = {};
    for (const service of serviceList(spec)) {
      if (service === webSpec) {
        services[service.id] = web;
        continue;
      }
      const callsWeb = webSpec.internalCallers.serviceIds.includes(service.id);
      services[service.id] = new FargateService(
        spec,
        service,
        {
          ...shared,
          image: imageOf(service),
          ...(callsWeb ? { callee: { service: webSpec, securityGroupId: web.securityGroupId } } : {}),
        },
        layer,
      );
    }

    // archiveNeeded holds whenever one of these controls is on, so `archive` exists below.
    if (compliance.auditEventsToArchive) {
      const audited = serviceList(spec).filter((service) => services[service.id].auditLogGroup !== undefined);
      new AuditDelivery(
        spec,
        {
          bucketArn: archive!.bucketArn,
          accountId: security.accountId,
          auditLogGroupNames: audited.map((service) => serviceName("auditLogGroup", service.name, suffix)),
          wafLogGroupName: webFirewall ? wafLogGroupName(suffix) : undefined,
          // A subscription filter needs its log group; the WAF's waits for the whole firewall (its group and logging).
          dependsOn: [...audited.map((service) => services[service.id].auditLogGroup!), ...(webFirewall ? [webFirewall] : [])],
          archiveReady: archive!.deliveryReady,
        },
        layer,
      );
    }

    this.network = network;
    this.security = security;
    this.loadBalancer = loadBalancer;
    this.observability = observability;
    this.cluster = cluster;
    this.paymentsTable = paymentsTable;
    this.serviceImage = serviceImage;
    this.services = services;
    this.registerOutputs({});
  }
}
