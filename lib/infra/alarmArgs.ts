/** CloudWatch alarm arguments from an alarm definition (lib/design/alarms.ts): a plain metric, an extended statistic, or metric math. */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmDefinition, AlarmMetric } from "../design/alarms";

function metricQuery(
  id: string,
  metric: AlarmMetric,
  periodSeconds: number,
  returnData: boolean,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery {
  return {
    id,
    returnData,
    metric: {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: metric.dimensions,
      stat: metric.stat,
      period: periodSeconds,
    },
  };
}

export function alarmArgs(definition: AlarmDefinition, topicArn: pulumi.Input<string>): aws.cloudwatch.MetricAlarmArgs {
  const common = {
    name: definition.name,
    alarmDescription: definition.description,
    comparisonOperator: definition.comparisonOperator,
    threshold: definition.threshold,
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    treatMissingData: definition.treatMissingData,
    alarmActions: [topicArn],
    okActions: [topicArn],
  };
  if (definition.expression) {
    const { id, expression, label, metrics } = definition.expression;
    return {
      ...common,
      metricQueries: [
        { id, expression, label, returnData: true },
        ...Object.entries(metrics).map(([metricId, metric]) => metricQuery(metricId, metric, definition.periodSeconds, false)),
      ],
    };
  }
  const metric = definition.metric!;
  const percentile = /^p\d+(\.\d+)?$/.test(metric.stat);
  return {
    ...common,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions,
    period: definition.periodSeconds,
    ...(percentile ? { extendedStatistic: metric.stat } : { statistic: metric.stat }),
  };
}

/** The alarm resource of a definition, named after it, notifying the topic on ALARM and OK. */
export function alarmResource(
  definition: AlarmDefinition,
  topicArn: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(definition.name, alarmArgs(definition, topicArn), opts);
}
