// Request headers as people write them (`Name: value`), for the CLI's --header and the editor's setting.

/** `[name, value]` with the name lower-cased, or undefined when there is no name before a colon. */
export function parseHeaderLine(text: string): [string, string] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return [text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim()];
}
