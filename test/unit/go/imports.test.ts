// The Go engine across the packages of one module (temp folders): a handler that calls into a store of
// another package of the module (`limiter.Add(ip)` with `limiter *store.Limiter`) is reported at that
// call, with the chain and the growth in the other package as related locations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lintGoText, loadGoParser } from '../../../src/analysis/go';
import { makeTree } from '../cli/tempTree';

const GO_MOD = 'module example.com/app\n\ngo 1.22\n';

/** A middleware that rate-limits through a limiter of package `store`, passed down one helper. */
const MIDDLEWARE = `package api

import (
	"net/http"

	"example.com/app/store"
)

func allow(l *store.Limiter, ip string) bool {
	return l.Add(ip) < 100
}

func RateLimit(limiter *store.Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allow(limiter, r.RemoteAddr) {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
`;

const LIMITER = `package store

import "sync"

type Limiter struct {
	mu   sync.Mutex
	hits map[string]int
}

func New() *Limiter { return &Limiter{hits: map[string]int{}} }

func (l *Limiter) Add(ip string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hits[ip]++
	return l.hits[ip]
}
`;

const JANITOR = `package store

import "time"

func (l *Limiter) Janitor() {
	for range time.Tick(time.Minute) {
		l.mu.Lock()
		clear(l.hits)
		l.mu.Unlock()
	}
}
`;

async function lintAt(root: string, rel: string) {
  const path = join(root, rel);
  return lintGoText(path, readFileSync(path, 'utf8'));
}

describe('Go lint: other packages of the module', () => {
  before(async () => {
    await loadGoParser();
  });

  test('growth in a method of another package is reported at the call that leads there, the chain related', async (t) => {
    const root = makeTree(t, { 'go.mod': GO_MOD, 'api/ratelimit.go': MIDDLEWARE, 'store/limiter.go': LIMITER });
    const { findings } = await lintAt(root, 'api/ratelimit.go');
    assert.deepEqual(
      findings.map((f) => `${f.rule}@${f.range.line}:${f.target}`),
      ['unbounded-capture@10:l.hits'],
    );
    const [f] = findings;
    assert.match(f!.message, /`l\.hits` grows on every request.*\(in `Add` of package `store`, which it calls through `Add`\)/);
    const limiterFile = join(root, 'store/limiter.go');
    assert.deepEqual(
      f!.related.map(
        (r) => `${r.file === limiterFile ? 'store/limiter.go' : (r.file ?? 'here')}:${r.range.line} ${r.message.split(' ')[0]}`,
      ),
      ['store/limiter.go:7 `l.hits`', 'here:15 the', 'here:10 the', 'store/limiter.go:15 `l.hits`', 'here:13 `RateLimit`'],
    );
    // Only the suppression: the other fixes would edit the store's file.
    assert.deepEqual(
      f!.fixes.map((x) => x.title.split(' ')[0]),
      ['Suppress'],
    );
    assert.deepEqual((await lintAt(root, 'store/limiter.go')).findings, []);
  });

  test('a sweep in the other package, on a ticker, bounds it', async (t) => {
    const root = makeTree(t, {
      'go.mod': GO_MOD,
      'api/ratelimit.go': MIDDLEWARE,
      'store/limiter.go': LIMITER,
      'store/janitor.go': JANITOR,
    });
    assert.deepEqual((await lintAt(root, 'api/ratelimit.go')).findings, []);
  });

  test('a package-level function of another package that grows its package variable', async (t) => {
    const routes = `package api

import (
	"net/http"

	"example.com/app/audit"
)

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		audit.Record(r.URL.Path)
	})
}
`;
    const audit = `package audit

var trail []string

func Record(path string) { trail = append(trail, path) }
`;
    const root = makeTree(t, { 'go.mod': GO_MOD, 'api/routes.go': routes, 'audit/audit.go': audit });
    assert.deepEqual(
      (await lintAt(root, 'api/routes.go')).findings.map((f) => `${f.rule}@${f.range.line}:${f.target}`),
      ['unbounded-capture@11:trail'],
    );
  });

  test('a store made per request, another module, a vendored copy: not followed', async (t) => {
    const perRequest = MIDDLEWARE.replace('if !allow(limiter, r.RemoteAddr)', 'if !allow(store.New(), r.RemoteAddr)');
    const otherModule = MIDDLEWARE.replaceAll('example.com/app/store', 'example.com/lib/store');
    const root = makeTree(t, {
      'go.mod': GO_MOD,
      'api/ratelimit.go': perRequest,
      'other/ratelimit.go': otherModule,
      'store/limiter.go': LIMITER,
      'vendor/example.com/lib/store/limiter.go': LIMITER,
    });
    assert.deepEqual((await lintAt(root, 'api/ratelimit.go')).findings, []);
    assert.deepEqual((await lintAt(root, 'other/ratelimit.go')).findings, []);
  });

  test('code older than modules: the import path is a folder of the GOPATH', async (t) => {
    const gopath = MIDDLEWARE.replaceAll('example.com/app/store', 'github.com/acme/app/store');
    const root = makeTree(t, {
      'src/github.com/acme/app/api/ratelimit.go': gopath,
      'src/github.com/acme/app/store/limiter.go': LIMITER,
    });
    assert.deepEqual(
      (await lintAt(root, 'src/github.com/acme/app/api/ratelimit.go')).findings.map((f) => `${f.rule}@${f.range.line}`),
      ['unbounded-capture@10'],
    );
  });
});
