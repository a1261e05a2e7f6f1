import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newNonce, panelHtml } from '../../../src/extension/heap/panelHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://x/dist/heap-view.js',
  styleUri: 'https://x/dist/heap.css',
};

test('CSP: default-src none, the script only by nonce, styles from the webview source, nothing unsafe', () => {
  const html = panelHtml({ ...input, nonce: 'abc123' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.match(csp, new RegExp(`style-src ${input.cspSource.replace(/[.+]/g, '\\$&')}(;|$)`));
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  const scripts = html.match(/<script[^>]*>/g)!;
  assert.deepEqual(scripts, [`<script nonce="abc123" src="${input.scriptUri}">`]);
  assert.doesNotMatch(html, /\son\w+=/, 'no inline event handlers');
  assert.doesNotMatch(html, /style=/, 'no inline styles');
});

test('nonces are random and long enough', () => {
  const nonces = new Set(Array.from({ length: 100 }, newNonce));
  assert.equal(nonces.size, 100);
  for (const n of nonces) assert.match(n, /^[\w-]{24}$/);
  assert.notEqual(/nonce-([^']+)'/.exec(panelHtml(input))![1], /nonce-([^']+)'/.exec(panelHtml(input))![1]);
});
