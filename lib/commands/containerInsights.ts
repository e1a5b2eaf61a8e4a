/**
 * The right-sizing series read from CloudWatch Container Insights instead of a CSV file: the
 * service's CpuUtilized, CpuReserved, MemoryUtilized and MemoryReserved (namespace
 * ECS/ContainerInsights, dimensions ClusterName + ServiceName) through GetMetricData
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html,
 * metric list: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html).
 *
 * Standard Container Insights has no per-task dimension, so each period becomes one sample of the
 * service's mean task: Sum(metric) / Sum(RunningTaskCount). That ratio is the per-task mean whether
 * CloudWatch holds one datapoint per task or one service total per minute, so it does not depend on
 * how Container Insights aggregates. It hides the spread between tasks: for per-task peaks export
 * the performance log events to CSV (docs/slo-model.md).
 */
import { CloudWatchClient, GetMetricDataCommand, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { TaskMetricSample } from "../models/search/rightsize";
import { UsageError } from "./cli";

export const CONTAINER_INSIGHTS_NAMESPACE = "ECS/ContainerInsights";

/**
 * CloudWatch keeps 1-minute datapoints 15 days and 5-minute datapoints 63 days
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention).
 */
export const ONE_MINUTE_RETENTION_DAYS = 15;
export const MAX_DAYS = 63;

export interface ContainerInsightsQuery {
  cluster: string;
  service: string;
  days: number;
  /** End of the window. */
  end: Date;
}

const SERIES = {
  cpuUtilized: "CpuUtilized",
  cpuReserved: "CpuReserved",
  memoryUtilized: "MemoryUtilized",
  memoryReserved: "MemoryReserved",
  tasks: "RunningTaskCount",
} as const;
type SeriesId = keyof typeof SERIES;

export function periodForDays(days: number): number {
  return days <= ONE_MINUTE_RETENTION_DAYS ? 60 : 300;
}

function metricQueries(query: ContainerInsightsQuery): MetricDataQuery[] {
  const dimensions = [
    { Name: "ClusterName", Value: query.cluster },
    { Name: "ServiceName", Value: query.service },
  ];
  return (Object.keys(SERIES) as SeriesId[]).map((id) => ({
    Id: id,
    MetricStat: {
      Metric: { Namespace: CONTAINER_INSIGHTS_NAMESPACE, MetricName: SERIES[id], Dimensions: dimensions },
      Period: periodForDays(query.days),
      Stat: "Sum",
    },
    ReturnData: true,
  }));
}

/** Reads the window page by page and returns one mean-task sample per period, oldest first. */
export async function readContainerInsights(
  client: CloudWatchClient,
  query: ContainerInsightsQuery,
): Promise<TaskMetricSample[]> {
  const start = new Date(query.end.getTime() - query.days * 86_400_000);
  const series = new Map<string, Map<number, number>>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: metricQueries(query),
        StartTime: start,
        EndTime: query.end,
        ScanBy: "TimestampAscending",
        NextToken: nextToken,
      }),
    );
    for (const result of page.MetricDataResults ?? []) {
      const points = series.get(result.Id as string) ?? new Map<number, number>();
      (result.Timestamps ?? []).forEach((time, i) => points.set(time.getTime(), (result.Values ?? [])[i]));
      series.set(result.Id as string, points);
    }
    nextToken = page.NextToken;
  } while (nextToken);

  const value = (id: SeriesId, time: number) => series.get(id)?.get(time);
  const samples: TaskMetricSample[] = [];
  for (const time of [...(series.get("tasks")?.keys() ?? [])].sort((a, b) => a - b)) {
    const tasks = value("tasks", time) as number;
    const perTask = (id: SeriesId) => (value(id, time) ?? NaN) / tasks;
    const sample = {
      timestamp: time,
      taskId: `${query.service} (mean task)`,
      cpuUtilizedUnits: perTask("cpuUtilized"),
      cpuReservedUnits: perTask("cpuReserved"),
      memoryUtilizedMiB: perTask("memoryUtilized"),
      memoryReservedMiB: perTask("memoryReserved"),
    };
    // A period with no running task (x / 0) or one a series skipped says nothing about the task size.
    if (Object.values(sample).every((v) => typeof v === "string" || Number.isFinite(v))) samples.push(sample);
  }
  if (samples.length === 0) {
    throw new UsageError(
      `no Container Insights datapoints for service "${query.service}" in cluster "${query.cluster}" over the last ${query.days} days: check the names, the region (us-east-1) and that Container Insights is enabled on the cluster`,
    );
  }
  return samples;
}
