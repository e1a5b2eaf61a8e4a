import { ServiceSizing } from "../../spec";

/**
 * CloudWatch dashboard bodies as plain data (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 */

/** A metric line: [namespace, name, dim1, value1, ..., { options }] or an expression. */
export type MetricLine = (string | Record<string, unknown>)[];

export interface MetricWidget {
  type: "metric";
  width: number;
  height: number;
  properties: {
    title: string;
    region: string;
    view: "timeSeries" | "singleValue";
    stacked: boolean;
    period: number;
    metrics: MetricLine[];
    yAxis?: Record<string, unknown>;
    annotations?: { horizontal: { label: string; value: number }[] };
  };
}

export function metricWidget(
  title: string,
  region: string,
  metrics: MetricLine[],
  options: { stacked?: boolean; period?: number; view?: "timeSeries" | "singleValue"; unit?: string } = {},
): MetricWidget {
  return {
    type: "metric",
    width: 12,
    height: 6,
    properties: {
      title,
      region,
      view: options.view ?? "timeSeries",
      stacked: options.stacked ?? false,
      period: options.period ?? 60,
      metrics,
      ...(options.unit ? { yAxis: { left: { label: options.unit, showUnits: false } } } : {}),
    },
  };
}

/** A metric line with dimensions given as a record. */
export function metricLine(
  namespace: string,
  name: string,
  dimensions: Record<string, string>,
  options: Record<string, unknown>,
): MetricLine {
  return [namespace, name, ...Object.entries(dimensions).flat(), options];
}

/** A number written into metric math or an annotation: six significant digits are enough for USD/hour. */
export function metricMathNumber(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * Metric math for the on-demand part of `tasks` under a base + weights strategy: the base first,
 * then the on-demand weight's share of the rest (the split the cost model uses). ECS publishes no
 * per-service task count by capacity provider, so dashboards show this configured split.
 */
export function onDemandTasksExpression(tasksId: string, sizing: ServiceSizing): string {
  const base = `MIN([${tasksId}, ${tasksId} * 0 + ${sizing.onDemandBase}])`;
  const share = metricMathNumber(sizing.onDemandWeight / (sizing.onDemandWeight + sizing.spotWeight));
  return `(${base} + (${tasksId} - ${base}) * ${share})`;
}

/** A console link to a dashboard in the region. */
export function dashboardUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`;
}
