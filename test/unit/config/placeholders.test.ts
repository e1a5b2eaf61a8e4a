/**
 * Placeholder values (defect 7): the shipped prod stack file carries an all-zero certificate and an
 * example.com alarm address so that its offline plan works; the plan must say so first, and
 * `pulumi up` must refuse the certificate before any resource exists.
 */
import { ConfigError } from "../../../lib/config/source";
import { placeholders } from "../../../lib/config/placeholders";
import { resolveValues } from "../support/configSource";
import { goldenPlan, PROD_CONFIG, runPlatform } from "../support/runPlatform";

const ZERO_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
const prod = (values: Record<string, string>) => resolveValues({ ...PROD_CONFIG, ...values });

describe("placeholder values", () => {
  it("GIVEN an all-zero certificate and an example.com address THEN both are found, and only the certificate fails a deploy", () => {
    const found = placeholders(prod({ certificateArn: ZERO_CERT, alarmEmail: "payments-oncall@example.com" }));
    expect(found.map((p) => [p.key, p.value, p.failsDeploy])).toEqual([
      ["certificateArn", ZERO_CERT, true],
      ["alarmEmail", "payments-oncall@example.com", false],
    ]);
    expect(found[0].message).toContain("pulumi config set certificateArn arn:aws:acm:us-east-1:<account>:certificate/<id>");
    expect(found[1].message).toContain("pulumi config set alarmEmail <address>");
  });

  it.each(["oncall@payments.example.org", "a@EXAMPLE.NET"])("GIVEN alarmEmail %s THEN it is a placeholder", (email) => {
    expect(placeholders(prod({ alarmEmail: email })).map((p) => p.key)).toEqual(["alarmEmail"]);
  });

  it("GIVEN a real-looking certificate and address THEN nothing is a placeholder", () => {
    expect(placeholders(prod({ alarmEmail: "oncall@payments.acme.io" }))).toEqual([]);
  });

  it("GIVEN the shipped prod stack WHEN planned offline THEN the plan document carries both warnings and dev none", () => {
    expect(goldenPlan("prod").warnings).toHaveLength(2);
    expect(goldenPlan("prod").warnings[0]).toMatch(/^certificateArn is a placeholder.*\(pulumi up refuses this value\)$/);
    expect(goldenPlan("dev").warnings).toEqual([]);
  });

  it("GIVEN the all-zero certificate WHEN the program runs as under pulumi up THEN it stops with the fix before any resource", async () => {
    // (the program runs in an isolated module registry: its ConfigError is matched by name)
    await expect(runPlatform({ ...PROD_CONFIG, certificateArn: ZERO_CERT })).rejects.toMatchObject({
      name: ConfigError.name,
      message: expect.stringMatching(/^Invalid stack configuration:\n {2}- certificateArn is a placeholder/),
    });
  });

  it("GIVEN an example.com alarm address WHEN the program runs as under pulumi up THEN it deploys and warns", async () => {
    const run = await runPlatform({ ...PROD_CONFIG, alarmEmail: "oncall@example.com" });
    expect(
      run.warnings.filter((w) => w.includes("alarmEmail oncall@example.com is at a domain reserved for examples")),
    ).toHaveLength(1);
  });
});
