//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
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
	wasm, err := buildSuite(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"WX_ECHO": srv.WSS, "WX_ORIGIN": srv.URL, "WX_RELAY": rl.PlainURL, "WX_RELAY_TLS": rl.URL, "WX_RELAY_SECRET": rl.Secret}
	var runs []*engineRun
	for _, e := range enginesToRun(t) {
		t.Run(string(e), func(t *testing.T) {
			r := &engineRun{engine: e}
			runs = append(runs, r)
			r.run(t, cert, wasm, env, os.Getenv("WX_RUN"))
			r.save(t)
			// Printed, not logged: the counts show for an engine that passed too.
			fmt.Printf("TestBrowser/%s: %s: %d passed, %d failed (subtests included) in %s\n",
				e, r.version, r.passed, r.failed, r.took.Round(time.Second))
			r.report(t, string(e))
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
			run := os.Getenv("WX_RUN")
			if run == "" {
				specs, err := specTests()
				if err != nil {
					t.Fatal(err)
				}
				run = onlyTests(specs)
			}
			r.run(t, cert, wasm, relayEnv, run)
			fmt.Printf("TestBrowser/chromium-through-the-relay: %d passed, %d failed (subtests included) in %s\n",
				r.passed, r.failed, r.took.Round(time.Second))
			r.report(t, "through the relay")
		})
	}
	if os.Getenv("WX_RUN") != "" {
		return // a narrowed run says nothing about the whole suite
	}
	kept := keptReport() // read before any path is rewritten
	for _, path := range reportPaths() {
		if err := writeReliability(path, runs, relayed, kept); err != nil {
			t.Error(err)
		}
	}
}

// buildSuite builds this package's tests for js/wasm into dir, once for
// every engine, with the test build's hooks (debug.go: -tags wxdebug).
func buildSuite(dir string) (string, error) {
	wasm := filepath.Join(dir, "wasm.test.wasm")
	build := exec.Command("go", "test", "-c", "-tags", "wxdebug", "-o", wasm, ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go test -c: %v\n%s", err, out)
	}
	return wasm, nil
}

// specTests are the tests of spec_test.go, read from its source: the rows of
// the spec, which must read the same with every socket through the relay.
// (The relay's own rows are in relay_rows_test.go.)
func specTests() ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "spec_test.go", nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
			names = append(names, fn.Name.Name)
		}
	}
	if len(names) == 0 {
		return nil, errors.New("spec_test.go has no tests")
	}
	return names, nil
}

// onlyTests is the -test.run pattern that selects exactly these tests.
func onlyTests(names []string) string {
	return "^(" + strings.Join(names, "|") + ")$"
}

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

// run runs the suite (the tests run selects, all when "") in the engine,
// Chromium through wasmbrowsertest and the others through internal/browsers,
// and counts what it printed.
func (r *engineRun) run(t *testing.T, cert *wstest.Cert, wasm string, env map[string]string, run string) {
	start := time.Now()
	defer func() { r.took = time.Since(start) }()
	args := []string{"-test.v=true", "-test.timeout=40m"}
	if run != "" {
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
		r.err = err
		return
	}
	defer logFile.Close()
	opt := browsers.Options{Cert: cert, Log: logFile}
	job := browsers.Job{Wasm: wasm, Args: args, Env: env, Dir: "."}
	var res browsers.Result
	if r.engine == browsers.Chromium {
		res, err = browsers.RunWasmBrowserTest(ctx, opt, job, pw)
	} else {
		res, err = browsers.Run(ctx, r.engine, opt, job, pw)
	}
	pw.Close()
	<-done
	r.version = res.Version
	r.count()
	r.err = r.verdict(res.Exit, err)
	if r.err != nil && r.engine != browsers.Chromium {
		r.err = fmt.Errorf("%v\nthe browser's own output:\n%s", r.err, tail(logPath))
	}
}

// verdict is what a run that ended with exit (and err, from the runner)
// says beyond its failed tests, which count found: a runner that failed, a
// suite that exited non-zero with no failed test (a crash), or one that ran
// no test at all (a -test.run that selects nothing passes).
func (r *engineRun) verdict(exit int, err error) error {
	switch {
	case err != nil:
		return err
	case exit != 0 && r.failed == 0:
		return fmt.Errorf("the suite exited with %d and no test failed: a crash?", exit)
	case exit == 0 && r.failed > 0:
		return fmt.Errorf("%d tests failed, yet the suite exited with 0", r.failed)
	case r.passed+r.failed == 0:
		return errors.New("no test ran")
	}
	return nil
}

// report fails t with the run's failed rows and its error.
func (r *engineRun) report(t *testing.T, what string) {
	if len(r.failures) > 0 {
		t.Errorf("%s: %d test rows failed:\n  %s", what, len(r.failures), strings.Join(r.details, "\n  "))
	}
	if r.err != nil {
		t.Errorf("%s: %v", what, r.err)
	}
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
