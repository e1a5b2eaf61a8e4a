/** kmsAdminPrincipalArn: unset by default, an IAM root, role or user ARN when set, anything else refused by name. */
import { ConfigError } from "../../../lib/config/source";
import { resolveValues } from "../support/configSource";

const EXAMPLE = "Example: pulumi config set kmsAdminPrincipalArn arn:aws:iam::123456789012:role/payments-key-admin";
const RULE =
  "must be the IAM ARN of an account root, a role or a user: arn:aws:iam::<12-digit account>:root, arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name> (a role's IAM ARN, not an sts assumed-role session)";

function problems(value: string): string[] {
  try {
    resolveValues({ environmentSuffix: "dev", kmsAdminPrincipalArn: value });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("kmsAdminPrincipalArn", () => {
  it("GIVEN it is unset THEN the spec names no admin principal (the account root alone administers the key)", () => {
    expect(resolveValues({ environmentSuffix: "dev" }).security).toEqual({
      createServiceLinkedRoles: false,
      kmsAdminPrincipalArn: undefined,
    });
  });

  it.each([
    "arn:aws:iam::123456789012:root",
    "arn:aws:iam::123456789012:role/payments-key-admin",
    "arn:aws:iam::444455556666:role/security/team/key-admin",
    "arn:aws:iam::123456789012:user/alice+ops@example.com",
  ])("GIVEN %s THEN it is accepted and reaches the spec", (arn) => {
    expect(resolveValues({ environmentSuffix: "dev", kmsAdminPrincipalArn: arn }).security.kmsAdminPrincipalArn).toBe(arn);
  });

  it.each([
    "arn:aws:sts::123456789012:assumed-role/deployer/session-1",
    "arn:aws:iam::12345678901:root",
    "arn:aws:iam::123456789012:group/admins",
    "arn:aws:iam::123456789012:role/",
    "123456789012",
    "arn:aws:iam::123456789012:role/name with spaces",
  ])("GIVEN %s THEN the problem names the key, the rule and an example", (arn) => {
    expect(problems(arn)).toEqual([`kmsAdminPrincipalArn = ${JSON.stringify(arn)}: ${RULE}. ${EXAMPLE}`]);
  });
});
