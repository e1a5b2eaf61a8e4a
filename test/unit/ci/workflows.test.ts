/**
 * The GitHub Actions workflows a team adopts as is (.github/workflows/, docs/deployment.md "CI/CD with
 * GitHub Actions"): every file passes SchemaStore's workflow schema (@action-validator/core), and the
 * triggers, permissions, jobs and steps the docs describe are there with exact values. The plan
 * step's shell script is run here against a stub `npm`, so its exit-code capture is tested, not read.
 * Nothing here talks to GitHub, AWS or Pulumi Cloud: the workflows themselves have not run.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import * as yaml from "js-yaml";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Concurrency {
  group: string;
  "cancel-in-progress": boolean;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  environment?: string;
  "runs-on": string;
  permissions?: Record<string, string> | string;
  concurrency?: Concurrency;
  strategy?: { "fail-fast"?: boolean; matrix: { stack: string[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: Concurrency;
  jobs: Record<string, Job>;
}

const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
const load = (file: string) => yaml.load(text(file)) as Workflow;
const pr = load("pull-request.yaml");
const deploy = load("deploy.yaml");
const ALL: Array<[string, Workflow]> = [
  ["pull-request.yaml", pr],
  ["deploy.yaml", deploy],
];
const allJobs = () => ALL.flatMap(([file, wf]) => Object.entries(wf.jobs).map(([id, job]) => [`${file}#${id}`, job] as const));
const action = (step: Step) => step.uses?.split("@")[0];
const stepsOf = (job: Job, name: string) => job.steps.filter((s) => action(s) === name);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/**
 * The pinned actions: commit of the release tag and every input its action.yml declares at that
 * commit (read from each repository's action.yml with `git show <tag>:action.yml`). A `with` key
 * outside the list is a typo the runner would only warn about.
 */
const PINNED: Record<string, { sha: string; version: string; inputs: string[] }> = {
  "actions/checkout": {
    sha: "3d3c42e5aac5ba805825da76410c181273ba90b1",
    version: "v7.0.1",
    inputs: [
      "repository",
      "ref",
      "token",
      "ssh-key",
      "ssh-known-hosts",
      "ssh-strict",
      "ssh-user",
      "persist-credentials",
      "path",
      "clean",
      "filter",
      "sparse-checkout",
      "sparse-checkout-cone-mode",
      "fetch-depth",
      "fetch-tags",
      "show-progress",
      "lfs",
      "submodules",
      "set-safe-directory",
      "github-server-url",
      "allow-unsafe-pr-checkout",
    ],
  },
  "actions/setup-node": {
    sha: "820762786026740c76f36085b0efc47a31fe5020",
    version: "v7.0.0",
    inputs: [
      "node-version",
      "node-version-file",
      "architecture",
      "check-latest",
      "registry-url",
      "scope",
      "token",
      "cache",
      "package-manager-cache",
      "cache-dependency-path",
      "mirror",
      "mirror-token",
    ],
  },
  "aws-actions/configure-aws-credentials": {
    sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c",
    version: "v6.2.3",
    inputs: [
      "aws-region",
      "aws-profile",
      "overwrite-aws-profile",
      "role-to-assume",
      "aws-access-key-id",
      "aws-secret-access-key",
      "aws-session-token",
      "web-identity-token-file",
      "role-chaining",
      "audience",
      "http-proxy",
      "no-proxy",
      "mask-aws-account-id",
      "role-duration-seconds",
      "role-external-id",
      "role-session-name",
      "role-skip-session-tagging",
      "transitive-tag-keys",
      "inline-session-policy",
      "managed-session-policies",
      "output-credentials",
      "output-env-credentials",
      "unset-current-credentials",
      "disable-retry",
      "retry-max-attempts",
      "special-characters-workaround",
      "use-existing-credentials",
      "allowed-account-ids",
      "force-skip-oidc",
      "action-timeout-s",
      "custom-tags",
      "sts-endpoint",
    ],
  },
  "docker/setup-buildx-action": {
    sha: "37fe631027851001ddb9b187196cc803df7f5f0e",
    version: "v4.3.0",
    inputs: [
      "version",
      "driver",
      "driver-opts",
      "buildkitd-flags",
      "buildkitd-config",
      "buildkitd-config-inline",
      "use",
      "name",
      "endpoint",
      "platforms",
      "append",
      "keep-state",
      "cache-binary",
      "cleanup",
    ],
  },
  "marocchino/sticky-pull-request-comment": {
    sha: "5770ad5eb8f42dd2c4f34da00c94c5381e49af88",
    version: "v3.0.5",
    inputs: [
      "header",
      "append",
      "recreate",
      "delete",
      "only_create",
      "only_update",
      "hide_details",
      "hide",
      "hide_and_recreate",
      "hide_classify",
      "message",
      "path",
      "ignore_empty",
      "skip_unchanged",
      "follow_symbolic_links",
      "number",
      "number_force",
      "owner",
      "repo",
      "GITHUB_TOKEN",
    ],
  },
  "pulumi/actions": {
    sha: "8e5e406f4007fca908480587cb9893c07090f58d",
    version: "v7.0.0",
    inputs: [
      "command",
      "stack-name",
      "pulumi-version",
      "pulumi-version-file",
      "work-dir",
      "comment-on-pr",
      "comment-on-pr-number",
      "comment-on-summary",
      "github-token",
      "cloud-url",
      "secrets-provider",
      "parallel",
      "message",
      "config-map",
      "expect-no-changes",
      "diff",
      "replace",
      "exclude",
      "exclude-dependents",
      "target",
      "target-dependents",
      "policyPacks",
      "policyPackConfigs",
      "refresh",
      "upsert",
      "remove",
      "edit-pr-comment",
      "color",
      "exclude-protected",
      "plan",
      "suppress-outputs",
      "suppress-progress",
      "always-include-summary",
      "continue-on-error",
      "log-verbosity",
      "log-flow",
      "debug",
    ],
  },
};

