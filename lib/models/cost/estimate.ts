/**
 * The monthly cost of a PlatformSpec: one line item per billed quantity, each quantity x unit price,
 * for a 730-hour month of the spec's workload. Every line is always present (quantity 0 when the
 * spec does not use it) so two estimates line up item by item in the report and the waterfall.
 * Quantities are the billable ones: free tiers are subtracted before pricing, so
 * quantity x unitPriceUsd = monthlyUsd holds for every line. Nothing is rounded here.
 */
import { vcpuOf, gbOf } from "../../aws/fargateSizes";
import { FREE_TIER, PRICES, UnitPrice, fargatePrices } from "../../aws/prices";
import { platformAlarmDefinitions, serviceAlarmDefinitions } from "../../design/alarms";
import { stepScalingPolicy, targetTrackingPolicies } from "../../design/scalingPolicies";
import { INTERFACE_ENDPOINT_SERVICES, natGatewayCount } from "../../design/topology";
import { ContainerInsightsMode, PlatformSpec, ServiceSpec, serviceList, webService } from "../../spec";
import { HOURS_PER_MONTH } from "../../spec/workload";
import { ServiceUsage, serviceUsage } from "../fleet/usage";
import {
  ALARMS_PER_TARGET_TRACKING_POLICY,
  CLOUD_MAP_NAMESPACES,
  CLOUD_MAP_QUERIES_PER_CALLER_TASK_HOUR,
  CONTAINER_INSIGHTS_LOG_KB_PER_TASK_MINUTE,
  CONTAINER_INSIGHTS_METRICS,
  CROSS_AZ_BILLED_DIRECTIONS,
  DASHBOARDS,
  DAYS_PER_MONTH,
  HIGH_RESOLUTION_SERVICE_METRICS,
  KB_PER_GB,
  KMS_KEYS,
  KMS_REQUESTS_PER_LOG_GROUP_HOUR,
  LOG_STORAGE_COMPRESSION,
  NEVER_EXPIRE_MONTHS,
} from "./assumptions";
import { applicationLogGb, awsApiEgressGb, monthlyLcuHours, responseGb } from "./traffic";

export type CostComponent =
  "compute" | "load balancer" | "network" | "logs" | "monitoring" | "security" | "data transfer" | "data";

export interface LineItem {
  /** Stable identifier: the same line in two estimates has the same id. */
  id: string;
  component: CostComponent;
  description: string;
  /** Billable quantity in `unit`, after any free tier. */
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  monthlyUsd: number;
}

export interface CostEstimate {
  monthlyUsd: number;
  lineItems: LineItem[];
}

function line(
  id: string,
  component: CostComponent,
  description: string,
  quantity: number,
  unit: string,
  unitPriceUsd: number,
): LineItem {
  return { id, component, description, quantity, unit, unitPriceUsd, monthlyUsd: quantity * unitPriceUsd };
}

/** A line billed at a catalog price, in the price's own unit. */
export function billed(id: string, component: CostComponent, description: string, price: UnitPrice, quantity: number): LineItem {
  return line(id, component, description, quantity, price.unit, price.usd);
}

/** The four Fargate lines of one service: vCPU and memory, on-demand and Spot (discounted on-demand). */
function fargateLines(spec: PlatformSpec, sizing: ServiceSpec, usage: ServiceUsage): LineItem[] {
  const service = sizing.id;
  const prices = fargatePrices(spec.cpuArchitecture);
  const spotFactor = 1 - spec.cost.spotDiscount;
  const vcpu = vcpuOf(sizing.cpu);
  const gb = gbOf(sizing.memory);
  const size = `${vcpu} vCPU / ${gb} GB ${spec.cpuArchitecture}`;
  const spotNote = `Spot at ${Math.round(spec.cost.spotDiscount * 100)}% off`;
  return [
    line(
      `${service}-ondemand-vcpu`,
      "compute",
      `${service} FARGATE vCPU (${size})`,
      usage.onDemandTaskHours * vcpu,
      "vCPU-hours",
      prices.vcpuHour.usd,
    ),
    line(
      `${service}-ondemand-memory`,
      "compute",
      `${service} FARGATE memory (${size})`,
      usage.onDemandTaskHours * gb,
      "GB-hours",
      prices.gbHour.usd,
    ),
    line(
      `${service}-spot-vcpu`,
      "compute",
      `${service} FARGATE_SPOT vCPU (${size}, ${spotNote})`,
      usage.spotTaskHours * vcpu,
      "vCPU-hours",
      prices.vcpuHour.usd * spotFactor,
    ),
    line(
      `${service}-spot-memory`,
      "compute",
      `${service} FARGATE_SPOT memory (${size}, ${spotNote})`,
      usage.spotTaskHours * gb,
      "GB-hours",
      prices.gbHour.usd * spotFactor,
    ),
  ];
}

