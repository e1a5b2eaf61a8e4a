/**
 * What the ALB measured over the last minutes against the stack's targets: the p99 of
 * TargetResponseTime against targetP99Ms, and the share of target 5xx responses against the alarm's
 * rate. No requests in the window is a warning (nothing to measure yet), not a pass.
 * Metrics: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 */
import { GetMetricDataCommand, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { TARGET_5XX_RATE_PERCENT } from "../../design/alarms";
import { fail, pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { arnResource } from "./deployedStack";
import { VerifyContext } from "./verifyContext";

const query = (
  id: string,
  metricName: string,
  stat: string,
  dimensions: Record<string, string>,
  periodSeconds: number,
): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: "AWS/ApplicationELB",
      MetricName: metricName,
      Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    },
    Period: periodSeconds,
    Stat: stat,
  },
});

export const latencyCheck: CheckDefinition<VerifyContext> = {
  id: "slo.latency",
  title: "Measured p99 and 5xx rate",
  failureClass: "slo",
  permissions: [
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTargetGroups",
    "cloudwatch:GetMetricData",
  ],
  async run({ spec, deployed, clients, now, latencyWindowMinutes }) {
    const alb = await deployed.loadBalancer();
    const group = await deployed.targetGroup();
    if (alb === undefined || group === undefined) {
      return [
        fail("ALB metrics", "the stack's load balancer and target group", "not found", "deploy the stack (`pulumi up`)", "drift"),
      ];
    }
    const dimensions = { LoadBalancer: arnResource(alb.LoadBalancerArn!), TargetGroup: arnResource(group.TargetGroupArn!) };
    // One period over the whole window: CloudWatch computes the percentile over all of it.
    const period = latencyWindowMinutes * 60;
    const answer = await clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now.getTime() - period * 1000),
        EndTime: now,
        MetricDataQueries: [
          query("p99", "TargetResponseTime", "p99", dimensions, period),
          query("requests", "RequestCount", "Sum", dimensions, period),
          query("errors", "HTTPCode_Target_5XX_Count", "Sum", dimensions, period),
        ],
      }),
    );
    const value = (id: string) => answer.MetricDataResults?.find((r) => r.Id === id)?.Values?.[0];
    const requests = value("requests") ?? 0;
    const window = `the last ${latencyWindowMinutes} minutes`;
    if (requests === 0) {
      return [
        warn(
          "ALB metrics",
          `requests in ${window}`,
          "none",
          "send traffic first (`npm run loadtest -- --stack <name> --url <albUrl>`), then verify again",
        ),
      ];
    }
    const p99Ms = (value("p99") ?? 0) * 1000;
    const errorPercent = ((value("errors") ?? 0) / requests) * 100;
    const p99Expected = `p99 under ${spec.slo.targetP99Ms} ms over ${window}`;
    const p99Found = `${p99Ms.toFixed(1)} ms over ${requests} requests`;
    const rateExpected = `target 5xx under ${TARGET_5XX_RATE_PERCENT}% over ${window}`;
    const rateFound = `${errorPercent.toFixed(2)}% of ${requests} requests`;
    return [
      p99Ms < spec.slo.targetP99Ms
        ? pass("TargetResponseTime p99", p99Expected, p99Found)
        : fail(
            "TargetResponseTime p99",
            p99Expected,
            p99Found,
            "compare with the plan's latency at this rate (`npm run plan`); the performance dashboard shows when it rose",
          ),
      errorPercent < TARGET_5XX_RATE_PERCENT
        ? pass("target 5xx rate", rateExpected, rateFound)
        : fail("target 5xx rate", rateExpected, rateFound, "read the API's log group for the failing requests"),
    ];
  },
};
