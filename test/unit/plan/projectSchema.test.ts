import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CONFIG_KEYS, defaultFor, keyDefinition } from "../../../lib/configKeys";
import { PROJECT_DIR } from "../../../lib/plan/projectSchema";
import { renderPulumiYaml } from "../../../lib/plan/projectSchema";

describe("Pulumi.yaml config schema", () => {
  it("GIVEN the key table WHEN Pulumi.yaml is rendered THEN the committed file is identical (run `npm run schema` after changing keys)", () => {
    expect(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")).toBe(renderPulumiYaml());
  });

  it("GIVEN the rendered schema THEN every key has a type and description, and only uniform defaults are declared", () => {
    const doc = yaml.load(renderPulumiYaml()) as { name: string; main: string; config: Record<string, { type: string; description: string; default?: unknown }> };
    expect([doc.name, doc.main]).toEqual(["payment-platform", "index.ts"]);
    expect(Object.keys(doc.config)).toEqual(CONFIG_KEYS.map((k) => k.key));
    expect(doc.config.containerPort).toEqual({ type: "integer", description: keyDefinition("containerPort").description, default: 8080 });
    expect(doc.config.availabilityZoneCount.default).toBeUndefined();
    expect(doc.config.availabilityZoneCount.description).toContain("Default: dev 2, staging 2, prod 3.");
    expect(doc.config.environmentSuffix).toEqual({ type: "string", description: keyDefinition("environmentSuffix").description });
  });

  it("GIVEN an unknown key THEN keyDefinition throws", () => {
    expect(() => keyDefinition("nope")).toThrow('unknown config key "nope"');
    expect(defaultFor(keyDefinition("apiCpu"), "prod")).toBe(512);
  });
});
