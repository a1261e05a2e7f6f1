// `leaklens fleet` on bad input: one clear line each, exit 2, nothing hangs.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { test } from 'node:test';
import { parseDuration } from '../../../src/fleet/duration';
import { selectorMatchers, seriesSelector } from '../../../src/fleet/selector';
import { runCli, type CliRun } from '../../support/cli';
import { closedPort } from '../../support/net';

async function fleet(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const added = Object.keys(env).filter((k) => !(k in process.env));
  Object.assign(process.env, env);
  try {
    return await runCli(['fleet', ...args]);
  } finally {
    for (const k of added) delete process.env[k];
  }
}

const cases: Array<{ name: string; args: string[]; message: RegExp }> = [
  { name: 'no --prometheus', args: [], message: /--prometheus URL is required/ },
  { name: 'not a URL', args: ['--prometheus', 'prom:9090x'], message: /not an http\(s\) URL|not a URL/ },
  {
    name: 'a remote host without --allow-remote',
    args: ['--prometheus', 'http://10.1.2.3:9090'],
    message: /Refusing to query 10\.1\.2\.3: it is not a loopback address.*--allow-remote/,
  },
  {
    name: 'a selector without braces',
    args: ['--prometheus', 'http://127.0.0.1:9', '--selector', 'job="api"'],
    message: /--selector must be label matchers in braces/,
  },
  {
    name: 'a bad window',
    args: ['--prometheus', 'http://127.0.0.1:9', '--window', 'ten minutes'],
    message: /--window must be a duration such as 90s, 30m or 2h/,
  },
  {
    name: 'a step too coarse for the window',
    args: ['--prometheus', 'http://127.0.0.1:9', '--window', '1m', '--step', '30s'],
    message: /--step must be at most a quarter of --window/,
  },
  { name: 'a bad format', args: ['--prometheus', 'http://127.0.0.1:9', '--format', 'xml'], message: /--format must be text or json/ },
  {
    name: 'a bad --at',
    args: ['--prometheus', 'http://127.0.0.1:9', '--at', 'yesterday'],
    message: /--at must be unix seconds or an ISO date/,
  },
  {
    name: 'an unknown flag',
    args: ['--prometheus', 'http://127.0.0.1:9', '--nope'],
    message: /Unknown option '--nope'.*see leaklens fleet --help/,
  },
  {
    name: 'a token variable that is not set',
    args: ['--prometheus', 'http://127.0.0.1:9', '--token-env', 'LEAKLENS_TEST_NO_SUCH_VAR'],
    message: /--token-env LEAKLENS_TEST_NO_SUCH_VAR: that environment variable is not set/,
  },
];

for (const c of cases) {
  test(`fleet: ${c.name} → one line, exit 2`, async () => {
    const { code, out, err } = await fleet(c.args);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, c.message);
    assert.equal(err.split('\n').length, 1, err);
  });
}

test('fleet: nothing listening → says so, exit 2', async () => {
  const port = await closedPort();
  const { code, err } = await fleet(['--prometheus', `http://127.0.0.1:${port}`]);
  assert.equal(code, 2);
  assert.match(err, new RegExp(`Nothing answers at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\. Is Prometheus running there\\?`));
});

test('fleet: a server that is not Prometheus → says so, exit 2; the bearer token is sent when set', async (t) => {
  let authorization: string | undefined;
  const server = createServer((req, res) => {
    authorization = req.headers.authorization;
    res.end('<html>not prometheus</html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as { port: number };
  const { code, err } = await fleet(['--prometheus', `http://127.0.0.1:${port}`], { LEAKLENS_PROMETHEUS_TOKEN: 's3cret' });
  assert.equal(code, 2);
  assert.match(err, /answered HTTP 200 with no JSON: is this Prometheus's address/);
  assert.equal(authorization, 'Bearer s3cret');
});

test("fleet: a refused query names Prometheus's reason", async (t) => {
  const server = createServer((_req, res) => {
    res.statusCode = 400;
    res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error: unexpected character' }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as { port: number };
  const { code, err } = await fleet(['--prometheus', `http://127.0.0.1:${port}`, '--selector', '{job=}']);
  assert.equal(code, 2);
  assert.match(err, /Prometheus refused the query: bad_data: parse error: unexpected character/);
});

test('durations and selectors', () => {
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('30m'), 1800);
  assert.equal(parseDuration('2h'), 7200);
  assert.equal(parseDuration('45'), 45);
  assert.equal(parseDuration('0s'), undefined);
  assert.equal(parseDuration('-5m'), undefined);
  assert.equal(selectorMatchers(undefined), '');
  assert.equal(selectorMatchers(' {job="api",} '), 'job="api"');
  assert.equal(seriesSelector('m', 'job="api"', 'kind="major"'), 'm{job="api",kind="major"}');
  assert.equal(seriesSelector('m', ''), 'm{}');
});