describe("GIVEN the workflow directory", () => {
  it("THEN it holds exactly the pull-request and deploy workflows", () => {
    expect(fs.readdirSync(WORKFLOWS).sort()).toEqual(["deploy.yaml", "pull-request.yaml"]);
  });

  it.each(ALL.map(([file]) => file))(
    "WHEN %s is validated against SchemaStore's workflow schema THEN there are no errors",
    (file) => {
      expect(validateWorkflow(text(file)).errors).toEqual([]);
    },
  );

  it.each([
    ["a misspelled key", "runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04", "Additional property 'runs_on' is not allowed"],
    ["an unknown permission level", "pull-requests: write", "pull-requests: writ", "/permissions/pull-requests"],
  ])("WHEN a copy with %s is validated THEN the validator reports it (the check can fail)", (_what, from, to, expected) => {
    const broken = text("pull-request.yaml").replace(from, to);
    expect(broken).not.toBe(text("pull-request.yaml"));
    const { errors } = validateWorkflow(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors)).toContain(expected);
  });
});

describe("GIVEN both workflows", () => {
  it("THEN pull requests into main run pull-request.yaml and pushes to main run deploy.yaml, nothing else", () => {
    expect(pr.on).toEqual({ pull_request: { branches: ["main"] } });
    expect(deploy.on).toEqual({ push: { branches: ["main"] } });
  });

  it("THEN each job gets contents: read, plus id-token: write where it assumes the AWS role and pull-requests: write where it comments", () => {
    const effective = Object.fromEntries(
      allJobs().map(([id, job]) => [id, job.permissions ?? ALL.find(([f]) => id.startsWith(f))![1].permissions]),
    );
    expect(pr.permissions).toEqual({ contents: "read" });
    expect(deploy.permissions).toEqual({ contents: "read" });
    expect(effective).toEqual({
      "pull-request.yaml#test": { contents: "read" },
      "pull-request.yaml#plan": { contents: "read", "pull-requests": "write" },
      "pull-request.yaml#preview": { contents: "read", "id-token": "write" },
      "deploy.yaml#test": { contents: "read" },
      "deploy.yaml#deploy-dev": { contents: "read", "id-token": "write" },
      "deploy.yaml#deploy-prod": { contents: "read", "id-token": "write" },
    });
    for (const [file] of ALL) expect(text(file)).not.toMatch(/write-all|read-all/);
  });

  it("THEN no AWS key is referenced anywhere: the only secret is PULUMI_ACCESS_TOKEN and the roles come from variables", () => {
    for (const [file] of ALL) {
      expect(text(file)).not.toMatch(
        /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|aws-access-key-id|aws-secret-access-key/i,
      );
    }
    const names = (prefix: string) =>
      [
        ...new Set(ALL.flatMap(([file]) => [...text(file).matchAll(new RegExp(`${prefix}\\.(\\w+)`, "g"))].map((m) => m[1]))),
      ].sort();
    expect(names("secrets")).toEqual(["PULUMI_ACCESS_TOKEN"]);
    expect(names("vars")).toEqual(["AWS_PREVIEW_ROLE_ARN", "AWS_ROLE_ARN"]);
  });

  it("THEN every AWS login is OIDC into us-east-1 with a role from a variable, and every Pulumi job has the token from the secret", () => {
    const logins = allJobs().flatMap(([id, job]) =>
      stepsOf(job, "aws-actions/configure-aws-credentials").map((s) => [id, s.with]),
    );
    expect(logins).toEqual([
      [
        "pull-request.yaml#preview",
        {
          "role-to-assume": "${{ vars.AWS_PREVIEW_ROLE_ARN || vars.AWS_ROLE_ARN }}",
          "role-session-name": "github-preview-${{ matrix.stack }}",
          "aws-region": "us-east-1",
        },
      ],
      [
        "deploy.yaml#deploy-dev",
        { "role-to-assume": "${{ vars.AWS_ROLE_ARN }}", "role-session-name": "github-deploy-dev", "aws-region": "us-east-1" },
      ],
      [
        "deploy.yaml#deploy-prod",
        { "role-to-assume": "${{ vars.AWS_ROLE_ARN }}", "role-session-name": "github-deploy-prod", "aws-region": "us-east-1" },
      ],
    ]);
    for (const [, job] of allJobs().filter(([, j]) => stepsOf(j, "pulumi/actions").length > 0)) {
      expect(job.env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" });
    }
  });

  it("THEN every action is pinned to the commit of a release tag, named in a comment, and is given only inputs its action.yml declares", () => {
    const lines = ALL.flatMap(([file]) => text(file).split("\n")).filter((l) => /^\s*(- )?uses:/.test(l));
    expect(lines.length).toBe(allJobs().reduce((n, [, job]) => n + job.steps.filter((s) => s.uses).length, 0));
    for (const line of lines) {
      const m = /uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
      expect(m).not.toBeNull();
      const [, name, sha, version] = m!;
      expect({ name, sha, version }).toEqual({ name, sha: PINNED[name]?.sha, version: PINNED[name]?.version });
    }
    for (const [, job] of allJobs()) {
      for (const step of job.steps.filter((s) => s.uses)) {
        const declared = PINNED[action(step)!].inputs;
        expect(Object.keys(step.with ?? {}).filter((key) => !declared.includes(key))).toEqual([]);
      }
    }
  });

  it("THEN every run script takes its values from env, never from ${{ }} (no expression injection)", () => {
    for (const [id, job] of allJobs()) {
      for (const step of job.steps.filter((s) => s.run)) expect([id, step.run!.includes("${{")]).toEqual([id, false]);
    }
  });

  it("THEN Node comes from .nvmrc (24) through setup-node with the npm cache, and dependencies from npm ci", () => {
    expect(fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim()).toBe("24");
    for (const [, job] of allJobs()) {
      expect(stepsOf(job, "actions/setup-node").map((s) => s.with)).toEqual([{ "node-version-file": ".nvmrc", cache: "npm" }]);
      expect(job.steps.slice(0, 3).map((s) => action(s) ?? s.run)).toEqual([
        "actions/checkout",
        "actions/setup-node",
        "npm ci --no-audit --no-fund",
      ]);
    }
  });

  it("THEN every `npm run <script>` they call is a script of package.json, and these are all of them", () => {
    const runs = allJobs().flatMap(([, job]) => job.steps.map((s) => s.run ?? ""));
    const called = [...new Set(runs.flatMap((r) => [...r.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1])))].sort();
    expect(called).toEqual(["plan", "preflight", "test:integration", "verify"]);
    for (const script of [...called, "test"]) expect(pkg.scripts[script]).toEqual(expect.any(String));
    expect(runs.filter((r) => r === "npm test")).toHaveLength(2);
  });

  it("THEN the plan and preview matrices, and the deploy jobs, cover exactly the stacks of the Pulumi.<stack>.yaml files", () => {
    const stacks = fs
      .readdirSync(ROOT)
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort();
    expect(stacks).toEqual(["dev", "prod"]);
    expect(pr.jobs.plan.strategy).toEqual({ "fail-fast": false, matrix: { stack: stacks } });
    expect(pr.jobs.preview.strategy).toEqual({ "fail-fast": false, matrix: { stack: stacks } });
    const deployed = Object.values(deploy.jobs).flatMap((job) =>
      stepsOf(job, "pulumi/actions").flatMap((s) => (s.with?.command === "up" ? [s.with["stack-name"]] : [])),
    );
    expect(deployed.sort()).toEqual(stacks);
  });

  it("THEN pulumi/actions runs preview on PRs and up on main, one command per job, with the CLI version of @pulumi/pulumi", () => {
    const commands = Object.fromEntries(
      allJobs()
        .map(
          ([id, job]) =>
            [
              id,
              stepsOf(job, "pulumi/actions").map((s) => [s.with?.command ?? "(install only)", s.with?.["stack-name"] ?? null]),
            ] as const,
        )
        .filter(([, cmds]) => cmds.length > 0),
    );
    expect(commands).toEqual({
      "pull-request.yaml#preview": [["preview", "${{ matrix.stack }}"]],
      "deploy.yaml#deploy-dev": [
        ["(install only)", null],
        ["up", "dev"],
      ],
      "deploy.yaml#deploy-prod": [
        ["(install only)", null],
        ["up", "prod"],
      ],
    });
    // THEN the pull request's preview runs the repository's policy pack (policy/), by its path
    const [, preview] = allJobs().find(([name]) => name === "pull-request.yaml#preview")!;
    expect(stepsOf(preview, "pulumi/actions").map((step) => step.with?.policyPacks)).toEqual(["policy"]);
    for (const [, job] of allJobs()) {
      for (const step of stepsOf(job, "pulumi/actions")) {
        expect(step.with?.["pulumi-version"]).toBe(pkg.dependencies["@pulumi/pulumi"]);
        if (step.with?.command) expect(step.with).toMatchObject({ "comment-on-summary": true, "suppress-progress": true });
      }
    }
  });

  it("THEN AWS credentials and Docker buildx come before every preview and up (the stack builds the reference image)", () => {
    for (const [, job] of allJobs().filter(([, j]) => stepsOf(j, "pulumi/actions").length > 0)) {
      const order = job.steps.map((s) => action(s));
      const first = order.indexOf("pulumi/actions");
      expect(order.indexOf("aws-actions/configure-aws-credentials")).toBeGreaterThan(-1);
      expect(order.indexOf("aws-actions/configure-aws-credentials")).toBeLessThan(first);
      expect(order.indexOf("docker/setup-buildx-action")).toBeGreaterThan(order.indexOf("aws-actions/configure-aws-credentials"));
      expect(order.indexOf("docker/setup-buildx-action")).toBeLessThan(first);
      expect(stepsOf(job, "docker/setup-buildx-action").map((s) => s.with)).toEqual([undefined]);
    }
  });
});

