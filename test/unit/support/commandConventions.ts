/**
 * The command-line conventions every command shares (lib/commands/cli.ts parseFlags), as tests each
 * command's own test file runs against its command: `-h` and `--help` print the usage on stdout and
 * exit 0; an unknown flag is refused with the flag and the usage on stderr and exit 2. Give the
 * command dependencies that throw: on these paths it must do nothing past its flags.
 */
import { Command, runCommand } from "../../../lib/commands/cli";
import { captureIo } from "./captureIo";

export function describeCommandLineConventions(name: string, command: () => Command, usage: string): void {
  describe(`npm run ${name}: command-line conventions`, () => {
    it.each(["-h", "--help"])("GIVEN %s THEN the usage is printed on stdout and it exits 0", async (flag) => {
      const io = captureIo();
      expect(await runCommand(command(), [flag], io)).toBe(0);
      expect([io.stdout, io.stderr]).toEqual([[usage], []]);
    });

    it("GIVEN an unknown flag THEN the flag and the usage are printed on stderr and it exits 2", async () => {
      const io = captureIo();
      expect(await runCommand(command(), ["--bogus"], io)).toBe(2);
      expect([io.stdout, io.stderr]).toEqual([[], [`Unknown option '--bogus'\n${usage}`]]);
    });
  });
}

/** Dependencies of a command that must not be reached on its help and refusal paths. */
export const unreachable = (): never => {
  throw new Error("the command ran past its flags");
};
