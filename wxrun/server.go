package wxrun

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed page/runner.js page/host.js
var pageFS embed.FS

// server is what the pages load, on the same https server (Options.Listen) as
// internal/wstest's echo and fault endpoints:
//
//	/wxrun/wx.js, /wxrun/wx.wasm   the shim, cacheable
//	/wxrun/runner.js               page/runner.js
//	/t/TOKEN/RUN/                  the page of one run, to its host page only
//	/t/TOKEN/RUN/quiet             answers once none of the run's files
//	                               has been loading for a moment (loads.go)
//	/t/TOKEN/RUN/f/PATH            the run's files (its root directory),
//	                               and a script given as source
//	/t/TOKEN/RUN/relay             the run's relay (relay.go)
//
// TOKEN is random per Runner: the server is on loopback, and no other
// program on the machine should read the files of a run by guessing URLs.
type server struct {
	shim    *shim
	runner  []byte
	token   string
	started time.Time
	mu      sync.Mutex
	runs    map[string]*run
}

func newServer(sh *shim) (*server, error) {
	runner, err := pageFS.ReadFile("page/runner.js")
	if err != nil {
		return nil, err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return &server{shim: sh, runner: runner, token: hex.EncodeToString(b), started: time.Now(), runs: map[string]*run{}}, nil
}

func (s *server) add(r *run) {
	s.mu.Lock()
	s.runs[r.id] = r
	s.mu.Unlock()
}

func (s *server) remove(r *run) {
	s.mu.Lock()
	delete(s.runs, r.id)
	s.mu.Unlock()
}

func (s *server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if req.Method != http.MethodGet && req.Method != http.MethodHead && !s.relayPath(req.URL.Path) {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	switch req.URL.Path {
	case "/wxrun/wx.js":
		s.static(w, req, "text/javascript; charset=utf-8", s.shim.js)
		return
	case "/wxrun/wx.wasm":
		s.static(w, req, "application/wasm", s.shim.wasm)
		return
	case "/wxrun/runner.js":
		s.static(w, req, "text/javascript; charset=utf-8", s.runner)
		return
	case "/favicon.ico":
		w.WriteHeader(http.StatusNoContent)
		return
	}
	rest, ok := strings.CutPrefix(req.URL.Path, "/t/"+s.token+"/")
	if !ok {
		http.NotFound(w, req)
		return
	}
	id, rest, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	r := s.runs[id]
	s.mu.Unlock()
	if r == nil {
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case rest == "":
		// The page (and the relay's secret in it) goes to the frame of a
		// host page, on the other port (hostsrv.go), and to nothing else:
		// no file running beside it (-p) can read it. A file's own relay
		// sends these headers as given, so this alone does not hold: run
		// names are keyed (Runner.runID), and a file cannot name another
		// run (cmd/wxrun TestNoNeighbourPage).
		if req.Header.Get("Sec-Fetch-Dest") != "iframe" || req.Header.Get("Sec-Fetch-Site") != "same-site" {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(r.html)
	case rest == "relay" && r.relay != nil:
		r.relay.ServeHTTP(w, req)
	case rest == "quiet":
		r.loads.quiet(req.Context())
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(rest, "f/"):
		defer r.loads.start()()
		r.serveFile(w, req, strings.TrimPrefix(rest, "f/"))
	default:
		http.NotFound(w, req)
	}
}

// relayPath says whether path is a run's relay, which takes a page's
// requests too (POST, and OPTIONS for a preflight; package relay).
func (s *server) relayPath(path string) bool {
	rest, ok := strings.CutPrefix(path, "/t/"+s.token+"/")
	_, after, _ := strings.Cut(rest, "/")
	return ok && after == "relay"
}

// static serves the shim with a year's caching: within a page, every load
// after the first comes from the browser's cache.
func (s *server) static(w http.ResponseWriter, req *http.Request, ctype string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, req, "", s.started, bytes.NewReader(b))
}

// serveFile serves a file under the run's root (os.Root refuses any path
// that leaves it, symbolic links included). A file the page asks for and
// does not get is said in the run's output: the browser's own message for a
// failed module import does not name it.
func (r *run) serveFile(w http.ResponseWriter, req *http.Request, rel string) {
	rel = path.Clean("/" + rel)[1:]
	if rel == r.srcName && r.file.Path == "" { // a script given as source
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write([]byte(r.file.Source))
		return
	}
	f, err := r.root.Open(rel)
	if err == nil {
		defer f.Close()
		st, serr := f.Stat()
		if serr == nil && st.Mode().IsRegular() {
			ctype := mime.TypeByExtension(path.Ext(rel))
			switch path.Ext(rel) {
			case ".js", ".mjs", ".cjs":
				ctype = "text/javascript; charset=utf-8"
			case ".json":
				ctype = "application/json"
			}
			if ctype != "" {
				w.Header().Set("Content-Type", ctype)
			}
			if isModuleLoad(req) && r.ownsReferer(req) {
				r.serveModule(w, req, f)
				return
			}
			http.ServeContent(w, req, "", st.ModTime(), f)
			return
		}
		err = os.ErrNotExist
	}
	r.note("error", "wxrun: the page asked for "+r.display(r.fileURL+rel)+": "+describeOpen(err))
	http.NotFound(w, req)
}

// serveModule sends a module the page imports, once the page counts it as
// work in flight, with the line that ends that work when it has run
// (loads.go).
func (r *run) serveModule(w http.ResponseWriter, req *http.Request, f *os.File) {
	b, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	r.load(strings.TrimSuffix(r.shimURL, "/wxrun/") + req.URL.RequestURI()) // as import.meta.url has it
	w.Write(append(b, moduleTail...))
}

func describeOpen(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file"
	case os.IsPermission(err):
		return "permission denied"
	}
	return err.Error()
}
