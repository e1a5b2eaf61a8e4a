import fc from "fast-check";
import { formatCidr, parseCidr, planSubnets } from "../../../lib/design/subnetLayout";

const toRange = (cidr: string) => {
  const { base, prefix } = parseCidr(cidr)!;
  return { start: base, end: base + 2 ** (32 - prefix) - 1, prefix };
};

describe("subnet layout", () => {
  it("GIVEN 10.0.0.0/16 and 3 AZs WHEN planned THEN public then private /19 blocks follow each other", () => {
    expect(planSubnets("10.0.0.0/16", 3)).toEqual([
      { availabilityZoneIndex: 0, tier: "public", cidr: "10.0.0.0/19" },
      { availabilityZoneIndex: 1, tier: "public", cidr: "10.0.32.0/19" },
      { availabilityZoneIndex: 2, tier: "public", cidr: "10.0.64.0/19" },
      { availabilityZoneIndex: 0, tier: "private", cidr: "10.0.96.0/19" },
      { availabilityZoneIndex: 1, tier: "private", cidr: "10.0.128.0/19" },
      { availabilityZoneIndex: 2, tier: "private", cidr: "10.0.160.0/19" },
    ]);
  });

  it("GIVEN malformed CIDRs WHEN parsed THEN they are rejected", () => {
    expect(parseCidr("10.0.0.0")).toBeUndefined();
    expect(parseCidr("10.0.0.256/16")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("10.0.1.0/16")).toBeUndefined();
    expect(parseCidr("192.168.0.0/24")).toEqual({ base: 3232235520, prefix: 24 });
    expect(formatCidr(3232235520, 24)).toBe("192.168.0.0/24");
  });

  it("GIVEN an invalid CIDR WHEN planned THEN it throws naming the value", () => {
    expect(() => planSubnets("nope", 2)).toThrow('planSubnets: "nope" is not a valid IPv4 CIDR');
  });

  it("GIVEN any valid VPC range /16-/24 and 2-3 AZs WHEN planned THEN subnets do not overlap, stay inside the VPC and are VPC prefix + 3", () => {
    const vpc = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 24 }))
      .map(([a, b, prefix]) => {
        const size = 2 ** (32 - prefix);
        const base = Math.floor((((10 * 256 + a) * 256 + b) * 256) / size) * size;
        return formatCidr(base, prefix);
      });
    fc.assert(
      fc.property(vpc, fc.integer({ min: 2, max: 3 }), (cidr, azs) => {
        const outer = toRange(cidr);
        const subnets = planSubnets(cidr, azs).map((s) => toRange(s.cidr));
        expect(subnets).toHaveLength(azs * 2);
        for (const s of subnets) {
          expect(s.prefix).toBe(outer.prefix + 3);
          expect(s.start).toBeGreaterThanOrEqual(outer.start);
          expect(s.end).toBeLessThanOrEqual(outer.end);
        }
        const sorted = [...subnets].sort((x, y) => x.start - y.start);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThan(sorted[i - 1].end);
      }),
      { numRuns: 200 },
    );
  });
});
