import fc from "fast-check";
import {
  maxSuffixLength,
  nameProblems,
  PHYSICAL_NAMES,
  physicalName,
  physicalNameProblems,
  PhysicalNameKey,
  SUFFIX_PATTERN,
  targetGroupName,
  withSuffix,
} from "../../../lib/spec/names";

describe("naming", () => {
  it("GIVEN a kind and a suffix WHEN named THEN the result is kind-suffix", () => {
    expect(withSuffix("ecs-cluster", "dev")).toBe("ecs-cluster-dev");
    expect(physicalName("alb", "pr-42")).toBe("payment-alb-pr-42");
  });

  it("GIVEN a container port THEN the target group name carries it, within the catalogue's worst case", () => {
    expect(targetGroupName(8080, "dev")).toBe("api-8080-dev");
    expect(targetGroupName(65535, "a2345678901234567890").length).toBeLessThanOrEqual(32);
  });

  it("GIVEN the catalogue WHEN the longest suffix is derived THEN the 32-character ALB name binds it at 20", () => {
    // "payment-alb-" is 12 characters; 32 - 12 = 20.
    expect(maxSuffixLength()).toBe(20);
  });

  it("GIVEN a name over its limit WHEN checked THEN the problem names the limit and its source", () => {
    const rule = PHYSICAL_NAMES.alb.rule;
    expect(nameProblems("payment-alb-abcdefghijklmnopqrstu", rule)).toEqual([
      `"payment-alb-abcdefghijklmnopqrstu" is 33 characters; a load balancer / target group name allows 32 (${rule.source})`,
    ]);
  });

  it("GIVEN an ALB name starting with internal- WHEN checked THEN it is rejected by the pattern", () => {
    expect(nameProblems("internal-x", PHYSICAL_NAMES.alb.rule)).toHaveLength(1);
  });

  it("GIVEN any suffix the config accepts WHEN every physical name is formed THEN all fit their AWS rules", () => {
    const validSuffix = fc
      .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/)
      .filter((s) => SUFFIX_PATTERN.test(s) && s.length <= maxSuffixLength());
    fc.assert(
      fc.property(validSuffix, (suffix) => {
        expect(physicalNameProblems(suffix)).toEqual([]);
        for (const key of Object.keys(PHYSICAL_NAMES) as PhysicalNameKey[]) {
          const name = physicalName(key, suffix);
          expect(name.endsWith(`-${suffix}`)).toBe(true);
          expect(name.length).toBeLessThanOrEqual(PHYSICAL_NAMES[key].rule.maxLength);
        }
      }),
      { numRuns: 200 },
    );
  });
});
