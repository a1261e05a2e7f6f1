// The package manifest as the Marketplace, VS Code and npm read it: the fields VS Code's own extensions carry,
// a scope on every setting, path settings kept from untrusted workspaces, activation on Node debuggers only,
// and an npm package that lists its files and keeps eslint optional.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('Marketplace fields are present and the icon is a 128×128 PNG', () => {
  for (const field of [
    'displayName',
    'description',
    'publisher',
    'license',
    'icon',
    'keywords',
    'homepage',
    'bugs',
    'galleryBanner',
    'repository',
    'categories',
  ]) {
    assert.ok(manifest[field], field);
  }
  const png = readFileSync(join(root, manifest.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});

test('every setting has a scope; lint settings are per resource; paths, commands and addresses are restricted when untrusted', () => {
  const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;
  for (const [key, property] of Object.entries(properties)) assert.ok(property.scope, `${key} has no scope`);
  for (const key of ['enable', 'rules', 'exclude', 'maxFileSize', 'includeTests'])
    assert.equal(properties[`leaklens.${key}`]!.scope, 'resource', key);
  // Settings that name a path, a command to run or an address to connect to come from user settings only.
  const restricted = [
    'leaklens.snapshot.folder',
    'leaklens.check.start',
    'leaklens.check.baselineStart',
    'leaklens.check.outDir',
    'leaklens.fleet.prometheusUrl',
    'leaklens.fleet.endpoints',
    'leaklens.pathMap',
  ];
  assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), restricted.sort());
});

test('activation: linted languages and Node debug sessions only, never every debugger', () => {
  const events: string[] = manifest.activationEvents;
  assert.ok(!events.includes('onDebug') && !events.includes('*'));
  assert.deepEqual(
    events.filter((e) => e.startsWith('onDebug')),
    ['onDebugResolve:node', 'onDebugResolve:pwa-node', 'onDebugResolve:node-terminal'],
  );
});

test('npm: the files that ship exist after a build, the entry points are among them, eslint is an optional peer', () => {
  const files: string[] = manifest.files;
  for (const entry of [manifest.bin.leaklens, manifest.exports['.'], manifest.exports['./eslint-plugin']]) {
    assert.ok(files.includes(entry.replace(/^\.\//, '')), `${entry} is not in files`);
  }
  if (existsSync(join(root, 'dist', 'cli.js')))
    for (const file of files) assert.ok(existsSync(join(root, file)), `${file} is listed but not built`);
  assert.equal(manifest.peerDependenciesMeta.eslint.optional, true);
  assert.equal(manifest.dependencies['chart.js'], undefined);
});
