/**
 * What the ALB measured over the last minutes against the stack's targets: the p99 of
 * TargetResponseTime against targetP99Ms, and the share of target 5xx responses against the alarm's
 * rate, and the 5xx the ALB answered itself (no healthy target, 502/504) against its alarm's rate. No
 * requests in the window, or no latency datapoint, is a warning (nothing to measure), never a pass.
 * The window ends at the last whole minute: CloudWatch rounds a start time down to the minute, and a
 * window that does not end on one would come back as two partial datapoints.
 * Metrics: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 */
import { GetMetricDataCommand, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { ELB_5XX_PER_MINUTE, TARGET_5XX_RATE_PERCENT } from "../../design/alarms";
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
    const loadBalancer = { LoadBalancer: arnResource(alb.LoadBalancerArn!) };
    const dimensions = { ...loadBalancer, TargetGroup: arnResource(group.TargetGroupArn!) };
    // One period over the whole window: CloudWatch computes the percentile over all of it.
    const period = latencyWindowMinutes * 60;
    const end = Math.floor(now.getTime() / 60_000) * 60_000;
    const answer = await clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(end - period * 1000),
        EndTime: new Date(end),
        MetricDataQueries: [
          query("p99", "TargetResponseTime", "p99", dimensions, period),
          query("requests", "RequestCount", "Sum", dimensions, period),
          query("errors", "HTTPCode_Target_5XX_Count", "Sum", dimensions, period),
          query("elbErrors", "HTTPCode_ELB_5XX_Count", "Sum", loadBalancer, period),
        ],
      }),
    );
    // A series with no datapoint (no 5xx at all) has no value: that is zero, not unknown.
    const values = (id: string) => answer.MetricDataResults?.find((r) => r.Id === id)?.Values ?? [];
    const sum = (id: string) => values(id).reduce((total, v) => total + v, 0);
    const requests = sum("requests");
    const window = `the last ${latencyWindowMinutes} minutes`;
    // The ALB's own 5xx first: with no healthy target it answers every request itself, and then no
    // request reaches the target group to be counted below.
    const elbErrors = sum("elbErrors");
    const elbLimit = ELB_5XX_PER_MINUTE * latencyWindowMinutes;
    const elbExpected = `at most ${elbLimit} 5xx from the ALB itself over ${window} (${ELB_5XX_PER_MINUTE} a minute, its alarm's rate)`;
    const elbFinding =
      elbErrors <= elbLimit
        ? pass("ALB 5xx", elbExpected, String(elbErrors))
        : fail(
            "ALB 5xx",
            elbExpected,
            String(elbErrors),
            "the ALB answers 502/503/504 when no target is healthy or a target drops connections: see the target-group check and the service's events",
          );
    if (requests === 0) {
      return [
        warn(
          "ALB metrics",
          `requests in ${window}`,
          "none",
          "send traffic first (`npm run loadtest -- --stack <name> --url <albUrl>`), then verify again",
        ),
        elbFinding,
      ];
    }
    const p99 = values("p99")[0];
    const p99Expected = `p99 under ${spec.slo.targetP99Ms} ms over ${window}`;
    const errorPercent = (sum("errors") / requests) * 100;
    const rateExpected = `target 5xx under ${TARGET_5XX_RATE_PERCENT}% over ${window}`;
    const rateFound = `${errorPercent.toFixed(2)}% of ${requests} requests`;
    const latency =
      p99 === undefined
        ? warn(
            "TargetResponseTime p99",
            p99Expected,
            `no datapoint for ${requests} requests`,
            "CloudWatch publishes ALB metrics within minutes: verify again shortly",
          )
        : p99 * 1000 < spec.slo.targetP99Ms
          ? pass("TargetResponseTime p99", p99Expected, `${(p99 * 1000).toFixed(1)} ms over ${requests} requests`)
          : fail(
              "TargetResponseTime p99",
              p99Expected,
              `${(p99 * 1000).toFixed(1)} ms over ${requests} requests`,
              "compare with the plan's latency at this rate (`npm run plan`); the performance dashboard shows when it rose",
            );
    return [
      latency,
      errorPercent < TARGET_5XX_RATE_PERCENT
        ? pass("target 5xx rate", rateExpected, rateFound)
        : fail("target 5xx rate", rateExpected, rateFound, "read the API's log group for the failing requests"),
      elbFinding,
    ];
  },
};
