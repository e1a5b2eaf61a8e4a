/**
 * VPC endpoint policies as pure functions of the region, next to the IAM documents in policies.ts,
 * so a test can assert every statement. An endpoint policy is a resource policy on the endpoint: it
 * caps what any caller in the private subnets can reach through it, on top of the task roles
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). Its own types,
 * because an endpoint policy names its principal as the string "*", which the IAM documents never do.
 */

export interface EndpointPolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: "*";
  Action: string[];
  Resource: string[];
}

export interface EndpointPolicyDocument {
  Version: "2012-10-17";
  Statement: EndpointPolicyStatement[];
}

/**
 * The AWS-owned bucket that holds ECR's image layers in a region, as the ECR guide names it: "Create
 * the Amazon S3 gateway endpoint" / "Minimum Amazon S3 bucket permissions for Amazon ECR",
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
 * (us-east-1: prod-us-east-1-starport-layer-bucket).
 */
export function ecrLayerBucketObjectsArn(region: string): string {
  return `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`;
}

/**
 * The S3 gateway endpoint's policy (PCI DSS 1.3.2: outbound traffic from the cardholder data
 * environment restricted to what is necessary): only s3:GetObject on ECR's layer bucket, the
 * minimum the ECR guide gives for pulling images through the endpoint (URL above). Without it the
 * endpoint carries the default full-access policy, and any code in the private subnets could write
 * to any bucket in the region, another account's included.
 *
 * Nothing else in the stack reaches S3 from the private subnets: the reference service (app/) only
 * calls DynamoDB; Container Insights and the awslogs driver write to CloudWatch Logs; the image is
 * built and pushed from the deployer's machine, not from the VPC; no task definition reads
 * environment files from S3. A later feature that writes to a bucket from a task (an audit archive,
 * say) must add that bucket here, or its requests are denied at the endpoint: with the gateway's
 * route in the private route tables, all S3 traffic in the region goes through it, not the NAT.
 */
export function s3GatewayEndpointPolicy(region: string): EndpointPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EcrImageLayersOnly",
        Effect: "Allow",
        Principal: "*",
        Action: ["s3:GetObject"],
        Resource: [ecrLayerBucketObjectsArn(region)],
      },
    ],
  };
}
