/** Colour only on a colour terminal and never with NO_COLOR (https://no-color.org/). */
import { styleText } from "util";
import { ansiPaint, paintFor, plainPaint } from "../../../lib/commands/colors";

describe("paintFor", () => {
  const terminal = { isTTY: true, hasColors: () => true };
  it.each([
    ["a colour terminal", terminal, {}, ansiPaint],
    ["a colour terminal with NO_COLOR=1", terminal, { NO_COLOR: "1" }, plainPaint],
    ["a terminal without colours", { isTTY: true, hasColors: () => false }, {}, plainPaint],
    ["a pipe or a file (no isTTY, no hasColors)", {}, {}, plainPaint],
  ])("GIVEN %s WHEN choosing THEN the paint is the expected one", (_, stream, env, expected) => {
    expect(paintFor(stream, env)).toBe(expected);
  });

  it("GIVEN a word WHEN painted THEN good is green, bad is bold red, and plain leaves it as it is", () => {
    expect(ansiPaint("met", "good")).toBe(styleText("green", "met", { validateStream: false }));
    expect(ansiPaint("missed", "bad")).toBe(styleText(["red", "bold"], "missed", { validateStream: false }));
    expect(ansiPaint("met", "good")).toBe("\u001b[32mmet\u001b[39m");
    expect(plainPaint("met", "good")).toBe("met");
  });
});
