/** The performance dashboard: latency percentiles, traffic, errors, health, utilization, tasks. */
import { PlatformSpec } from "../spec";
import { AlarmContext } from "./alarmDefinitions";
import { metricLine, metricWidget, MetricWidget, onDemandTasksExpression } from "./dashboardWidgets";

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

/** The alarm context once the ALB exists: plain strings. */
export type ResolvedContext = { [K in keyof AlarmContext]: string } & { workerServiceName: string };

export function performanceDashboardBody(spec: PlatformSpec, ctx: ResolvedContext): { widgets: MetricWidget[] } {
  const region = spec.region;
  const alb = { LoadBalancer: ctx.albArnSuffix };
  const target = { LoadBalancer: ctx.albArnSuffix, TargetGroup: ctx.targetGroupArnSuffix };
  const api = { ClusterName: ctx.clusterName, ServiceName: ctx.serviceName };
  const worker = { ClusterName: ctx.clusterName, ServiceName: ctx.workerServiceName };
  const latency = (stat: string) => metricLine("AWS/ApplicationELB", "TargetResponseTime", alb, { stat, label: stat });
  return {
    widgets: [
      metricWidget("API latency p50 / p90 / p99 (s)", region, [latency("p50"), latency("p90"), latency("p99")], {
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
        [
          metricLine("AWS/ECS", "CPUUtilization", api, { stat: "Average", label: "API CPU" }),
          metricLine("AWS/ECS", "MemoryUtilization", api, { stat: "Average", label: "API memory" }),
          metricLine("AWS/ECS", "CPUUtilization", worker, { stat: "Average", label: "worker CPU" }),
        ],
        { unit: "percent" },
      ),
      metricWidget("Running tasks", region, [
        metricLine("ECS/ContainerInsights", "RunningTaskCount", api, { stat: "Average", label: "API tasks" }),
        metricLine("ECS/ContainerInsights", "RunningTaskCount", worker, { stat: "Average", label: "worker tasks" }),
      ]),
      metricWidget(
        "API running tasks by capacity provider (configured split of the running count)",
        region,
        [
          metricLine("ECS/ContainerInsights", "RunningTaskCount", api, { id: "api", visible: false, stat: "Average" }),
          [{ id: "onDemand", expression: onDemandTasksExpression("api", spec.api), label: "FARGATE (on-demand)" }],
          [{ id: "spot", expression: `api - onDemand`, label: "FARGATE_SPOT" }],
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
