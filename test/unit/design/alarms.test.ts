import { resolveSpec } from "../../../lib/stackSpec";
import { platformAlarmDefinitions, serviceAlarmDefinitions } from "../../../lib/design/alarms";
import { guaranteedMinimumTasks } from "../../../lib/design/scalingPolicies";
import { alarmArgs } from "../../../lib/infra/alarmArgs";
import { performanceDashboardBody } from "../../../lib/infra/dashboards/performanceDashboard";
import { dashboardUrl } from "../../../lib/infra/dashboards/widgets";
import { PlatformSpec, webService, workerServices } from "../../../lib/spec";
import { mapSource } from "../support/configSource";

const spec = (values: Record<string, string> = {}) =>
  resolveSpec(mapSource({ environmentSuffix: "dev", ...values }), { project: "p", stack: "s" });
const ctx = { albArnSuffix: "app/alb/1", targetGroupArnSuffix: "targetgroup/tg/2", clusterName: "c" };
const worker = (s: PlatformSpec) => workerServices(s)[0];
/** The web service's alarms and the platform's, in the order the old single list had them. */
const webAndPlatformAlarms = (s: PlatformSpec) => {
  const [latency, rate, ...rest] = serviceAlarmDefinitions(s, webService(s), ctx);
  return [latency, rate, ...platformAlarmDefinitions(s, ctx), ...rest];
};

describe("alarm definitions", () => {
  it("GIVEN the SLO of 200 ms WHEN the web service's and the platform's alarms are defined THEN seven alarms exist and the latency and 5xx-rate alarms roll deployments back", () => {
    expect(webAndPlatformAlarms(spec()).map((a) => [a.name, a.threshold, a.deploymentAlarm])).toEqual([
      ["payment-api-p99-latency-dev", 0.2, true],
      ["payment-api-target-5xx-rate-dev", 1, true],
      ["payment-alb-5xx-dev", 5, false],
      ["payment-api-unhealthy-hosts-dev", 0, false],
      ["payment-api-cpu-high-dev", 85, false],
      ["payment-api-memory-high-dev", 85, false],
      ["payment-api-running-tasks-low-dev", 1, false],
    ]);
  });

  it("GIVEN the platform WHEN its alarms are defined THEN only the ALB's own 5xx alarm is there, on the ALB", () => {
    expect(platformAlarmDefinitions(spec(), ctx)).toEqual([
      {
        name: "payment-alb-5xx-dev",
        description: "The ALB itself returned more than 5 5xx per minute",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 5,
        periodSeconds: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: "notBreaching",
        metric: {
          namespace: "AWS/ApplicationELB",
          metricName: "HTTPCode_ELB_5XX_Count",
          dimensions: { LoadBalancer: "app/alb/1" },
          stat: "Sum",
        },
        deploymentAlarm: false,
      },
    ]);
  });

  it("GIVEN targetP99Ms 150 WHEN the web service's alarms are defined THEN the latency alarm threshold follows it", () => {
    const s = spec({ targetP99Ms: "150" });
    expect(serviceAlarmDefinitions(s, webService(s), ctx)[0]).toMatchObject({
      name: "payment-api-p99-latency-dev",
      threshold: 0.15,
      description: "API p99 response time above 150 ms (the SLO)",
    });
  });

  it("GIVEN scheduled scaling lowers the minimum WHEN the guaranteed minimum is taken THEN the running-task floor is the off-hours minimum", () => {
    const lowered = spec({ apiMinTasks: "3", apiDesiredTasks: "3", offHoursMinTasks: "1" });
    const fixed = spec({ apiMinTasks: "3", apiDesiredTasks: "3", scheduledScaling: "false" });
    expect(guaranteedMinimumTasks(webService(lowered))).toBe(1);
    expect(guaranteedMinimumTasks(webService(fixed))).toBe(3);
    expect(serviceAlarmDefinitions(fixed, webService(fixed), ctx).at(-1)).toMatchObject({
      name: "payment-api-running-tasks-low-dev",
      threshold: 3,
      description: "Fewer API tasks running than the guaranteed minimum (3)",
    });
  });

  it("GIVEN a percentile, a statistic and a metric-math definition WHEN turned into alarm arguments THEN the alarm arguments use the right fields", () => {
    const s = spec();
    const [latency, rate] = serviceAlarmDefinitions(s, webService(s), ctx);
    const [elb] = platformAlarmDefinitions(s, ctx);
    expect(alarmArgs(latency, "topic")).toMatchObject({
      name: "payment-api-p99-latency-dev",
      extendedStatistic: "p99",
      period: 60,
      metricName: "TargetResponseTime",
      alarmActions: ["topic"],
      okActions: ["topic"],
    });
    expect(alarmArgs(latency, "topic").statistic).toBeUndefined();
    expect(alarmArgs(elb, "topic")).toMatchObject({
      name: "payment-alb-5xx-dev",
      statistic: "Sum",
      metricName: "HTTPCode_ELB_5XX_Count",
    });
    expect(alarmArgs(elb, "topic").extendedStatistic).toBeUndefined();
    expect(alarmArgs(rate, "topic").metricQueries).toEqual([
      { id: "rate", expression: "100 * FILL(errors, 0) / requests", label: "Target 5xx rate (%)", returnData: true },
      {
        id: "errors",
        returnData: false,
        metric: {
          namespace: "AWS/ApplicationELB",
          metricName: "HTTPCode_Target_5XX_Count",
          dimensions: { LoadBalancer: "app/alb/1", TargetGroup: "targetgroup/tg/2" },
          stat: "Sum",
          period: 60,
        },
      },
      {
        id: "requests",
        returnData: false,
        metric: {
          namespace: "AWS/ApplicationELB",
          metricName: "RequestCount",
          dimensions: { LoadBalancer: "app/alb/1", TargetGroup: "targetgroup/tg/2" },
          stat: "Sum",
          period: 60,
        },
      },
    ]);
  });
});

