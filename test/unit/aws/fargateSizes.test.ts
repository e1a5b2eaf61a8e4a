import { allFargateSizes, gbOf, isValidFargateSize, validMemoryFor, vcpuOf } from "../../../lib/aws/fargateSizes";

describe("Fargate sizes", () => {
  it.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  ])("GIVEN %i CPU units THEN the valid memory sizes are %j", (cpu, memory) => {
    expect(validMemoryFor(cpu)).toEqual(memory);
  });

  it("GIVEN the larger sizes THEN the steps match the AWS table", () => {
    expect(validMemoryFor(2048)).toHaveLength(13);
    expect(validMemoryFor(4096)).toHaveLength(23);
    expect(validMemoryFor(8192)).toEqual([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]);
    expect(validMemoryFor(16384)[0]).toBe(32768);
    expect(validMemoryFor(16384).at(-1)).toBe(122880);
    expect(validMemoryFor(300)).toEqual([]);
  });

  it("GIVEN pairs WHEN checked THEN only table entries are valid", () => {
    expect(isValidFargateSize(512, 1024)).toBe(true);
    expect(isValidFargateSize(512, 512)).toBe(false);
    expect(isValidFargateSize(300, 1024)).toBe(false);
    expect(allFargateSizes()).toHaveLength(3 + 4 + 7 + 13 + 23 + 12 + 12);
    expect([vcpuOf(512), gbOf(1024)]).toEqual([0.5, 1]);
  });
});
