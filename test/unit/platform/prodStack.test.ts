/**
 * The prod stack: three AZs with a NAT gateway each, interface endpoints, the configured
 * certificate, an on-demand task per AZ, and no off-hours schedule.
 */
import { countByType, json, PlatformRun, PROD_CONFIG, runPlatform } from "../support/runPlatform";

describe("prod stack (GIVEN the prod defaults with a certificate and an alarm email)", () => {
  let run: PlatformRun;
  beforeAll(async () => {
    run = await runPlatform(PROD_CONFIG, "prod");
  });

  it("THEN it registers exactly the expected resources per type (110 in all)", () => {
    expect(countByType(run.engine)).toEqual({
      "payment:platform:PaymentPlatform": 1,
      "pulumi:providers:aws": 1,
      "pulumi:providers:aws-native": 1,
      "payment:network:Network": 1,
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/subnet:Subnet": 6,
      "aws:ec2/internetGateway:InternetGateway": 1,
      "aws:ec2/routeTable:RouteTable": 4,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 6,
      "aws:ec2/eip:Eip": 3,
      "aws:ec2/natGateway:NatGateway": 3,
      "aws:ec2/networkAcl:NetworkAcl": 2,
      "aws:ec2/networkAclRule:NetworkAclRule": 15,
      "aws:ec2/networkAclAssociation:NetworkAclAssociation": 6,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 4,
      "aws:ec2/securityGroup:SecurityGroup": 4,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 6,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 3,
      "payment:security:Security": 1,
      "aws:kms/key:Key": 1,
      "aws:kms/alias:Alias": 1,
      "aws:iam/role:Role": 3,
      "aws:iam/rolePolicy:RolePolicy": 1,
      "payment:loadBalancer:LoadBalancer": 1,
      "aws:lb/loadBalancer:LoadBalancer": 1,
      "aws:lb/targetGroup:TargetGroup": 1,
      "aws:lb/listener:Listener": 2,
      "payment:observability:Observability": 1,
      "aws:cloudwatch/logGroup:LogGroup": 2,
      "aws:sns/topic:Topic": 1,
      "aws:sns/topicSubscription:TopicSubscription": 1,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 7,
      "aws:cloudwatch/dashboard:Dashboard": 1,
      "payment:compute:Compute": 1,
      "aws:ecs/cluster:Cluster": 1,
      "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": 1,
      "aws:ecs/taskDefinition:TaskDefinition": 2,
      "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": 1,
      "aws:servicediscovery/service:Service": 1,
      "aws-native:ecs:Service": 2,
      "payment:scaling:Scaling": 1,
      "aws:appautoscaling/target:Target": 2,
      "aws:appautoscaling/policy:Policy": 5,
    });
    expect(run.engine.resources).toHaveLength(110);
  });

  it("THEN each private subnet routes to the NAT gateway in its own AZ", () => {
    const nat = run.engine.ofType("aws:ec2/natGateway:NatGateway").map((n) => [n.name, n.inputs.subnetId]);
    expect(nat).toEqual([
      ["nat-a-prod", "public-subnet-a-prod-id"],
      ["nat-b-prod", "public-subnet-b-prod-id"],
      ["nat-c-prod", "public-subnet-c-prod-id"],
    ]);
    const routes = ["a", "b", "c"].map((az) => run.engine.named(`private-rt-${az}-prod`).inputs.routes);
    expect(routes).toEqual(["a", "b", "c"].map((az) => [{ cidrBlock: "0.0.0.0/0", natGatewayId: `nat-${az}-prod-id` }]));
  });

  it("THEN subnets span us-east-1a/b/c with the planned CIDRs", () => {
    const subnets = run.engine.ofType("aws:ec2/subnet:Subnet").map((s) => [s.name, s.inputs.cidrBlock, s.inputs.availabilityZone, s.inputs.mapPublicIpOnLaunch]);
    expect(subnets).toEqual([
      ["public-subnet-a-prod", "10.0.0.0/19", "us-east-1a", false],
      ["public-subnet-b-prod", "10.0.32.0/19", "us-east-1b", false],
      ["public-subnet-c-prod", "10.0.64.0/19", "us-east-1c", false],
      ["private-subnet-a-prod", "10.0.96.0/19", "us-east-1a", false],
      ["private-subnet-b-prod", "10.0.128.0/19", "us-east-1b", false],
      ["private-subnet-c-prod", "10.0.160.0/19", "us-east-1c", false],
    ]);
  });

  it("THEN ECR api, ECR dkr and Logs interface endpoints sit in the private subnets behind an HTTPS-only group", () => {
    const interfaces = run.engine.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface");
    expect(interfaces.map((e) => e.inputs.serviceName)).toEqual([
      "com.amazonaws.us-east-1.ecr.api",
      "com.amazonaws.us-east-1.ecr.dkr",
      "com.amazonaws.us-east-1.logs",
    ]);
    for (const endpoint of interfaces) {
      expect(endpoint.inputs).toMatchObject({
        privateDnsEnabled: true,
        subnetIds: ["private-subnet-a-prod-id", "private-subnet-b-prod-id", "private-subnet-c-prod-id"],
        securityGroupIds: ["vpc-endpoints-sg-prod-id"],
      });
    }
    const rules = run.engine
      .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => r.inputs.securityGroupId === "vpc-endpoints-sg-prod-id")
      .map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]);
    expect(rules).toEqual([
      [443, 443, "10.0.96.0/19"],
      [443, 443, "10.0.128.0/19"],
      [443, 443, "10.0.160.0/19"],
    ]);
  });

  it("THEN the API keeps one on-demand task per AZ and puts 3 of 4 further tasks on Spot", () => {
    const service = run.engine.named("payment-api-prod", "aws-native:ecs:Service");
    expect(service.inputs.capacityProviderStrategy).toEqual([
      { capacityProvider: "FARGATE", base: 3, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 3 },
    ]);
    expect(service.inputs.desiredCount).toBe(3);
  });

  it("THEN the HTTPS listener uses the configured certificate and no certificate is generated", () => {
    expect(run.engine.named("https-listener-prod").inputs.certificateArn).toBe(PROD_CONFIG.certificateArn);
    expect(run.engine.resources.filter((r) => r.type.startsWith("tls:") || r.type.startsWith("aws:acm"))).toHaveLength(0);
  });

  it("THEN alarms also go to the on-call email, logs keep 14 days, and no off-hours schedule exists", () => {
    expect(run.engine.ofType("aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs)).toEqual([
      { topic: "arn:aws:sns:us-east-1:123456789012:topic/payment-alarms-prod", protocol: "email", endpoint: "oncall@example.com" },
    ]);
    expect(run.engine.ofType("aws:cloudwatch/logGroup:LogGroup").map((l) => l.inputs.retentionInDays)).toEqual([14, 14]);
    expect(run.engine.ofType("aws:appautoscaling/scheduledAction:ScheduledAction")).toHaveLength(0);
  });

  it("THEN the running-tasks alarm fires below the 3-task minimum", () => {
    expect(run.engine.named("payment-api-running-tasks-low-prod").inputs).toMatchObject({ comparisonOperator: "LessThanThreshold", threshold: 3, treatMissingData: "breaching" });
  });

  it("THEN the private NACL admits HTTPS from the VPC for the endpoint ENIs", () => {
    const privateIn = run.engine
      .ofType("aws:ec2/networkAclRule:NetworkAclRule")
      .filter((r) => r.name.startsWith("private-nacl-in-"))
      .map((r) => [r.inputs.ruleNumber, r.inputs.cidrBlock, r.inputs.fromPort, r.inputs.toPort]);
    expect(privateIn).toEqual([
      [100, "10.0.0.0/19", 8080, 8080],
      [110, "10.0.32.0/19", 8080, 8080],
      [120, "10.0.64.0/19", 8080, 8080],
      [130, "10.0.0.0/16", 443, 443],
      [140, "0.0.0.0/0", 1024, 65535],
    ]);
  });

  it("THEN the alarm topic is encrypted with the stack key", () => {
    expect(run.engine.named("payment-alarms-prod").inputs.kmsMasterKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/payment-key-prod");
    const keyPolicy = json<{ Statement: { Sid: string }[] }>(run.engine.named("payment-key-prod").inputs.policy);
    expect(keyPolicy.Statement.map((s) => s.Sid)).toEqual([
      "AccountAdministersKeyThroughIam",
      "CloudWatchLogsForThisAccountsLogGroups",
      "SnsAlarmTopic",
      "CloudWatchAlarmsPublishToTopic",
    ]);
  });
});
