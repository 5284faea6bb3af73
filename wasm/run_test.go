//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

// TestBrowser runs this package's js/wasm tests in three engines, one
// subtest each, against one wss server and one relay on 127.0.0.1 whose throwaway
// certificate only those browsers trust, and with every host name sent to
// 127.0.0.1:
//
//	chromium  headless Chromium through wasmbrowsertest (go test -exec)
//	firefox   firefox-esr --headless through internal/browsers
//	webkit    WebKitGTK's MiniBrowser under Xvfb through internal/browsers
//
// Environment: WX_ENGINES narrows the engines (comma-separated); WX_RUN
// narrows the tests (-run); WX_VERBOSE prints every test; WX_OUTPUT names a
// directory for each engine's whole output and the RELIABILITY.md of the
// run; WX_RELIABILITY_MD names a RELIABILITY.md to write besides (make
// reliability writes the committed one).
func TestBrowser(t *testing.T) {
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	rl, err := startRelayRig(cert)
	if err != nil {
		t.Fatal(err)
	}
	defer rl.down()
	srv, err := wstest.Start("127.0.0.1:0", cert, rl.control(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	env := map[string]string{"WX_ECHO": srv.WSS, "WX_ORIGIN": srv.URL, "WX_RELAY": rl.PlainURL, "WX_RELAY_TLS": rl.URL, "WX_RELAY_SECRET": rl.Secret}
	var runs []*engineRun
	for _, e := range enginesToRun(t) {
		t.Run(string(e), func(t *testing.T) {
			r := &engineRun{engine: e}
			runs = append(runs, r)
			start := time.Now()
			if e == browsers.Chromium {
				r.err = runChromium(t, cert, env, os.Getenv("WX_RUN"), r)
			} else {
				r.err = runEngine(t, e, cert, env, r)
			}
			r.took = time.Since(start)
			r.count()
			r.save(t)
			// Printed, not logged: the counts show for an engine that passed too.
			fmt.Printf("TestBrowser/%s: %s: %d passed, %d failed (subtests included) in %s\n",
				e, r.version, r.passed, r.failed, r.took.Round(time.Second))
			if len(r.failures) > 0 {
				t.Errorf("%s: %d test rows failed:\n  %s", e, len(r.failures), strings.Join(r.details, "\n  "))
			}
			if r.err != nil {
				t.Errorf("%s: %v", e, r.err)
			}
		})
	}
	// Routing through the relay changes no row of the spec: its rows once
	// more, in Chromium, with every socket through the relay (WX_RELAY_ALL).
	var relayed *engineRun
	if os.Getenv("WX_RUN") == "" || os.Getenv("WX_RELAY_ALL") != "" {
		t.Run("chromium-through-the-relay", func(t *testing.T) {
			r := &engineRun{engine: browsers.Chromium}
			relayed = r
			relayEnv := map[string]string{"WX_RELAY_ALL": "1"}
			for k, v := range env {
				relayEnv[k] = v
			}
			run := specRows
			if w := os.Getenv("WX_RUN"); w != "" {
				run = w
			}
			start := time.Now()
			r.err = runChromium(t, cert, relayEnv, run, r)
			r.took = time.Since(start)
			r.count()
			fmt.Printf("TestBrowser/chromium-through-the-relay: %d passed, %d failed (subtests included) in %s\n",
				r.passed, r.failed, time.Since(start).Round(time.Second))
			if len(r.failures) > 0 {
				t.Errorf("through the relay: %d test rows failed:\n  %s", len(r.failures), strings.Join(r.details, "\n  "))
			}
			if r.err != nil {
				t.Error(r.err)
			}
		})
	}
	if os.Getenv("WX_RUN") != "" {
		return // a narrowed run says nothing about the whole suite
	}
	for _, path := range reportPaths() {
		if err := writeReliability(path, runs, relayed); err != nil {
			t.Error(err)
		}
	}
}

// specRows are the tests of the spec's rows (spec_test.go) but the relay's
// own: the rows that must read the same with every socket through the relay.
const specRows = "^(TestSmokeEcho|TestVersion.*|TestReleaseDiscipline|TestConnect.*|TestSeedExamples|" +
	"TestConstructorMessagesMatchTheBrowser|TestTask.*|TestGlobal.*|TestCallbacks|TestSettings)$"

// engineRun is one engine's run of the suite.
type engineRun struct {
	engine         browsers.Engine
	version        string
	out            bytes.Buffer
	took           time.Duration
	err            error
	passed, failed int
	failures       []string // the failed tests that have no failed subtest
	details        []string // each with what it logged
}

var (
	resultLine = regexp.MustCompile(`^\s*--- (PASS|FAIL): (\S+)`)
	runLine    = regexp.MustCompile(`^=== (RUN|CONT|PAUSE|NAME)\s+(\S+)`)
)

// count reads the run's PASS and FAIL lines, and keeps for every failed
// test that has no failed subtest its name and the first lines it logged
// (the got/want of a scenario).
func (r *engineRun) count() {
	var failed []string
	said := map[string][]string{}
	current := ""
	for _, line := range strings.Split(r.out.String(), "\n") {
		if m := runLine.FindStringSubmatch(line); m != nil {
			current = m[2]
			continue
		}
		m := resultLine.FindStringSubmatch(line)
		if m == nil {
			if current != "" && strings.HasPrefix(line, "    ") && len(said[current]) < 4 {
				said[current] = append(said[current], clip(strings.TrimSpace(line), 300))
			}
			continue
		}
		current = ""
		if m[1] == "PASS" {
			r.passed++
		} else {
			r.failed++
			failed = append(failed, m[2])
		}
	}
	for _, f := range failed {
		leaf := true
		for _, g := range failed {
			if strings.HasPrefix(g, f+"/") {
				leaf = false
				break
			}
		}
		if leaf {
			r.failures = append(r.failures, f)
			r.details = append(r.details, f+"\n      "+strings.Join(said[f], "\n      "))
		}
	}
}

// clip shortens s to n bytes, saying how much was left out.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("... (%d bytes more)", len(s)-n)
}

// save writes the whole output to WX_OUTPUT/browser-<engine>.log.
func (r *engineRun) save(t *testing.T) {
	dir := os.Getenv("WX_OUTPUT")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Error(err)
		return
	}
	path := filepath.Join(dir, "browser-"+string(r.engine)+".log")
	if err := os.WriteFile(path, r.out.Bytes(), 0o644); err != nil {
		t.Error(err)
		return
	}
	t.Logf("%s: the whole output is in %s", r.engine, path)
}

