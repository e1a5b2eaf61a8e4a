/**
 * The Pulumi program: config -> platform -> stack outputs. index.ts runs it under the Pulumi CLI;
 * the offline plan runs the same function under the in-process mock engine.
 */
import * as pulumi from "@pulumi/pulumi";
import { Placeholder, placeholders } from "./config/placeholders";
import { ServiceCatalog } from "./config/services";
import { ConfigError } from "./config/source";
import { PaymentPlatform, PlatformModels } from "./infra/platform";
import { percent, usd } from "./format";
import { buildCostReport, CostReport } from "./models/cost/costReport";
import { roundTo } from "./models/round";
import { PlatformSpec, serviceList, webService } from "./spec";
import { loadSpec } from "./runningStack";

/** Cents are enough for an output people read; the plan document keeps full precision. */
const cents = (usd: number) => roundTo(usd, 2);

export function costEstimateOutput(cost: CostReport) {
  return {
    baselineMonthlyUsd: cents(cost.baseline.monthlyUsd),
    optimizedMonthlyUsd: cents(cost.optimized.monthlyUsd),
    savingsPercent: roundTo(cost.savingsPercent, 1),
    // The controls the baseline lacks, outside savingsPercent (like-for-like), and the bill change with them.
    complianceMonthlyUsd: cents(cost.compliance.monthlyUsd),
    billChangePercent: roundTo(cost.billChangePercent, 1),
    pricesAsOf: cost.pricesAsOf,
  };
}

/** The warning `pulumi preview` / `up` logs when the configuration misses the savings target. */
export function savingsWarning(cost: CostReport): string | undefined {
  if (cost.meetsTarget) return undefined;
  return (
    `Estimated savings ${percent(cost.savingsPercent)} are below minSavingsPercent ${cost.minSavingsPercent}% ` +
    `(baseline ${usd(cost.baseline.monthlyUsd)} USD, this stack ${usd(cost.optimized.monthlyUsd)} USD per month). ` +
    "Run `npm run plan` for the line items and the savings waterfall."
  );
}

/** What the platform's resources show of the cost model: its compute spend per hour and its monthly total. */
export function platformModels(cost: CostReport): PlatformModels {
  const compute = cost.optimized.lineItems.filter((item) => item.component === "compute");
  return {
    computeUsdPerHour: compute.reduce((sum, item) => sum + item.monthlyUsd, 0) / cost.hoursPerMonth,
    estimatedMonthlyUsd: cost.optimized.monthlyUsd,
  };
}

export function stackOutputs(
  spec: PlatformSpec,
  platform: PaymentPlatform,
  cost: CostReport,
): Record<string, pulumi.Output<unknown>> {
  const { network, loadBalancer, cluster, observability, security, services } = platform;
  const list = serviceList(spec);
  return {
    clusterName: cluster.clusterName,
    clusterArn: cluster.clusterArn,
    albDnsName: loadBalancer.dnsName,
    albUrl: pulumi.interpolate`https://${loadBalancer.dnsName}`,
    // One `<id>ServiceName` per service: apiServiceName, workerServiceName, ...
    ...Object.fromEntries(list.map((s) => [`${s.id}ServiceName`, services[s.id].serviceName])),
    serviceDiscoveryName: pulumi.output(services[webService(spec).id].discoveryName as string),
    vpcId: network.vpcId,
    publicSubnetIds: pulumi.all(network.publicSubnetIds),
    privateSubnetIds: pulumi.all(network.privateSubnetIds),
    logGroupNames: pulumi.all(list.map((s) => services[s.id].logGroupName)),
    alarmTopicArn: observability.alarmTopicArn,
    kmsKeyArn: security.kmsKeyArn,
    paymentsTableName: platform.paymentsTable.table.name,
    dashboardUrls: pulumi.output({ performance: observability.performanceDashboardUrl, cost: observability.costDashboardUrl }),
    costEstimate: pulumi.output(costEstimateOutput(cost)),
  };
}

export interface ProgramResult {
  spec: PlatformSpec;
  cost: CostReport;
  /** Placeholder values in the config (lib/config/placeholders.ts), for the offline plan to show. */
  placeholders: Placeholder[];
  outputs: Record<string, pulumi.Output<unknown>>;
}

export interface ProgramOptions extends pulumi.ComponentResourceOptions {
  /** The services to build (default: lib/config/services.ts); tests add one to prove a new service is one entry. */
  catalog?: ServiceCatalog;
  /**
   * "refuse" (`pulumi up`/`preview`): a placeholder AWS would reject stops the program before any
   * resource, the others are warnings. "report" (the offline plan): all are returned and shown.
   */
  placeholders?: "refuse" | "report";
}

/** Reads config (throws ConfigError before any resource exists), prices it, builds the platform. */
export function runProgram(options: ProgramOptions = {}): ProgramResult {
  const { catalog, placeholders: mode = "refuse", ...opts } = options;
  const spec = loadSpec(undefined, catalog);
  const found = placeholders(spec);
  if (mode === "refuse") {
    const fatal = found.filter((p) => p.failsDeploy);
    if (fatal.length > 0) throw new ConfigError(fatal.map((p) => p.message));
    for (const p of found) void pulumi.log.warn(p.message);
  }
  const cost = buildCostReport(spec);
  const warning = savingsWarning(cost);
  if (warning !== undefined) void pulumi.log.warn(warning);
  const platform = new PaymentPlatform(spec, platformModels(cost), opts);
  return { spec, cost, placeholders: found, outputs: stackOutputs(spec, platform, cost) };
}
