// The Go engine on real files of a package (a temp folder): growth one call away in another file of the
// package, test files, files only built by old Go, and a local syntax error that spares the rest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lintGoText, loadGoParser } from '../../../src/analysis/go';
import { makeTree } from '../cli/tempTree';

const ROUTES = `package api

import "net/http"

var limiter = NewLimiter()

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		limiter.Add(r.RemoteAddr)
	})
}
`;

const LIMITER = `package api

import "sync"

type Limiter struct {
	mu   sync.Mutex
	hits map[string]int
}

func NewLimiter() *Limiter { return &Limiter{hits: map[string]int{}} }

func (l *Limiter) Add(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hits[ip]++
}
`;

async function lintAt(root: string, rel: string, config = {}) {
  const path = join(root, rel);
  return lintGoText(path, readFileSync(path, 'utf8'), config);
}

describe('Go lint: the package', () => {
  before(async () => {
    await loadGoParser();
  });

  test('growth in a method of another file the handler calls is reported there, naming the handler', async (t) => {
    const root = makeTree(t, { 'api/routes.go': ROUTES, 'api/limiter.go': LIMITER });
    const limiter = await lintAt(root, 'api/limiter.go');
    assert.deepEqual(
      limiter.findings.map((f) => `${f.rule}@${f.range.line}`),
      ['unbounded-capture@15'],
    );
    const [f] = limiter.findings;
    assert.match(f!.message, /`l\.hits` grows on every request.*\(in `Add`, which it calls\).*The handler is in routes\.go:8\./);
    assert.equal(f!.severity, 'warning'); // the struct's mutex is held
    assert.deepEqual((await lintAt(root, 'api/routes.go')).findings, []);
  });

  test('unsaved editor text is analysed with the siblings on disk', async (t) => {
    const root = makeTree(t, { 'api/routes.go': ROUTES, 'api/limiter.go': LIMITER });
    const path = join(root, 'api/limiter.go');
    const edited = LIMITER.replace('\tl.hits[ip]++', '\tif len(l.hits) > 1000 {\n\t\tclear(l.hits)\n\t}\n\tl.hits[ip]++');
    assert.deepEqual((await lintGoText(path, edited)).findings, []);
    assert.equal((await lintGoText(path, LIMITER)).findings.length, 1);
  });

  test('a sweep in another file of the package, on a ticker, bounds it', async (t) => {
    const janitor = `package api

import "time"

func (l *Limiter) janitor() {
	for range time.Tick(time.Minute) {
		l.mu.Lock()
		clear(l.hits)
		l.mu.Unlock()
	}
}
`;
    const root = makeTree(t, { 'api/routes.go': ROUTES, 'api/limiter.go': LIMITER, 'api/janitor.go': janitor });
    assert.deepEqual((await lintAt(root, 'api/limiter.go')).findings, []);
  });

  test('a call in another file is never taken for one inside the handler because their offsets overlap', async (t) => {
    const server = `package api

import "net/http"

type Server struct{ seen map[string]bool }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seen[r.URL.Path] = true
	s.mu.Unlock()
}
`;
    // \`reset\` is called from a request path elsewhere, on one branch: no bound. Its call in boot.go sits at
    // offsets that fall inside ServeHTTP's in server.go.
    const reset = `package api

func (s *Server) reset(full bool) {
	if full {
		s.seen = map[string]bool{}
	}
}

func (s *Server) Admin(w http.ResponseWriter, r *http.Request) { s.reset(r.URL.Query().Has("full")) }
`;
    const boot = `package api

// ${'padding '.repeat(9)}
func boot(s *Server) { s.reset(false) }
`;
    assert.ok(boot.indexOf('s.reset') > server.indexOf('func (s *Server) ServeHTTP'));
    assert.ok(boot.indexOf('s.reset') < server.lastIndexOf('}'));
    const root = makeTree(t, { 'api/server.go': server, 'api/reset.go': reset, 'api/boot.go': boot });
    assert.deepEqual(
      (await lintAt(root, 'api/server.go')).findings.map((f) => f.rule),
      [],
    );
  });

  test('test files, testdata and files only built by old Go are not analysed unless asked', async (t) => {
    const leaky = (pkg: string, header = '') => `${header}package ${pkg}

import "net/http"

var seen []string

func Handle(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.Path) }
`;
    const root = makeTree(t, {
      'a/server_test.go': leaky('a'),
      'b/testdata/server.go': leaky('b'),
      'c/old.go': leaky('c', '// +build !go1.7\n\n'),
      'd/new.go': leaky('d', '//go:build go1.7\n\n'),
    });
    assert.deepEqual((await lintAt(root, 'a/server_test.go')).findings, []);
    assert.deepEqual((await lintAt(root, 'b/testdata/server.go')).findings, []);
    assert.deepEqual((await lintAt(root, 'c/old.go')).findings, []);
    assert.equal((await lintAt(root, 'd/new.go')).findings.length, 1);
    assert.equal((await lintAt(root, 'a/server_test.go', { includeTests: true })).findings.length, 1);
  });

  test("folders `go build ./...` skips (`_examples/`, `.hidden/`, `vendor/` below go.mod's folder) are not analysed unless asked", async (t) => {
    const leaky = `package main

import "net/http"

var seen []string

func Handle(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.Path) }
`;
    const root = makeTree(t, {
      'mod/go.mod': 'module example.com/mod\n',
      'mod/_examples/rest/main.go': leaky,
      'mod/.hidden/main.go': leaky,
      'mod/vendor/example.com/lib/main.go': leaky,
      'mod/_examples/nested/go.mod': 'module example.com/mod/examples\n',
      'mod/_examples/nested/main.go': leaky,
      'mod/cmd/server/main.go': leaky,
      '_loose/main.go': leaky,
    });
    assert.deepEqual((await lintAt(root, 'mod/_examples/rest/main.go')).findings, []);
    assert.deepEqual((await lintAt(root, 'mod/.hidden/main.go')).findings, []);
    assert.deepEqual((await lintAt(root, 'mod/vendor/example.com/lib/main.go')).findings, []);
    assert.deepEqual((await lintAt(root, 'mod/_examples/nested/main.go')).findings, []);
    assert.equal((await lintAt(root, 'mod/_examples/rest/main.go', { includeTests: true })).findings.length, 1);
    assert.equal((await lintAt(root, 'mod/cmd/server/main.go')).findings.length, 1);
    // Without a module the folder names say nothing.
    assert.equal((await lintAt(root, '_loose/main.go')).findings.length, 1);
  });

  test("Go 1.26's new(expr) damages one function: the rest of the file is analysed, with a notice naming the line", async () => {
    const text = `package main

import "net/http"

func ptr() *int { return new(42) }

var seen []string

func Handle(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.Path) }
`;
    const result = await lintGoText('new.go', text);
    assert.equal(result.notice?.kind, 'parse-error');
    assert.equal(result.notice?.line, 5);
    assert.match(
      result.notice!.message,
      /^Go syntax error at 5:\d+ .*the declaration around it was not analysed, the rest of the file was\.$/,
    );
    assert.deepEqual(
      result.findings.map((f) => `${f.rule}@${f.range.line}`),
      ['unbounded-capture@9'],
    );
  });
});