function loadBalancerLines(spec: PlatformSpec): LineItem[] {
  const { albHour, albLcuHour } = PRICES;
  return [
    billed("alb-hours", "load balancer", "Application Load Balancer hours", albHour, HOURS_PER_MONTH),
    billed(
      "alb-lcu",
      "load balancer",
      "ALB capacity units (highest of the four dimensions, per hour; processed bytes count headers)",
      albLcuHour,
      monthlyLcuHours(spec),
    ),
  ];
}

/**
 * Egress to AWS APIs (logs, ECR API/registry) goes through the NAT gateway, or through the interface
 * endpoints when they are deployed. With a single NAT, tasks in the other AZs (ECS spreads them
 * evenly) cross an AZ boundary to reach it; with endpoints in every AZ nothing crosses.
 */
function networkLines(spec: PlatformSpec, taskStarts: number): LineItem[] {
  const { availabilityZoneCount: azs, interfaceEndpoints } = spec.network;
  const nats = natGatewayCount(spec);
  const egressGb = awsApiEgressGb(spec.workload, taskStarts);
  const natGb = interfaceEndpoints ? 0 : egressGb;
  const crossAzGb = nats === 1 ? (natGb * (azs - 1)) / azs : 0;
  const endpointHours = interfaceEndpoints ? INTERFACE_ENDPOINT_SERVICES.length * azs * HOURS_PER_MONTH : 0;
  const endpointGb = interfaceEndpoints ? egressGb : 0;
  const {
    natHour,
    natGb: natGbPrice,
    crossAzGb: crossAzPrice,
    interfaceEndpointHour,
    interfaceEndpointGb,
    publicIpv4Hour,
  } = PRICES;
  return [
    billed("nat-hours", "network", `NAT gateways (${nats})`, natHour, nats * HOURS_PER_MONTH),
    billed("nat-data", "network", "NAT data processed (logs, ECR API; image layers use the S3 gateway)", natGbPrice, natGb),
    billed(
      "nat-cross-az",
      "network",
      "Cross-AZ transfer to a shared NAT gateway (billed both ways)",
      crossAzPrice,
      crossAzGb * CROSS_AZ_BILLED_DIRECTIONS,
    ),
    billed(
      "endpoint-hours",
      "network",
      `Interface endpoints (${INTERFACE_ENDPOINT_SERVICES.join(", ")}) x ${azs} AZs`,
      interfaceEndpointHour,
      endpointHours,
    ),
    billed("endpoint-data", "network", "Interface endpoint data processed", interfaceEndpointGb, endpointGb),
    billed(
      "public-ipv4",
      "network",
      `Public IPv4 addresses (${azs} ALB nodes + ${nats} NAT EIPs)`,
      publicIpv4Hour,
      (azs + nats) * HOURS_PER_MONTH,
    ),
  ];
}

/**
 * Cloud Map service discovery (lib/infra/cluster.ts, lib/infra/fargateService.ts): the private DNS
 * namespace's Route 53 hosted zone, the web service's running tasks, each registered as an instance
 * while it runs, and the DNS queries of its internal callers (none unless internalCallers names some).
 */
function serviceDiscoveryLines(spec: PlatformSpec, usages: readonly ServiceUsage[]): LineItem[] {
  const services = serviceList(spec);
  const web = webService(spec);
  const usageOf = (id: string) => usages[services.findIndex((s) => s.id === id)];
  const { serviceIds, securityGroupIds } = web.internalCallers;
  const callerTasks = serviceIds.reduce((sum, id) => sum + usageOf(id).averageTasks, 0) + securityGroupIds.length;
  const { route53HostedZoneMonth, cloudMapRegisteredResourceMonth, route53Query } = PRICES;
  return [
    billed(
      "cloud-map-namespace",
      "network",
      "Cloud Map private DNS namespace (a Route 53 private hosted zone)",
      route53HostedZoneMonth,
      CLOUD_MAP_NAMESPACES,
    ),
    billed(
      "cloud-map-instances",
      "network",
      `Cloud Map registered instances (${web.id} tasks, average running)`,
      cloudMapRegisteredResourceMonth,
      usageOf(web.id).averageTasks,
    ),
    billed(
      "cloud-map-queries",
      "network",
      `DNS queries for the ${web.id} Cloud Map name (internal callers: ${callerTasks === 0 ? "none" : `${serviceIds.length} services, ${securityGroupIds.length} security groups`})`,
      route53Query,
      callerTasks * CLOUD_MAP_QUERIES_PER_CALLER_TASK_HOUR * HOURS_PER_MONTH,
    ),
  ];
}

