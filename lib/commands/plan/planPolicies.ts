/**
 * Runs the policy pack (policy/policies.ts) over the registrations the offline plan recorded, the
 * way CrossGuard's analyzer runs it under `pulumi preview --policy-pack policy` (@pulumi/policy's
 * server.js): each resource policy's validateResource on every resource with type, name, URN,
 * props, options and provider, each stack policy's validateStack once over all of them, and
 * notApplicable() ending a policy's run on a resource without a finding. Nothing here starts the
 * analyzer's server: only policy/index.ts constructs the PolicyPack.
 */
import type { EnforcementLevel, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { PAYMENT_POLICIES, PaymentPolicy } from "../../../policy/policies";
import type { RecordedResource } from "../registrations";

/** The levels a violation is reported at: CrossGuard reports a "remediate" policy's violation as mandatory. */
export type ViolationLevel = Extract<EnforcementLevel, "advisory" | "mandatory">;

export interface PolicyViolation {
  policy: string;
  enforcementLevel: ViolationLevel;
  resourceType: string;
  resourceName: string;
  message: string;
}

/** The plan document's `policies`: every violation, and how many of each enforcement level. */
export interface PolicyReport {
  violations: PolicyViolation[];
  mandatory: number;
  advisory: number;
}

/** Where the stack's resources sit: the URN's stack and project. */
export interface PolicyStack {
  project: string;
  stack: string;
}

/** Thrown by notApplicable(), as @pulumi/policy's NotApplicableError: the policy has nothing to say about this resource. */
class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

/** `args.isType(aws.s3.Bucket)`: the class's registered Pulumi type, else its isInstance, as @pulumi/policy's isTypeOf. */
export function isTypeOf(type: string, resourceClass: object): boolean {
  const { __pulumiType, isInstance } = resourceClass as { __pulumiType?: string; isInstance?: (o: unknown) => boolean };
  if (__pulumiType) return type === __pulumiType;
  return isInstance?.({ __pulumiType: type }) === true;
}

/**
 * The CLI's URN: stack, project, the parents' types joined by `$`, then type and name. A parent is
 * named by its logical name, which only components carry (a component and its image share one).
 */
function urnOf(resource: RecordedResource, components: Map<string, RecordedResource>, stack: PolicyStack): string {
  const types = [resource.type];
  for (let parent = components.get(resource.parent ?? ""); parent; parent = components.get(parent.parent ?? ""))
    types.unshift(parent.type);
  return `urn:pulumi:${stack.stack}::${stack.project}::${types.join("$")}::${resource.name}`;
}

/** Every registration as CrossGuard's PolicyResource, with its provider, parent and explicit dependencies. */
export function policyResources(registrations: RecordedResource[], stack: PolicyStack): PolicyResource[] {
  const components = new Map(registrations.filter((r) => !r.custom).map((r) => [r.name, r]));
  const resources = registrations.map((r): PolicyResource => {
    const provider = registrations.find((p) => p.custom && p.name === r.options.provider);
    return {
      type: r.type,
      name: r.name,
      urn: urnOf(r, components, stack),
      props: r.inputs,
      // The CLI's options, plus retainOnDelete, which CrossGuard does not pass and the plan can check.
      opts: {
        protect: false,
        ignoreChanges: r.options.ignoreChanges ?? [],
        deleteBeforeReplace: r.options.deleteBeforeReplace,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.options.retainOnDelete ? { retainOnDelete: true } : {}),
      },
      ...(provider
        ? {
            provider: {
              type: provider.type,
              name: provider.name,
              urn: urnOf(provider, components, stack),
              props: provider.inputs,
            },
          }
        : {}),
      dependencies: [],
      // The mock engine records no property dependencies: policies fall back to the values.
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(r.type, resourceClass),
      asType: (resourceClass) => (isTypeOf(r.type, resourceClass) ? r.inputs : undefined) as never,
    };
  });
  registrations.forEach((r, i) => {
    const resource = resources[i];
    resource.parent = resources.find((p, j) => !registrations[j].custom && p.name === r.parent);
    resource.opts.parent = resource.parent?.urn;
    // The plan records dependsOn by logical name; here it names resources (a component and its resource may share a name).
    const dependsOn = r.options.dependsOn ?? [];
    resource.dependencies = dependsOn
      .map((name) => resources.find((d, j) => registrations[j].custom && d.name === name))
      .filter((d) => d !== undefined);
  });
  return resources;
}

/** Runs one validation, collecting what it reports and ignoring notApplicable(). */
async function validate(run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
  }
}

/** The pack (or `policies`, for tests) over the registrations: its violations in policy order. */
export async function runPolicies(
  registrations: RecordedResource[],
  stack: PolicyStack,
  policies: PaymentPolicy[] = PAYMENT_POLICIES,
): Promise<PolicyReport> {
  const resources = policyResources(registrations, stack);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const violations: PolicyViolation[] = [];
  const stackTags = new Map<string, string>();
  const getConfig = <T extends object>() => ({}) as T;
  for (const policy of policies) {
    // The pack's default level is advisory, as PolicyPack's; a "remediate" policy that still finds something is mandatory, as the analyzer says.
    const level = policy.enforcementLevel ?? "advisory";
    if (level === "disabled") continue;
    const enforcementLevel: ViolationLevel = level === "remediate" ? "mandatory" : level;
    const reportViolation = (message: string, urn?: string) => {
      const resource = byUrn.get(urn ?? "");
      violations.push({
        policy: policy.name,
        enforcementLevel,
        resourceType: resource?.type ?? "(stack)",
        resourceName: resource?.name ?? "(stack)",
        message,
      });
    };
    if ("validateStack" in policy) {
      await validate(() => policy.validateStack({ resources, stackTags, getConfig, notApplicable }, reportViolation));
      continue;
    }
    const validations = [policy.validateResource ?? []].flat();
    for (const resource of resources) {
      // A resource policy's asType gives the props (its args), a stack policy's the resolved resource: the same object here.
      const args: ResourceValidationArgs = { ...resource, asType: resource.asType as never, stackTags, getConfig, notApplicable };
      for (const validation of validations) await validate(() => validation(args, reportViolation));
    }
  }
  return {
    violations,
    mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
  };
}
