// Endpoint templates filled from an instance's labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillEndpoint, splitHostPort } from '../../../src/fleet/endpoint';

test('placeholders from the instance label and the job', () => {
  const labels = { job: 'api', instance: '10.0.0.5:9100' };
  assert.equal(fillEndpoint('http://{instance_host}:6060/debug/pprof/', labels), 'http://10.0.0.5:6060/debug/pprof/');
  assert.equal(fillEndpoint('http://{instance}/debug/pprof/', labels), 'http://10.0.0.5:9100/debug/pprof/');
  assert.equal(fillEndpoint('{instance_host}:9229', labels), '10.0.0.5:9229');
  assert.equal(fillEndpoint('{job}.internal:{instance_port}', labels), 'api.internal:9100');
});

test('an empty template names no endpoint; unknown placeholders are left for the address check to refuse', () => {
  assert.equal(fillEndpoint('', { job: 'api', instance: 'x:1' }), undefined);
  assert.equal(fillEndpoint('{pod}:9229', { job: 'api', instance: 'x:1' }), '{pod}:9229');
});

test('IPv6 instances keep their brackets; no port is empty', () => {
  assert.deepEqual(splitHostPort('[::1]:9100'), { host: '[::1]', port: '9100' });
  assert.deepEqual(splitHostPort('api-0.svc'), { host: 'api-0.svc', port: '' });
});