describe("GIVEN pull-request.yaml", () => {
  const SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository";

  it("THEN tests run first, and plan and preview wait for them", () => {
    expect(Object.keys(pr.jobs)).toEqual(["test", "plan", "preview"]);
    expect(pr.jobs.test.steps.map((s) => action(s) ?? s.run)).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci --no-audit --no-fund",
      "npm test",
    ]);
    expect([pr.jobs.plan.needs, pr.jobs.preview.needs]).toEqual(["test", "test"]);
  });

  it("THEN a new push cancels the PR's older run, and previews use their own groups, never the deploys' pulumi-<stack>", () => {
    expect(pr.concurrency).toEqual({ group: "pull-request-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
    expect(pr.jobs.preview.concurrency).toEqual({
      group: "pulumi-preview-${{ matrix.stack }}-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
  });

  it("THEN the plan step captures the exit code, the sticky comment (one per stack) is posted, and only then the check fails", () => {
    const steps = pr.jobs.plan.steps;
    expect(steps.map((s) => s.name ?? action(s) ?? s.run)).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci --no-audit --no-fund",
      "Offline plan",
      "Post the plan as a sticky PR comment",
      "Fail on the plan's exit code",
    ]);
    const [plan, comment, fail] = steps.slice(3);
    expect(plan).toMatchObject({ id: "plan", shell: "bash", env: { STACK: "${{ matrix.stack }}" } });
    expect(plan.run).toContain('npm run -s plan -- --stack "$STACK" --format markdown');
    expect(comment).toMatchObject({
      if: SAME_REPO,
      uses: `marocchino/sticky-pull-request-comment@${PINNED["marocchino/sticky-pull-request-comment"].sha}`,
      with: { header: "plan-${{ matrix.stack }}", path: "${{ runner.temp }}/plan-comment.md" },
    });
    expect(fail).toMatchObject({
      if: "steps.plan.outputs.exit-code != '0'",
      shell: "bash",
      env: { STACK: "${{ matrix.stack }}", CODE: "${{ steps.plan.outputs.exit-code }}" },
    });
    expect(fail.run).toMatch(/exit "\$CODE"\s*$/);
  });

  describe("WHEN the plan step's script runs (bash -eo pipefail, as `shell: bash`) against a stub npm", () => {
    const planScript = pr.jobs.plan.steps.find((s) => s.id === "plan")!.run!;
    const failScript = pr.jobs.plan.steps.find((s) => s.name === "Fail on the plan's exit code")!.run!;
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-plan-"));
      fs.mkdirSync(path.join(dir, "bin"));
      const stub = [
        "#!/usr/bin/env bash",
        'printf "%s\\n" "$*" > "$RUNNER_TEMP/npm-args"',
        'echo "- **Stack:** \\`$STACK\\`"',
        'echo "| Scenario | Result |"',
        '[ "$STUB_CODE" = 0 ] || echo "cost target missed: reason on stderr" >&2',
        'exit "$STUB_CODE"',
      ].join("\n");
      fs.writeFileSync(path.join(dir, "bin", "npm"), `${stub}\n`, { mode: 0o755 });
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const bash = (script: string, env: Record<string, string>) =>
      spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
        env: { PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, RUNNER_TEMP: dir, ...env },
        encoding: "utf8",
      });

    it.each([
      [0, "passes (savings and p99 targets met)"],
      [3, "fails, exit 3 (savings below minSavingsPercent)"],
      [4, "fails, exit 4 (p99 above targetP99Ms in an hour or a scenario)"],
    ])("GIVEN the plan exits %i THEN the step succeeds, outputs the code and writes the comment: %s", (code, verdict) => {
      const output = path.join(dir, `output-${code}`);
      const summary = path.join(dir, `summary-${code}`);
      const run = bash(planScript, {
        STACK: "prod",
        HEAD_SHA: "0123456789abcdef0123",
        STUB_CODE: String(code),
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      expect(fs.readFileSync(path.join(dir, "npm-args"), "utf8")).toBe("run -s plan -- --stack prod --format markdown\n");
      expect(fs.readFileSync(output, "utf8")).toBe(`exit-code=${code}\n`);
      const comment = fs.readFileSync(path.join(dir, "plan-comment.md"), "utf8");
      expect(comment.split("\n")[0]).toBe(`### Offline plan of the \`prod\` stack: ${verdict}`);
      expect(comment).toContain("`npm run -s plan -- --stack prod --format markdown` at 0123456789ab,");
      // The plan's markdown as it is (verdict, tables), not inside a code block.
      expect(comment).toContain("(models, not measurements).\n\n- **Stack:** `prod`\n| Scenario | Result |\n");
      expect(comment.includes("````text\ncost target missed: reason on stderr\n\n````")).toBe(code !== 0);
      expect(fs.readFileSync(summary, "utf8")).toBe(comment);
    });

    it("GIVEN exit code 3 THEN the fail step exits 3 with an error annotation", () => {
      const run = bash(failScript, { STACK: "dev", CODE: "3" });
      expect(run.status).toBe(3);
      expect(run.stdout).toMatch(/^::error title=plan dev::npm run plan -- --stack dev exited 3 /);
    });
  });

  it("THEN preview runs for same-repository PRs only, with a read-only role when one is configured", () => {
    const job = pr.jobs.preview;
    expect(job.if).toBe(SAME_REPO);
    expect(job.steps.map((s) => s.name ?? action(s) ?? s.run)).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci --no-audit --no-fund",
      "aws-actions/configure-aws-credentials",
      "docker/setup-buildx-action",
      "pulumi preview",
    ]);
  });
});

