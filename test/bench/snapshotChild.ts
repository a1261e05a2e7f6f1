// One measured operation per process (bundled by snapshot.bench.ts, so no tsx in the figures).
// Usage: node snapshot-child.js node-idle | leaklens-summary FILE | leaklens-compare[-sequential|-staggered|-parallel|-cli] A B |
//        v8-heap-parser FILE | memlab-parse FILE | json-parse FILE   — prints one JSON line.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareSnapshotFiles, summarizeSnapshotFile, type CompareSchedule } from '../../src/heap/snapshot/runWorker';

async function run(tool: string, files: string[], depsDir: string): Promise<unknown> {
  switch (tool) {
    case 'node-idle':
      return {};
    // As the editor's summary view runs it: in a worker thread.
    case 'leaklens-summary': {
      const s = await summarizeSnapshotFile(files[0]!);
      return { nodes: s.nodeCount, top: s.byRetained[0]?.name };
    }
    // As the editor and `leaklens compare` run it: in a worker thread (two, one per file, when the files are
    // big and the host has the memory); -sequential, -staggered and -parallel force a schedule.
    case 'leaklens-compare':
    case 'leaklens-compare-sequential':
    case 'leaklens-compare-staggered':
    case 'leaklens-compare-parallel': {
      const c = await compareSnapshotFiles(
        files[0]!,
        files[1]!,
        {},
        tool === 'leaklens-compare' ? {} : { schedule: tool.slice('leaklens-compare-'.length) as CompareSchedule },
      );
      return {
        first: c.attributions
          .map((a) => `${a.variable}${a.sameObject ? '' : '(replaced)'} +${a.sizeDelta} count ${a.countDelta}`)
          .slice(0, 3),
      };
    }
    // As a user runs it: the built `leaklens compare` (npm run build first), which runs again in its tuned
    // process (src/cli/tunedProcess.ts). /usr/bin/time reports the peak of the largest process of the tree:
    // that tuned process (this one and the CLI's launcher only wait, at Node's floor: see node-idle).
    case 'leaklens-compare-cli': {
      const root = join(depsDir, '..', '..', '..'); // depsDir is test/bench/.deps
      if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('leaklens-compare-cli needs a build: npm run build');
      let out: string;
      try {
        out = execFileSync(process.execPath, [join(root, 'bin', 'leaklens.js'), 'compare', files[0]!, files[1]!, '--format', 'json'], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
      } catch (error) {
        const e = error as { status?: number; stdout?: string };
        if (e.status !== 1) throw error; // 1: growth attributed
        out = e.stdout!;
      }
      const c = JSON.parse(out) as { attributions: { variable: string; sameObject: boolean; sizeDelta: number; countDelta: number }[] };
      return {
        first: c.attributions
          .map((a) => `${a.variable}${a.sameObject ? '' : '(replaced)'} +${a.sizeDelta} count ${a.countDelta}`)
          .slice(0, 3),
      };
    }
    case 'v8-heap-parser': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const parser = require(`${depsDir}/node_modules/@vscode/v8-heap-parser`);
      const graph = parser.decode_bytes(readFileSync(files[0]!));
      const groups = graph.get_class_groups(0, 50, false);
      return { top: groups[0]?.name() };
    }
    case 'memlab-parse': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { getFullHeapFromFile } = require(`${depsDir}/node_modules/@memlab/heap-analysis`);
      const heap = await getFullHeapFromFile(files[0]!);
      return { nodes: heap.nodes.length };
    }
    case 'json-parse': {
      const s = JSON.parse(readFileSync(files[0]!, 'utf8'));
      return { nodes: s.snapshot.node_count };
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const [tool, depsDir, ...files] = process.argv.slice(2);
run(tool!, files, depsDir!).then(
  (result) => console.log(JSON.stringify({ ok: true, result })),
  (error) => console.log(JSON.stringify({ ok: false, error: String(error?.message ?? error).slice(0, 300) })),
);
