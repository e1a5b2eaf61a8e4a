/**
 * The service-linked roles the stack's services act through, once per account: ECS, Elastic Load
 * Balancing and Application Auto Scaling for ECS. AWS creates each on first use, but in an account that
 * never ran ECS the first CreateCluster can fail with "Unable to assume the service linked role"
 * while AWS is still creating it (https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/818,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html).
 * The stack creates them with `createServiceLinkedRoles` (lib/infra/security.ts); preflight looks for them.
 */
export interface ServiceLinkedRole {
  /** The logical name's kind ("ecs" -> ecs-service-linked-role-<suffix>). */
  kind: string;
  /** What CreateServiceLinkedRole takes. */
  awsServiceName: string;
  /** The role IAM creates for that service (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create-service-linked-role.html). */
  roleName: string;
}

export const SERVICE_LINKED_ROLES: readonly ServiceLinkedRole[] = [
  { kind: "ecs", awsServiceName: "ecs.amazonaws.com", roleName: "AWSServiceRoleForECS" },
  { kind: "elb", awsServiceName: "elasticloadbalancing.amazonaws.com", roleName: "AWSServiceRoleForElasticLoadBalancing" },
  {
    kind: "ecs-autoscaling",
    awsServiceName: "ecs.application-autoscaling.amazonaws.com",
    roleName: "AWSServiceRoleForApplicationAutoScaling_ECSService",
  },
];
