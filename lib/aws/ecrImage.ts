/**
 * How a private ECR image reference reads: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]`
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-pull-ecr-image.html). Groups: account,
 * region, repository.
 */
export const PRIVATE_ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/;
