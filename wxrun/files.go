package wxrun

import (
	"fmt"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// run is one file's page: what the server hands out for it, and how its
// URLs read in messages.
type run struct {
	id      string
	file    File
	name    string
	module  bool
	rootDir string
	root    *os.Root
	srcName string // the script's path under the root
	fileURL string // .../t/TOKEN/ID/f/
	pageURL string
	shimURL string
	html    []byte
	routes  map[string]Route
	relay   http.Handler
	unrelay func() // takes the run's relay off the plain listener
	px      pxRef  // the proxy of the run's page (the relay dials through it)
	shown   *strings.Replacer
	fileRE  *regexp.Regexp // a URL of one of the run's files, with :line:col when there is one
	cwd     string
	mu      sync.Mutex
	wrapped map[string]bool   // files require() loaded inside requireWrap
	aliases map[string]string // blob: URL -> the file it stands for
	col     *collector
	loads   loads                // of the run's own files, while the page runs (loads.go)
	slot    atomic.Pointer[slot] // the slot whose tab shows the run's page, while it does
}

var moduleLine = regexp.MustCompile(`(?m)^\s*(import\s*[\w{*"']|export\s+(default|const|let|var|function|class|async|\{|\*))`)

// prepare works out the file's root, kind and page.
func (rn *Runner) prepare(f File) (*run, error) {
	r := &run{id: rn.runID(runIDs.Add(1)), file: f, name: f.name(), wrapped: map[string]bool{}, aliases: map[string]string{}}
	src := f.Source
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if f.Path != "" {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Path, describeOpen(err))
		}
		src = string(b)
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return nil, err
		}
		r.rootDir = f.Root
		if r.rootDir == "" {
			r.rootDir = cwd
			if !within(cwd, abs) {
				r.rootDir = filepath.Dir(abs)
			}
		}
		r.rootDir, _ = filepath.Abs(r.rootDir)
		if !within(r.rootDir, abs) {
			return nil, fmt.Errorf("%s is not under its root %s", f.Path, r.rootDir)
		}
		rel, _ := filepath.Rel(r.rootDir, abs)
		r.srcName = filepath.ToSlash(rel)
	} else {
		r.rootDir = f.Root
		if r.rootDir == "" {
			r.rootDir = cwd
		}
		r.rootDir, _ = filepath.Abs(r.rootDir)
		// A script given as source acts as a file of the working directory:
		// its require("./x.js") is the working directory's x.js.
		r.srcName = "wxrun-source-" + r.id + "-" + sanitize(filepath.Base(r.name))
		if rel, err := filepath.Rel(r.rootDir, cwd); err == nil && within(r.rootDir, cwd) && rel != "." {
			r.srcName = filepath.ToSlash(rel) + "/" + r.srcName
		}
	}
	switch f.Kind {
	case Module:
		r.module = true
	case Auto:
		switch filepath.Ext(r.srcName) {
		case ".mjs":
			r.module = true
		case ".cjs":
		default:
			r.module = moduleLine.MatchString(src)
		}
	}
	if r.module && f.Path == "" && !strings.HasSuffix(r.srcName, ".mjs") {
		r.srcName += ".mjs"
	} else if f.Path == "" && !strings.HasSuffix(r.srcName, ".js") {
		r.srcName += ".js"
	}
	if r.root, err = os.OpenRoot(r.rootDir); err != nil {
		return nil, err
	}
	base := rn.ws.URL + "/t/" + rn.srv.token + "/" + r.id + "/"
	r.pageURL, r.fileURL, r.shimURL = base, base+"f/", rn.ws.URL+"/wxrun/"
	r.cwd = cwd
	r.fileRE = regexp.MustCompile(regexp.QuoteMeta(r.fileURL) + `[^\s:()'"]*(:\d+:\d+)?`)
	r.shown = strings.NewReplacer(r.shimURL+"wx.js", "wx.js", r.shimURL+"wx.wasm", "wx.wasm", r.shimURL+"runner.js", "wxrun", base, "(page)")
	r.routes = map[string]Route{}
	for k, v := range f.Routes {
		r.routes[strings.ToLower(k)] = v
	}
	if f.Serve {
		r.routes[ServeHost] = Route{Addr: strings.TrimPrefix(rn.ws.URL, "https://"), Pin: rn.leaf}
	}
	settings := rn.settings(f)
	if f.Relay {
		h, cfg, err := rn.relayFor(r)
		if err != nil {
			r.root.Close()
			return nil, err
		}
		r.relay, settings["relay"] = h, cfg
	}
	if r.html, err = r.page(settings); err != nil {
		r.endRelay()
		r.root.Close()
		return nil, err
	}
	return r, nil
}

