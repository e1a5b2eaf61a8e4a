/**
 * An in-process Pulumi engine for offline runs: the plan command and the unit tests run the real
 * program against it, with no CLI, no provider plugins and no AWS account. It records every
 * registration (type, name, parent, inputs), answers the few data-source calls the program makes
 * with us-east-1 facts, and throws on any call it does not know so a new invoke cannot slip in
 * unnoticed. Provider-computed outputs (ARNs, DNS names) are synthesized so dependent resources and
 * stack outputs resolve.
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, Registrations } from "./registrations";

export const MOCK_ACCOUNT_ID = "123456789012";
const REGION = "us-east-1";
/** us-east-1 has six AZs; the program takes the first `availabilityZoneCount`. */
export const MOCK_AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];

/** The last part of a type token, lower-cased: "aws:ecs/cluster:Cluster" -> "cluster". */
function shortType(type: string): string {
  return type.split(":").pop()!.toLowerCase();
}

/** Outputs a real provider would compute, for the types whose outputs the program reads. */
function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const service = type.split(":")[1].split("/")[0];
  const arn = `arn:aws:${service}:${REGION}:${MOCK_ACCOUNT_ID}:${shortType(type)}/${name}`;
  const state: Record<string, unknown> = { arn, id: `${name}-id` };
  switch (type) {
    case "aws:lb/loadBalancer:LoadBalancer":
      Object.assign(state, {
        dnsName: `${inputs.name}-1234567890.${REGION}.elb.amazonaws.com`,
        arnSuffix: `app/${inputs.name}/50dc6c495c0c9188`,
        zoneId: "Z35SXDOTRQ7X7K",
      });
      break;
    case "aws:lb/targetGroup:TargetGroup":
      state.arnSuffix = `targetgroup/${inputs.name}/73e2d6bc24d8a067`;
      break;
    case "aws:kms/key:Key":
      state.keyId = `${name}-key-id`;
      break;
    case "aws-native:ecs:Service":
      Object.assign(state, {
        serviceArn: `arn:aws:ecs:${REGION}:${MOCK_ACCOUNT_ID}:service/${inputs.serviceName}`,
        name: inputs.serviceName,
      });
      break;
    case "aws:ecs/taskDefinition:TaskDefinition":
      state.arn = `arn:aws:ecs:${REGION}:${MOCK_ACCOUNT_ID}:task-definition/${inputs.family}:1`;
      break;
    case "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace":
      state.hostedZone = "Z0123456789ABCDEFGHIJ";
      break;
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
      // Firehose's ARNs name the service "firehose", not the provider module "kinesis".
      state.arn = `arn:aws:firehose:${REGION}:${MOCK_ACCOUNT_ID}:deliverystream/${inputs.name}`;
      break;
    case "aws:s3/bucket:Bucket":
      // S3 ARNs carry no region or account.
      Object.assign(state, { arn: `arn:aws:s3:::${inputs.bucket}`, bucket: inputs.bucket });
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      // The v7 provider's form: no trailing ":*".
      state.arn = `arn:aws:logs:${REGION}:${MOCK_ACCOUNT_ID}:log-group:${inputs.name}`;
      break;
    case "aws:dynamodb/table:Table":
      state.arn = `arn:aws:dynamodb:${REGION}:${MOCK_ACCOUNT_ID}:table/${inputs.name}`;
      break;
    case "aws:ecr/repository:Repository":
      Object.assign(state, {
        arn: `arn:aws:ecr:${REGION}:${MOCK_ACCOUNT_ID}:repository/${inputs.name}`,
        registryId: MOCK_ACCOUNT_ID,
        repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${inputs.name}`,
      });
      break;
    case "docker-build:index:Image":
      // Nothing is built offline: the digest a push would return is unknown, so it reads as one.
      state.digest = `sha256:${"0".repeat(64)}`;
      break;
  }
  return state;
}

export class MockEngine extends Registrations implements pulumi.runtime.Mocks {
  private readonly parents = new Map<string, string>();
  private readonly options = new Map<string, RecordedResource["options"]>();
  private readonly names = new WeakMap<pulumi.Resource, string>();
  private readonly constructed: pulumi.Resource[] = [];
  private readonly pending: Promise<void>[] = [];

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const options = this.options.get(`${args.type}::${args.name}`) ?? {};
    // A provider reference is "<provider URN>::<id>", and a URN ends in "::<name>".
    if (args.provider) options.provider = args.provider.split("::").slice(-2)[0];
    this.resources.push({
      type: args.type,
      name: args.name,
      parent: this.parents.get(`${args.type}::${args.name}`),
      custom: args.custom === true,
      inputs: args.inputs,
      options,
    });
    return { id: `${args.name}-id`, state: { ...args.inputs, ...computedState(args.type, args.name, args.inputs) } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    switch (args.token) {
      case "aws:index/getAvailabilityZones:getAvailabilityZones":
        return {
          names: MOCK_AVAILABILITY_ZONES,
          zoneIds: MOCK_AVAILABILITY_ZONES.map((_, i) => `use1-az${i + 1}`),
          state: "available",
        };
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/plan`, userId: "AIDAPLAN" };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com" };
      case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
        return {
          userName: "AWS",
          password: "offline-plan-no-token",
          authorizationToken: "offline-plan-no-token",
          proxyEndpoint: `https://${MOCK_ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com`,
          expiresAt: "1970-01-01T00:00:00Z",
        };
      default:
        throw new Error(
          `mock engine: unexpected call ${args.token}; add it to lib/commands/mockEngine.ts if the program needs it`,
        );
    }
  }

  /**
   * A resource transformation (applied client-side, inherited by every child of the component it
   * is given to) that remembers each resource's parent and update options before it is registered.
   */
  readonly recordParent = (args: pulumi.ResourceTransformationArgs): undefined => {
    this.names.set(args.resource, args.name);
    this.constructed.push(args.resource);
    const key = `${args.type}::${args.name}`;
    const parentName = args.opts.parent ? this.names.get(args.opts.parent) : undefined;
    if (parentName !== undefined) this.parents.set(key, parentName);
    const { deleteBeforeReplace, ignoreChanges, retainOnDelete, aliases, dependsOn } = args.opts as pulumi.CustomResourceOptions;
    // The program lists its explicit dependencies as resources; their names are known by now.
    const waitsFor = ([] as unknown[]).concat(dependsOn ?? []).map((r) => this.names.get(r as pulumi.Resource)!);
    const options: RecordedResource["options"] = {
      ...(deleteBeforeReplace ? { deleteBeforeReplace } : {}),
      ...(ignoreChanges ? { ignoreChanges } : {}),
      ...(retainOnDelete ? { retainOnDelete } : {}),
      ...(waitsFor.length > 0 ? { dependsOn: waitsFor } : {}),
    };
    this.options.set(key, options);
    // The program's aliases name a former parent by URN (an output that resolves after this call);
    // the provider SDKs add type-only aliases of their own, which say nothing about the layout.
    const parents = (aliases ?? [])
      .map((alias) => (alias as pulumi.Alias).parent)
      .filter((parent): parent is pulumi.Input<string> => parent !== undefined);
    if (parents.length > 0) {
      this.pending.push(Promise.all(parents.map((p) => resolveOutput(p))).then((urns) => void (options.aliasParents = urns)));
    }
    return undefined;
  };

  /** Waits until every constructed resource is registered, including ones created inside applies. */
  async settle(): Promise<void> {
    let seen = -1;
    while (seen !== this.constructed.length) {
      seen = this.constructed.length;
      await Promise.all(this.constructed.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
    }
    await Promise.all(this.pending);
  }
}

/** Resolves an Output (or plain value) to its value under the mock engine. */
export function resolveOutput<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as pulumi.Unwrap<T>)));
}

/** Installs a fresh engine for a project/stack with fully qualified config ("project:key" -> value). */
export async function installMockEngine(project: string, stack: string, config: Record<string, string>): Promise<MockEngine> {
  const engine = new MockEngine();
  await pulumi.runtime.setMocks(engine, project, stack, false);
  pulumi.runtime.setAllConfig(config);
  return engine;
}
