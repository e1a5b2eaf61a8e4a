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
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient } from "@aws-sdk/client-iam";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { STSClient } from "@aws-sdk/client-sts";

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
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly iam: IAMClient;
  readonly quotas: ServiceQuotasClient;
  readonly sts: STSClient;
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
  ecs: (c: ClientConfig) => new ECSClient(c),
  elb: (c: ClientConfig) => new ElasticLoadBalancingV2Client(c),
  iam: (c: ClientConfig) => new IAMClient(c),
  quotas: (c: ClientConfig) => new ServiceQuotasClient(c),
  sts: (c: ClientConfig) => new STSClient(c),
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
