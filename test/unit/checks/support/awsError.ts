/**
 * An error as the AWS SDK v3 throws it for an AWS answer: named by the service's error code, with the
 * response's metadata (what runChecks tells AWS's answers from a check's own defects by).
 */
export const awsError = (name: string, message = name): Error =>
  Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400 } });
