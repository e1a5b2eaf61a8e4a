/**
 * The alarm topic's access policy. Setting a policy replaces SNS's default one, so the account's own
 * access is restated; then CloudWatch alarms, AWS Budgets and Cost Anomaly Detection may publish, each
 * only for this account (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html).
 */
import { ALARM_TOPIC_PUBLISHERS, PolicyDocument } from "./policies";

export function alarmTopicPolicy(topicArn: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountManagesTopic",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: [
          "SNS:Publish",
          "SNS:Subscribe",
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:ListSubscriptionsByTopic",
          "SNS:DeleteTopic",
        ],
        Resource: topicArn,
      },
      {
        Sid: "AwsServicesPublishAlerts",
        Effect: "Allow",
        Principal: { Service: ALARM_TOPIC_PUBLISHERS },
        Action: ["SNS:Publish"],
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}
