import { ConfigError } from "../../../../lib/config/source";
import { PLATFORM_KEYS } from "../../../../lib/config/platformKeys";
import {
  EGRESS_LINE_IDS,
  compareEndpointStrategies,
  resolveInterfaceEndpoints,
} from "../../../../lib/models/cost/endpointChoice";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { ConfiguredSpec, InterfaceEndpointsSetting, WorkloadProfile } from "../../../../lib/spec";
import { devSpec, flatSpec, prodSpec, withNetwork, withWorkload } from "./fixtures";

describe("compareEndpointStrategies", () => {
  it("prefers NAT when the workload logs little", () => {
    // GIVEN 250.68 GB of egress a month through one NAT in 2 AZs
    const comparison = compareEndpointStrategies(flatSpec());
    // THEN NAT-only = 32.85 + 250.6842 x $0.045 + 250.6842 x $0.01 (cross-AZ both ways for half the tasks)
    // and endpoints = 32.85 + 3 x 2 x 730 x $0.01 + 250.6842 x $0.01
    expect(comparison.natOnlyMonthlyUsd).toBeCloseTo(46.637631225585935, 9);
    expect(comparison.interfaceEndpointsMonthlyUsd).toBeCloseTo(79.15684204101564, 9);
    expect(comparison.cheaper).toBe("natOnly");
  });

  it("prefers endpoints when the workload logs a lot", () => {
    // GIVEN 10 KB of logs per request: 2506.26 GB a month
    const comparison = compareEndpointStrategies(withWorkload(flatSpec(), { logKbPerRequest: 10 }));
    // THEN per-GB savings outweigh the 43.80 USD of endpoint-hours
    expect(comparison.natOnlyMonthlyUsd).toBeCloseTo(170.6973083496094, 9);
    expect(comparison.interfaceEndpointsMonthlyUsd).toBeCloseTo(101.71314697265626, 9);
    expect(comparison.cheaper).toBe("interfaceEndpoints");
  });

  it("compares every line the choice changes: the totals differ by exactly the egress difference", () => {
    // GIVEN the prod stack costed both ways
    const spec = prodSpec();
    const total = (interfaceEndpoints: boolean) => estimateMonthlyCost(withNetwork(spec, { interfaceEndpoints })).monthlyUsd;
    const comparison = compareEndpointStrategies(spec);
    // THEN the whole-bill difference is the egress-path difference
    expect(total(true) - total(false)).toBeCloseTo(comparison.interfaceEndpointsMonthlyUsd - comparison.natOnlyMonthlyUsd, 9);
    expect(EGRESS_LINE_IDS).toEqual(["nat-hours", "nat-data", "nat-cross-az", "endpoint-hours", "endpoint-data"]);
  });
});

describe("resolveInterfaceEndpoints", () => {
  /** The flat spec as the config layer hands it over: the setting, and no decision yet. */
  function configured(setting: InterfaceEndpointsSetting, workload: Partial<WorkloadProfile> = {}): ConfiguredSpec {
    const spec = withWorkload(flatSpec(), workload);
    const { vpcCidr, availabilityZoneCount, natGateways } = spec.network;
    return { ...spec, network: { vpcCidr, availabilityZoneCount, natGateways, interfaceEndpointsSetting: setting } };
  }

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "GIVEN an explicit %s WHEN resolved THEN the setting is kept and deployed is %s, everything else unchanged",
    (setting, deployed) => {
      const spec = configured(setting);
      expect(resolveInterfaceEndpoints(spec)).toEqual({ ...spec, network: { ...spec.network, interfaceEndpoints: deployed } });
      // an explicit setting is kept even where auto would choose the other way
      expect(resolveInterfaceEndpoints(configured(setting, { logKbPerRequest: 10 })).network.interfaceEndpoints).toBe(deployed);
    },
  );

  it("settles auto by cost", () => {
    // GIVEN auto on a light and on a heavy logger WHEN resolved THEN NAT-only and endpoints respectively
    const light = resolveInterfaceEndpoints(configured("auto"));
    expect(light.network).toEqual({ ...configured("auto").network, interfaceEndpoints: false });
    expect(resolveInterfaceEndpoints(configured("auto", { logKbPerRequest: 10 })).network.interfaceEndpoints).toBe(true);
  });
});

describe("interfaceEndpoints config key", () => {
  it("accepts on, off and auto and defaults to auto everywhere", () => {
    const definition = PLATFORM_KEYS.interfaceEndpoints;
    expect(definition.key).toBe("interfaceEndpoints");
    expect(definition.allowed).toEqual(["on", "off", "auto"]);
    expect(definition.defaults).toBe("auto");
  });

  it.each([
    ["dev default (auto)", devSpec(), "auto", false],
    ["prod default (auto)", prodSpec(), "auto", false],
    ["dev auto with 10 KB of logs per request", devSpec({ workloadLogKbPerRequest: "10" }), "auto", true],
    ["dev on", devSpec({ interfaceEndpoints: "on" }), "on", true],
    ["prod off", prodSpec({ interfaceEndpoints: "off" }), "off", false],
  ])("%s resolves to %s -> deployed %s", (_, spec, setting, deployed) => {
    // GIVEN a stack WHEN its config is resolved THEN the setting is kept and auto is settled by cost
    expect(spec.network.interfaceEndpointsSetting).toBe(setting);
    expect(spec.network.interfaceEndpoints).toBe(deployed);
  });

  it("rejects other values", () => {
    expect(() => devSpec({ interfaceEndpoints: "yes" })).toThrow(ConfigError);
    expect(() => devSpec({ interfaceEndpoints: "yes" })).toThrow(/interfaceEndpoints = "yes": must be one of on, off, auto/);
  });
});
