/**
 * The payment platform: one root component that creates the us-east-1 providers (with the
 * cost-allocation tags as defaultTags) and wires the layers together in dependency order:
 * network -> security -> load balancer -> observability -> compute -> scaling, plus the cost guardrails.
 */

/** What the models computed for this spec, for the resources that show it (cost dashboard). */
export interface PlatformModels {
  cost: CostReport;
}
import * as aws from "@pulumi/aws";
import * as awsNative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { Compute } from "./compute/compute";
import { CostReport } from "./cost/costReport";
import { LoadBalancer } from "./loadBalancer/loadBalancer";
import { withSuffix } from "./naming";
import { Network } from "./network/network";
import { CostGuardrails } from "./observability/costGuardrails";
import { Observability } from "./observability/observability";
import { Scaling } from "./scaling/scaling";
import { Security } from "./security/security";
import { PlatformSpec } from "./spec";

export class PaymentPlatform extends pulumi.ComponentResource {
  readonly network: Network;
  readonly security: Security;
  readonly loadBalancer: LoadBalancer;
  readonly observability: Observability;
  readonly compute: Compute;

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
    const nativeProvider = new awsNative.Provider(
      withSuffix("aws-native-us-east-1", suffix),
      { region: spec.region, defaultTags: { tags } },
      { parent: this },
    );
    const layer = { parent: this, providers: { aws: awsProvider, "aws-native": nativeProvider } };

    const network = new Network(spec, layer);
    const security = new Security(spec, { vpcId: network.vpcId }, layer);
    const loadBalancer = new LoadBalancer(
      spec,
      { vpcId: network.vpcId, publicSubnetIds: network.publicSubnetIds, securityGroupId: security.albSecurityGroupId },
      layer,
    );
    const observability = new Observability(
      spec,
      {
        accountId: security.accountId,
        kmsKeyArn: security.kmsKeyArn,
        albArnSuffix: loadBalancer.albArnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
        natGatewayIds: network.natGatewayIds,
        cost: models.cost,
      },
      layer,
    );
    new CostGuardrails(spec, { alarmTopicArn: observability.alarmTopicArn, cost: models.cost }, layer);
    const compute = new Compute(
      spec,
      {
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        apiSecurityGroupId: security.apiSecurityGroupId,
        workerSecurityGroupId: security.workerSecurityGroupId,
        executionRoleArn: security.executionRoleArn,
        apiTaskRoleArn: security.apiTaskRoleArn,
        workerTaskRoleArn: security.workerTaskRoleArn,
        apiLogGroupName: observability.apiLogGroupName,
        workerLogGroupName: observability.workerLogGroupName,
        targetGroupArn: loadBalancer.targetGroupArn,
        listener: loadBalancer.httpsListener,
        deploymentAlarmNames: observability.deploymentAlarmNames,
      },
      layer,
    );
    new Scaling(
      spec,
      {
        clusterName: compute.clusterName,
        apiServiceName: compute.apiServiceName,
        workerServiceName: compute.workerServiceName,
        albArnSuffix: loadBalancer.albArnSuffix,
        targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
      },
      layer,
    );

    this.network = network;
    this.security = security;
    this.loadBalancer = loadBalancer;
    this.observability = observability;
    this.compute = compute;
    this.registerOutputs({});
  }
}
