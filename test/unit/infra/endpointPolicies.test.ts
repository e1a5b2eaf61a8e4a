import { ecrLayerBucketObjectsArn, s3GatewayEndpointPolicy } from "../../../lib/infra/endpointPolicies";

describe("VPC endpoint policies", () => {
  it("GIVEN us-east-1 WHEN the S3 gateway endpoint policy is built THEN it allows exactly s3:GetObject on ECR's layer bucket objects, to any principal in the VPC", () => {
    expect(s3GatewayEndpointPolicy("us-east-1")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcrImageLayersOnly",
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"],
        },
      ],
    });
  });

  it("GIVEN another region WHEN the layer bucket ARN is built THEN it names that region's bucket, as the ECR guide spells it", () => {
    expect(ecrLayerBucketObjectsArn("eu-west-1")).toBe("arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*");
    expect(s3GatewayEndpointPolicy("eu-west-1").Statement.map((s) => s.Resource)).toEqual([
      ["arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*"],
    ]);
  });
});
