package main

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wxsocket/internal/browsers"
)

// The page's memory while it downloads a large file, as the system sees
// it: the proportional set size (PSS, /proc/PID/smaps_rollup) of every
// process of the browser, summed by the kind of process (the page's
// renderer, the browser process, which keeps Blobs' bytes, the network
// service, the GPU process), sampled every 25 ms from the page's start
// mark to its stop mark. performance.memory would see the renderer's JS
// heap alone (not ArrayBuffers' backing stores, not Blobs, which live in
// the browser process); CDP's Memory domain needs a DevTools connection,
// which this bench runs without (chromium.go says why). PSS, not RSS: the
// memory a Blob's bytes take may be shared between the processes that
// pass them, and PSS counts a shared page once across them.
//
// The page drives it through /mem?op=start|held|stop&label=L (site.go):
// start takes the baseline and starts the sampling, held reads the memory
// with the download finished and its Blob still held, stop ends the
// sampling after the page let the Blob go.

// memFigures is one labelled run's memory, in bytes, by kind of process
// and in total ("total": the sum of the kinds at the same moment).
type memFigures struct {
	Base, Peak, Held, After map[string]int64
}

type memProbe struct {
	root atomic.Int64 // the browser's root process; 0: none yet
	mu   sync.Mutex
	runs map[string]*memFigures
	cur  *memFigures
	stop chan struct{}
	done chan struct{}
}

func newMemProbe() *memProbe { return &memProbe{runs: map[string]*memFigures{}} }

func (p *memProbe) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	label, op := q.Get("label"), q.Get("op")
	if p.root.Load() == 0 || label == "" {
		http.Error(w, "no browser to measure, or no label", http.StatusConflict)
		return
	}
	switch op {
	case "start":
		p.end()
		f := &memFigures{Base: p.sample(), Peak: map[string]int64{}}
		p.mu.Lock()
		p.runs[label], p.cur = f, f
		p.stop, p.done = make(chan struct{}), make(chan struct{})
		p.mu.Unlock()
		go p.watch(f, p.stop, p.done)
	case "held", "stop":
		p.mu.Lock()
		f := p.runs[label]
		p.mu.Unlock()
		if f == nil {
			http.Error(w, "no run "+label, http.StatusConflict)
			return
		}
		s := p.sample()
		p.mu.Lock()
		peakOf(f.Peak, s)
		if op == "held" {
			f.Held = s
		} else {
			f.After = s
		}
		p.mu.Unlock()
		if op == "stop" {
			p.end()
		}
	default:
		http.Error(w, "op: start, held or stop", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// watch samples into f.Peak until stop is closed.
func (p *memProbe) watch(f *memFigures, stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(25 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		s := p.sample()
		p.mu.Lock()
		peakOf(f.Peak, s)
		p.mu.Unlock()
	}
}

// end stops the sampling, if any runs.
func (p *memProbe) end() {
	p.mu.Lock()
	stop, done := p.stop, p.done
	p.stop, p.done, p.cur = nil, nil, nil
	p.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

// results are the runs measured, by label.
func (p *memProbe) results() map[string]*memFigures {
	p.end()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.runs
}

// peakOf raises each of peak's figures to s's.
func peakOf(peak, s map[string]int64) {
	for k, v := range s {
		peak[k] = max(peak[k], v)
	}
}

// sample is the PSS of the browser's processes now, by kind and in total,
// and ("disk", not in the total) the bytes of the files the browser keeps
// Blobs in: Chromium pages a large Blob out to its profile's blob_storage
// (its bytes are then in the page cache, which no process's PSS counts).
func (p *memProbe) sample() map[string]int64 {
	out := map[string]int64{"total": 0}
	dir := ""
	for _, pid := range browsers.Tree(int(p.root.Load())) {
		cmd, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
		if d := userDataDir(string(cmd)); d != "" {
			dir = d
		}
		pss := smapsPSS(pid)
		if pss == 0 {
			continue // gone, or a process this user cannot read
		}
		out[kindOfCmdline(string(cmd))] += pss
		out["total"] += pss
	}
	if dir != "" {
		out["disk"] = blobFiles(dir)
	}
	return out
}

// userDataDir is a Chromium cmdline's --user-data-dir, or "".
func userDataDir(cmdline string) string {
	for _, a := range strings.Split(cmdline, "\x00") {
		if v, ok := strings.CutPrefix(a, "--user-data-dir="); ok {
			return v
		}
	}
	return ""
}

// blobFiles is the size of the files under dir's blob_storage folders.
func blobFiles(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.Contains(path, string(filepath.Separator)+"blob_storage"+string(filepath.Separator)) {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// smapsPSS is a process's PSS in bytes, 0 when it cannot be read.
func smapsPSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "Pss:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n << 10
		}
	}
	return 0
}

// processKind names a Chromium process by its --type (and a utility's
// sub-type): renderer, browser (none), gpu, network, storage, zygote, or
// the type as given.
// kindOfCmdline reads the kind from a /proc cmdline: arguments apart by
// NULs, or by spaces in one string, as Chromium rewrites its children's
// (a process title).
func kindOfCmdline(cmdline string) string {
	typ, sub := "", ""
	for _, s := range strings.FieldsFunc(cmdline, func(r rune) bool { return r == 0 || r == ' ' }) {
		if v, ok := strings.CutPrefix(s, "--type="); ok {
			typ = v
		}
		if v, ok := strings.CutPrefix(s, "--utility-sub-type="); ok {
			sub = v
		}
	}
	switch {
	case typ == "":
		return "browser"
	case typ == "gpu-process":
		return "gpu"
	case typ == "utility" && strings.Contains(sub, "network"):
		return "network"
	case typ == "utility" && strings.Contains(sub, "storage"):
		return "storage"
	case typ == "utility":
		return "utility"
	}
	return typ
}
