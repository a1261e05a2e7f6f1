// Builds real gzip'd pprof heap profiles (encoded with pprof-format, as the Go runtime lays them out) from a
// short description, for tests that need exact figures.
import { gzipSync } from 'node:zlib';
import { Profile, StringTable } from 'pprof-format';

export const GOROOT_SRC = '/usr/lib/go-1.19/src/';

export interface FrameSpec {
  fn: string;
  file: string;
  line: number;
}

/** One stack (leaf first) with its values; inuse defaults to alloc. */
export interface SampleSpec {
  stack: FrameSpec[];
  allocObjects: number;
  allocSpace: number;
  inuseObjects?: number;
  inuseSpace?: number;
}

export const frames = {
  sprintf: { fn: 'fmt.Sprintf', file: `${GOROOT_SRC}fmt/print.go`, line: 220 },
  growslice: { fn: 'runtime.growslice', file: `${GOROOT_SRC}runtime/slice.go`, line: 178 },
  malg: { fn: 'runtime.malg', file: `${GOROOT_SRC}runtime/proc.go`, line: 4076 },
  logger: { fn: 'main.RequestLogger.func1', file: '/srv/app/main.go', line: 25 },
  ginNext: { fn: 'github.com/gin-gonic/gin.(*Context).Next', file: '/usr/share/gocode/src/github.com/gin-gonic/gin/context.go', line: 173 },
};

export function heapProfile(samples: SampleSpec[], sampleTypes = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']): Buffer {
  const strings = new StringTable();
  const fnIds = new Map<string, number>();
  const functions: { id: number; name: number; filename: number }[] = [];
  const locations: { id: number; line: { functionId: number; line: number }[] }[] = [];
  const sample = samples.map((s) => ({
    locationId: s.stack.map((f) => {
      let fid = fnIds.get(f.fn);
      if (fid === undefined) {
        fid = functions.length + 1;
        fnIds.set(f.fn, fid);
        functions.push({ id: fid, name: strings.dedup(f.fn), filename: strings.dedup(f.file) });
      }
      const id = locations.length + 1;
      locations.push({ id, line: [{ functionId: fid, line: f.line }] });
      return id;
    }),
    value: [s.allocObjects, s.allocSpace, s.inuseObjects ?? s.allocObjects, s.inuseSpace ?? s.allocSpace].slice(0, sampleTypes.length),
  }));
  const profile = new Profile({
    sampleType: sampleTypes.map((t) => ({ type: strings.dedup(t), unit: strings.dedup(t.endsWith('space') ? 'bytes' : 'count') })),
    sample,
    location: locations,
    function: functions,
    stringTable: strings,
    timeNanos: 1_700_000_000_000_000_000n,
  });
  return gzipSync(profile.encode());
}
