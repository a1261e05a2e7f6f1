// The fleet the fleet tests watch: real Node services with prom-client and real Go services with
// client_golang, some leaking, scraped every second by a real Prometheus.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startService as startNodeService } from '../../fixtures/services/spawnService';
import { requirePrometheus, startPrometheus, type RunningPrometheus } from '../../fixtures/prometheus';
import { buildFixture, requireGo, startService as startGoService } from '../go/goService';

export const FLEET_JOB_NODE = 'fleet-node';
export const FLEET_JOB_GO = 'fleet-go';
const GO_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'go');

export interface FleetMember {
  /** host:port, as Prometheus's `instance` label names it. */
  instance: string;
  job: string;
  leaking: boolean;
  /** The Node inspector's port (Node members only). */
  inspectPort?: number;
}

export interface RunningFleet {
  prometheus: RunningPrometheus;
  members: FleetMember[];
}

/** `node` Node services and `go` Go services; the first `leakingNode`/`leakingGo` of each leak. */
export async function startFleet(
  t: TestContext,
  counts: { node: number; leakingNode: number; go: number; leakingGo: number },
): Promise<RunningFleet> {
  requirePrometheus();
  requireGo();
  const members: FleetMember[] = [];
  for (let i = 0; i < counts.node; i++) {
    const leaking = i < counts.leakingNode;
    const service = await startNodeService('prom-heap-service.mjs', leaking ? ['--leak'] : []);
    t.after(() => service.kill());
    members.push({ instance: `127.0.0.1:${service.httpPort}`, job: FLEET_JOB_NODE, leaking, inspectPort: service.inspectPort });
  }
  if (counts.go) {
    const binary = await buildFixture('promheap', GO_FIXTURES);
    for (let i = 0; i < counts.go; i++) {
      const leaking = i < counts.leakingGo;
      const service = await startGoService(t, binary, leaking ? { LEAK: '1' } : {});
      members.push({ instance: new URL(service.url).host, job: FLEET_JOB_GO, leaking });
    }
  }
  const prometheus = await startPrometheus([
    { job: FLEET_JOB_NODE, targets: members.filter((m) => m.job === FLEET_JOB_NODE).map((m) => m.instance) },
    { job: FLEET_JOB_GO, targets: members.filter((m) => m.job === FLEET_JOB_GO).map((m) => m.instance) },
  ]);
  t.after(() => prometheus.stop());
  return { prometheus, members };
}
