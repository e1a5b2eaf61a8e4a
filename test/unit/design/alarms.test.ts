import { resolveSpec } from "../../../lib/stackSpec";
import { apiAlarmDefinitions, guaranteedMinimumTasks } from "../../../lib/design/alarms";
import { alarmArgs } from "../../../lib/infra/observability";
import { performanceDashboardBody } from "../../../lib/infra/dashboards/performanceDashboard";
import { dashboardUrl } from "../../../lib/infra/dashboards/widgets";

const spec = (values: Record<string, string> = {}) =>
  resolveSpec(
    { get: (k) => ({ environmentSuffix: "dev", ...values })[k], awsRegion: () => undefined },
    { project: "p", stack: "s" },
  );
const ctx = { albArnSuffix: "app/alb/1", targetGroupArnSuffix: "targetgroup/tg/2", clusterName: "c", serviceName: "s" };

describe("alarm definitions", () => {
  it("GIVEN the SLO of 200 ms THEN seven alarms exist and the latency and 5xx-rate alarms roll deployments back", () => {
    const alarms = apiAlarmDefinitions(spec(), ctx);
    expect(alarms.map((a) => [a.key, a.threshold, a.deploymentAlarm])).toEqual([
      ["latencyAlarm", 0.2, true],
      ["target5xxAlarm", 1, true],
      ["elb5xxAlarm", 5, false],
      ["unhealthyHostsAlarm", 0, false],
      ["cpuHighAlarm", 85, false],
      ["memoryHighAlarm", 85, false],
      ["runningTasksLowAlarm", 1, false],
    ]);
  });

  it("GIVEN targetP99Ms 150 THEN the latency alarm threshold follows it", () => {
    expect(apiAlarmDefinitions(spec({ targetP99Ms: "150" }), ctx)[0].threshold).toBe(0.15);
  });

  it("GIVEN scheduled scaling lowers the minimum THEN the running-task floor is the off-hours minimum", () => {
    expect(guaranteedMinimumTasks(spec({ apiMinTasks: "3", apiDesiredTasks: "3", offHoursMinTasks: "1" }))).toBe(1);
    expect(guaranteedMinimumTasks(spec({ apiMinTasks: "3", apiDesiredTasks: "3", scheduledScaling: "false" }))).toBe(3);
  });

  it("GIVEN a percentile, a statistic and a metric-math definition THEN the alarm arguments use the right fields", () => {
    const [latency, rate, elb] = apiAlarmDefinitions(spec(), ctx);
    expect(alarmArgs(latency, "topic", "n")).toMatchObject({
      extendedStatistic: "p99",
      period: 60,
      metricName: "TargetResponseTime",
      alarmActions: ["topic"],
      okActions: ["topic"],
    });
    expect(alarmArgs(elb, "topic", "n")).toMatchObject({ statistic: "Sum", metricName: "HTTPCode_ELB_5XX_Count" });
    expect(alarmArgs(rate, "topic", "n").metricQueries).toEqual([
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

describe("performance dashboard", () => {
  it("GIVEN the context THEN it has eight widgets with p50/p90/p99 latency and tasks by capacity provider", () => {
    const body = performanceDashboardBody(spec(), { ...ctx, workerServiceName: "w" });
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
    // dev: no on-demand base, then 1 of every 4 tasks on FARGATE.
    expect(body.widgets[6].properties.metrics.slice(1)).toEqual([
      [
        {
          id: "onDemand",
          expression: "(MIN([api, api * 0 + 0]) + (api - MIN([api, api * 0 + 0])) * 0.25)",
          label: "FARGATE (on-demand)",
        },
      ],
      [{ id: "spot", expression: "api - onDemand", label: "FARGATE_SPOT" }],
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
});
