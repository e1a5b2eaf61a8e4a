/**
 * How the stack's ECR repository keeps the reference image: the newest IMAGES_KEPT builds, so a
 * rollback can go that far back and storage stays bounded (the cost model prices that many).
 */

/** Images the lifecycle policy keeps: a rollback to an older task definition than this cannot pull its image. */
export const IMAGES_KEPT = 10;

/** ECR lifecycle policy: expire all but the newest `imagesKept` images (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html). */
export function lifecyclePolicy(imagesKept: number): Record<string, unknown> {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Keep the newest ${imagesKept} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: imagesKept },
        action: { type: "expire" },
      },
    ],
  };
}
