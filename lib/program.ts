/**
 * The Pulumi program: config -> platform -> stack outputs. index.ts runs it under the Pulumi CLI;
 * the offline plan runs the same function under the in-process mock engine.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "./config";
import { PaymentPlatform } from "./platform";
import { PlatformSpec } from "./spec";

export function stackOutputs(platform: PaymentPlatform): Record<string, pulumi.Output<unknown>> {
  const { network, loadBalancer, compute, observability, security } = platform;
  return {
    clusterName: compute.clusterName,
    clusterArn: compute.clusterArn,
    albDnsName: loadBalancer.dnsName,
    albUrl: pulumi.interpolate`https://${loadBalancer.dnsName}`,
    apiServiceName: compute.apiServiceName,
    workerServiceName: compute.workerServiceName,
    serviceDiscoveryName: pulumi.output(compute.serviceDiscoveryName),
    vpcId: network.vpcId,
    publicSubnetIds: pulumi.all(network.publicSubnetIds),
    privateSubnetIds: pulumi.all(network.privateSubnetIds),
    logGroupNames: pulumi.all([observability.apiLogGroupName, observability.workerLogGroupName]),
    alarmTopicArn: observability.alarmTopicArn,
    kmsKeyArn: security.kmsKeyArn,
    dashboardUrls: pulumi.output({ performance: observability.performanceDashboardUrl }),
  };
}

export interface ProgramResult {
  spec: PlatformSpec;
  outputs: Record<string, pulumi.Output<unknown>>;
}

/** Reads config (throws ConfigError before any resource exists), builds the platform. */
export function runProgram(opts?: pulumi.ComponentResourceOptions): ProgramResult {
  const spec = loadSpec();
  const platform = new PaymentPlatform(spec, opts);
  return { spec, outputs: stackOutputs(platform) };
}
