/**
 * How ECS rolls out a new task definition: zero-downtime, never below the running count, up to double
 * during a rollout (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html).
 * The services are created with it and preflight sizes the Fargate vCPU quota for its peak.
 */
export const ROLLING_DEPLOYMENT = { minimumHealthyPercent: 100, maximumPercent: 200 } as const;
