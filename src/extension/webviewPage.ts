// The HTML shell every LeakLens webview shares (no vscode import: unit-tested). Strict CSP: nothing by
// default, the one script only by its per-load crypto-random nonce, styles, images and fonts only from the
// webview's own resource origin.
import { randomBytes } from 'node:crypto';

export interface WebviewPageInput {
  /** `webview.cspSource` */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** Trusted markup of the page's body (everything but the script). */
  body: string;
  nonce?: string;
}

export const newNonce = (): string => randomBytes(18).toString('base64url');

export const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function webviewPage(input: WebviewPageInput): string {
  const nonce = input.nonce ?? newNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `img-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
${input.body}
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