/** Months of ingestion kept in storage at steady state: retention / days per month, or 12 months for never-expiring logs. */
export function retainedMonths(logRetentionDays: number): number {
  return logRetentionDays === 0 ? NEVER_EXPIRE_MONTHS : logRetentionDays / DAYS_PER_MONTH;
}

function logLines(spec: PlatformSpec): LineItem[] {
  const { logClass, logRetentionDays } = spec.observability;
  const ingestedGb = applicationLogGb(spec.workload);
  const storedGbMonths = ingestedGb * LOG_STORAGE_COMPRESSION * retainedMonths(logRetentionDays);
  const ingestion = logClass === "STANDARD" ? PRICES.logsIngestionStandardGb : PRICES.logsIngestionInfrequentGb;
  const retention = logRetentionDays === 0 ? "never expire" : `${logRetentionDays} days`;
  return [
    billed("logs-ingestion", "logs", `Application log ingestion (${logClass})`, ingestion, ingestedGb),
    billed("logs-storage", "logs", `Log storage, compressed (retention ${retention})`, PRICES.logsStorageGbMonth, storedGbMonths),
  ];
}

/** Standard alarms and high-resolution alarms the stack creates. */
export function alarmCounts(spec: PlatformSpec): { standard: number; highResolution: number } {
  const context = { albArnSuffix: "alb", targetGroupArnSuffix: "tg", clusterName: "cluster" };
  const platform = [
    ...platformAlarmDefinitions(spec, context),
    ...serviceList(spec).flatMap((service) => serviceAlarmDefinitions(spec, service, context)),
    // The step-scaling trigger is the stack's own alarm (not AWS-managed): billed whatever the bounds.
    ...serviceList(spec).flatMap((service) => stepScalingPolicy(spec, service)?.alarm ?? []),
  ];
  // Target tracking policies (two alarms each) exist only on a service that can scale.
  const policies = serviceList(spec).flatMap((service) =>
    service.maxTasks > service.minTasks ? targetTrackingPolicies(spec, service) : [],
  );
  const highResolutionPolicies = policies.filter((p) => p.predefinedMetricType.endsWith("HighResolution")).length;
  const highResolutionPlatform = platform.filter((a) => a.periodSeconds < 60).length;
  return {
    standard:
      platform.length - highResolutionPlatform + (policies.length - highResolutionPolicies) * ALARMS_PER_TARGET_TRACKING_POLICY,
    highResolution: highResolutionPlatform + highResolutionPolicies * ALARMS_PER_TARGET_TRACKING_POLICY,
  };
}

/** Container Insights metrics: per cluster, per service, and per running task with enhanced observability. */
export function containerInsightsMetrics(spec: PlatformSpec, averageTasks: number): number {
  const mode = spec.observability.containerInsights;
  if (mode === "disabled") return 0;
  const base = CONTAINER_INSIGHTS_METRICS.perCluster + serviceList(spec).length * CONTAINER_INSIGHTS_METRICS.perService;
  return mode === "enhanced" ? base + averageTasks * CONTAINER_INSIGHTS_METRICS.perTaskEnhanced : base;
}

/**
 * The price of one Container Insights metric-month: standard ("enabled") metrics are embedded
 * metrics billed as custom metrics; enhanced observability on ECS bills every one of its metrics at
 * the Container Insights rate (lib/models/cost/assumptions.ts, CONTAINER_INSIGHTS_METRICS).
 */
export function containerInsightsMetricPrice(mode: ContainerInsightsMode): UnitPrice {
  return mode === "enhanced" ? PRICES.containerInsightsEcsEnhancedMetricMonth : PRICES.customMetricMonth;
}

