package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

// The packages are tested as their users get them: the tarballs make pack
// wrote, installed with npm into a project of each kind under testdata/
// (copied to a temporary folder), built with the bundler its lock file
// pins, and a page of it driven in headless Chromium against the suite's
// wss echo server.

const root = "../.."

// version is the packages' version, read as wxpack reads it.
func version(t *testing.T) string {
	t.Helper()
	v, err := readVersion(filepath.Join(root, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// tarball is build/NAME-VERSION.tgz (NAME without its scope), as make pack wrote it.
func tarball(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(root, "build", name+"-"+version(t)+".tgz"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%v: run make pack first (make test does)", err)
	}
	return p
}

var (
	registryOnce sync.Once
	registryErr  string
)

// needRegistry fails the test, in one line, when npm or the npm registry
// is not there: the projects' bundlers come from it, as make test's
// browsers come from Debian's archive. (The wxrun packages install
// without it: their test needs only npm.)
func needRegistry(t *testing.T) {
	t.Helper()
	needNPM(t)
	registryOnce.Do(func() {
		cmd := exec.Command("npm", "ping", "--fetch-timeout=20000", "--fetch-retries=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			registryErr = "the npm registry cannot be reached (npm ping: " + npmError(out, err) + "): these tests install the bundlers from it"
		}
	})
	if registryErr != "" {
		t.Fatal(registryErr)
	}
}

// needNPM fails the test, in one line, without node and npm (scripts/deps.sh installs them).
func needNPM(t *testing.T) {
	t.Helper()
	for _, c := range []string{"node", "npm"} {
		if _, err := exec.LookPath(c); err != nil {
			t.Fatalf("no %s on PATH: make deps installs Debian's nodejs and npm (and a newer Node.js into build/tools when that is too old)", c)
		}
	}
}

// npmError is what npm's output says went wrong: its FetchError line, or
// its error code, or err.
func npmError(out []byte, err error) string {
	code := ""
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(l, "npm error"))
		switch {
		case strings.HasPrefix(l, "FetchError: "):
			return l
		case strings.HasPrefix(l, "code ") && code == "":
			code = l
		}
	}
	if code != "" {
		return code
	}
	return err.Error()
}

// npm runs npm in dir, and fails the test with its output if it fails.
func npm(t *testing.T, dir string, args ...string) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command("npm", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_audit=false", "npm_config_fund=false", "npm_config_update_notifier=false")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("npm %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	t.Logf("npm %s: %v", args[0], time.Since(start).Round(10*time.Millisecond))
}

// project copies testdata/NAME to a temporary folder, with scenario.js in
// its folder sub, installs what its lock file pins (npm ci, from the
// shared npm cache when it has them) and then the shim's packed tarball.
func project(t *testing.T, name, sub string) string {
	t.Helper()
	needRegistry(t)
	tgz := tarball(t, "wxsocket")
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "scenario.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, sub, "scenario.js"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	npm(t, dir, "ci", "--prefer-offline")
	npm(t, dir, "install", "--no-save", "--prefer-offline", tgz)
	return dir
}

// result is what scenario.js reports.
type result struct {
	Log       []string `json:"log"`
	Wasm      []string `json:"wasm"`
	TestHooks bool     `json:"testHooks"`
}

// browser is headless Chromium with the wss echo server, which also serves
// a site: api.example.com (the scenario's server) and cdn.example.com are
// that server, every other name 127.0.0.1.
type browser struct {
	ctx context.Context
	srv *wstest.Server
}

// cdnWasm is where the CDN pages load the wasm from (wxshim.wasmUrl).
const cdnWasm = "https://cdn.example.com/cdn/wx.wasm"

func newBrowser(t *testing.T, site http.Handler) *browser {
	t.Helper()
	chromium, err := browsers.Find(browsers.Chromium)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := os.ReadFile(filepath.Join(root, "build", "wx.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := wstest.Start("127.0.0.1:0", cert, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cdn/wx.wasm" {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Content-Type", "application/wasm")
			w.Write(wasm)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		site.ServeHTTP(w, r)
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	rules := "MAP api.example.com 127.0.0.1:" + srv.Port() + ", MAP cdn.example.com 127.0.0.1:" + srv.Port() + ", " + browsers.LoopbackHosts
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium))
	opts = append(opts, browsers.ChromedpFlags(browsers.ChromiumFlags(cert.SPKI, rules))...)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	// chromedp's protocol tables are older than Debian's Chromium: the
	// events it cannot read are none of this test's business.
	quiet := func(format string, args ...any) {
		if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "could not unmarshal event") {
			t.Logf("chromedp: %s", msg)
		}
	}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(quiet))
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	return &browser{ctx: ctx, srv: srv}
}

// open loads url (a path is on the server) and waits for the scenario.
func (b *browser) open(t *testing.T, url string) result {
	t.Helper()
	if strings.HasPrefix(url, "/") {
		url = b.srv.URL + url
	}
	var res result
	var problems []string
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(url),
		chromedp.Poll(`window.wxResult !== undefined`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`window.wxResult`, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true).WithTimeout(20000)
		}),
		chromedp.Evaluate(`window.problems || []`, &problems),
	)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return res
}

// check says whether the scenario went as on a phone, with the production
// shim, and its wasm fetched once from a URL that matches wasm.
func check(t *testing.T, how string, res result, wasm string) {
	t.Helper()
	want := []string{"open", "message hello from " + how, "close 1000"}
	if strings.Join(res.Log, "|") != strings.Join(want, "|") {
		t.Errorf("%s: the page's socket did %q, want %q", how, res.Log, want)
	}
	if res.TestHooks {
		t.Errorf("%s: the page has the test build's hooks (wxshim.debug)", how)
	}
	re := regexp.MustCompile("^" + wasm + "$")
	if len(res.Wasm) != 1 || !re.MatchString(res.Wasm[0]) {
		t.Errorf("%s: the page fetched the wasm from %q, want one URL matching %s", how, res.Wasm, re)
	}
}

// site serves dir, and the project's index.html where dir has none (the
// bundlers that write only the bundle), and cdn.html: the page with
// wxshim.wasmUrl set before anything else.
func site(t *testing.T, project, dir string) http.Handler {
	t.Helper()
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		if index, err = os.ReadFile(filepath.Join(project, "index.html")); err != nil {
			t.Fatal(err)
		}
	}
	i := bytes.Index(index, []byte("<script"))
	if i < 0 {
		t.Fatalf("%s: no script in index.html", project)
	}
	cdn := string(index[:i]) + `<script>window.wxshim = {wasmUrl: "` + cdnWasm + `"};</script>` + "\n" + string(index[i:])
	files := http.FileServerFS(os.DirFS(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/", "/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(index)
		case "/cdn.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(cdn))
		default:
			files.ServeHTTP(w, r)
		}
	})
}

// pageAndCDN opens a built site's page twice: as it is, with the wasm
// from where the bundler put it (wasm, a pattern of its URL), and with
// wxshim.wasmUrl set, which must win.
func pageAndCDN(t *testing.T, how, project, dir, wasm string) {
	b := newBrowser(t, site(t, project, dir))
	start := time.Now()
	check(t, how, b.open(t, "/"), regexp.QuoteMeta(b.srv.URL)+wasm)
	check(t, how, b.open(t, "/cdn.html"), regexp.QuoteMeta(cdnWasm))
	t.Logf("the pages: %v", time.Since(start).Round(10*time.Millisecond))
}

// freePort is a port of 127.0.0.1 nothing listened on a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// listFiles lists the files under dir, for messages.
func listFiles(dir string) []string {
	var out []string
	fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}
