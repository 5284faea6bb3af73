package wxrun

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// The browser tests share one browser (as Main does for users' tests), run
// with their own TMPDIR and a mark in the environment, and check at the end
// that no process of that browser and nothing in TMPDIR is left.
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "wxrun-pkg-test-")
	if err != nil {
		panic(err)
	}
	mark := "wxrun-pkg-test-" + strconv.Itoa(os.Getpid())
	os.Setenv("WXRUN_TEST_MARK", mark)
	os.Setenv("TMPDIR", filepath.Join(tmp, "tmp"))
	os.Mkdir(filepath.Join(tmp, "tmp"), 0o755)
	if os.Getenv("WXRUN_SHIM") == "" {
		if dir, _ := filepath.Abs("../build"); fileExists(filepath.Join(dir, "wx.wasm")) {
			os.Setenv("WXRUN_SHIM", dir) // what make build made; else the package builds its own
		}
	}
	shared.main = true
	code := m.Run()
	if shared.rn != nil {
		shared.rn.Close()
	}
	if left := leftovers(mark, filepath.Join(tmp, "tmp")); left != "" {
		fmt.Fprintln(os.Stderr, "FAIL: left behind by the tests:\n"+left)
		code = 1
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

func leftovers(mark, tmp string) string {
	want := []byte("WXRUN_TEST_MARK=" + mark + "\x00")
	self := strconv.Itoa(os.Getpid())
	var left []string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		left = left[:0]
		dirs, _ := filepath.Glob("/proc/[0-9]*")
		for _, d := range dirs {
			if env, err := os.ReadFile(filepath.Join(d, "environ")); err == nil && bytes.Contains(env, want) && filepath.Base(d) != self {
				cmdline, _ := os.ReadFile(filepath.Join(d, "cmdline"))
				left = append(left, "process "+filepath.Base(d)+": "+string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '})))
			}
		}
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			left = append(left, "file "+filepath.Join(tmp, e.Name()))
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return strings.Join(left, "\n")
		}
	}
}

// echoServer is a backend of the kind Run is for: an httptest TLS server.
func echoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, b, err := c.Read(r.Context())
			if err != nil {
				return
			}
			if err := c.Write(r.Context(), typ, b); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRunAgainstHTTPTestServer(t *testing.T) {
	srv := echoServer(t)
	res := Run(t, Script{File: "testdata/echo-api.js", Server: srv, Host: "api.example.com",
		Settings: Settings{LibVersion: "2.10.4"}, Vars: map[string]any{"n": 1}})
	if !res.Pass || len(res.Console) != 1 || res.Console[0].Text != "hello 1" || res.Console[0].Where != "testdata/echo-api.js:6:11" {
		t.Errorf("console: %+v", res.Console)
	}
}

// A server whose certificate is not the pinned one is refused by wxrun's
// proxy, and the script sees a failed connection, as a phone would.
func TestPinnedCertificate(t *testing.T) {
	srv := echoServer(t)
	rn := runnerFor(t)
	f, err := Script{File: "testdata/echo-api.js", Server: srv, Host: "api.example.com", Vars: map[string]any{"n": 2},
		Settings: Settings{LibVersion: "2.10.4"}}.file()
	if err != nil {
		t.Fatal(err)
	}
	// httptest servers all have the same certificate: wxrun's own stands
	// for "another".
	rt := f.Routes["api.example.com"]
	rt.Pin = rn.leaf
	f.Routes["api.example.com"] = rt
	res := rn.Run(context.Background(), f)
	if res.Pass || !strings.Contains(res.Reason, "createSocketTask:fail") ||
		!strings.Contains(res.Output(), "the server's certificate is not the one the test trusts") {
		t.Errorf("pass %v, reason %q\n%s", res.Pass, res.Reason, res.Output())
	}
}

// Settings are set before the loader: the file's first line sees them;
// its own assignments win.
func TestSettingsBeforeLoader(t *testing.T) {
	off := false
	Run(t, Script{Name: "settings", Source: `
if (wxshim.libVersion !== "2.10.4" || wxshim.urlCheck !== false || wxshim.maxConnections !== 2) {
  throw new Error("settings at the first line: " + JSON.stringify([wxshim.libVersion, wxshim.urlCheck, wxshim.maxConnections]));
}
wxshim.libVersion = "1.6.0";
if (wxshim.libVersion !== "1.6.0") throw new Error("the file's own setting lost");`,
		Settings: Settings{LibVersion: "2.10.4", URLCheck: &off, Extra: map[string]any{"maxConnections": 2}}})
}

// Files run side by side on one Runner, each in its own context: the same
// host mapped to a different server in each.
func TestConcurrentFiles(t *testing.T) {
	rn := runnerFor(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			srv := echoServer(t)
			f, err := Script{File: "testdata/echo-api.js", Server: srv, Host: "api.example.com", Vars: map[string]any{"n": i},
				Settings: Settings{LibVersion: "2.10.4"}}.file()
			if err != nil {
				t.Error(err)
				return
			}
			res := rn.Run(context.Background(), f)
			if !res.Pass || !strings.Contains(res.Output(), "hello "+strconv.Itoa(i)) {
				t.Errorf("file %d: %v %s\n%s", i, res.Pass, res.Reason, res.Output())
			}
		}()
	}
	wg.Wait()
}

