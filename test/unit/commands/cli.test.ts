import { ConfigError } from "../../../lib/config/source";
import { HELP_OPTION, parseFlags, processIo, runCli, runCommand, UsageError } from "../../../lib/commands/cli";
import { captureIo } from "../support/captureIo";

describe("command runner", () => {
  it("GIVEN a command that succeeds THEN its exit code is returned", async () => {
    const io = captureIo();
    expect(await runCommand(async (argv, o) => (o.out(argv.join(" ")), 3), ["a", "b"], io)).toBe(3);
    expect(io.stdout).toEqual(["a b"]);
  });

  it.each([
    [new ConfigError(["x is bad"]), 2, "Invalid stack configuration:\n  - x is bad"],
    [new UsageError("unknown flag --x"), 2, "unknown flag --x"],
    [new Error("boom"), 1, "error: boom"],
    ["plain", 1, "error: plain"],
  ])("GIVEN a command that throws %p THEN exit %i and one message without a stack trace", async (thrown, code, message) => {
    const io = captureIo();
    expect(await runCommand(async () => Promise.reject(thrown), [], io)).toBe(code);
    expect(io.stderr).toEqual([message]);
  });

  it("GIVEN runCli THEN it passes process.argv and sets process.exitCode", async () => {
    const saved = [process.argv, process.exitCode] as const;
    process.argv = ["node", "bin", "--flag"];
    const io = captureIo();
    await runCli(async (argv) => (argv[0] === "--flag" ? 7 : 0), io);
    expect(process.exitCode).toBe(7);
    [process.argv, process.exitCode] = [saved[0], saved[1]];
  });

  it("GIVEN processIo THEN lines end with exactly one newline", () => {
    const out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    processIo.out("a");
    processIo.out("b\n");
    processIo.err("c");
    processIo.err("d\n");
    expect(out.mock.calls.map((c) => c[0])).toEqual(["a\n", "b\n"]);
    expect(err.mock.calls.map((c) => c[0])).toEqual(["c\n", "d\n"]);
    out.mockRestore();
    err.mockRestore();
  });
});

describe("the flag parser every command uses", () => {
  it("GIVEN -h or --help THEN help is set; GIVEN neither THEN it is false and the command's own defaults apply", () => {
    const options = { json: { type: "boolean", default: false } } as const;
    expect(HELP_OPTION).toEqual({ help: { type: "boolean", short: "h", default: false } });
    expect(parseFlags(["-h"], options, "usage: x")).toEqual({ help: true, json: false });
    expect(parseFlags(["--json", "--help"], options, "usage: x")).toEqual({ help: true, json: true });
    expect(parseFlags([], {}, "usage: x")).toEqual({ help: false });
  });

  it.each([
    [["-x"], "Unknown option '-x'"],
    [["--jsn"], "Unknown option '--jsn'"],
    [["stray"], "Unexpected argument 'stray'. This command does not take positional arguments"],
  ])("GIVEN %j THEN a UsageError carries the reason and the usage", (argv, reason) => {
    expect(() => parseFlags(argv, { json: { type: "boolean", default: false } }, "usage: x")).toThrow(
      new UsageError(`${reason}\nusage: x`),
    );
  });
});
