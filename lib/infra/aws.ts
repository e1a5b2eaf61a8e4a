/**
 * The @pulumi/aws modules the components use, each imported on its own. The package root requires
 * all of its ~250 service modules when it loads (and makes the type-checker read every one of them),
 * which every program run, test and `pulumi up` paid for; the components import this file as `aws`
 * and read `aws.ec2.Vpc` as before. The root also registers the provider package for deserializing
 * provider references, which this program never receives (the provider is created in lib/infra/platform.ts).
 * A component that needs another service adds it here.
 */
export * as acm from "@pulumi/aws/acm";
export * as appautoscaling from "@pulumi/aws/appautoscaling";
export * as budgets from "@pulumi/aws/budgets";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as costexplorer from "@pulumi/aws/costexplorer";
export * as dynamodb from "@pulumi/aws/dynamodb";
export * as ec2 from "@pulumi/aws/ec2";
export * as ecr from "@pulumi/aws/ecr";
export * as ecs from "@pulumi/aws/ecs";
export * as iam from "@pulumi/aws/iam";
export * as kinesis from "@pulumi/aws/kinesis";
export * as kms from "@pulumi/aws/kms";
export * as lb from "@pulumi/aws/lb";
export * as route53 from "@pulumi/aws/route53";
export * as servicediscovery from "@pulumi/aws/servicediscovery";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
export * as vpc from "@pulumi/aws/vpc";
export * as wafv2 from "@pulumi/aws/wafv2";
// Types only (input shapes): nothing of it is needed at run time.
export type * as types from "@pulumi/aws/types";
export { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { Provider } from "@pulumi/aws/provider";
