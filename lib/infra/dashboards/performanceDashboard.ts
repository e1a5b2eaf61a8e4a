/** The performance dashboard: the web service's latency, traffic, errors and health; every service's utilization and tasks. */
import { serviceName } from "../../spec/names";
import { PlatformSpec, serviceList, webService } from "../../spec";
import { metricLine, metricWidget, MetricWidget, onDemandTasksExpression } from "./widgets";

/**
 * Fargate vCPU in use by purchase option (account-wide AWS/Usage metrics; tasks of other stacks in
 * the account count too): https://docs.aws.amazon.com/AmazonECS/latest/developerguide/monitoring-fargate-usage.html
 */
export function fargateUsageLine(purchaseClass: "OnDemand" | "Spot", options: Record<string, unknown>) {
  return metricLine(
    "AWS/Usage",
    "ResourceCount",
    { Service: "Fargate", Type: "Resource", Resource: "vCPU", Class: `Standard/${purchaseClass}` },
    options,
  );
}

/** Where the dashboards look, once the ALB exists: plain strings. */
export interface DashboardContext {
  clusterName: string;
  albArnSuffix: string;
  targetGroupArnSuffix: string;
}

/** The ECS dimensions of a service. */
export function serviceDimensions(spec: PlatformSpec, ctx: DashboardContext, base: string): Record<string, string> {
  return { ClusterName: ctx.clusterName, ServiceName: serviceName("service", base, spec.environmentSuffix) };
}

export function performanceDashboardBody(spec: PlatformSpec, ctx: DashboardContext): { widgets: MetricWidget[] } {
  const region = spec.region;
  const alb = { LoadBalancer: ctx.albArnSuffix };
  const target = { LoadBalancer: ctx.albArnSuffix, TargetGroup: ctx.targetGroupArnSuffix };
  const web = webService(spec);
  const services = serviceList(spec);
  const latency = (stat: string) => metricLine("AWS/ApplicationELB", "TargetResponseTime", alb, { stat, label: stat });
  const dimensions = (base: string) => serviceDimensions(spec, ctx, base);
  return {
    widgets: [
      metricWidget(`${web.label} latency p50 / p90 / p99 (s)`, region, [latency("p50"), latency("p90"), latency("p99")], {
        unit: "seconds",
      }),
      metricWidget("Requests per minute", region, [
        metricLine("AWS/ApplicationELB", "RequestCount", alb, { stat: "Sum", label: "requests" }),
      ]),
      metricWidget("5xx per minute", region, [
        metricLine("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", target, { stat: "Sum", label: "target 5xx" }),
        metricLine("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", alb, { stat: "Sum", label: "ALB 5xx" }),
      ]),
      metricWidget("Healthy / unhealthy targets", region, [
        metricLine("AWS/ApplicationELB", "HealthyHostCount", target, { stat: "Minimum", label: "healthy" }),
        metricLine("AWS/ApplicationELB", "UnHealthyHostCount", target, { stat: "Maximum", label: "unhealthy" }),
      ]),
      metricWidget(
        "CPU and memory utilization (%)",
        region,
        services.flatMap((s) => [
          metricLine("AWS/ECS", "CPUUtilization", dimensions(s.name), { stat: "Average", label: `${s.label} CPU` }),
          metricLine("AWS/ECS", "MemoryUtilization", dimensions(s.name), { stat: "Average", label: `${s.label} memory` }),
        ]),
        { unit: "percent" },
      ),
      metricWidget(
        "Running tasks",
        region,
        services.map((s) =>
          metricLine("ECS/ContainerInsights", "RunningTaskCount", dimensions(s.name), {
            stat: "Average",
            label: `${s.label} tasks`,
          }),
        ),
      ),
      metricWidget(
        `${web.label} running tasks by capacity provider (configured split of the running count)`,
        region,
        [
          metricLine("ECS/ContainerInsights", "RunningTaskCount", dimensions(web.name), {
            id: "web",
            visible: false,
            stat: "Average",
          }),
          [{ id: "onDemand", expression: onDemandTasksExpression("web", web), label: "FARGATE (on-demand)" }],
          [{ id: "spot", expression: `web - onDemand`, label: "FARGATE_SPOT" }],
        ],
        { stacked: true },
      ),
      metricWidget(
        "Fargate vCPU in use by purchase option (whole account, measured)",
        region,
        [
          fargateUsageLine("OnDemand", { stat: "Maximum", label: "FARGATE (on-demand)" }),
          fargateUsageLine("Spot", { stat: "Maximum", label: "FARGATE_SPOT" }),
        ],
        { stacked: true },
      ),
    ],
  };
}
