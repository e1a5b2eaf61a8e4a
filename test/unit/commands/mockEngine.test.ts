import { MockEngine } from "../../../lib/commands/mockEngine";

describe("mock engine", () => {
  it("GIVEN an invoke the program does not make THEN it throws naming the token", () => {
    expect(() => new MockEngine().call({ token: "aws:ec2/getVpc:getVpc", inputs: {} })).toThrow(
      "mock engine: unexpected call aws:ec2/getVpc:getVpc; add it to lib/commands/mockEngine.ts if the program needs it",
    );
  });

  it("GIVEN the known invokes THEN they answer with us-east-1 facts", () => {
    const engine = new MockEngine();
    expect(engine.call({ token: "aws:index/getPartition:getPartition", inputs: {} })).toEqual({
      partition: "aws",
      dnsSuffix: "amazonaws.com",
    });
    expect(engine.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} })).toMatchObject({
      accountId: "123456789012",
    });
    expect(
      (engine.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: {} }).names as string[]).slice(0, 3),
    ).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
  });

  it("GIVEN registrations THEN ofType and named find them, and named insists on exactly one", () => {
    const engine = new MockEngine();
    const result = engine.newResource({ type: "aws:ecs/cluster:Cluster", name: "c", inputs: { name: "c" }, custom: true });
    engine.newResource({ type: "aws:ecs/cluster:Cluster", name: "d", inputs: {} });
    expect(result).toEqual({ id: "c-id", state: { name: "c", arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c", id: "c-id" } });
    expect(engine.ofType("aws:ecs/cluster:Cluster").map((r) => [r.name, r.custom])).toEqual([
      ["c", true],
      ["d", false],
    ]);
    expect(() => engine.named("x")).toThrow("expected one resource named x, found 0");
  });
});
