package wxrun

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A dynamic import() can still run the file's code (and throw) when its
// module arrives, and no script of the page sees it begin: it is syntax,
// not a function runner.js could wrap. wxrun's server sees it, as a request
// for one of the run's files, so the server does what the page cannot:
//
//   - before it answers a module request, it tells the page (load, below:
//     runner.js counts the module as work in flight);
//   - the module it sends ends with a line that tells the page it has run
//     (moduleTail), which ends that work;
//   - before runner.js passes a quiet page it asks the run's /quiet, which
//     answers once none of the run's files is being served: a request sent
//     before the page went quiet has reached the server by then, and its
//     module is counted.
//
// A module that never runs (a syntax error, a missing export) stays counted:
// its import() rejects, which fails the file unless the file handles it,
// and then the file runs to its timeout, which names the module.

// loads counts the run's own files being served.
type loads struct {
	mu       sync.Mutex
	inflight int
}

// loadSettle is how long /quiet waits before it looks: long enough for a
// request the page sent before asking to have reached the server.
const loadSettle = 5 * time.Millisecond

// start counts a load; the function it returns ends it.
func (l *loads) start() func() {
	l.mu.Lock()
	l.inflight++
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		l.inflight--
		l.mu.Unlock()
	}
}

// quiet returns once none of the run's files is being served, or when ctx
// ends (the page went away).
func (l *loads) quiet(ctx context.Context) {
	for wait := loadSettle; ; wait = time.Millisecond {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		l.mu.Lock()
		n := l.inflight
		l.mu.Unlock()
		if n == 0 {
			return
		}
	}
}

// moduleTail ends every module the server sends: it tells runner.js that
// the module has run. Appended, it moves no line or column of the file's.
const moduleTail = "\n;globalThis[Symbol.for(\"wxrun.loaded\")]?.(import.meta.url);\n"

// isModuleLoad: the request is for a module script (an import, static or
// dynamic, or a script element of type module).
func isModuleLoad(req *http.Request) bool {
	return req.Header.Get("Sec-Fetch-Dest") == "script" && req.Header.Get("Sec-Fetch-Mode") == "cors"
}

// ownsReferer: the request comes from the run's own page or files (the
// browser sets Referer; a page cannot): a file running beside this one
// (-p) that imports this run's files must not make its page wait.
func (r *run) ownsReferer(req *http.Request) bool {
	return strings.HasPrefix(req.Referer(), r.pageURL)
}

// load tells the run's page that the module at url is on its way, and
// returns when the page has counted it (or could not be told: a page gone,
// a page that does not answer within a second).
func (r *run) load(url string) {
	s := r.slot.Load()
	if s == nil {
		return
	}
	main := r.col.mainContext()
	if main == 0 {
		return // not known yet: the page's first scripts, which it waits for anyway
	}
	u, _ := json.Marshal(url)
	expr := "globalThis[Symbol.for(\"wxrun.load\")]?.(" + string(u) + ")"
	ctx, cancel := context.WithTimeout(s.ctx, time.Second)
	defer cancel()
	chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, err := runtime.Evaluate(expr).WithContextID(main).Do(ctx)
		return err
	}))
}
