/**
 * Every us-east-1 unit price the cost model uses, with its unit, its public source and the date it
 * was read. Prices live here and nowhere else so a price change is a one-line edit that every
 * estimate, the baseline and the waterfall pick up together. Values are the published list prices
 * (Linux, on-demand, no Savings Plans), each with the AWS pricing page it comes from.
 */
import type { CpuArchitecture } from "./fargateSizes";

/** The day the prices below were read from the AWS pricing pages. */
export const PRICES_AS_OF = "2026-11-01";
export const PRICE_REGION = "us-east-1";

export interface UnitPrice {
  usd: number;
  unit: string;
  source: string;
}

const FARGATE = "https://aws.amazon.com/fargate/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const VPC = "https://aws.amazon.com/vpc/pricing/";
const PRIVATELINK = "https://aws.amazon.com/privatelink/pricing/";
const EC2_TRANSFER = "https://aws.amazon.com/ec2/pricing/on-demand/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const DYNAMODB = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
const ECR = "https://aws.amazon.com/ecr/pricing/";
const WAF = "https://aws.amazon.com/waf/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const FIREHOSE = "https://aws.amazon.com/firehose/pricing/";
const ROUTE53 = "https://aws.amazon.com/route53/pricing/";
const CLOUD_MAP = "https://aws.amazon.com/cloud-map/pricing/";

const price = (usd: number, unit: string, source: string): UnitPrice => ({ usd, unit, source });

