/**
 * The cost dashboard: what the stack is spending now, from live metrics times the catalog prices
 * (metric math), next to the cost model's estimate. Widgets: estimated compute USD/hour per service
 * and capacity provider, Spot share of Fargate vCPU, NAT bytes processed, log bytes ingested, ALB LCUs.
 */
import { gbOf, vcpuOf } from "../../aws/fargateSizes";
import { fargatePrices, PRICES } from "../../aws/prices";
import { serviceName } from "../../spec/names";
import { PlatformSpec, ServiceSizing, serviceList } from "../../spec";
import { DashboardContext, fargateUsageLine, serviceDimensions } from "./performanceDashboard";
import { metricLine, metricMathNumber, metricWidget, MetricWidget, onDemandTasksExpression } from "./widgets";

export interface CostDashboardContext extends DashboardContext {
  natGatewayIds: string[];
  /** The cost model's average compute spend (USD/hour), drawn as a reference line. */
  modelComputeUsdPerHour: number;
}

/** On-demand and Spot price of one task-hour of a service. */
export function taskHourPrices(spec: PlatformSpec, sizing: ServiceSizing): { onDemand: number; spot: number } {
  const { vcpuHour, gbHour } = fargatePrices(spec.cpuArchitecture);
  const onDemand = vcpuOf(sizing.cpu) * vcpuHour.usd + gbOf(sizing.memory) * gbHour.usd;
  return { onDemand, spot: onDemand * (1 - spec.cost.spotDiscount) };
}

/** A metric-math id from a service id: a lowercase letter first, then letters, digits and underscores. */
export function metricId(serviceId: string): string {
  return `s_${serviceId.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

export function costDashboardBody(spec: PlatformSpec, ctx: CostDashboardContext): { widgets: MetricWidget[] } {
  const region = spec.region;
  const services = serviceList(spec);
  const hidden = { visible: false, stat: "Average" };
  const perService = services.flatMap((s) => {
    const id = metricId(s.id);
    const price = taskHourPrices(spec, s);
    const onDemand = onDemandTasksExpression(id, s);
    return [
      metricLine("ECS/ContainerInsights", "RunningTaskCount", serviceDimensions(spec, ctx, s.name), { id, ...hidden }),
      [{ id: `${id}_od`, expression: `${onDemand} * ${metricMathNumber(price.onDemand)}`, label: `${s.label} on FARGATE` }],
      [
        {
          id: `${id}_spot`,
          expression: `(${id} - ${onDemand}) * ${metricMathNumber(price.spot)}`,
          label: `${s.label} on FARGATE_SPOT`,
        },
      ],
    ];
  });
  const total = services.flatMap((s) => [`${metricId(s.id)}_od`, `${metricId(s.id)}_spot`]).join(" + ");
  const computeWidget = metricWidget(
    "Estimated compute spend (USD/hour): running tasks x catalog prices, split by the configured strategy",
    region,
    [...perService, [{ id: "total", expression: total, label: "total compute" }]],
    { period: 300 },
  );
  computeWidget.properties.annotations = {
    horizontal: [{ label: "cost model average", value: metricMathNumber(ctx.modelComputeUsdPerHour) }],
  };
  const nat = ctx.natGatewayIds.flatMap((id, i) => [
    metricLine("AWS/NATGateway", "BytesOutToDestination", { NatGatewayId: id }, { id: `out${i}`, visible: false, stat: "Sum" }),
    metricLine("AWS/NATGateway", "BytesInFromDestination", { NatGatewayId: id }, { id: `in${i}`, visible: false, stat: "Sum" }),
  ]);
  const ingestionPrice =
    spec.observability.logClass === "STANDARD" ? PRICES.logsIngestionStandardGb.usd : PRICES.logsIngestionInfrequentGb.usd;
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
        `Log bytes ingested per hour (USD ${ingestionPrice}/GB)`,
        region,
        services.map((s) => {
          const logGroup = serviceName("logGroup", s.name, spec.environmentSuffix);
          return metricLine("AWS/Logs", "IncomingBytes", { LogGroupName: logGroup }, { stat: "Sum", label: logGroup });
        }),
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
        { period: 3600 },
      ),
    ],
  };
}