describe("worker alarms", () => {
  it("GIVEN the dev worker (minimum 1) WHEN its alarms are defined THEN it has exactly CPU high, memory high and running tasks low, on its own ECS service", () => {
    const s = spec();
    const dimensions = { ClusterName: "c", ServiceName: "payment-worker-dev" };
    const common = { periodSeconds: 60, deploymentAlarm: false };
    expect(serviceAlarmDefinitions(s, worker(s), ctx)).toEqual([
      {
        name: "payment-worker-cpu-high-dev",
        description: "Worker CPU above 85% for 5 minutes: scaling is at its maximum or stuck",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 85,
        ...common,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: "notBreaching",
        metric: { namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions, stat: "Average" },
      },
      {
        name: "payment-worker-memory-high-dev",
        description: "Worker memory above 85% for 5 minutes",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 85,
        ...common,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: "notBreaching",
        metric: { namespace: "AWS/ECS", metricName: "MemoryUtilization", dimensions, stat: "Average" },
      },
      {
        name: "payment-worker-running-tasks-low-dev",
        description: "Fewer worker tasks running than the guaranteed minimum (1)",
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        ...common,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: "breaching",
        metric: { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", dimensions, stat: "Average" },
      },
    ]);
  });

  it("GIVEN a worker minimum of 3 WHEN its alarms are defined THEN the running-tasks floor is 3 (the worker has no off-hours schedule)", () => {
    const s = spec({ workerMinTasks: "3", workerMaxTasks: "4" });
    expect(guaranteedMinimumTasks(worker(s))).toBe(3);
    expect(serviceAlarmDefinitions(s, worker(s), ctx).map((a) => [a.name, a.threshold])).toEqual([
      ["payment-worker-cpu-high-dev", 85],
      ["payment-worker-memory-high-dev", 85],
      ["payment-worker-running-tasks-low-dev", 3],
    ]);
  });
});

describe("no running-tasks alarm at a guaranteed minimum of 0", () => {
  it("GIVEN a parked worker (workerMinTasks 0) WHEN its alarms are defined THEN it has CPU and memory alarms and no running-tasks alarm", () => {
    const s = spec({ workerMinTasks: "0" });
    expect(guaranteedMinimumTasks(worker(s))).toBe(0);
    expect(serviceAlarmDefinitions(s, worker(s), ctx).map((a) => a.name)).toEqual([
      "payment-worker-cpu-high-dev",
      "payment-worker-memory-high-dev",
    ]);
  });

  it("GIVEN a web service whose off-hours minimum is 0 WHEN its alarms are defined THEN it keeps its five other alarms and has no running-tasks alarm", () => {
    const s = spec({ offHoursMinTasks: "0" });
    expect(guaranteedMinimumTasks(webService(s))).toBe(0);
    expect(serviceAlarmDefinitions(s, webService(s), ctx).map((a) => a.name)).toEqual([
      "payment-api-p99-latency-dev",
      "payment-api-target-5xx-rate-dev",
      "payment-api-unhealthy-hosts-dev",
      "payment-api-cpu-high-dev",
      "payment-api-memory-high-dev",
    ]);
  });

  it("GIVEN the same off-hours minimum of 0 with scheduled scaling off WHEN its alarms are defined THEN the all-day minimum (apiMinTasks, 1 in dev) is guarded again", () => {
    const s = spec({ offHoursMinTasks: "0", scheduledScaling: "false" });
    expect(
      serviceAlarmDefinitions(s, webService(s), ctx)
        .map((a) => [a.name, a.threshold])
        .at(-1),
    ).toEqual(["payment-api-running-tasks-low-dev", 1]);
  });
});

describe("performance dashboard", () => {
  it("GIVEN the context WHEN the body is built THEN it has eight widgets with p50/p90/p99 latency and tasks by capacity provider", () => {
    const body = performanceDashboardBody(spec(), ctx);
    expect(body.widgets.map((w) => w.properties.title)).toEqual([
      "API latency p50 / p90 / p99 (s)",
      "Requests per minute",
      "5xx per minute",
      "Healthy / unhealthy targets",
      "CPU and memory utilization (%)",
      "Running tasks",
      "API running tasks by capacity provider (configured split of the running count)",
      "Fargate vCPU in use by purchase option (whole account, measured)",
    ]);
    expect(body.widgets[0].properties.metrics.map((m) => (m.at(-1) as { stat: string }).stat)).toEqual(["p50", "p90", "p99"]);
    expect(body.widgets[6].properties.metrics[0]).toEqual([
      "ECS/ContainerInsights",
      "RunningTaskCount",
      "ClusterName",
      "c",
      "ServiceName",
      "payment-api-dev",
      { id: "web", visible: false, stat: "Average" },
    ]);
    // dev: no on-demand base, then weights 1:1, so 1 of every 2 tasks on FARGATE.
    expect(body.widgets[6].properties.metrics.slice(1)).toEqual([
      [
        {
          id: "onDemand",
          expression: "(MIN([web, web * 0 + 0]) + (web - MIN([web, web * 0 + 0])) * 0.5)",
          label: "FARGATE (on-demand)",
        },
      ],
      [{ id: "spot", expression: "web - onDemand", label: "FARGATE_SPOT" }],
    ]);
    expect(body.widgets[0].properties.yAxis).toEqual({ left: { label: "seconds", showUnits: false } });
    expect(body.widgets[7].properties.metrics[1]).toEqual([
      "AWS/Usage",
      "ResourceCount",
      "Service",
      "Fargate",
      "Type",
      "Resource",
      "Resource",
      "vCPU",
      "Class",
      "Standard/Spot",
      { stat: "Maximum", label: "FARGATE_SPOT" },
    ]);
    expect(dashboardUrl("us-east-1", "d")).toBe(
      "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/d",
    );
  });

  it("GIVEN both services WHEN the utilization and running-task widgets are built THEN each service has its lines, labelled and on its own ECS service", () => {
    const body = performanceDashboardBody(spec(), ctx);
    const labels = (i: number) => body.widgets[i].properties.metrics.map((m) => [m[5], (m.at(-1) as { label: string }).label]);
    expect(labels(4)).toEqual([
      ["payment-api-dev", "API CPU"],
      ["payment-api-dev", "API memory"],
      ["payment-worker-dev", "worker CPU"],
      ["payment-worker-dev", "worker memory"],
    ]);
    expect(labels(5)).toEqual([
      ["payment-api-dev", "API tasks"],
      ["payment-worker-dev", "worker tasks"],
    ]);
  });
});