// A context cancelled while a file runs ends the file at once.
func TestCancel(t *testing.T) {
	rn := runnerFor(t)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	t0 := time.Now()
	res := rn.Run(ctx, File{Source: "setInterval(() => {}, 10);", Timeout: time.Minute})
	if res.Pass || !strings.Contains(res.Reason, "stopped") || time.Since(t0) > 20*time.Second {
		t.Errorf("pass %v, reason %q after %v", res.Pass, res.Reason, time.Since(t0))
	}
}

func TestScriptErrors(t *testing.T) {
	for _, c := range []struct {
		s    Script
		want string
	}{
		{Script{}, "neither File nor Source"},
		{Script{Source: "1", Server: httptest.NewUnstartedServer(nil)}, "not a TLS server"},
		{Script{Source: "1", Server: echoServer(t)}, "Script.Host"},
		{Script{Source: "1", Server: echoServer(t), Host: "wss://x.example.com"}, "Script.Host"},
		// Names -map refuses too (rules.IsHostName): a comma, an empty label.
		{Script{Source: "1", Server: echoServer(t), Host: "a,b.example.com"}, "Script.Host"},
		{Script{Source: "1", Server: echoServer(t), Host: "api..example.com"}, "Script.Host"},
	} {
		if _, err := c.s.file(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.s, err, c.want)
		}
	}
	res := runnerFor(t).Run(context.Background(), File{Path: "testdata/none.js"})
	if res.Pass || res.Reason != "testdata/none.js: no such file" {
		t.Errorf("a missing file: %v %q", res.Pass, res.Reason)
	}
}

// Closing a Runner while a file runs ends the file, and leaves nothing
// (TestMain checks).
func TestCloseWhileRunning(t *testing.T) {
	rn, err := Start(context.Background(), envOptions())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *Result, 1)
	go func() {
		done <- rn.Run(context.Background(), File{Source: "setInterval(() => {}, 10); console.log('running');", Timeout: time.Minute})
	}()
	time.Sleep(2 * time.Second)
	t0 := time.Now()
	if err := rn.Close(); err != nil {
		t.Error(err)
	}
	select {
	case res := <-done:
		if res.Pass {
			t.Errorf("a file cut short passed: %+v", res)
		}
		t.Logf("%s (closed in %v)", res.Reason, time.Since(t0))
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after Close")
	}
	if res := rn.Run(context.Background(), File{Source: "1"}); res.Pass || !strings.Contains(res.Reason, "closed") {
		t.Errorf("a Run after Close: %v %q", res.Pass, res.Reason)
	}
}

// Through the relay, a backend that authenticates the handshake sees the
// token and the phone's Referer; the httptest server's certificate is
// pinned on the relay's way as on the page's.
func TestRelayHeaders(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer s3cret" || r.Header.Get("Referer") != "https://servicewechat.com/wxapp1/7/page-frame.html" {
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer c.CloseNow()
		c.Write(r.Context(), websocket.MessageText, []byte("welcome"))
		c.Read(r.Context())
	}))
	defer srv.Close()
	script := Script{Name: "auth", Server: srv, Host: "api.example.com", Relay: true,
		Settings: Settings{LibVersion: "2.10.4", AppID: "wxapp1", AppVersion: "7"},
		Source: `
const task = wx.connectSocket({url: "wss://api.example.com/ws", header: {Authorization: "Bearer s3cret"}});
task.onError((res) => wxrun.fail(res.errMsg));
task.onMessage((res) => { console.log(res.data); task.close({}); });`}
	if res := Run(t, script); !strings.Contains(res.Output(), "welcome") {
		t.Errorf("no welcome:\n%s", res.Output())
	}
	script.Relay = false
	f, err := script.file()
	if err != nil {
		t.Fatal(err)
	}
	if res := runnerFor(t).Run(context.Background(), f); res.Pass || !strings.Contains(res.Reason, "createSocketTask:fail") {
		t.Errorf("without the relay the server should refuse: %v %q", res.Pass, res.Reason)
	}
	// The relayed file's relay left the plain listener when the file ended:
	// no run's path is served there any more.
	rn := runnerFor(t)
	rn.relayMu.Lock()
	p := rn.plain
	rn.relayMu.Unlock()
	if p == nil {
		t.Fatal("no plain relay listener")
	}
	for id := range runIDs.Load() + 1 {
		u := "http" + strings.TrimPrefix(p.URL(fmt.Sprintf("/t/%s/%s/relay", rn.srv.token, rn.runID(id))), "ws")
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("a finished run's relay is still served at %s: %s", u, resp.Status)
		}
	}
}

// File.Vars that JSON cannot carry (a NaN) are an error, not a page whose
// wxrun.vars is silently empty.
func TestVarsJSONCannotCarry(t *testing.T) {
	res := runnerFor(t).Run(context.Background(), File{Name: "vars.js", Source: "wxrun.pass();", Vars: map[string]any{"x": math.NaN()}})
	if res.Pass || !strings.Contains(res.Reason, "File.Vars: NaN cannot be given to a page") {
		t.Errorf("pass %v, reason %q", res.Pass, res.Reason)
	}
}
