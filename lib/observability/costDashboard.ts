/**
 * The cost dashboard: what the stack is spending now, from live metrics times the catalog prices
 * (metric math), next to the cost model's estimate. Widgets: estimated compute USD/hour by capacity
 * provider, Spot share of Fargate vCPU, NAT bytes processed, log bytes ingested, ALB LCUs.
 */
import { vcpuOf, gbOf } from "../compute/fargateSizes";
import { fargatePrices, PRICES } from "../cost/priceCatalog";
import { PlatformSpec, ServiceSizing } from "../spec";
import { fargateUsageLine } from "./performanceDashboard";
import { metricLine, metricMathNumber, metricWidget, MetricWidget, onDemandTasksExpression } from "./dashboardWidgets";

export interface CostDashboardContext {
  clusterName: string;
  apiServiceName: string;
  workerServiceName: string;
  albArnSuffix: string;
  natGatewayIds: string[];
  logGroupNames: string[];
  /** The cost model's average compute spend (USD/hour), drawn as a reference line. */
  modelComputeUsdPerHour: number;
}

/** On-demand and Spot price of one task-hour of a service. */
export function taskHourPrices(spec: PlatformSpec, sizing: ServiceSizing): { onDemand: number; spot: number } {
  const { vcpuHour, gbHour } = fargatePrices(spec.cpuArchitecture);
  const onDemand = vcpuOf(sizing.cpu) * vcpuHour.usd + gbOf(sizing.memory) * gbHour.usd;
  return { onDemand, spot: onDemand * (1 - spec.cost.spotDiscount) };
}

export function costDashboardBody(spec: PlatformSpec, ctx: CostDashboardContext): { widgets: MetricWidget[] } {
  const region = spec.region;
  const api = taskHourPrices(spec, spec.api);
  const worker = taskHourPrices(spec, spec.worker);
  const hidden = { visible: false, stat: "Average" };
  const onDemandApi = onDemandTasksExpression("api", spec.api);
  const computeWidget = metricWidget(
    "Estimated compute spend (USD/hour): running tasks x catalog prices, split by the configured strategy",
    region,
    [
      metricLine(
        "ECS/ContainerInsights",
        "RunningTaskCount",
        { ClusterName: ctx.clusterName, ServiceName: ctx.apiServiceName },
        { id: "api", ...hidden },
      ),
      metricLine(
        "ECS/ContainerInsights",
        "RunningTaskCount",
        { ClusterName: ctx.clusterName, ServiceName: ctx.workerServiceName },
        { id: "worker", ...hidden },
      ),
      [{ id: "apiOnDemand", expression: `${onDemandApi} * ${metricMathNumber(api.onDemand)}`, label: "API on FARGATE" }],
      [{ id: "apiSpot", expression: `(api - ${onDemandApi}) * ${metricMathNumber(api.spot)}`, label: "API on FARGATE_SPOT" }],
      [{ id: "workerSpot", expression: `worker * ${metricMathNumber(worker.spot)}`, label: "worker on FARGATE_SPOT" }],
      [{ id: "total", expression: "apiOnDemand + apiSpot + workerSpot", label: "total compute" }],
    ],
    { period: 300 },
  );
  computeWidget.properties.annotations = {
    horizontal: [{ label: "cost model average", value: metricMathNumber(ctx.modelComputeUsdPerHour) }],
  };
  const nat = ctx.natGatewayIds.flatMap((id, i) => [
    metricLine("AWS/NATGateway", "BytesOutToDestination", { NatGatewayId: id }, { id: `out${i}`, visible: false, stat: "Sum" }),
    metricLine("AWS/NATGateway", "BytesInFromDestination", { NatGatewayId: id }, { id: `in${i}`, visible: false, stat: "Sum" }),
  ]);
  return {
    widgets: [
      computeWidget,
      metricWidget(
        "Spot share of Fargate vCPU (account, %)",
        region,
        [
          fargateUsageLine("OnDemand", { id: "od", visible: false, stat: "Maximum" }),
          fargateUsageLine("Spot", { id: "sp", visible: false, stat: "Maximum" }),
          [{ id: "share", expression: "100 * sp / (sp + od)", label: "Spot share" }],
        ],
        { period: 300 },
      ),
      metricWidget(
        `NAT gateway GB processed per hour (USD ${PRICES.natGb.usd}/GB)`,
        region,
        [...nat, [{ id: "natGb", expression: "SUM(METRICS()) / 1000000000", label: "GB processed" }]],
        { period: 3600 },
      ),
      metricWidget(
        `Log bytes ingested per hour (USD ${spec.observability.logClass === "STANDARD" ? PRICES.logsIngestionStandardGb.usd : PRICES.logsIngestionInfrequentGb.usd}/GB)`,
        region,
        ctx.logGroupNames.map((name) =>
          metricLine("AWS/Logs", "IncomingBytes", { LogGroupName: name }, { stat: "Sum", label: name }),
        ),
        { period: 3600 },
      ),
      metricWidget(
        `ALB LCUs (USD ${PRICES.albLcuHour.usd}/LCU-hour)`,
        region,
        [
          metricLine(
            "AWS/ApplicationELB",
            "ConsumedLCUs",
            { LoadBalancer: ctx.albArnSuffix },
            { stat: "Average", label: "LCUs" },
          ),
        ],
        {
          period: 3600,
        },
      ),
    ],
  };
}
