import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintGoText } from '../../../src/analysis/go';
import type { Finding, FixKind, RuleId, TextEdit } from '../../../src/findings/model';

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.end <= sorted[i - 1]!.start, 'edits overlap');
  return sorted.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

/** Applies one fix of one finding and lints the result again. */
async function fixAndRelint(text: string, rule: RuleId, kind: FixKind, target?: string): Promise<{ fixed: string; after: Finding[] }> {
  const f = (await lintGoText('f.go', text)).findings.find((x) => x.rule === rule && (!target || x.target === target));
  assert.ok(f, `no ${rule} finding`);
  const fix = f.fixes.find((x) => x.kind === kind);
  assert.ok(fix, `no ${kind} fix on ${rule}`);
  const fixed = apply(text, fix.edits);
  const result = await lintGoText('f.go', fixed);
  assert.equal(result.notice, undefined, `fixed text does not parse:\n${fixed}`);
  return { fixed, after: result.findings };
}

const rules = (fs: Finding[]) => fs.map((f) => f.rule).sort();

const FACTORY = `package main

import "github.com/gin-gonic/gin"

// Logger logs.
func Logger() gin.HandlerFunc {
	var logs []string
	seen := map[string]int{}
	return func(c *gin.Context) {
		logs = append(logs, c.FullPath())
		seen[c.ClientIP()]++
	}
}
`;

describe('Go fixes', () => {
  test('suppress inserts a reasoned directive above the line and silences only that line', async () => {
    const { fixed, after } = await fixAndRelint(FACTORY, 'unbounded-capture', 'suppress', 'logs');
    assert.match(fixed, /\n\t\t\/\/ leaklens-disable-next-line unbounded-capture -- .+\n\t\tlogs = append/);
    // The growth's one diagnostic (which also names the race) is gone; `seen` is still reported.
    assert.deepEqual(
      after.map((f) => f.target),
      ['seen'],
    );
  });

  test('cap on a slice adds a named limit before the doc comment and drops the oldest entry', async () => {
    const { fixed, after } = await fixAndRelint(FACTORY, 'unbounded-capture', 'cap', 'logs');
    assert.match(fixed, /const maxLogs = 1000\n\n\/\/ Logger logs\.\nfunc Logger/);
    assert.match(fixed, /\t\tif len\(logs\) >= maxLogs \{\n\t\t\tlogs = logs\[1:\]\n\t\t\}\n\t\tlogs = append/);
    // Bounded now; the new re-slice is one more unlocked write, so only the race rule remains.
    assert.deepEqual([...new Set(rules(after.filter((f) => f.target === 'logs')))], ['unsynchronized-capture']);
  });

  test('cap on a map evicts an entry', async () => {
    const { fixed, after } = await fixAndRelint(FACTORY, 'unbounded-capture', 'cap', 'seen');
    assert.match(fixed, /if len\(seen\) >= maxSeen \{\n\t\t\tfor evict := range seen \{\n\t\t\t\tdelete\(seen, evict\)/);
    assert.deepEqual([...new Set(rules(after.filter((f) => f.target === 'seen')))], ['unsynchronized-capture']);
  });

  test('mutex: declares one next to the target, imports sync, wraps the write', async () => {
    const { fixed, after } = await fixAndRelint(FACTORY, 'unbounded-capture', 'mutex', 'logs');
    assert.match(fixed, /import \(?\n?"sync"|import "sync"/);
    assert.match(fixed, /\tvar logs \[\]string\n\tvar logsMu sync.Mutex\n/);
    assert.match(fixed, /\t\tlogsMu.Lock\(\)\n\t\tlogs = append\(logs, c.FullPath\(\)\)\n\t\tlogsMu.Unlock\(\)/);
    // Still a growth, no longer a race: a warning now (it was an error while unlocked).
    assert.deepEqual(
      after.filter((f) => f.target === 'logs').map((f) => [f.rule, f.severity]),
      [['unbounded-capture', 'warning']],
    );
  });

  test('mutex: "sync" goes where gofmt keeps it, in order within the first import group', async () => {
    const imports = (block: string) => `package main

import (
${block}
)

func Logger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) {
		logs = append(logs, c.FullPath())
	}
}
`;
    const cases: [string, string][] = [
      ['\t"fmt"\n\t"strings"\n\n\t"github.com/gin-gonic/gin"', '\t"fmt"\n\t"strings"\n\t"sync"\n\n\t"github.com/gin-gonic/gin"'],
      ['\t"fmt"\n\t"time"', '\t"fmt"\n\t"sync"\n\t"time"'],
      ['\t"github.com/gin-gonic/gin"', '\t"github.com/gin-gonic/gin"\n\t"sync"'],
    ];
    for (const [before, after] of cases) {
      const { fixed } = await fixAndRelint(imports(before), 'unbounded-capture', 'mutex', 'logs');
      assert.ok(fixed.includes(`import (\n${after}\n)`), fixed);
    }
  });

  test('mutex: reuses the factory mutex and an existing import block', async () => {
    const text = `package main

import (
	"sync"

	"github.com/gin-gonic/gin"
)

func Logger() gin.HandlerFunc {
	var mu sync.Mutex
	var logs []string
	return func(c *gin.Context) {
		logs = append(logs, c.FullPath())
	}
}
`;
    const { fixed, after } = await fixAndRelint(text, 'unbounded-capture', 'mutex');
    assert.equal(fixed.match(/"sync"/g)!.length, 1);
    assert.match(fixed, /\t\tmu.Lock\(\)\n\t\tlogs = append\(logs, c.FullPath\(\)\)\n\t\tmu.Unlock\(\)/);
    assert.ok(!fixed.includes('logsMu'));
    assert.deepEqual(rules(after), ['unbounded-capture']);
  });

  test('mutex on a receiver field: uses the struct mutex, or adds one to the struct', async () => {
    const text = `package main

import "net/http"

type Server struct {
	seen []string
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.seen = append(s.seen, r.URL.Path)
}
`;
    const { fixed, after } = await fixAndRelint(text, 'unbounded-capture', 'mutex');
    assert.match(fixed, /type Server struct \{\n\tmu sync.Mutex\n\tseen \[\]string/);
    assert.match(fixed, /\n\nimport "sync"\n/);
    assert.match(fixed, /\ts.mu.Lock\(\)\n\ts.seen = append/);
    assert.deepEqual(rules(after), ['unbounded-capture']);
  });
});
