/**
 * The brief's own rules, as CrossGuard resource policies: every physical name carries the
 * environment suffix, nothing is retained on delete or protected, and CloudWatch keeps 7-14 days.
 * They import no Pulumi SDK (types only), so the offline plan runs them as plain functions.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { stackTag } from "./stackTags";

/** The inputs that hold a resource's physical name: `name` for most types, these for the rest. */
const NAME_INPUTS: Record<string, string> = {
  "aws:ecs/taskDefinition:TaskDefinition": "family",
  "aws-native:ecs:Service": "serviceName",
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyName",
};

/**
 * The suffix as a whole word of the name (`payment-alb-prod`, `/ecs/payment-api-prod`, `payment-prod.internal`).
 * A suffix is lowercase letters, digits and single hyphens (lib/spec/names.ts SUFFIX_PATTERN), nothing a RegExp reads specially.
 */
const carriesSuffix = (name: string, suffix: string) => new RegExp(`(^|[^a-z0-9])${suffix}($|[^a-z0-9])`).test(name);

export const physicalNamesCarrySuffix: ResourceValidationPolicy = {
  name: "physical-names-carry-suffix",
  description:
    "The brief: every physical name carries the stack's environmentSuffix, so two stacks share an account without colliding (the suffix is the provider's EnvironmentSuffix default tag).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const suffix = stackTag(args.provider, "EnvironmentSuffix");
    if (suffix === undefined) return args.notApplicable("the resource's provider carries no EnvironmentSuffix default tag");
    const input = NAME_INPUTS[args.type] ?? "name";
    const name: unknown = args.props[input];
    if (typeof name === "string" && !carriesSuffix(name, suffix)) {
      reportViolation(`${input} "${name}" does not carry the environment suffix "${suffix}"`, args.urn);
    }
  },
};

/**
 * Service-linked roles exist once per account and every ECS cluster and ALB in it uses them: the
 * program keeps them on destroy, the one documented exception (lib/infra/security.ts).
 */
const RETAINED_BY_DESIGN = new Set(["aws:iam/serviceLinkedRole:ServiceLinkedRole"]);

/** Inputs that make AWS refuse a delete. */
const DELETION_PROTECTION_INPUTS = ["enableDeletionProtection", "deletionProtectionEnabled"];

export const nothingRetainedOrProtected: ResourceValidationPolicy = {
  name: "nothing-retained-or-protected",
  description:
    "The brief: every resource is destroyable - no protect or retainOnDelete option, no deletion protection (service-linked roles excepted: one per account, shared).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (RETAINED_BY_DESIGN.has(args.type)) return args.notApplicable("service-linked roles are kept on destroy by design");
    // The CLI's options carry protect; retainOnDelete only the offline plan passes (CrossGuard's options lack it).
    const opts = args.opts as typeof args.opts & { retainOnDelete?: boolean };
    const problems = [
      ...(opts.protect ? ["protect"] : []),
      ...(opts.retainOnDelete ? ["retainOnDelete"] : []),
      ...DELETION_PROTECTION_INPUTS.filter((input) => args.props[input] === true),
    ];
    if (problems.length > 0) reportViolation(`survives pulumi destroy: ${problems.join(", ")}`, args.urn);
  },
};

/** The brief's CloudWatch retention for cost, with the short operational tier in mind. */
const RETENTION_DAYS = { min: 7, max: 14 };
/**
 * Container Insights' performance events only feed its metrics and are read within minutes: the
 * program keeps them one day (lib/design/logGroups.ts), so they may go below the floor, not above.
 */
const CONTAINER_INSIGHTS_PREFIX = "/aws/ecs/containerinsights/";

export const logRetention: ResourceValidationPolicy = {
  name: "log-retention-7-to-14-days",
  description:
    "The brief: CloudWatch log groups keep 7-14 days (cost; the 12-month record of PCI DSS 10.5.1 is the archive's job); Container Insights' performance group may keep fewer.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return args.notApplicable("not a log group");
    const days: unknown = args.props.retentionInDays;
    const name = String(args.props.name);
    const min = name.startsWith(CONTAINER_INSIGHTS_PREFIX) ? 1 : RETENTION_DAYS.min;
    if (typeof days !== "number" || days < min || days > RETENTION_DAYS.max) {
      reportViolation(
        `retentionInDays is ${days === undefined || days === 0 ? "never expire" : String(days)}: keep ${min}-${RETENTION_DAYS.max} days`,
        args.urn,
      );
    }
  },
};
