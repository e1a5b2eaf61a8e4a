/**
 * Colour for a verdict word (met, missed, PASS, FAIL), and only where a person reads it: on a
 * terminal that has colours, never with NO_COLOR set (https://no-color.org/), never into a pipe or
 * a file. Node's tty.WriteStream#hasColors already honours NO_COLOR, NODE_DISABLE_COLORS and
 * FORCE_COLOR (https://nodejs.org/api/tty.html#writestreamhascolorscount-env); NO_COLOR is checked
 * here as well so the rule does not rest on that detail.
 */
import { styleText } from "util";

export type Tone = "good" | "bad";

/** Decorates a word by its tone; the plain paint returns it unchanged. */
export type Paint = (text: string, tone: Tone) => string;

export const plainPaint: Paint = (text) => text;

export const ansiPaint: Paint = (text, tone) =>
  styleText(tone === "good" ? "green" : ["red", "bold"], text, { validateStream: false });

/** The stream properties that decide it: a file or a pipe has no isTTY. */
export interface OutputStream {
  isTTY?: boolean;
  hasColors?: () => boolean;
}

export function paintFor(stream: OutputStream, env: NodeJS.ProcessEnv): Paint {
  const wanted = stream.isTTY === true && stream.hasColors?.() === true && !env.NO_COLOR;
  return wanted ? ansiPaint : plainPaint;
}
