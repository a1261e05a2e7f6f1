// ANSI colours for the human output, by the conventions other CLIs follow (https://no-color.org,
// https://force-color.org): FORCE_COLOR (other than 0/false) turns colour on even when piped and wins over
// NO_COLOR; NO_COLOR (non-empty) turns it off; otherwise colour only on a terminal that is not TERM=dumb.
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}

export type Style = 'red' | 'yellow' | 'cyan' | 'green' | 'dim' | 'bold' | 'underline';
const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

/** `paint(style, text)`, or the text as it is when colour is off. */
export type Painter = (style: Style, text: string) => string;

export function painter(color: boolean): Painter {
  return color ? (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : (_style, text) => text;
}
