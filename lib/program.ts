/**
 * The Pulumi program: config -> platform -> stack outputs. index.ts runs it under the Pulumi CLI;
 * the offline plan runs the same function under the in-process mock engine.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "./config";
import { buildCostReport, CostReport } from "./cost/costReport";
import { PaymentPlatform } from "./platform";
import { PlatformSpec } from "./spec";

/** Cents are enough for an output people read; the plan document keeps full precision. */
const cents = (usd: number) => Math.round(usd * 100) / 100;

export function costEstimateOutput(cost: CostReport) {
  return {
    baselineMonthlyUsd: cents(cost.baseline.monthlyUsd),
    optimizedMonthlyUsd: cents(cost.optimized.monthlyUsd),
    savingsPercent: Math.round(cost.savingsPercent * 10) / 10,
    pricesAsOf: cost.pricesAsOf,
  };
}

/** The warning `pulumi preview` / `up` logs when the configuration misses the savings target. */
export function savingsWarning(cost: CostReport): string | undefined {
  if (cost.meetsTarget) return undefined;
  return (
    `Estimated savings ${cost.savingsPercent.toFixed(1)}% are below minSavingsPercent ${cost.minSavingsPercent}% ` +
    `(baseline ${cents(cost.baseline.monthlyUsd)} USD, this stack ${cents(cost.optimized.monthlyUsd)} USD per month). ` +
    "Run `npm run plan` for the line items and the savings waterfall."
  );
}

export function stackOutputs(platform: PaymentPlatform, cost: CostReport): Record<string, pulumi.Output<unknown>> {
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
    dashboardUrls: pulumi.output({ performance: observability.performanceDashboardUrl, cost: observability.costDashboardUrl }),
    costEstimate: pulumi.output(costEstimateOutput(cost)),
  };
}

export interface ProgramResult {
  spec: PlatformSpec;
  cost: CostReport;
  outputs: Record<string, pulumi.Output<unknown>>;
}

/** Reads config (throws ConfigError before any resource exists), prices it, builds the platform. */
export function runProgram(opts?: pulumi.ComponentResourceOptions): ProgramResult {
  const spec = loadSpec();
  const cost = buildCostReport(spec);
  const warning = savingsWarning(cost);
  if (warning !== undefined) void pulumi.log.warn(warning);
  const platform = new PaymentPlatform(spec, { cost }, opts);
  return { spec, cost, outputs: stackOutputs(platform, cost) };
}
