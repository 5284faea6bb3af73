//go:build !js

package browsers

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

//go:embed page
var pages embed.FS

// Job is a js/wasm program for Run: a test binary built with
// GOOS=js GOARCH=wasm go test -c, its arguments and its environment.
type Job struct {
	Wasm string            // path of the binary
	Args []string          // os.Args[1:], e.g. -test.v, -test.run=X
	Env  map[string]string // the program's whole environment
	// Dir is the program's working directory (go test's is the package's),
	// and all it may read: files under it, read-only. "" means none.
	Dir string
}

// Result is what a Run ended with.
type Result struct {
	Exit    int    // the program's exit code (-1 when it never reported one)
	Version string // the browser that ran it, e.g. "Mozilla Firefox 153.8.0esr"
}

// Run runs job in engine e and copies what it writes to stdout and stderr
// to out, in order, as the page sends it. It returns once the page has
// reported the program's exit code, with an error when the page never did
// (the browser died, ctx ended) or when the browser opened a connection
// to anything but loopback during the run.
//
// The page and the binary are served over http on 127.0.0.1, as
// wasmbrowsertest does for Chromium; the binary reaches its test servers
// (wss on 127.0.0.1) through the names in its environment.
func Run(ctx context.Context, e Engine, opt Options, job Job, out io.Writer) (Result, error) {
	res := Result{Exit: -1}
	h, err := newRunHandler(job, out)
	if err != nil {
		return res, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return res, err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	defer srv.Close()
	if h.fs != nil {
		defer h.fs.closeAll()
	}

	b, err := Start(ctx, e, "http://"+ln.Addr().String()+"/", opt)
	if err != nil {
		return res, err
	}
	defer b.Close()
	res.Version = b.Version
	w := Watch(b.Pid())
	select {
	case d := <-h.done:
		res.Exit = d.Code
		if d.Error != "" {
			fmt.Fprintf(out, "browsers: the page failed: %s\n", d.Error)
		}
	case <-b.Done():
		err = fmt.Errorf("browsers: %s exited before the program did: %v", e, b.Err())
	case <-ctx.Done():
		err = fmt.Errorf("browsers: %s: %w", e, ctx.Err())
	}
	if bad := w.Stop(); len(bad) > 0 && err == nil {
		err = fmt.Errorf("browsers: %s opened connections to non-loopback addresses: %s", e, strings.Join(bad, ", "))
	}
	return res, err
}

// result is what the page posts to /done.
type result struct {
	Code  int    `json:"code"`
	Error string `json:"error"`
}

type runHandler struct {
	job     []byte // /job: argv, env and the binary's URL
	wasm    string
	execJS  string // wasm_exec.js of the Go that built the binary
	fs      *readOnlyFS
	mu      sync.Mutex
	out     io.Writer
	done    chan result
	doneOne sync.Once
}

func newRunHandler(job Job, out io.Writer) (*runHandler, error) {
	if _, err := os.Stat(job.Wasm); err != nil {
		return nil, err
	}
	execJS, err := wasmExecJS()
	if err != nil {
		return nil, err
	}
	env := job.Env
	if env == nil {
		env = map[string]string{}
	}
	h := &runHandler{wasm: job.Wasm, execJS: execJS, out: out, done: make(chan result, 1)}
	cwd := ""
	if job.Dir != "" {
		if h.fs, err = newReadOnlyFS(job.Dir); err != nil {
			return nil, err
		}
		cwd = h.fs.root
	}
	// The program's name is argv[0], as go test's own exec does.
	argv := append([]string{filepath.Base(job.Wasm)}, job.Args...)
	h.job, err = json.Marshal(map[string]any{"argv": argv, "env": env, "wasm": "/program.wasm", "cwd": cwd})
	return h, err
}

func (h *runHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case "/":
		servePage(w, r, "page/run.html")
	case "/run.js", "/report.js":
		servePage(w, r, "page"+r.URL.Path)
	case "/wasm_exec.js":
		http.ServeFile(w, r, h.execJS)
	case "/job":
		w.Header().Set("Content-Type", "application/json")
		w.Write(h.job)
	case "/program.wasm":
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, h.wasm)
	case "/out":
		var batch [][2]json.RawMessage
		if err := decodeBody(r, &batch); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		for _, c := range batch {
			var s string
			json.Unmarshal(c[1], &s)
			io.WriteString(h.out, s)
		}
		h.mu.Unlock()
	case "/done":
		var d result
		if err := decodeBody(r, &d); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.doneOne.Do(func() { h.done <- d })
	default:
		if strings.HasPrefix(r.URL.Path, "/fs/") && h.fs != nil && r.Method == http.MethodPost {
			h.fs.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// servePage serves one embedded file of page/.
func servePage(w http.ResponseWriter, r *http.Request, name string) {
	b, err := pages.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch filepath.Ext(name) {
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Write(b)
}

func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// wasmExecJS is the wasm_exec.js of the go command on PATH: the one whose
// runtime the binary carries.
func wasmExecJS() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("browsers: go env GOROOT: %v", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(p); err != nil {
		return "", errors.New("browsers: no wasm_exec.js at " + p)
	}
	return p, nil
}