describe("GIVEN deploy.yaml", () => {
  const signature = (step: Step) =>
    step.uses
      ? `${action(step)}${step.with?.command ? ` ${step.with.command} ${step.with["stack-name"]}` : ""}`
      : step.run!.trim();
  const SETUP = [
    "actions/checkout",
    "actions/setup-node",
    "npm ci --no-audit --no-fund",
    "aws-actions/configure-aws-credentials",
    "docker/setup-buildx-action",
    "pulumi/actions",
  ];

  it("THEN dev waits for the tests, prod waits for dev, and only prod has an environment (production)", () => {
    expect(Object.keys(deploy.jobs)).toEqual(["test", "deploy-dev", "deploy-prod"]);
    expect(deploy.jobs["deploy-dev"].needs).toBe("test");
    expect(deploy.jobs["deploy-prod"].needs).toBe("deploy-dev");
    expect(deploy.jobs["deploy-prod"].environment).toBe("production");
    expect(deploy.jobs["deploy-dev"].environment).toBeUndefined();
  });

  it("THEN each stack has its concurrency group, and a running deploy is never cancelled", () => {
    expect(deploy.concurrency).toBeUndefined();
    expect(deploy.jobs["deploy-dev"].concurrency).toEqual({ group: "pulumi-dev", "cancel-in-progress": false });
    expect(deploy.jobs["deploy-prod"].concurrency).toEqual({ group: "pulumi-prod", "cancel-in-progress": false });
  });

  it("THEN dev runs preflight, pulumi up, verify, then the integration suite on a file of its outputs", () => {
    const job = deploy.jobs["deploy-dev"];
    expect(job.steps.map(signature)).toEqual([
      ...SETUP,
      "npm run preflight -- --stack dev",
      "pulumi/actions up dev",
      "npm run verify -- --stack dev",
      'umask 077\npulumi stack output --stack dev --json --show-secrets > "$RUNNER_TEMP/stack-outputs-dev.json"',
      "npm run test:integration",
    ]);
    expect(job.steps.at(-1)!.env).toEqual({
      PAYMENT_STACK: "dev",
      PAYMENT_STACK_OUTPUTS: "${{ runner.temp }}/stack-outputs-dev.json",
    });
  });

  it("THEN prod runs preflight, pulumi up and verify", () => {
    expect(deploy.jobs["deploy-prod"].steps.map(signature)).toEqual([
      ...SETUP,
      "npm run preflight -- --stack prod",
      "pulumi/actions up prod",
      "npm run verify -- --stack prod",
    ]);
  });
});
