package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/browsers"
	"wxsocket/internal/proctest"
	"wxsocket/internal/wstest"
)

// These tests run the real command, built once, on the scripts in
// testdata/, in headless Chromium against servers on 127.0.0.1. Each run
// gets its own TMPDIR and a mark in its environment, and afterwards no
// process may carry the mark and the TMPDIR must be empty: nothing of
// Chromium is left behind, whatever the script did.

var bin, shimDir string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	shimDir, _ = filepath.Abs("../../build")
	if _, err := os.Stat(filepath.Join(shimDir, "wx.wasm")); err != nil {
		fmt.Fprintf(os.Stderr, "%v: run make build first (make test does)\n", err)
		return 1
	}
	dir, err := os.MkdirTemp("", "wxrun-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = filepath.Join(dir, "wxrun")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

type outcome struct {
	code           int
	stdout, stderr string
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", o.code, o.stdout, o.stderr)
}

// runCmd runs the command in testdata/ and checks that it left nothing.
func runCmd(t *testing.T, args ...string) outcome {
	t.Helper()
	return wxrunEnv(t, nil, args...)
}

func wxrunEnv(t *testing.T, env []string, args ...string) outcome {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	mark := "wxrun-test-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = "testdata"
	cmd.Env = append(append(os.Environ(), "TMPDIR="+tmp, "WXRUN_TEST_MARK="+mark), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := outcome{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		o.code = ee.ExitCode()
	default:
		t.Fatalf("wxrun %v: %v", args, err)
	}
	noLeftovers(t, mark, tmp)
	return o
}

// noLeftovers waits a little for Chromium's children to go (they end just
// after the browser), then fails for any process carrying mark, and for
// anything left in tmp.
func noLeftovers(t *testing.T, mark, tmp string) {
	t.Helper()
	var procs []string
	var files []string
	for deadline := time.Now().Add(10 * time.Second); ; {
		procs = proctest.Marked(mark)
		entries, _ := os.ReadDir(tmp)
		files = files[:0]
		for _, e := range entries {
			files = append(files, e.Name())
		}
		if len(procs) == 0 && len(files) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(procs) > 0 {
		t.Errorf("processes left behind:\n%s", strings.Join(procs, "\n"))
		for _, p := range procs {
			if pid, err := strconv.Atoi(strings.Fields(p)[0]); err == nil {
				syscall.Kill(pid, syscall.SIGKILL) // started by this test
			}
		}
	}
	if len(files) > 0 {
		t.Errorf("left in TMPDIR: %v", files)
	}
}

func expect(t *testing.T, o outcome, code int, in ...string) {
	t.Helper()
	if o.code != code {
		t.Errorf("exit %d, want %d", o.code, code)
	}
	all := o.stdout + o.stderr
	for _, s := range in {
		if !strings.Contains(all, s) {
			t.Errorf("the output has no %q", s)
		}
	}
	if t.Failed() {
		t.Log(o)
	}
}

func TestPass(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-serve", "ok.js", "echo.js", "serve-endpoints.js")
	expect(t, o, 0, "log   ok.js:1:9: ok 1 {a: Array(2)}", "PASS ok.js", "log   echo.js:6:11: echo: hello", "PASS echo.js",
		"big message 1048576", "PASS serve-endpoints.js", "3 files: 3 passed, 0 failed")
}

func TestExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/socket/*.test.*")
	if err != nil || len(files) < 8 {
		t.Fatalf("examples: %v %v", files, err)
	}
	args := []string{"-shim", shimDir, "-serve", "-p", "2", "-project", "../../../examples/socket/project.config.json"}
	for _, f := range files {
		args = append(args, "../"+f)
	}
	o := runCmd(t, args...)
	expect(t, o, 0, fmt.Sprintf("%d files: %d passed, 0 failed", len(files), len(files)))
}

// Bad input, each a test: the run goes on after the file, and nothing is
// left behind (wxrun checks that on every run).

func TestNeverSettles(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-timeout", "5s", "interval.js", "never.mjs", "ok.js")
	expect(t, o, 1,
		"FAIL interval.js", "timed out after 5s; still waiting for: an interval every 1000 ms, set at interval.js:2:1",
		"FAIL never.mjs", "the file's top-level code has not finished",
		"PASS ok.js")
}

func TestEndlessLoop(t *testing.T) {
	// 5 s: the file after the loop gets a new host page, which a loaded
	// machine takes a while to start.
	o := runCmd(t, "-shim", shimDir, "-timeout", "5s", "loop.js", "ok.js")
	expect(t, o, 1, "FAIL loop.js", "the page's script never returned (an endless loop?); wxrun stopped it", "PASS ok.js")
}

func TestPageCrash(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-chromium-flag=--js-flags=--max-old-space-size=24", "crash.js", "ok.js")
	expect(t, o, 1, "FAIL crash.js", "the page crashed", "PASS ok.js")
}

func TestSyntaxError(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "syntax.js")
	expect(t, o, 1, "syntax.js:3:9: Uncaught SyntaxError: Unexpected token ';'", "3 | let x = ;", "|         ^",
		"FAIL syntax.js")
	if strings.Contains(o.stdout, "never printed") {
		t.Error("a file with a syntax error ran")
	}
}

// A file require() loads: its syntax error is shown at its line, and a
// throw on its first line has the file's own column.
func TestRequireErrors(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "require-errors.js")
	expect(t, o, 1, "(throws-module.js:1:38)", "bad-module.js:3:6: Uncaught SyntaxError: Unexpected token ','", "3 |   x: ,",
		`FAIL require-errors.js`, `require("./bad-module.js"): Unexpected token ','`)
}

func TestMissingFile(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "ok.js", "no-such-file.js")
	expect(t, o, 2, "wxrun: no-such-file.js: no such file")
}

func TestMissingImport(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "missing-import.mjs")
	expect(t, o, 1, "the page asked for no-such-module.mjs: no such file", "FAIL missing-import.mjs")
}

func TestMalformedProject(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-project", "bad-project.json", "ok.js")
	expect(t, o, 2, "-project bad-project.json:3:30: not valid JSON: invalid character '}' in literal true (expecting 'e')")
	o = runCmd(t, "-shim", shimDir, "-project", "wrong-type-project.json", "ok.js")
	expect(t, o, 2, "wrong-type-project.json:3:31: setting.urlCheck: want true or false, got a JSON string")
	o = runCmd(t, "-shim", shimDir, "-project", "nowhere.json", "ok.js")
	expect(t, o, 2, "-project nowhere.json: no such file")
}

func TestUnknownFlag(t *testing.T) {
	o := runCmd(t, "-frobnicate", "ok.js")
	expect(t, o, 2, "flag provided but not defined: -frobnicate", "usage: wxrun [flags] FILE...")
	o = runCmd(t)
	expect(t, o, 2, "wxrun: no FILE to run")
	o = runCmd(t, "-p", "0", "ok.js")
	expect(t, o, 2, "-p 0: want 1 or more")
}

func TestBadMap(t *testing.T) {
	for arg, want := range map[string]string{
		"api.example.com":                  `no '='`,
		"api.example.com=127.0.0.1":        `"127.0.0.1" is not IP:PORT`,
		"api.example.com=127.0.0.1:http":   `the port "http" is not a port number`,
		"api.example.com=127.0.0.1:70000":  `the port "70000" is not a port number`,
		"wss://api.example.com=1.2.3.4:1":  `"wss://api.example.com" is not a host name (no scheme or path)`,
		"=127.0.0.1:9000":                  `"" is not a host name`,
		"api example.com=127.0.0.1:9000":   `"api example.com" is not a host name`,
		"api.example.com:x=127.0.0.1:9000": `the port "x" is not a port number`,
	} {
		o := runCmd(t, "-map", arg, "ok.js")
		expect(t, o, 2, "-map "+strconv.Quote(arg)+": "+want, "want HOST=IP:PORT")
	}
}

func TestRemoteBrowserAbsent(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-browser", "ws://127.0.0.1:1", "ok.js")
	expect(t, o, 2, "wxrun: no browser at ws://127.0.0.1:1: connect: connection refused")
	o = runCmd(t, "-shim", shimDir, "-browser", "127.0.0.1:9222", "ok.js")
	expect(t, o, 2, "want ws://host:port")
}

// -relay: the header and the phone's Referer reach the server, and the
// relay's sockets are mapped and trusted as the page's own are.
func TestRelay(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-serve", "-project", "project.config.json", "-relay", "relay.js")
	expect(t, o, 0, `Authorization: ["Bearer t0ken"]`, `Referer: ["https://servicewechat.com/wx123/0/page-frame.html"]`,
		"X-Upstream: wstest", "PASS relay.js")
	o = runCmd(t, "-shim", shimDir, "-serve", "-project", "project.config.json", "relay.js")
	expect(t, o, 0, "Authorization: undefined", "PASS relay.js")
}

func TestEndings(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-timeout", "10s", "pass-early.js", "fail-early.js", "done-error.js", "rejection.js", "handled-late.js")
	expect(t, o, 1,
		"PASS pass-early.js",
		"FAIL fail-early.js", "the reason given",
		"FAIL done-error.js", "Error: done with an error",
		"FAIL rejection.js", "Uncaught (in promise) Error: never handled",
		"PASS handled-late.js",
		"5 files: 2 passed, 3 failed")
}

// Settings: the project file, then app.json, then flags; a file's own
// assignments last.
func TestSettings(t *testing.T) {
	// -domains: an entry's scheme names its list (wss:// sockets, https://
	// wx.request), none both.
	o := runCmd(t, "-shim", shimDir, "-project", "project.config.json", "-app", "app.json",
		"-domains", "a.example.com, wss://b.example.com", "-domains", "https://c.example.com:8443", "settings.js")
	expect(t, o, 0, `{"lib":"2.10.4","urlCheck":false,"domains":["a.example.com","wss://b.example.com"],`+
		`"requestDomains":["a.example.com","https://c.example.com:8443"],"timeout":{"connectSocket":1234,"request":4321}}`)
	o = runCmd(t, "-shim", shimDir, "-project", "project.config.json", "-lib", "2.0.0", "-urlcheck=true", "settings.js", "own-settings.js")
	expect(t, o, 0, `{"lib":"2.0.0","urlCheck":true`, "lib 2.10.4")
}

// A server of the user's: mapped with -map, trusted with -ca or -insecure,
// and refused, with the reason, without either.
func TestMapAndTrust(t *testing.T) {
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := wstest.Start("127.0.0.1:0", cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, cert.CAPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	m := "api.example.com=" + strings.TrimPrefix(srv.URL, "https://")
	base := []string{"-shim", shimDir, "-domains", "api.example.com", "-timeout", "15s"}
	run := func(extra ...string) outcome { return runCmd(t, append(append(base, extra...), "api.js")...) }

	expect(t, run("-map", m, "-ca", ca), 0, "api echo: to api", "PASS api.js")
	expect(t, run("-map", m, "-ca", ca, "-relay"), 0, "api echo: to api", "PASS api.js")
	expect(t, run("-map", m, "-relay"), 1, "certificate signed by unknown authority", "FAIL api.js")
	expect(t, run("-map", m, "-insecure"), 0, "api echo: to api", "PASS api.js")
	expect(t, run("-map", m), 1, "wxrun: TLS to api.example.com:443 (mapped to "+strings.TrimPrefix(srv.URL, "https://")+")",
		"certificate signed by unknown authority", "trust its certificate with -ca FILE", "FAIL api.js")
	expect(t, run(), 1, "api.example.com:443 is not mapped, so it was not dialed", "FAIL api.js")
	// wx.request goes the same way: mapped, trusted, through the relay.
	req := func(extra ...string) outcome { return runCmd(t, append(append(base, extra...), "api-request.js")...) }
	expect(t, req("-map", m, "-ca", ca), 0, `api request: 200 POST /http/echo?q=1 {"a":1} token t referer browser`, "PASS api-request.js")
	expect(t, req("-map", m, "-ca", ca, "-relay"), 0, `api request: 200 POST /http/echo?q=1 {"a":1} token t referer phone`, "PASS api-request.js")
	expect(t, req("-map", m), 1, "certificate signed by unknown authority", "request:fail the request failed before a response", "FAIL api-request.js")
	expect(t, req(), 1, "api.example.com:443 is not mapped, so it was not dialed", "FAIL api-request.js")
	closed, err := wstest.Start("127.0.0.1:0", cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(closed.URL, "https://")
	closed.Close()
	expect(t, run("-map", "api.example.com="+addr, "-ca", ca), 1, "(mapped to "+addr+"): connect: connection refused")
}

// A file whose wx.request is still in flight has not finished: it fails
// on its timeout, which names the task (before, it passed at once: the
// shim's fetch is not the file's own call).
func TestRequestInFlightKeepsTheFile(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-serve", "-timeout", "3s", "request-hang.js")
	expect(t, o, 1, "FAIL request-hang.js", "1 HTTP task (wx.request, wx.downloadFile, wx.uploadFile) not ended")
}

func TestJSONAndJUnit(t *testing.T) {
	junit := filepath.Join(t.TempDir(), "report.xml")
	o := runCmd(t, "-shim", shimDir, "-json", "-junit", junit, "ok.js", "fail-early.js")
	if o.code != 1 {
		t.Fatalf("exit %d\n%v", o.code, o)
	}
	var actions []string
	for _, line := range strings.Split(strings.TrimSpace(o.stdout), "\n") {
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		actions = append(actions, fmt.Sprint(ev["action"], ":", ev["file"]))
	}
	want := "console:ok.js pass:ok.js fail:fail-early.js summary:<nil>"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("-json actions:\n got %s\nwant %s", got, want)
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites junitSuites
	if err := xml.Unmarshal(b, &suites); err != nil {
		t.Fatalf("-junit: %v\n%s", err, b)
	}
	if suites.Tests != 2 || suites.Failures != 1 || len(suites.Suites) != 1 || len(suites.Suites[0].Cases) != 2 {
		t.Fatalf("-junit: %s", b)
	}
	for _, c := range suites.Suites[0].Cases {
		if (c.Name == "fail-early.js") != (c.Failure != nil) {
			t.Errorf("-junit case %s: failure %v", c.Name, c.Failure)
		}
	}
}

func TestParallel(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-serve", "-p", "3", "ok.js", "echo.js", "pass-early.js", "ok.js", "echo.js", "pass-early.js")
	expect(t, o, 0, "6 files: 6 passed, 0 failed")
}

// The shim built from the source this binary carries, into an empty cache.
func TestShimFromSource(t *testing.T) {
	cache := t.TempDir()
	o := wxrunEnv(t, []string{"XDG_CACHE_HOME=" + cache}, "-serve", "echo.js")
	expect(t, o, 0, "PASS echo.js")
	built, _ := filepath.Glob(filepath.Join(cache, "wxrun", "shim-*", "wx.wasm"))
	if len(built) != 1 {
		t.Fatalf("the cache holds %v, want one built shim", built)
	}
	// It is the production build: no test hooks (cmd/wxserve's
	// TestProductionBuildHasNoTestHooks has the markers' positive control).
	for _, f := range []string{built[0], filepath.Join(filepath.Dir(built[0]), "wx.js")} {
		if b, err := os.ReadFile(f); err != nil || bytes.Contains(b, []byte("panicNext")) {
			t.Errorf("%s: %v, or it carries the test hooks (panicNext)", f, err)
		}
	}
}

// A browser that was already running (here, one this test starts with a
// DevTools port): wxrun starts none, and the pages still trust only what
// wxrun checked.
func TestRemoteBrowser(t *testing.T) {
	ws, alive := remoteBrowser(t, "127.0.0.1")
	o := runCmd(t, "-shim", shimDir, "-serve", "-browser", ws, "echo.js", "ok.js")
	expect(t, o, 0, "echo: hello", "2 files: 2 passed, 0 failed")
	if err := alive(); err != nil {
		t.Errorf("wxrun ended a browser it did not start: %v", err)
	}
}

// remoteBrowser starts a Chromium with a DevTools port, as a browser on
// another host would be, that reaches only the address reach (its
// --host-resolver-rules map every other name, IP addresses too, to
// nothing), with extra flags; it returns the DevTools address and whether
// the browser still runs. The test's end closes it.
func remoteBrowser(t *testing.T, reach string, extra ...string) (ws string, alive func() error) {
	t.Helper()
	chromium, err := browsers.Find(browsers.Chromium)
	if err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	args := append(browsers.HeadlessChromiumFlags(profile, "", "MAP * ~NOTFOUND, EXCLUDE "+reach),
		"--remote-debugging-port=0")
	args = append(append(args, extra...), "about:blank")
	cmd := exec.Command(chromium, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	mark := "wxrun-test-browser-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	tmp := filepath.Join(t.TempDir(), "tmp")
	os.Mkdir(tmp, 0o755)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "WXRUN_TEST_MARK="+mark)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// The browser this test started, and its children: then nothing of
		// it may be left either.
		// Browser.close over DevTools: a signal would leave Chromium's
		// singleton directory in TMPDIR.
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		if ws != "" {
			closeBrowser(ws)
		}
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		noLeftovers(t, mark, tmp)
	})
	addr := make(chan string, 1)
	go func() {
		var buf [4096]byte
		var seen string
		for {
			n, err := stderr.Read(buf[:])
			seen += string(buf[:n])
			if i := strings.Index(seen, "ws://"); i >= 0 && strings.Contains(seen[i:], "\n") {
				addr <- strings.Fields(seen[i:])[0]
				return
			}
			if err != nil {
				close(addr)
				return
			}
		}
	}()
	select {
	case ws = <-addr:
	case <-time.After(30 * time.Second):
	}
	if ws == "" {
		t.Fatal("the browser did not say where its DevTools listen")
	}
	return ws, func() error { return cmd.Process.Signal(syscall.Signal(0)) }
}

// closeBrowser asks the browser at ws (its DevTools address) to quit.
func closeBrowser(ws string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, ws, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	c.Write(ctx, websocket.MessageText, []byte(`{"id":1,"method":"Browser.close"}`))
	c.Read(ctx)
}

// The README's wxrun examples (```js wxrun blocks, named by their first
// line) pass when run as the README says: with -serve.
func TestReadmeExample(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for _, block := range strings.Split(string(b), "```js wxrun\n")[1:] {
		code, _, ok := strings.Cut(block, "```")
		name := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(code, "\n", 2)[0], "//"))
		if !ok || !strings.HasSuffix(name, ".js") {
			t.Fatalf("a wxrun block of the README has no file name on its first line:\n%s", code)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.Join(dir, name))
	}
	if len(files) == 0 {
		t.Fatal("the README has no wxrun example")
	}
	o := runCmd(t, append([]string{"-shim", shimDir, "-serve"}, files...)...)
	expect(t, o, 0, fmt.Sprintf("%d passed, 0 failed", len(files)))
}

// Hostile files (issue 19): each a wxrun run of small files in
// testdata/hostile, which try to reach past their own page.

// A file cannot decide another file's result (forge.js leaves a script
// reporting PASS wherever it can reach), nor take back its own.
func TestNoForgedResults(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "hostile/forge.js", "hostile/throw.js", "hostile/fail.js", "hostile/throw.js", "hostile/fail.js")
	expect(t, o, 1, "PASS hostile/forge.js", "FAIL hostile/throw.js", "must fail: a top-level throw",
		"FAIL hostile/fail.js", "must fail: wxrun.fail()", "5 files: 1 passed, 4 failed")
	o = runCmd(t, "-shim", shimDir, "hostile/after.js", "ok.js")
	expect(t, o, 1, "FAIL hostile/after.js (", "): the first word", "PASS ok.js", "2 files: 1 passed, 1 failed")
	if _, next, _ := strings.Cut(o.stdout, "FAIL hostile/after.js"); strings.Contains(next, "after the fact") {
		t.Errorf("after.js reached the next file:\n%s", o)
	}
}

// Nothing a file does is visible to the next: then.js breaks the compiled
// module a host page shared, leave.js leaves globals, an interval, a
// BroadcastChannel listener, changed prototypes, a URL, history, a title,
// a name and a replaced postMessage; find.js looks for them.
func TestNothingReachesTheNextFile(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-timeout", "15s", "hostile/then.js", "ok.js", "hostile/leave.js", "hostile/find.js", "ok.js")
	expect(t, o, 0, "PASS hostile/then.js", "PASS hostile/leave.js", "nothing left", "PASS hostile/find.js", "5 files: 5 passed, 0 failed")
	if strings.Contains(o.stdout, "the last file's interval") {
		t.Errorf("leave.js's interval ran on:\n%s", o)
	}
}

// A file is not over while work it started can still call its code: each
// of these throws after an await (or in an event) the runner did not
// track, and must fail.
func TestLateFailures(t *testing.T) {
	files := []string{"late-crypto.js", "late-idb.js", "late-caches.js", "late-import.js", "late-filereader.js", "late-blob.js",
		"late-image.js", "late-worker.js", "late-xhr.js"}
	args := []string{"-shim", shimDir, "-serve", "-timeout", "20s"}
	for _, f := range files {
		args = append(args, "hostile/"+f)
	}
	o := runCmd(t, args...)
	want := []string{fmt.Sprintf("%d files: 0 passed, %d failed", len(files), len(files))}
	for _, f := range files {
		want = append(want, "FAIL hostile/"+f)
	}
	want = append(want, "after RSA key generation", "after an IndexedDB read: v", "after a cache read", "after a dynamic import: 8",
		"after a FileReader read of 33554432 bytes", "after a Blob read of 33554432 bytes", "after an image decode: 2000",
		"after a worker's message: late", "after an XMLHttpRequest")
	expect(t, o, 1, want...)
}

// An exception in a wx callback fails the file though the file silenced
// console.error.
func TestSilencedConsole(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "-serve", "hostile/silent-error.js")
	expect(t, o, 1, "FAIL hostile/silent-error.js", "thirdScriptError: Error: thrown in onSocketOpen")
}

// -listen: wxrun's servers (pages, host pages, proxies, relay) listen on the
// address given, and every URL the browser gets names it. A browser on
// another host reaches this machine's address on its network only; here
// it reaches 127.0.0.2 only (its host rules send every other address to
// nothing) and its DevTools listen there too. Without -listen, wxrun sends
// it to 127.0.0.1, which it does not reach.
func TestListen(t *testing.T) {
	ws, _ := remoteBrowser(t, "127.0.0.2", "--remote-debugging-address=127.0.0.2")
	base := []string{"-shim", shimDir, "-serve", "-project", "project.config.json", "-relay", "-browser", ws}
	o := runCmd(t, append(base, "-v", "-listen", "127.0.0.2", "listen.js", "echo.js", "relay.js")...)
	expect(t, o, 0, "page host: 127.0.0.2", "relay hosts: 127.0.0.2 127.0.0.2", "pages at https://127.0.0.2:",
		"its proxy at http://127.0.0.2:", "echo: hello", `Referer: ["https://servicewechat.com/wx123/0/page-frame.html"]`, "3 files: 3 passed, 0 failed")
	o = runCmd(t, append(base, "listen.js")...)
	expect(t, o, 1, "FAIL listen.js", "net::ERR_NAME_NOT_RESOLVED")
	// The Chromium wxrun starts is sent there too.
	o = runCmd(t, "-shim", shimDir, "-serve", "-listen", "127.0.0.2", "listen.js", "echo.js")
	expect(t, o, 0, "page host: 127.0.0.2", "echo: hello", "2 files: 2 passed, 0 failed")
}

// -listen takes one IP address the browser can be sent to, and no relay
// where the relay may not listen (checked before anything listens).
func TestListenRefuses(t *testing.T) {
	for _, c := range []struct{ listen, want string }{
		{"localhost", `-listen "localhost": not an IP address`},
		{"127.0.0.1:8443", `-listen "127.0.0.1:8443": not an IP address`},
		{"0.0.0.0", `-listen "0.0.0.0": the browser cannot be sent to 0.0.0.0`},
		{"::", `-listen "::": the browser cannot be sent to ::`},
		{"224.0.0.1", `-listen "224.0.0.1": a multicast address`},
	} {
		expect(t, runCmd(t, "-shim", shimDir, "-listen", c.listen, "ok.js"), 2, "wxrun: "+c.want)
	}
	// 192.0.2.1 (TEST-NET-1) is refused before anything listens or dials.
	expect(t, runCmd(t, "-shim", shimDir, "-relay", "-listen", "192.0.2.1", "ok.js"), 2,
		"wxrun: -relay with -listen 192.0.2.1: the relay listens on loopback only")
}

// A file cannot read the page of a run beside it (-p 2), and with it that
// run's relay secret, through its own relay: run names in URLs are keyed,
// not counted (Runner.runID). Either order, so the neighbour is n-1 or n+1.
func TestNoNeighbourPage(t *testing.T) {
	for _, files := range [][]string{
		{"hostile/neighbour-wait.js", "hostile/neighbour-read.js"},
		{"hostile/neighbour-read.js", "hostile/neighbour-wait.js"},
	} {
		o := runCmd(t, append([]string{"-shim", shimDir, "-serve", "-relay", "-p", "2", "-timeout", "20s"}, files...)...)
		expect(t, o, 0, "own page: 200 page", "no neighbour's page", "PASS hostile/neighbour-read.js", "2 files: 2 passed, 0 failed")
	}
}