// enginesToRun reads WX_ENGINES (default: all three).
func enginesToRun(t *testing.T) []browsers.Engine {
	list := os.Getenv("WX_ENGINES")
	if list == "" {
		return browsers.Engines
	}
	var out []browsers.Engine
	for _, name := range strings.Split(list, ",") {
		e := browsers.Engine(strings.TrimSpace(name))
		if _, err := browsers.Find(e); err != nil {
			t.Fatalf("WX_ENGINES: %v", err)
		}
		out = append(out, e)
	}
	return out
}

// runChromium runs the suite through wasmbrowsertest, which drives
// Chromium over DevTools; a wrapper named headless_shell on PATH starts it
// trusting only the test leaf and resolving every name to 127.0.0.1.
func runChromium(t *testing.T, cert *wstest.Cert, env map[string]string, run string, r *engineRun) error {
	chromium, err := browsers.Find(browsers.Chromium)
	if err != nil {
		return err
	}
	if v, err := exec.Command(chromium, "--version").Output(); err == nil {
		r.version = strings.TrimSpace(string(v))
	}
	bin := t.TempDir()
	if err := cert.WriteChromeWrapper(bin, chromium); err != nil {
		return err
	}
	wbt, err := exec.Command("go", "tool", "-n", "wasmbrowsertest").Output()
	if err != nil {
		return fmt.Errorf("go tool -n wasmbrowsertest: %v (is it pinned in go.mod with go get -tool?)", err)
	}
	args := []string{"test", "-count=1", "-timeout=40m", "-v", "-exec", strings.TrimSpace(string(wbt))}
	if run != "" {
		args = append(args, "-run", run)
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"))
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	done := make(chan struct{})
	go func() {
		defer close(done)
		show(io.TeeReader(pr, &r.out))
	}()
	// In a process group of its own, which a signal to this test ends:
	// its Chromium is wasmbrowsertest's, two processes down.
	b, err := browsers.Spawn(cmd)
	if err == nil {
		<-b.Done()
		err = b.Err()
		b.Close()
	}
	pw.Close()
	<-done
	if err != nil && r.failed == 0 && !strings.Contains(r.out.String(), "--- FAIL") {
		return fmt.Errorf("go test -exec wasmbrowsertest: %v", err)
	}
	return nil
}

// runEngine builds the suite (go test -c) and runs the binary in e
// through internal/browsers, which serves it with a page that reports its
// output and exit code over HTTP; the binary can read the files of this
// directory (testdata), as under wasmbrowsertest.
func runEngine(t *testing.T, e browsers.Engine, cert *wstest.Cert, env map[string]string, r *engineRun) error {
	wasm := filepath.Join(t.TempDir(), "wasm.test.wasm")
	build := exec.Command("go", "test", "-c", "-o", wasm, ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go test -c: %v\n%s", err, out)
	}
	args := []string{"-test.v=true", "-test.timeout=40m"}
	if run := os.Getenv("WX_RUN"); run != "" {
		args = append(args, "-test.run="+run)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Minute)
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		show(io.TeeReader(pr, &r.out))
	}()
	// The browser's own output (a file: several processes write to it).
	logPath := filepath.Join(t.TempDir(), "browser.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	res, err := browsers.Run(ctx, e, browsers.Options{Cert: cert, Log: logFile}, browsers.Job{Wasm: wasm, Args: args, Env: env, Dir: "."}, pw)
	pw.Close()
	<-done
	r.version = res.Version
	if err != nil {
		return fmt.Errorf("%v\nthe browser's own output:\n%s", err, tail(logPath))
	}
	if res.Exit != 0 && !strings.Contains(r.out.String(), "--- FAIL") {
		return fmt.Errorf("the suite exited with %d and no test failed: a crash? The browser's own output:\n%s", res.Exit, tail(logPath))
	}
	return nil
}

// tail is the end of a log file.
func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// show prints a run as it comes, leaving out per-test chatter unless
// WX_VERBOSE or -v.
func show(r io.Reader) {
	verbose := testing.Verbose() || os.Getenv("WX_VERBOSE") != ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.Contains(line, "IPAddressSpace") {
			continue
		}
		if !verbose && (strings.HasPrefix(trimmed, "=== RUN") || strings.HasPrefix(trimmed, "--- PASS") ||
			strings.HasPrefix(trimmed, "=== PAUSE") || strings.HasPrefix(trimmed, "=== CONT")) {
			continue
		}
		fmt.Println(line)
	}
	io.Copy(io.Discard, r)
}