export const PRICES = {
  // https://aws.amazon.com/fargate/pricing/ (Linux/X86, us-east-1)
  fargateVcpuHourX86: price(0.04048, "vCPU-hour", FARGATE),
  // https://aws.amazon.com/fargate/pricing/ (Linux/X86, us-east-1)
  fargateGbHourX86: price(0.004445, "GB-hour", FARGATE),
  // https://aws.amazon.com/fargate/pricing/ (Linux/ARM, us-east-1: 20% below X86)
  fargateVcpuHourArm: price(0.03238, "vCPU-hour", FARGATE),
  // https://aws.amazon.com/fargate/pricing/ (Linux/ARM, us-east-1)
  fargateGbHourArm: price(0.00356, "GB-hour", FARGATE),
  // https://aws.amazon.com/elasticloadbalancing/pricing/ (Application Load Balancer)
  albHour: price(0.0225, "ALB-hour", ELB),
  // https://aws.amazon.com/elasticloadbalancing/pricing/ (Application Load Balancer)
  albLcuHour: price(0.008, "LCU-hour", ELB),
  // https://aws.amazon.com/vpc/pricing/ (NAT gateway)
  natHour: price(0.045, "NAT gateway-hour", VPC),
  // https://aws.amazon.com/vpc/pricing/ (NAT gateway data processing)
  natGb: price(0.045, "GB processed", VPC),
  // https://aws.amazon.com/privatelink/pricing/ (interface endpoint, per AZ)
  interfaceEndpointHour: price(0.01, "endpoint-AZ-hour", PRIVATELINK),
  // https://aws.amazon.com/privatelink/pricing/ (first 1 PB per month)
  interfaceEndpointGb: price(0.01, "GB processed", PRIVATELINK),
  // https://aws.amazon.com/vpc/pricing/ (public IPv4 address, in use or idle)
  publicIpv4Hour: price(0.005, "IPv4 address-hour", VPC),
  // https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer within the region, across AZs: each direction)
  crossAzGb: price(0.01, "GB per direction", EC2_TRANSFER),
  // https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer out to the internet, up to 10 TB/month)
  dataTransferOutGb: price(0.09, "GB", EC2_TRANSFER),
  // https://aws.amazon.com/cloudwatch/pricing/ (Logs, Standard class ingestion)
  logsIngestionStandardGb: price(0.5, "GB ingested", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (Logs, Infrequent Access class ingestion)
  logsIngestionInfrequentGb: price(0.25, "GB ingested", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (Logs storage/archival, compressed)
  logsStorageGbMonth: price(0.03, "GB-month", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (custom metrics, first 10,000)
  customMetricMonth: price(0.3, "metric-month", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (Container Insights with enhanced observability for Amazon ECS, per metric-month,
  // prorated by the hour like custom metrics). AWS bills the ECS flavour per metric, usage type MetricsUsage, operation
  // MetricStorage:CI-ECS; only the EKS flavour is billed per observation (ObservationUsage, ObservationCount:CI-EKS):
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_billing.html. The rate is the AWS Price
  // List's (AmazonCloudWatch, us-east-1); the EKS observation tiers there, $0.21 / $0.18 / $0.10 per million observations
  // (first 1 billion / next 3 billion / beyond 4 billion a month), do not apply to this ECS stack. The stored copy of the
  // pricing page did not show this section, so the rate is read from the Price List, not the page (docs/cost-model.md).
  containerInsightsEcsEnhancedMetricMonth: price(0.07, "metric-month", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (standard-resolution alarm)
  alarmStandardMonth: price(0.1, "alarm-month", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (high-resolution alarm, period < 60 s)
  alarmHighResolutionMonth: price(0.3, "alarm-month", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (dashboard, up to 50 metrics)
  dashboardMonth: price(3, "dashboard-month", CLOUDWATCH),
  // https://aws.amazon.com/kms/pricing/ (customer managed key)
  kmsKeyMonth: price(1, "key-month", KMS),
  // https://aws.amazon.com/kms/pricing/ ($0.03 per 10,000 symmetric requests)
  kmsRequest: price(0.03 / 10000, "request", KMS),
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ (Standard table class; $0.625 per million write request units
  // since the on-demand price cut of 2024-11-01, https://aws.amazon.com/about-aws/whats-new/2024/11/amazon-dynamo-db-reduces-prices-on-demand-throughput-global-tables/)
  dynamodbWriteRequestUnit: price(0.625 / 1e6, "write request unit", DYNAMODB),
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ (Standard table class, $0.125 per million read request units)
  dynamodbReadRequestUnit: price(0.125 / 1e6, "read request unit", DYNAMODB),
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ (Standard table class storage, after the first 25 GB)
  dynamodbStorageGbMonth: price(0.25, "GB-month", DYNAMODB),
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ (continuous backups, point-in-time recovery)
  dynamodbPitrGbMonth: price(0.2, "GB-month", DYNAMODB),
  // https://aws.amazon.com/ecr/pricing/ (private repository storage)
  ecrStorageGbMonth: price(0.1, "GB-month", ECR),

  // --- compliance controls (lib/models/cost/compliance.ts)
  // https://aws.amazon.com/waf/pricing/ (web ACL, prorated hourly; the same in every region)
  wafWebAclMonth: price(5, "web ACL-month", WAF),
  // https://aws.amazon.com/waf/pricing/ (per rule in a web ACL; a managed rule group bills as one rule,
  // https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/; the baseline AWS
  // managed groups used here carry no subscription fee, unlike Bot Control or Fraud Control)
  wafRuleMonth: price(1, "rule-month", WAF),
  // https://aws.amazon.com/waf/pricing/ ($0.60 per million requests inspected, in count mode as in block mode)
  wafRequest: price(0.6 / 1e6, "request", WAF),
  // https://aws.amazon.com/cloudwatch/pricing/ (vended logs delivered to CloudWatch Logs, Standard class, first 10 TB
  // a month; further tiers are cheaper and not applied)
  vendedLogsToCloudWatchGb: price(0.5, "GB delivered", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (vended logs delivered to S3, first 10 TB a month; VPC flow logs)
  vendedLogsToS3Gb: price(0.25, "GB delivered", CLOUDWATCH),
  // https://aws.amazon.com/cloudwatch/pricing/ (vended logs to S3, Apache Parquet format conversion, per GB converted;
  // UNVERIFIED: the us-east-1 rate could not be read from a source, Tokyo's 0.056 over its 1.52x vended-log premium is 0.037)
  vendedLogsParquetGb: price(0.035, "GB converted", CLOUDWATCH),
  // https://aws.amazon.com/firehose/pricing/ (Direct PUT source, first 500 TB a month; billed in 5 KB increments per record)
  firehoseIngestionGb: price(0.029, "GB ingested", FIREHOSE),
  // https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB a month)
  s3StandardGbMonth: price(0.023, "GB-month", S3),
  // https://aws.amazon.com/s3/pricing/ (S3 Glacier Instant Retrieval storage; 128 KB minimum billable object size)
  s3GlacierInstantRetrievalGbMonth: price(0.004, "GB-month", S3),
  // https://aws.amazon.com/s3/pricing/ (S3 Standard PUT, COPY, POST, LIST: $0.005 per 1,000 requests)
  s3PutRequest: price(0.005 / 1000, "request", S3),
  // https://aws.amazon.com/s3/pricing/ (lifecycle transition requests into Glacier Instant Retrieval: $0.02 per 1,000)
  s3GlacierInstantRetrievalTransition: price(0.02 / 1000, "request", S3),
  // https://aws.amazon.com/route53/pricing/ (hosted zone, first 25 a month; Cloud Map creates a Route 53 private hosted
  // zone for a private DNS namespace, https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html)
  route53HostedZoneMonth: price(0.5, "hosted zone-month", ROUTE53),
  // https://aws.amazon.com/route53/pricing/ (standard queries: $0.40 per million, first billion a month)
  route53Query: price(0.4 / 1e6, "query", ROUTE53),
  // https://aws.amazon.com/cloud-map/pricing/ (service registry: $0.10 per registered resource per month, no free
  // allowance in the AWS Price List, usage type Cloud-Map-Resources, unit Resource-Month)
  cloudMapRegisteredResourceMonth: price(0.1, "resource-month", CLOUD_MAP),
  // https://aws.amazon.com/route53/pricing/ (Resolver DNS Firewall domain names, prorated hourly)
  dnsFirewallDomainMonth: price(0.0005, "domain-month", ROUTE53),
  // https://aws.amazon.com/route53/pricing/ (Resolver DNS Firewall queries: $0.60 per million, first billion a month)
  dnsFirewallQuery: price(0.6 / 1e6, "query", ROUTE53),
} as const satisfies Record<string, UnitPrice>;

export type PriceId = keyof typeof PRICES;

/**
 * ALB capacity units: an hour is billed at the highest of the four dimensions divided by its LCU
 * allowance. https://aws.amazon.com/elasticloadbalancing/pricing/
 */
export const ALB_LCU = {
  newConnectionsPerSecond: 25,
  activeConnectionsPerMinute: 3000,
  processedGbPerHour: 1,
  ruleEvaluationsPerSecond: 1000,
  /** The first 10 rules a request is evaluated against are free. */
  freeRulesPerRequest: 10,
} as const;

/**
 * Free tiers the model applies, each as published. They are per account (and data transfer out is
 * shared across services and regions): the model lets one stack use all of it, see docs/cost-model.md.
 */
export const FREE_TIER = {
  // https://aws.amazon.com/cloudwatch/pricing/ (10 alarm metrics, not applicable to high-resolution alarms)
  standardAlarms: 10,
  // https://aws.amazon.com/cloudwatch/pricing/ (3 dashboards of up to 50 metrics each)
  dashboards: 3,
  // https://aws.amazon.com/kms/pricing/ (20,000 requests per month)
  kmsRequests: 20000,
  // https://aws.amazon.com/ec2/pricing/on-demand/ (100 GB per month out to the internet)
  dataTransferOutGb: 100,
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ (25 GB of table storage per month, always free)
  dynamodbStorageGb: 25,
} as const;

/** Fargate vCPU-hour and GB-hour prices for a CPU architecture. */
export function fargatePrices(architecture: CpuArchitecture): { vcpuHour: UnitPrice; gbHour: UnitPrice } {
  return architecture === "ARM64"
    ? { vcpuHour: PRICES.fargateVcpuHourArm, gbHour: PRICES.fargateGbHourArm }
    : { vcpuHour: PRICES.fargateVcpuHourX86, gbHour: PRICES.fargateGbHourX86 };
}