function monitoringLines(spec: PlatformSpec, taskHours: number): LineItem[] {
  const insightsOn = spec.observability.containerInsights !== "disabled";
  const insightsLogGb = insightsOn ? (taskHours * 60 * CONTAINER_INSIGHTS_LOG_KB_PER_TASK_MINUTE) / KB_PER_GB : 0;
  const highResolutionMetrics = spec.scaling.highResolutionMetrics
    ? HIGH_RESOLUTION_SERVICE_METRICS * serviceList(spec).length
    : 0;
  const alarms = alarmCounts(spec);
  const { customMetricMonth, logsIngestionStandardGb, alarmStandardMonth, alarmHighResolutionMonth, dashboardMonth } = PRICES;
  return [
    billed(
      "container-insights-metrics",
      "monitoring",
      `Container Insights metrics (${spec.observability.containerInsights})`,
      containerInsightsMetricPrice(spec.observability.containerInsights),
      containerInsightsMetrics(spec, taskHours / HOURS_PER_MONTH),
    ),
    billed(
      "container-insights-logs",
      "monitoring",
      "Container Insights performance log ingestion",
      logsIngestionStandardGb,
      insightsLogGb,
    ),
    billed(
      "service-metrics-20s",
      "monitoring",
      "20-second ECS service CPU/memory metrics",
      customMetricMonth,
      highResolutionMetrics,
    ),
    billed(
      "alarms-standard",
      "monitoring",
      `Standard alarms (${alarms.standard}, first ${FREE_TIER.standardAlarms} free)`,
      alarmStandardMonth,
      Math.max(0, alarms.standard - FREE_TIER.standardAlarms),
    ),
    billed(
      "alarms-high-resolution",
      "monitoring",
      "High-resolution alarms (target tracking on 20-second metrics)",
      alarmHighResolutionMonth,
      alarms.highResolution,
    ),
    billed(
      "dashboards",
      "monitoring",
      `Dashboards (${DASHBOARDS}, first ${FREE_TIER.dashboards} free)`,
      dashboardMonth,
      Math.max(0, DASHBOARDS - FREE_TIER.dashboards),
    ),
  ];
}

/** KMS requests: each task start fetches its service's secrets, and every service's log group asks for data keys. */
function securityLines(spec: PlatformSpec, usages: readonly ServiceUsage[]): LineItem[] {
  const services = serviceList(spec);
  const secretFetches = services.reduce((sum, s, i) => sum + usages[i].taskStarts * Object.keys(s.secrets).length, 0);
  const requests = secretFetches + services.length * KMS_REQUESTS_PER_LOG_GROUP_HOUR * HOURS_PER_MONTH;
  return [
    billed("kms-keys", "security", "KMS customer managed key", PRICES.kmsKeyMonth, KMS_KEYS),
    billed(
      "kms-requests",
      "security",
      `KMS requests (secrets at task start, log data keys; first ${FREE_TIER.kmsRequests} free)`,
      PRICES.kmsRequest,
      Math.max(0, requests - FREE_TIER.kmsRequests),
    ),
  ];
}

function dataTransferLines(spec: PlatformSpec): LineItem[] {
  return [
    billed(
      "data-transfer-out",
      "data transfer",
      `Responses to the internet: bodies, headers, TLS handshakes (first ${FREE_TIER.dataTransferOutGb} GB free)`,
      PRICES.dataTransferOutGb,
      Math.max(0, responseGb(spec.workload) - FREE_TIER.dataTransferOutGb),
    ),
  ];
}

/** The monthly cost of a spec and its line items. */
export function estimateMonthlyCost(spec: PlatformSpec): CostEstimate {
  const services = serviceList(spec);
  const usages = services.map((service) => serviceUsage(spec, service));
  // Summed term by term in service order, the order the line items list them.
  const taskHours = usages.reduce((total, u) => total + u.onDemandTaskHours + u.spotTaskHours, 0);
  const taskStarts = usages.reduce((total, u) => total + u.taskStarts, 0);
  const lineItems = [
    ...services.flatMap((service, i) => fargateLines(spec, service, usages[i])),
    ...loadBalancerLines(spec),
    ...networkLines(spec, taskStarts),
    ...serviceDiscoveryLines(spec, usages),
    ...logLines(spec),
    ...monitoringLines(spec, taskHours),
    ...securityLines(spec, usages),
    ...dataTransferLines(spec),
  ];
  return { monthlyUsd: lineItems.reduce((total, item) => total + item.monthlyUsd, 0), lineItems };
}

/** The total alone: the cost function the optimizer and the right-sizer are given (they do not import this model). */
export function monthlyCostUsd(spec: PlatformSpec): number {
  return estimateMonthlyCost(spec).monthlyUsd;
}
