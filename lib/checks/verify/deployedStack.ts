/**
 * What verify reads about the deployed stack, each AWS answer fetched once per run and shared by
 * the checks that need it (the cluster's services feed the steadiness, strategy and task checks).
 * Resources are looked up by the names the program gave them (lib/spec/names.ts), so verify needs
 * no ARN from the outputs and checks that the names really are the ones deployed.
 */
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  Service,
  Task,
  Cluster,
} from "@aws-sdk/client-ecs";
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  LoadBalancer,
  TargetGroup,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { PlatformSpec, serviceList, ServiceSpec, webService } from "../../spec";
import { physicalName, serviceName, targetGroupName, withSuffix } from "../../spec/names";
import { AwsClients } from "../awsClients";

/** DescribeTasks takes at most 100 task ARNs per call (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html). */
const DESCRIBE_TASKS_BATCH = 100;

/** The physical names verify looks for. */
export function deployedNames(spec: PlatformSpec) {
  const suffix = spec.environmentSuffix;
  return {
    cluster: physicalName("cluster", suffix),
    loadBalancer: physicalName("alb", suffix),
    targetGroup: targetGroupName(webService(spec).containerPort, suffix),
    service: (service: ServiceSpec) => serviceName("service", service.name, suffix),
    /** The VPC's Name tag (lib/infra/network.ts tags it so; its id is not a stack output). */
    vpc: withSuffix("vpc", suffix),
  };
}

/** True for the SDK's "no such resource" errors of the describe calls, which mean "not deployed". */
function isNotFound(error: unknown, names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}

export class DeployedStack {
  private readonly cache = new Map<string, Promise<unknown>>();
  readonly names: ReturnType<typeof deployedNames>;

  constructor(
    private readonly spec: PlatformSpec,
    private readonly clients: AwsClients,
  ) {
    this.names = deployedNames(spec);
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  /** The cluster with its settings, or undefined when ECS does not know it. */
  cluster(): Promise<Cluster | undefined> {
    return this.once("cluster", async () => {
      const answer = await this.clients.ecs.send(
        new DescribeClustersCommand({ clusters: [this.names.cluster], include: ["SETTINGS"] }),
      );
      return answer.clusters?.find((c) => c.clusterName === this.names.cluster);
    });
  }

  /** Every service of the spec by id; a service ECS reports MISSING, or one in no cluster, is absent from the map. */
  services(): Promise<Map<string, Service>> {
    return this.once("services", async () => {
      const list = serviceList(this.spec);
      let answer;
      try {
        answer = await this.clients.ecs.send(
          new DescribeServicesCommand({ cluster: this.names.cluster, services: list.map((s) => this.names.service(s)) }),
        );
      } catch (error) {
        // A stack that was never deployed (or is destroyed) has no cluster: its services are not found.
        if (isNotFound(error, ["ClusterNotFoundException"])) return new Map();
        throw error;
      }
      const byName = new Map((answer.services ?? []).map((s) => [s.serviceName, s]));
      return new Map(
        list.filter((s) => byName.has(this.names.service(s))).map((s) => [s.id, byName.get(this.names.service(s))!]),
      );
    });
  }

  /** The service's running tasks, with their capacity provider and network attachment. */
  runningTasks(service: ServiceSpec): Promise<Task[]> {
    return this.once(`tasks:${service.id}`, async () => {
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        let page;
        try {
          page = await this.clients.ecs.send(
            new ListTasksCommand({
              cluster: this.names.cluster,
              serviceName: this.names.service(service),
              desiredStatus: "RUNNING",
              nextToken,
            }),
          );
        } catch (error) {
          // No cluster or no such service: nothing runs (the steadiness check says why).
          if (isNotFound(error, ["ClusterNotFoundException", "ServiceNotFoundException"])) return [];
          throw error;
        }
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      const tasks: Task[] = [];
      for (let i = 0; i < arns.length; i += DESCRIBE_TASKS_BATCH) {
        const answer = await this.clients.ecs.send(
          new DescribeTasksCommand({ cluster: this.names.cluster, tasks: arns.slice(i, i + DESCRIBE_TASKS_BATCH) }),
        );
        tasks.push(...(answer.tasks ?? []));
      }
      return tasks.filter((t) => t.lastStatus === "RUNNING");
    });
  }

  loadBalancer(): Promise<LoadBalancer | undefined> {
    return this.once("loadBalancer", async () => {
      try {
        const answer = await this.clients.elb.send(new DescribeLoadBalancersCommand({ Names: [this.names.loadBalancer] }));
        return answer.LoadBalancers?.[0];
      } catch (error) {
        if (isNotFound(error, ["LoadBalancerNotFoundException"])) return undefined;
        throw error;
      }
    });
  }

  /**
   * The stack's VPC id, found by its Name tag, or undefined when no VPC carries it
   * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html: filter `tag:<key>`).
   */
  vpcId(): Promise<string | undefined> {
    return this.once("vpcId", async () => {
      const answer = await this.clients.ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: "tag:Name", Values: [this.names.vpc] }] }),
      );
      return answer.Vpcs?.[0]?.VpcId;
    });
  }

  targetGroup(): Promise<TargetGroup | undefined> {
    return this.once("targetGroup", async () => {
      try {
        const answer = await this.clients.elb.send(new DescribeTargetGroupsCommand({ Names: [this.names.targetGroup] }));
        return answer.TargetGroups?.[0];
      } catch (error) {
        if (isNotFound(error, ["TargetGroupNotFoundException"])) return undefined;
        throw error;
      }
    });
  }
}

/**
 * The resource part CloudWatch's ALB dimensions use: "app/<name>/<id>" of a load balancer ARN,
 * "targetgroup/<name>/<id>" of a target group ARN
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
 */
export function arnResource(arn: string): string {
  return arn
    .split(":")
    .slice(5)
    .join(":")
    .replace(/^loadbalancer\//, "");
}
