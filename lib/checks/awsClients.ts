/**
 * The AWS SDK v3 clients the checks call, created on first use (a preflight run never loads the ECS
 * client's configuration, verify never loads Service Quotas'). Every client talks to us-east-1,
 * the stack's only region; the credentials are the caller's default chain (environment, profile,
 * SSO, web identity in CI).
 */
import { ACMClient } from "@aws-sdk/client-acm";
import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { BudgetsClient } from "@aws-sdk/client-budgets";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { STSClient } from "@aws-sdk/client-sts";
import { WAFV2Client } from "@aws-sdk/client-wafv2";

/**
 * Attempts per call: the SDK's standard retry mode backs off between them, so a burst of describe
 * calls rides out throttling instead of failing a check
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html; the default is 3).
 */
export const MAX_ATTEMPTS = 5;

export interface AwsClients {
  readonly acm: ACMClient;
  readonly autoscaling: ApplicationAutoScalingClient;
  readonly budgets: BudgetsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly costExplorer: CostExplorerClient;
  readonly dynamodb: DynamoDBClient;
  readonly ec2: EC2Client;
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly firehose: FirehoseClient;
  readonly iam: IAMClient;
  readonly quotas: ServiceQuotasClient;
  readonly s3: S3Client;
  readonly sts: STSClient;
  readonly wafv2: WAFV2Client;
  /** Closes the clients that were created (their sockets would keep the process alive). */
  destroy(): void;
}

interface Destroyable {
  destroy(): void;
}

type ClientConfig = { region: string; maxAttempts: number };
const FACTORIES = {
  acm: (c: ClientConfig) => new ACMClient(c),
  autoscaling: (c: ClientConfig) => new ApplicationAutoScalingClient(c),
  budgets: (c: ClientConfig) => new BudgetsClient(c),
  cloudwatch: (c: ClientConfig) => new CloudWatchClient(c),
  logs: (c: ClientConfig) => new CloudWatchLogsClient(c),
  costExplorer: (c: ClientConfig) => new CostExplorerClient(c),
  dynamodb: (c: ClientConfig) => new DynamoDBClient(c),
  ec2: (c: ClientConfig) => new EC2Client(c),
  ecs: (c: ClientConfig) => new ECSClient(c),
  elb: (c: ClientConfig) => new ElasticLoadBalancingV2Client(c),
  firehose: (c: ClientConfig) => new FirehoseClient(c),
  iam: (c: ClientConfig) => new IAMClient(c),
  quotas: (c: ClientConfig) => new ServiceQuotasClient(c),
  s3: (c: ClientConfig) => new S3Client(c),
  sts: (c: ClientConfig) => new STSClient(c),
  wafv2: (c: ClientConfig) => new WAFV2Client(c),
};

/** Clients for `region`, each created when a check first asks for it. */
export function createAwsClients(region: string): AwsClients {
  const created = new Map<string, Destroyable>();
  const clients = { destroy: () => created.forEach((client) => client.destroy()) } as AwsClients;
  for (const [key, factory] of Object.entries(FACTORIES)) {
    Object.defineProperty(clients, key, {
      enumerable: true,
      get: () => {
        if (!created.has(key)) created.set(key, factory({ region, maxAttempts: MAX_ATTEMPTS }));
        return created.get(key);
      },
    });
  }
  return clients;
}
