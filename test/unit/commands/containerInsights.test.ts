import { CloudWatchClient, GetMetricDataCommand, GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { UsageError } from "../../../lib/commands/cli";
import { periodForDays, readContainerInsights } from "../../../lib/commands/containerInsights";

const cloudWatch = mockClient(CloudWatchClient);
const T0 = new Date("2026-11-02T14:00:00Z");
const T1 = new Date("2026-11-02T14:01:00Z");
const T2 = new Date("2026-11-02T14:02:00Z");
const END = new Date("2026-11-16T14:00:00Z");
const query = { cluster: "ecs-cluster-prod", service: "api-prod", days: 14, end: END };
const series = (id: string, values: number[], timestamps = [T0, T1, T2]) => ({
  Id: id,
  Timestamps: timestamps,
  Values: values,
  StatusCode: "Complete" as const,
});

beforeEach(() => cloudWatch.reset());

describe("readContainerInsights", () => {
  it("GIVEN two pages of service sums WHEN reading THEN each minute becomes the mean task: sum / running tasks", async () => {
    cloudWatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          series("cpuUtilized", [600, 900, 300]),
          series("cpuReserved", [1536, 1536, 1024]),
          series("tasks", [3, 3, 2]),
        ],
        NextToken: "page-2",
      })
      .resolvesOnce({
        MetricDataResults: [series("memoryUtilized", [1200, 1260, 800]), series("memoryReserved", [3072, 3072, 2048])],
      });
    const samples = await readContainerInsights(new CloudWatchClient({ region: "us-east-1" }), query);
    expect(samples).toEqual([
      {
        timestamp: T0.getTime(),
        taskId: "api-prod (mean task)",
        cpuUtilizedUnits: 200,
        cpuReservedUnits: 512,
        memoryUtilizedMiB: 400,
        memoryReservedMiB: 1024,
      },
      {
        timestamp: T1.getTime(),
        taskId: "api-prod (mean task)",
        cpuUtilizedUnits: 300,
        cpuReservedUnits: 512,
        memoryUtilizedMiB: 420,
        memoryReservedMiB: 1024,
      },
      {
        timestamp: T2.getTime(),
        taskId: "api-prod (mean task)",
        cpuUtilizedUnits: 150,
        cpuReservedUnits: 512,
        memoryUtilizedMiB: 400,
        memoryReservedMiB: 1024,
      },
    ]);
  });

  it("GIVEN a 14-day window WHEN reading THEN it asks for the four metrics and the task count by cluster and service, 60-s sums, paging with the token", async () => {
    cloudWatch.on(GetMetricDataCommand).resolvesOnce({ MetricDataResults: [], NextToken: "page-2" }).resolvesOnce({});
    await expect(readContainerInsights(new CloudWatchClient({ region: "us-east-1" }), query)).rejects.toThrow(UsageError);
    const calls = cloudWatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input as GetMetricDataCommandInput);
    expect(calls.map((c) => c.NextToken)).toEqual([undefined, "page-2"]);
    expect(calls[0].StartTime).toEqual(new Date("2026-11-02T14:00:00Z"));
    expect(calls[0].EndTime).toEqual(END);
    expect(
      calls[0].MetricDataQueries?.map((q) => [q.Id, q.MetricStat?.Metric?.MetricName, q.MetricStat?.Stat, q.MetricStat?.Period]),
    ).toEqual([
      ["cpuUtilized", "CpuUtilized", "Sum", 60],
      ["cpuReserved", "CpuReserved", "Sum", 60],
      ["memoryUtilized", "MemoryUtilized", "Sum", 60],
      ["memoryReserved", "MemoryReserved", "Sum", 60],
      ["tasks", "RunningTaskCount", "Sum", 60],
    ]);
    expect(calls[0].MetricDataQueries?.[0].MetricStat?.Metric).toEqual({
      Namespace: "ECS/ContainerInsights",
      MetricName: "CpuUtilized",
      Dimensions: [
        { Name: "ClusterName", Value: "ecs-cluster-prod" },
        { Name: "ServiceName", Value: "api-prod" },
      ],
    });
  });

  it("GIVEN minutes with no running task or a missing series WHEN reading THEN those minutes are skipped", async () => {
    cloudWatch.on(GetMetricDataCommand).resolvesOnce({
      MetricDataResults: [
        series("cpuUtilized", [600, 0], [T0, T1]),
        series("cpuReserved", [1536, 0], [T0, T1]),
        series("memoryUtilized", [1200, 0], [T0, T1]),
        series("memoryReserved", [3072], [T0]),
        series("tasks", [3, 0, 2]),
        { Id: "cpuReserved", Timestamps: [T2] },
        { Id: "empty" },
      ],
    });
    const samples = await readContainerInsights(new CloudWatchClient({ region: "us-east-1" }), query);
    expect(samples.map((s) => s.timestamp)).toEqual([T0.getTime()]);
  });

  it("GIVEN no datapoints WHEN reading THEN a usage error says what to check", async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [series("cpuUtilized", [1])] });
    await expect(readContainerInsights(new CloudWatchClient({ region: "us-east-1" }), query)).rejects.toThrow(
      'no Container Insights datapoints for service "api-prod" in cluster "ecs-cluster-prod" over the last 14 days: check the names, the region (us-east-1) and that Container Insights is enabled on the cluster',
    );
  });
});

describe("periodForDays", () => {
  it.each([
    [1, 60],
    [15, 60],
    [16, 300],
    [63, 300],
  ])("GIVEN %i days WHEN choosing the period THEN it is %i s (1-minute data is kept 15 days)", (days, period) => {
    expect(periodForDays(days)).toBe(period);
  });
});
