import { privateTierRules, publicTierRules } from "../../../lib/infra/naclRules";

const input = {
  vpcCidr: "10.0.0.0/16",
  containerPort: 8080,
  publicSubnetCidrs: ["10.0.0.0/19", "10.0.32.0/19"],
  privateSubnetCidrs: ["10.0.64.0/19", "10.0.96.0/19"],
  interfaceEndpoints: false,
  internalCallers: false,
};
const summary = (rules: ReturnType<typeof publicTierRules>) =>
  rules.map((r) => [r.egress ? "out" : "in", r.ruleNumber, r.cidrBlock, r.fromPort, r.toPort]);

describe("network ACL rules", () => {
  it("GIVEN two AZs WHEN the public tier is planned THEN 80/443/ephemeral come in and only the container port, 443 and ephemeral go out", () => {
    expect(summary(publicTierRules(input))).toEqual([
      ["in", 100, "0.0.0.0/0", 443, 443],
      ["in", 110, "0.0.0.0/0", 80, 80],
      ["in", 120, "0.0.0.0/0", 1024, 65535],
      ["out", 100, "10.0.64.0/19", 8080, 8080],
      ["out", 110, "10.0.96.0/19", 8080, 8080],
      ["out", 120, "0.0.0.0/0", 443, 443],
      ["out", 130, "0.0.0.0/0", 1024, 65535],
    ]);
  });

  it("GIVEN no endpoints WHEN the private tier is planned THEN only the public tier reaches the container port", () => {
    expect(summary(privateTierRules(input))).toEqual([
      ["in", 100, "10.0.0.0/19", 8080, 8080],
      ["in", 110, "10.0.32.0/19", 8080, 8080],
      ["in", 120, "0.0.0.0/0", 1024, 65535],
      ["out", 100, "0.0.0.0/0", 443, 443],
      ["out", 110, "10.0.0.0/16", 1024, 65535],
    ]);
  });

  it("GIVEN internal callers WHEN the private tier is planned THEN the private subnets reach the container port too", () => {
    const rules = privateTierRules({ ...input, internalCallers: true });
    expect(rules.filter((r) => !r.egress && r.fromPort === 8080).map((r) => [r.ruleNumber, r.cidrBlock])).toEqual([
      [100, "10.0.0.0/19"],
      [110, "10.0.32.0/19"],
      [120, "10.0.64.0/19"],
      [130, "10.0.96.0/19"],
    ]);
    expect(publicTierRules({ ...input, internalCallers: true })).toEqual(publicTierRules(input));
  });

  it("GIVEN interface endpoints WHEN the private tier is planned THEN HTTPS from the VPC is admitted too", () => {
    const rules = privateTierRules({ ...input, interfaceEndpoints: true });
    expect(rules.filter((r) => !r.egress && r.fromPort === 443).map((r) => [r.ruleNumber, r.cidrBlock])).toEqual([
      [120, "10.0.0.0/16"],
    ]);
    expect(rules.every((r) => r.protocol === "tcp" && r.purpose.length > 0)).toBe(true);
  });
});
