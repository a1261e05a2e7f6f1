// Table of Go sources for the lint suite. Each line that must be reported ends with
// `// want: rule[:severity] …`; every other line must be clean. The header imports what the cases use.
export const HEADER = `package main

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/go-kit/kit/log"
	"github.com/gorilla/context"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)
`;

export interface Case {
  name: string;
  code: string;
  reportAllReturnedClosures?: boolean;
  includeTests?: boolean;
}

export const CASES: Case[] = [
  // ---- Gin: the incident and its growth kinds
  {
    name: 'gin factory appends to a captured slice (the incident)',
    code: `
func Logger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) {
		entry := c.Request.Method + " " + c.Request.URL.Path
		logs = append(logs, entry) // want: unbounded-capture:error
		c.Next()
	}
}`,
  },
  {
    name: 'gin: retaining the *gin.Context is an error',
    code: `
func Keep() gin.HandlerFunc {
	var all []*gin.Context
	return func(c *gin.Context) {
		all = append(all, c) // want: unbounded-capture:error
	}
}`,
  },
  {
    name: 'gin: retaining c.Request inside a struct literal is an error',
    code: `
type record struct{ req *http.Request; at time.Time }

func Keep() gin.HandlerFunc {
	var mu sync.Mutex
	var all []record
	return func(c *gin.Context) {
		mu.Lock()
		defer mu.Unlock()
		all = append(all, record{req: c.Request, at: time.Now()}) // want: unbounded-capture:error
	}
}`,
  },
  {
    name: 'gin: map write with a varying key, and m[k]++',
    code: `
func Count() gin.HandlerFunc {
	seen := map[string]bool{}
	hits := make(map[string]int)
	return func(c *gin.Context) {
		seen[c.ClientIP()] = true // want: unbounded-capture:error
		hits[c.FullPath()]++ // want: unbounded-capture:error
		hits[c.FullPath()] += 2 // want: unbounded-capture:error
	}
}`,
  },
  {
    name: 'gin: constant keys do not grow (still a race)',
    code: `
const totalKey = "total"

func Count() gin.HandlerFunc {
	stats := map[string]int{}
	return func(c *gin.Context) {
		stats["requests"]++ // want: unsynchronized-capture
		stats[totalKey] = 1 // want: unsynchronized-capture
	}
}`,
  },
  {
    name: 'gin: sync.Map Store and LoadOrStore grow but are synchronised',
    code: `
func Sessions() gin.HandlerFunc {
	var sessions sync.Map
	byIP := &sync.Map{}
	return func(c *gin.Context) {
		sessions.Store(c.GetHeader("X-Id"), time.Now()) // want: unbounded-capture
		byIP.LoadOrStore(c.ClientIP(), 1) // want: unbounded-capture
	}
}`,
  },
  {
    name: 'gin: writes to a captured strings.Builder and bytes.Buffer',
    code: `
func Audit() gin.HandlerFunc {
	var sb strings.Builder
	buf := new(bytes.Buffer)
	return func(c *gin.Context) {
		sb.WriteString(c.FullPath()) // want: unbounded-capture
		fmt.Fprintf(buf, "%s\\n", c.ClientIP()) // want: unbounded-capture
	}
}`,
  },
  {
    name: 'gin: handler registered inline, package-level target',
    code: `
var paths []string

func main() {
	r := gin.Default()
	r.GET("/x", func(c *gin.Context) {
		paths = append(paths, c.FullPath()) // want: unbounded-capture:error
	})
	r.Run()
}`,
  },
  {
    name: 'gin: growth in a function the handler calls',
    code: `
var history []string

func remember(s string) {
	history = append(history, s) // want: unbounded-capture
}

var mu sync.Mutex

func Track() gin.HandlerFunc {
	return func(c *gin.Context) {
		mu.Lock()
		remember(c.FullPath())
		mu.Unlock()
	}
}`,
  },
  // ---- Bounds
  {
    name: 'bound: flush-and-reset with x = x[:0] under a size check is a bounded buffer',
    code: `
func flush(lines []string) {}

func Batch() gin.HandlerFunc {
	var mu sync.Mutex
	var batch []string
	return func(c *gin.Context) {
		mu.Lock()
		defer mu.Unlock()
		batch = append(batch, c.FullPath()) // want: bounded-buffer:info
		if len(batch) >= 100 {
			flush(batch)
			batch = batch[:0]
		}
	}
}`,
  },
  {
    name: 'bound: x = nil in a ticker goroutine of the factory',
    code: `
func Window() gin.HandlerFunc {
	var mu sync.Mutex
	var recent []string
	go func() {
		for range time.Tick(time.Minute) {
			mu.Lock()
			recent = nil
			mu.Unlock()
		}
	}()
	return func(c *gin.Context) {
		mu.Lock()
		recent = append(recent, c.FullPath())
		mu.Unlock()
	}
}`,
  },
  {
    name: 'bound: re-slicing that drops the head under a length check',
    code: `
const keep = 50

func Tail() gin.HandlerFunc {
	var mu sync.Mutex
	var last []string
	return func(c *gin.Context) {
		mu.Lock()
		defer mu.Unlock()
		last = append(last, c.FullPath())
		if len(last) > keep {
			last = last[len(last)-keep:]
		}
	}
}`,
  },
  {
    name: 'bound: delete in a defer of the same handler',
    code: `
func InFlight() gin.HandlerFunc {
	var mu sync.Mutex
	active := map[string]time.Time{}
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		mu.Lock()
		active[id] = time.Now()
		mu.Unlock()
		defer func() {
			mu.Lock()
			delete(active, id)
			mu.Unlock()
		}()
		c.Next()
	}
}`,
  },
  {
    name: 'bound: clear(m), and size-check eviction',
    code: `
const maxEntries = 1000

func Cache() gin.HandlerFunc {
	var mu sync.Mutex
	cache := map[string]string{}
	byUser := map[string]int{}
	return func(c *gin.Context) {
		mu.Lock()
		defer mu.Unlock()
		if len(cache) > maxEntries {
			clear(cache)
		}
		cache[c.FullPath()] = c.ClientIP()
		if len(byUser) >= maxEntries {
			for k := range byUser {
				delete(byUser, k)
				break
			}
		}
		byUser[c.GetHeader("User")]++
	}
}`,
  },
  {
    name: 'bound: sync.Map Delete and Builder Reset',
    code: `
func Tokens() gin.HandlerFunc {
	var tokens sync.Map
	var sb strings.Builder
	return func(c *gin.Context) {
		tok := c.GetHeader("T")
		tokens.Store(tok, true)
		defer tokens.Delete(tok)
		sb.WriteString(tok)
		defer sb.Reset()
	}
}`,
  },
  // ---- net/http
  {
    name: 'net/http: http.HandleFunc with a literal, package map',
    code: `
var visits = map[string]int{}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		visits[r.URL.Path]++ // want: unbounded-capture:error
	})
	http.ListenAndServe("127.0.0.1:8080", nil)
}`,
  },
  {
    name: 'net/http: middleware returning http.HandlerFunc(...) that keeps the request',
    code: `
func Logging(next http.Handler) http.Handler {
	var mu sync.Mutex
	var reqs []*http.Request
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reqs = append(reqs, r) // want: unbounded-capture:error
		mu.Unlock()
		next.ServeHTTP(w, r)
	})
}`,
  },
  {
    name: 'net/http: method handler growing a receiver field',
    code: `
type Server struct {
	mu   sync.Mutex
	seen []string
	hits map[string]int
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.seen = append(s.seen, r.URL.Path) // want: unbounded-capture:error
	s.mu.Lock()
	s.hits[r.RemoteAddr]++ // want: unbounded-capture
	s.mu.Unlock()
}`,
  },
  {
    name: 'net/http: method registered by name with HandleFunc',
    code: `
type API struct{ log []string }

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	a.log = append(a.log, r.URL.RawQuery) // want: unbounded-capture:error
}

func routes(a *API) {
	http.HandleFunc("/list", a.list)
}`,
  },
  // ---- echo / fiber style
  {
    name: 'echo: middleware func returning a handler',
    code: `
func Recorder() echo.MiddlewareFunc {
	var paths []string
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			paths = append(paths, c.Path()) // want: unbounded-capture:error
			return next(c)
		}
	}
}`,
  },
  {
    name: 'fiber: handler with *fiber.Ctx',
    code: `
func Fiber() fiber.Handler {
	ips := map[string]int{}
	return func(c *fiber.Ctx) error {
		ips[c.IP()]++ // want: unbounded-capture:error
		return c.Next()
	}
}`,
  },
  {
    name: 'fiber v3: handlers take fiber.Ctx (an interface), registered on the app or returned as a func',
    code: `
func Limit() func(fiber.Ctx) error {
	var mu sync.Mutex
	ips := map[string]int{}
	return func(c fiber.Ctx) error {
		mu.Lock()
		ips[c.IP()]++ // want: unbounded-capture
		mu.Unlock()
		return c.Next()
	}
}

func Routes(app *fiber.App) {
	var paths []string
	app.Get("/x", func(c fiber.Ctx) error {
		paths = append(paths, c.Path()) // want: unbounded-capture:error
		return nil
	})
}`,
  },
  // ---- Race rule with and without a mutex
  {
    name: 'race: RLock does not make a write safe; Unlock before the write ends the lock',
    code: `
func Reader() gin.HandlerFunc {
	var mu sync.RWMutex
	var mu2 sync.Mutex
	seen := map[string]bool{}
	return func(c *gin.Context) {
		mu.RLock()
		seen[c.FullPath()] = true // want: unsynchronized-capture
		mu.RUnlock()
		mu2.Lock()
		mu2.Unlock()
		delete(seen, c.FullPath()) // want: unsynchronized-capture
	}
}`,
  },
  {
    name: 'race: a lock held in an enclosing block covers nested statements',
    code: `
func Nested() gin.HandlerFunc {
	var mu sync.Mutex
	var out []string
	return func(c *gin.Context) {
		mu.Lock()
		defer mu.Unlock()
		if c.Query("x") != "" {
			for _, v := range c.QueryArray("x") {
				out = append(out, v) // want: unbounded-capture
			}
		}
	}
}`,
  },
  // ---- Not reported
  {
    name: 'clean: locals, shadowing, handler parameters',
    code: `
var logs []string

func Local() gin.HandlerFunc {
	return func(c *gin.Context) {
		var logs []string
		logs = append(logs, c.FullPath())
		m := map[string]int{}
		m[c.FullPath()]++
		c.Keys["x"] = 1
		_ = logs
	}
}`,
  },
  {
    name: 'clean: a memoizer is not a handler unless asked',
    code: `
func Memo(f func(int) int) func(int) int {
	cache := map[int]int{}
	return func(n int) int {
		cache[n] = f(n)
		return cache[n]
	}
}`,
  },
  {
    name: 'memoizer reported with reportAllReturnedClosures',
    reportAllReturnedClosures: true,
    code: `
func Memo(f func(int) int) func(int) int {
	cache := map[int]int{}
	return func(n int) int {
		cache[n] = f(n) // want: unbounded-capture:error
		return cache[n]
	}
}`,
  },
  {
    name: 'clean: index writes into a slice do not grow it',
    code: `
func Ring() gin.HandlerFunc {
	var mu sync.Mutex
	ring := make([]string, 64)
	i := 0
	return func(c *gin.Context) {
		mu.Lock()
		ring[i%64] = c.FullPath()
		i++
		mu.Unlock()
	}
}`,
  },

  // ---- Test code (issue 11: servers built inside tests live for one test)
  {
    name: 'tests: a handler built inside Test*/Benchmark*/Example* is not reported',
    code: `
func TestOrder(t *testing.T) {
	var order []int
	r := gin.New()
	r.GET("/test", func(c *gin.Context) {
		order = append(order, 1)
	})
}

func BenchmarkServe(b *testing.B) {
	hits := map[string]int{}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { hits[r.URL.Path]++ })
}

func ExampleLogger() {
	var seen []string
	_ = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.Path) })
}`,
  },
  {
    name: 'tests: a helper that takes the test handle (a responder for the tests, in a non-test file) is test code',
    code: `
func NewResponder(t *testing.T, addr string) *http.Server {
	t.Helper()
	var mu sync.Mutex
	status := make(map[string]int)
	mux := http.NewServeMux()
	mux.HandleFunc("/statuses/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		status[r.URL.Path]++
		mu.Unlock()
	})
	return &http.Server{Addr: addr, Handler: mux}
}

func NewServer(addr string) *http.Server {
	var mu sync.Mutex
	status := make(map[string]int)
	mux := http.NewServeMux()
	mux.HandleFunc("/statuses/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		status[r.URL.Path]++ // want: unbounded-capture
		mu.Unlock()
	})
	return &http.Server{Addr: addr, Handler: mux}
}`,
  },
  {
    name: 'tests: includeTests reports them',
    includeTests: true,
    code: `
func TestOrder(t *testing.T) {
	var order []int
	r := gin.New()
	r.GET("/test", func(c *gin.Context) {
		order = append(order, 1) // want: unbounded-capture:error
	})
}`,
  },
  {
    name: 'tests: Testimony is not a test function (lower case after the prefix)',
    code: `
func Testimony() gin.HandlerFunc {
	var quotes []string
	return func(c *gin.Context) {
		quotes = append(quotes, c.Query("q")) // want: unbounded-capture:error
	}
}`,
  },
  // ---- Registrations need a router
  {
    name: 'routers: callbacks of a cache, a client or a store are not handlers',
    code: `
type Cache struct{}

func (c *Cache) Get(key string, load func(string) string) string { return load(key) }

var cache = &Cache{}
var loaded []string

func warm(keys []string) {
	for _, k := range keys {
		cache.Get(k, func(v string) string {
			loaded = append(loaded, v)
			return v
		})
	}
	cache.Get("users", func(v string) string { loaded = append(loaded, v); return v })
}`,
  },
  {
    name: 'routers: chi, gorilla/mux, a mux field and an unknown receiver with a route pattern',
    code: `
type Server struct {
	router *mux.Router
	seen   []string
}

var paths []string

func (s *Server) routes() {
	s.router.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path) // want: unbounded-capture:error
	})
}

func chiRoutes() {
	r := chi.NewRouter()
	r.Get("/b", func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path) // want: unbounded-capture:error
	})
}

func register(api Registrar) {
	var names []string
	api.Handle("/c", func(name string) {
		names = append(names, name) // want: unbounded-capture:error
	})
}`,
  },
  // ---- Per-request types
  {
    name: 'per request: a context that holds the request resets its own fields',
    code: `
type Context struct {
	Request *http.Request
	Writer  http.ResponseWriter
	params  map[string]string
	errors  []error
}

func (c *Context) Reset(w http.ResponseWriter, r *http.Request) {
	c.Writer = w
	c.Request = r
	c.params = nil
	c.errors = c.errors[:0]
	c.params["path"] = r.URL.Path
}`,
  },
  {
    name: 'per request: a pooled type and a framework context passed to a middleware factory',
    code: `
type state struct {
	keys map[string]string
}

var pool = sync.Pool{New: func() any { return &state{} }}

type Handler struct{}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	got := pool.Get()
	s := got.(*state)
	serve(s, w, r)
}

func (s *state) serve(w http.ResponseWriter, r *http.Request) {
	s.keys[r.URL.Path] = r.Method
}

type errorCatcher struct{ errors []string }

func (ec *errorCatcher) Print(msg string) { ec.errors = append(ec.errors, msg) }

type UI struct{ opts *plugin.Options }

func (u *UI) render(w http.ResponseWriter, r *http.Request) {
	catcher := &errorCatcher{}
	u.opts.UI = catcher
	u.opts.UI.Print(r.URL.Path)
}

func RequestID(c *web.C, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.Env["id"] = r.Header.Get("X-Id")
		c.Env = map[string]any{}
		h.ServeHTTP(w, r)
	})
}`,
  },
  // ---- Bounds must dominate the growth
  {
    name: 'bounds: a sweep on one branch and a lazy delete of the key being read do not bound',
    code: `
type visitor struct{ seen time.Time }

func Limit() gin.HandlerFunc {
	var mu sync.Mutex
	visitors := map[string]*visitor{}
	sessions := map[string]time.Time{}
	return func(c *gin.Context) {
		mu.Lock()
		defer mu.Unlock()
		ip := c.ClientIP()
		if c.Query("limited") != "" {
			for k, v := range visitors {
				if time.Since(v.seen) > time.Minute {
					delete(visitors, k)
				}
			}
		}
		visitors[ip] = &visitor{seen: time.Now()} // want: unbounded-capture
		id := c.GetHeader("X-Session")
		if t, ok := sessions[id]; ok && time.Since(t) > time.Hour {
			delete(sessions, id)
		}
		sessions[id] = time.Now() // want: unbounded-capture
	}
}`,
  },
  {
    name: 'bounds: a purge that gathers stale keys by ranging, then deletes each found still stale, bounds',
    code: `
type active struct {
	mu   sync.RWMutex
	seen map[string]int64
}

func (a *active) touch(user string, now int64) {
	a.mu.Lock()
	a.seen[user] = now
	a.mu.Unlock()
}

func (a *active) purge(deadline int64) {
	a.mu.RLock()
	var stale []string
	for user, ts := range a.seen {
		if ts <= deadline {
			stale = append(stale, user)
		}
	}
	a.mu.RUnlock()
	for _, user := range stale {
		a.mu.Lock()
		if ts, ok := a.seen[user]; ok && ts <= deadline {
			delete(a.seen, user)
		}
		a.mu.Unlock()
	}
}

func (a *active) loop() {
	for range time.Tick(time.Minute) {
		a.purge(time.Now().Add(-time.Hour).Unix())
	}
}

type frontend struct{ users *active }

func (f *frontend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.users.touch(r.Header.Get("X-User"), time.Now().Unix())
}`,
  },
  {
    name: 'bounds: a subscriber spliced out when its stream ends bounds; a splice on one branch of a handler does not',
    code: `
type hub struct {
	mu   sync.Mutex
	subs []chan string
	all  []chan string
}

func (h *hub) subscribe(ch chan string, done <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs = append(h.subs, ch)
	go func() {
		<-done
		h.mu.Lock()
		defer h.mu.Unlock()
		for i, s := range h.subs {
			if s == ch {
				h.subs = append(h.subs[:i], h.subs[i+1:]...)
				break
			}
		}
	}()
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ch := make(chan string)
	h.subscribe(ch, r.Context().Done())
	h.mu.Lock()
	defer h.mu.Unlock()
	h.all = append(h.all, ch) // want: unbounded-capture
	if r.URL.Query().Get("drop") != "" {
		h.all = append(h.all[:0], h.all[1:]...)
	}
}`,
  },
  {
    name: 'admin: what an administration endpoint registers grows with the operator, not with requests',
    code: `
type targets struct {
	mu     sync.Mutex
	byName map[string]string
}

var remotes = &targets{byName: map[string]string{}}

func (t *targets) set(name, url string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byName[name] = url
}

func (t *targets) note(name string) {
	t.byName[name] = "" // want: unsynchronized-capture
}

type adminAPIHandlers struct{}

func (a adminAPIHandlers) SetRemoteTarget(w http.ResponseWriter, r *http.Request) {
	remotes.set(r.URL.Query().Get("name"), r.URL.Query().Get("url"))
	remotes.note(r.URL.Query().Get("name"))
}

type objectAPIHandlers struct{}

var reads = map[string]int{}

func (o objectAPIHandlers) GetObject(w http.ResponseWriter, r *http.Request) {
	reads[r.URL.Path]++ // want: unbounded-capture:error
}

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/admin/v1/peers", func(w http.ResponseWriter, r *http.Request) {
		remotes.set(r.Header.Get("X-Peer"), r.Header.Get("X-Peer-URL"))
	})
}`,
  },
  {
    name: 'bounds: a sweep on every path, in a helper it calls, or in a ticker goroutine bounds',
    code: `
type Limiter struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	other map[string]time.Time
	tick  map[string]time.Time
}

func (l *Limiter) sweep() {
	for k, t := range l.seen {
		if time.Since(t) > time.Minute {
			delete(l.seen, k)
		}
	}
}

func (l *Limiter) janitor() {
	for range time.Tick(time.Minute) {
		l.mu.Lock()
		for k := range l.tick {
			delete(l.tick, k)
		}
		l.mu.Unlock()
	}
}

func (l *Limiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep()
	l.seen[r.RemoteAddr] = time.Now()
	l.tick[r.RemoteAddr] = time.Now()
	if len(l.other) > 1000 {
		clear(l.other)
	}
	l.other[r.RemoteAddr] = time.Now()
}

type Store struct {
	mu          sync.Mutex
	visitors    map[string]time.Time
	lastCleanup time.Time
}

func (s *Store) cleanup() {
	for k, seen := range s.visitors {
		if time.Since(seen) > time.Minute {
			delete(s.visitors, k)
		}
	}
	s.lastCleanup = time.Now()
}

func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.visitors[r.RemoteAddr] = time.Now()
	if time.Since(s.lastCleanup) > time.Minute {
		s.cleanup()
	}
}`,
  },
  {
    name: 'bounds: a delete in another handler (logout, DELETE) only runs when clients ask; a close method bounds',
    code: `
type Server struct {
	sessions sync.Map
	conns    map[string]int
	mu       sync.Mutex
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	s.sessions.Store(r.FormValue("user"), time.Now()) // want: unbounded-capture
	s.mu.Lock()
	s.conns[r.RemoteAddr]++
	s.mu.Unlock()
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.sessions.Delete(r.FormValue("user"))
}

func (s *Server) closeConn(addr string) {
	s.mu.Lock()
	delete(s.conns, addr)
	s.mu.Unlock()
}`,
  },
  {
    name: 'bounds: a refcount release deletes at zero; a bool-keyed map has two keys; a mutex Lock is not our Lock',
    code: `
type Locks struct {
	mu    sync.Mutex
	count map[string]int
	cache map[bool][]byte
}

func (l *Locks) Lock(key string) {
	l.mu.Lock()
	l.count[key]++
	l.mu.Unlock()
}

func (l *Locks) Unlock(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	current := l.count[key]
	if current <= 1 {
		delete(l.count, key)
		return
	}
	l.count[key] = current - 1
}

func (l *Locks) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	l.Lock(key)
	defer l.Unlock(key)
	l.mu.Lock()
	l.cache[r.URL.Query().Has("full")] = []byte(key)
	l.mu.Unlock()
}`,
  },
  {
    name: 'bounds: writes that trim or reset an entry are not growth',
    code: `
type Pool struct {
	mu       sync.Mutex
	failures map[string][]time.Time
}

func (p *Pool) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	url := r.URL.Query().Get("u")
	p.mu.Lock()
	defer p.mu.Unlock()
	failures := p.failures[url]
	i := 0
	for i < len(failures) && time.Since(failures[i]) > time.Minute {
		i++
	}
	p.failures[url] = failures[i:]
	p.failures[url] = p.failures[url][i:]
	p.failures[url] = nil
}`,
  },
  // ---- Growing APIs
  {
    name: 'growing APIs: Prometheus label values from the request; route templates are bounded',
    code: `
var requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "requests_total"}, []string{"path"})

func Metrics() gin.HandlerFunc {
	return func(c *gin.Context) {
		requests.WithLabelValues(c.Request.URL.Path).Inc() // want: unbounded-capture
		requests.WithLabelValues(c.ClientIP()).Inc() // want: unbounded-capture
		requests.WithLabelValues(c.FullPath()).Inc()
		requests.WithLabelValues(routeLabel(c.Request.URL.Path)).Inc()
		requests.WithLabelValues(c.Request.Method).Inc()
	}
}

func Instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		requests.WithLabelValues(path).Inc() // want: unbounded-capture
		next.ServeHTTP(w, r)
	})
}`,
  },
  {
    name: 'growing APIs: a tenant or user identity and a label chosen among constants are bounded; a user agent is not',
    code: `
var received = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "received_total"}, []string{"tenant", "issuer"})

const (
	canary  = "canary"
	unknown = "unknown"
)

func issuerOf(r *http.Request) string {
	if strings.HasPrefix(r.Header.Get("User-Agent"), "canary") {
		return canary
	}
	return unknown
}

func agentOf(r *http.Request) string {
	return r.Header.Get("User-Agent")
}

func tenantID(ctx interface{}) (string, error) { return "", nil }

func Push(w http.ResponseWriter, r *http.Request) {
	tenant, err := tenantID(r.Context())
	if err != nil {
		return
	}
	org := r.Header.Get("X-Scope-OrgID")
	received.WithLabelValues(tenant, issuerOf(r)).Inc()
	received.WithLabelValues(org, unknown).Inc()
	received.WithLabelValues(tenant, agentOf(r)).Inc() // want: unbounded-capture
	received.WithLabelValues(r.Header.Get("X-Forwarded-For"), unknown).Inc() // want: unbounded-capture
}`,
  },
  {
    name: 'growing APIs: gorilla/context Set without Clear',
    code: `
func Auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		context.Set(r, "user", r.Header.Get("X-User")) // want: unbounded-capture
		next.ServeHTTP(w, r)
	})
}`,
  },
  {
    name: 'growing APIs: gorilla/context Set cleared by ClearHandler around the mux',
    code: `
func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		context.Set(r, "user", r.Header.Get("X-User"))
	})
	http.ListenAndServe("127.0.0.1:8080", context.ClearHandler(http.DefaultServeMux))
}`,
  },
  {
    name: 'growing APIs: a captured logger, handler or string wrapped in itself per request',
    code: `
func Logging(logger log.Logger, next http.Handler) http.Handler {
	prefix := "req"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger = log.With(logger, "path", r.URL.Path) // want: unbounded-capture
		next = http.TimeoutHandler(next, time.Second, "slow") // want: unbounded-capture
		prefix += r.URL.Path // want: unbounded-capture:error
		reqLogger := log.With(logger, "method", r.Method)
		_ = reqLogger
		next.ServeHTTP(w, r)
	})
}`,
  },
  {
    name: 'calls: a long-lived value passed down a helper keeps its methods on the request path; a per-request one does not',
    code: `
type Limiter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (l *Limiter) Add(ip string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hits[ip]++ // want: unbounded-capture
	return l.hits[ip]
}

type Counter struct {
	mu   sync.Mutex
	seen map[string]int
}

func (c *Counter) Add(ip string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[ip]++
}

func allow(l *Limiter, ip string) bool { return l.Add(ip) < 100 }

func count(c *Counter, ip string) { c.Add(ip) }

func RateLimit(limiter *Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count(&Counter{seen: map[string]int{}}, r.RemoteAddr)
		if allow(limiter, r.RemoteAddr) {
			next.ServeHTTP(w, r)
		}
	})
}`,
  },
  {
    name: 'keys: a count per API name the factory was given is bounded; one per client address, or per fresh id, grows',
    code: `
type Stats struct {
	mu    sync.Mutex
	byAPI map[string]int
	byIP  map[string]int
	byID  map[string]time.Time
}

func (s *Stats) inc(key string) {
	s.mu.Lock()
	s.byAPI[key]++
	s.mu.Unlock()
}

func (s *Stats) seen(ip string) {
	s.mu.Lock()
	s.byIP[ip]++ // want: unbounded-capture
	s.mu.Unlock()
}

var counter int

func newID() string { counter++; return fmt.Sprint(counter) }

func (s *Stats) open() {
	s.mu.Lock()
	s.byID[newID()] = time.Now() // want: unbounded-capture
	s.mu.Unlock()
}

func Middleware(stats *Stats, api string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stats.inc(api)
		stats.seen(r.RemoteAddr)
		stats.open()
		next.ServeHTTP(w, r)
	})
}`,
  },
  {
    name: "keys: a field of an entry the server already holds, looked up by the request's key, is bounded",
    code: `
type provider struct{ ClientID, Secret string }

type identity struct {
	mu        sync.Mutex
	providers map[string]provider
	keys      map[string][]byte
	tokens    map[string]string
}

func (s *identity) validate(arn, token string) {
	cfg := s.providers[arn]
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[cfg.ClientID] = []byte(cfg.Secret)
	local := provider{ClientID: token}
	s.tokens[local.ClientID] = arn // want: unbounded-capture
}

func (s *identity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.validate(r.FormValue("arn"), r.FormValue("token"))
}`,
  },
  {
    name: "keys: what a lookup method returns from the server's own collection is bounded; a fresh value is not",
    code: `
type client struct{ Host string }

type entry struct{ Client *client }

type registry struct {
	mu      sync.Mutex
	clients map[string]entry
	health  map[string]bool
	seen    map[string]bool
}

var reg = &registry{}

func (s *registry) lookup(arn string) *client {
	e := s.clients[arn]
	if e.Client != nil {
		return e.Client
	}
	return nil
}

func (s *registry) fresh(arn string) *client {
	return &client{Host: arn}
}

func serve(w http.ResponseWriter, r *http.Request) {
	arn := r.FormValue("arn")
	c := reg.lookup(arn)
	n := reg.fresh(arn)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	reg.health[c.Host] = true
	reg.seen[n.Host] = true // want: unbounded-capture
}

func main() {
	http.HandleFunc("/", serve)
}`,
  },
  {
    name: 'keys: a key the server looked up in what it holds, returning on error, is bounded; one merely parsed or passed is not',
    code: `
type meta struct{ Targets []string }

type targets struct {
	mu      sync.Mutex
	configs map[string]meta
	byName  map[string][]string
	parsed  map[string][]string
}

var sys = &targets{}

func (t *targets) terminate(bucket string) (bool, error) {
	return true, nil
}

func (t *targets) getConfig(bucket string) (meta, error) {
	m, ok := t.configs[bucket]
	if !ok {
		return meta{}, fmt.Errorf("no such bucket %s", bucket)
	}
	return m, nil
}

func parse(bucket string) (meta, error) {
	return meta{}, nil
}

func (t *targets) set(bucket string, m meta) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byName[bucket] = m.Targets
}

func (t *targets) record(bucket string, m meta) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.parsed[bucket] = m.Targets // want: unbounded-capture
}

type request struct{ Bucket string }

func serve(w http.ResponseWriter, r *http.Request) {
	bucket := r.URL.Query().Get("bucket")
	p, err := parse(bucket)
	if err != nil {
		return
	}
	if _, err := sys.terminate(bucket); err != nil {
		return
	}
	sys.record(bucket, p)
	m, err := sys.getConfig(bucket)
	if err != nil {
		http.Error(w, err.Error(), 404)
		return
	}
	sys.set(bucket, m)
	q := request{Bucket: r.FormValue("other")}
	if _, err := sys.getConfig(q.Bucket); err != nil {
		return
	}
	sys.set(q.Bucket, m)
}

func main() {
	http.HandleFunc("/", serve)
}`,
  },
  {
    name: 'bounds: a guard that returns once the slice is full caps it; a write under the test that the key is there updates it',
    code: `
type Tracer struct {
	mu     sync.Mutex
	info   []string
	health map[string]bool
	all    []string
}

func (t *Tracer) record(msg string, host string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if h, ok := t.health[host]; ok {
		t.health[host] = !h
	}
	if len(t.all) > 0 {
		return
	}
	t.all = append(t.all, msg) // want: unbounded-capture
	if len(t.info) > 1000 {
		return
	}
	t.info = append(t.info, msg)
}

func (t *Tracer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t.record(r.URL.Path, r.Host)
}`,
  },
  // ---- Shapes of real servers linted whole (caddy, traefik, fiber)
  {
    name: 'locks: another mutex locked and unlocked in between leaves the first one held',
    code: `
var (
	cfgMu  sync.Mutex
	ctxMu  sync.Mutex
	cfg    map[string][]byte
	cfgRaw []byte
	ctx    int
)

func stop(w http.ResponseWriter, r *http.Request) {
	cfgMu.Lock()
	ctxMu.Lock()
	ctx = 0
	ctxMu.Unlock()
	cfgRaw = nil
	cfg["raw"] = nil
	cfgMu.Unlock()
	cfgRaw = nil // want: unsynchronized-capture
}`,
  },
  {
    name: 'locks: a helper that locks and returns the unlock, deferred, holds the lock',
    code: `
type table struct {
	mu   sync.Mutex
	rows map[string][]int
}

func (t *table) lock() func() {
	t.mu.Lock()
	return t.mu.Unlock
}

func (t *table) prune() {
	defer t.lock()()
	for k, v := range t.rows {
		if len(v) == 0 {
			delete(t.rows, k)
		}
	}
}

func (t *table) drop() {
	defer t.log()()
	t.rows = nil // want: unsynchronized-capture
}

func (t *table) log() func() { return func() {} }

var rows = &table{rows: map[string][]int{}}

func top(w http.ResponseWriter, r *http.Request) {
	rows.prune()
	rows.drop()
}`,
  },
  {
    name: "calls: a method of a constant or of another package's value is not a same-named method here",
    code: `
type code int

const errTooLarge code = 1

type window struct{ totals []int }

func (w *window) String() string {
	w.totals = nil
	return ""
}

type reader struct{ stash []byte }

func (p *reader) Done() <-chan struct{} {
	p.stash = nil
	return nil
}

type meta struct{ versions []string }

func (m *meta) Load() int64 {
	m.versions = m.versions[:0] // want: unsynchronized-capture
	return 0
}

var (
	shared    = &meta{}
	ctx, stop = context.WithCancel(context.Background())
	buf       = bytes.NewBufferString("")
	started   = &time.Timer{}
)

func upload(w http.ResponseWriter, r *http.Request) {
	_ = errTooLarge.String()
	_ = http.StatusText(0)
	_ = http.DefaultClient.String()
	_ = buf.String()
	_ = started.String()
	_ = shared.Load()
	<-ctx.Done()
	_ = stop
}`,
  },
  {
    name: 'bounds: an atomic reference count released per request deletes its key at zero',
    code: `
var inFlight sync.Map

func inc(addr string) {
	v, _ := inFlight.LoadOrStore(addr, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

func dec(addr string) {
	if v, ok := inFlight.Load(addr); ok {
		if v.(*atomic.Int64).Add(-1) <= 0 {
			inFlight.Delete(addr)
		}
	}
}

func proxy(w http.ResponseWriter, r *http.Request) {
	inc(r.Host)
	defer dec(r.Host)
}`,
  },
  {
    name: "bounds: appends to the factory's own entry, trimmed to a time window right after",
    code: `
type Checker struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	byClient map[string][]time.Time
}

func (p *Checker) Wrap(next http.Handler, target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.failures[target] = append(p.failures[target], time.Now())
		p.byClient[r.RemoteAddr] = append(p.byClient[r.RemoteAddr], time.Now()) // want: unbounded-capture
		p.mu.Unlock()
		if p.healthy(target, r.RemoteAddr) {
			next.ServeHTTP(w, r)
		}
	})
}

func (p *Checker) healthy(target, client string) bool {
	start := time.Now().Add(-time.Minute)
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, t := range p.failures[target] {
		if t.After(start) {
			p.failures[target] = p.failures[target][i:]
			p.byClient[client] = p.byClient[client][i:]
			break
		}
	}
	return len(p.failures[target]) < 5
}`,
  },
  {
    name: 'bounds: growth under a cap, or a slot table grown only once every slot is taken',
    code: `
type slots struct {
	entries []int
	indices []int
	maxidx  int
}

type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
	seen  map[string]bool
	heap  slots
	max   int
}

func (h *slots) put(v int) {
	if len(h.entries) < h.maxidx {
		h.entries = h.entries[:len(h.entries)+1]
	} else {
		h.indices = append(h.indices, h.maxidx)
		h.maxidx++
	}
}

func (c *Cache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) < c.max {
		c.items[r.URL.Path] = nil
	}
	if len(c.seen) > 0 {
		c.seen[r.URL.Path] = true // want: unbounded-capture
	}
	c.heap.put(1)
}`,
  },
  // ---- Suppressions
  {
    name: 'suppressions: next line (one rule) and whole file (another)',
    code: `
/* leaklens-disable unsynchronized-capture */
func Sup() gin.HandlerFunc {
	var a, b []string
	return func(c *gin.Context) {
		// leaklens-disable-next-line unbounded-capture -- bounded by the deploy cycle
		a = append(a, c.FullPath())
		b = append(b, c.FullPath()) // want: unbounded-capture:error
	}
}`,
  },
];