// settings are the file's wxshim object: its Settings, and ServeHost
// among the legal socket and request domains with -serve.
func (rn *Runner) settings(f File) map[string]any {
	s := f.Settings
	if f.Serve {
		s.SocketDomains = append(append([]string(nil), s.SocketDomains...), ServeHost)
		s.RequestDomains = append(append([]string(nil), s.RequestDomains...), ServeHost)
	}
	return s.object()
}

func within(dir, file string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == '?' || r == '#' || r == '%' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// display rewrites the page's URLs in s into the paths a person typed, and
// drops the stack frames that are not the user's (the shim, wxrun's page).
func (r *run) display(s string) string {
	r.mu.Lock()
	for alias, url := range r.aliases {
		s = strings.ReplaceAll(s, alias, url)
	}
	r.mu.Unlock()
	s = r.fileRE.ReplaceAllStringFunc(s, r.path)
	s = r.shown.Replace(s)
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "at ") && internalFrame(t) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// path is a file's URL (and :line:col) as a path relative to the working
// directory; the script given as source is shown by its name.
func (r *run) path(match string) string {
	url, pos := match, ""
	if m := r.fileRE.FindStringSubmatchIndex(match); m[2] >= 0 {
		url, pos = match[:m[2]], match[m[2]:]
	}
	rel, _ := strings.CutPrefix(url, r.fileURL)
	if pos != "" {
		var line, col int
		fmt.Sscanf(pos, ":%d:%d", &line, &col)
		pos = fmt.Sprintf(":%d:%d", line, r.column(url, line, col))
	}
	if r.file.Path == "" && rel == escapePath(r.srcName) {
		return r.name + pos
	}
	if u, err := neturl.PathUnescape(rel); err == nil {
		rel = u
	}
	p := filepath.Join(r.rootDir, filepath.FromSlash(rel))
	if shown, err := filepath.Rel(r.cwd, p); err == nil {
		return filepath.ToSlash(shown) + pos
	}
	return p + pos
}

// requireWrap is what runner.js puts in front of a file require() loads,
// on the file's first line (so that line numbers stay the file's); columns
// on that line are shifted back by its length. The page gets it from here.
const requireWrap = "(function (module, exports, require) {"

func (r *run) markWrapped(url, alias string) {
	r.mu.Lock()
	r.wrapped[url] = true
	if alias != "" {
		r.aliases[alias] = url
	}
	r.mu.Unlock()
}

// unalias is the file a blob: URL stands for, or url itself.
func (r *run) unalias(url string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if u, ok := r.aliases[url]; ok {
		return u
	}
	return url
}

// column is col of line in the file at url, as the file has it.
func (r *run) column(url string, line, col int) int {
	r.mu.Lock()
	w := r.wrapped[url]
	r.mu.Unlock()
	if w && line == 1 && col > len(requireWrap) {
		return col - len(requireWrap)
	}
	return col
}

// internalFrame: a stack frame in the shim or in wxrun's page.
func internalFrame(frame string) bool {
	for _, s := range []string{"(wx.js:", " wx.js:", "wx.wasm:", "eval at syscall/js", "(wxrun:", " wxrun:", "((page):", " (page):"} {
		if strings.Contains(frame, s) {
			return true
		}
	}
	return false
}

// location is url:line:col as a person reads it.
func (r *run) location(url string, line, col int) string {
	switch {
	case url == "":
		return ""
	case strings.HasPrefix(url, "blob:"):
		url = r.unalias(url)
	case strings.HasPrefix(url, r.shimURL+"wx.js"):
		return "wx.js"
	}
	return r.display(fmt.Sprintf("%s:%d:%d", url, line, col))
}

// source is the text of one of the run's files, by URL.
func (r *run) source(url string) (string, bool) {
	rel, ok := strings.CutPrefix(url, r.fileURL)
	if !ok {
		return "", false
	}
	if rel == escapePath(r.srcName) && r.file.Path == "" {
		return r.file.Source, true
	}
	if u, err := neturl.PathUnescape(rel); err == nil {
		rel = u
	}
	b, err := r.root.ReadFile(rel)
	return string(b), err == nil
}

func (r *run) note(level, text string) {
	if r.col != nil {
		r.col.note(level, text)
	}
}
