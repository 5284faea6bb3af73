package main

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Each way a user loads the shim from npm, end to end: the tarball
// installed into a project, the project built, a page of it connecting,
// sending, receiving and closing in Chromium, the wasm fetched from where
// the bundler put it, and fetched from wxshim.wasmUrl instead when a page
// sets it (a CDN).

func TestScriptTag(t *testing.T) {
	start := time.Now()
	dir := project(t, "script", ".")
	pageAndCDN(t, "a script tag", dir, dir, `/node_modules/wxsocket/wx\.wasm`)
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

func TestWebpack(t *testing.T) {
	start := time.Now()
	dir := project(t, "webpack", "src")
	npm(t, dir, "run", "build")
	pageAndCDN(t, "webpack", dir, filepath.Join(dir, "dist"), `/[0-9a-f]+\.wasm`)
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

func TestEsbuild(t *testing.T) {
	start := time.Now()
	dir := project(t, "esbuild", "src")
	usesReadmeLine(t, "esbuild", filepath.Join(dir, "package.json"))
	npm(t, dir, "run", "build")
	pageAndCDN(t, "esbuild", dir, filepath.Join(dir, "dist"), `/wx\.wasm`)
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

// TestVite: Vite 8's dev server (whose pre-bundling rewrites the wasm's
// URL to the file in node_modules) and its production build (which ships
// wx.wasm as a hashed asset), with no setting for the shim.
func TestVite(t *testing.T) {
	start := time.Now()
	dir := project(t, "vite", "src")
	viteBoth(t, "vite", dir)
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

// TestVite7: Vite 7 with the README's optimizeDeps line, and its dev
// server without it, which pre-bundles wx.mjs away from its wasm: the line
// is needed.
func TestVite7(t *testing.T) {
	start := time.Now()
	dir := project(t, "vite7", "src")
	usesReadmeLine(t, "Vite", filepath.Join(dir, "vite.config.js"))
	t.Run("dev without the line", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(dir, "plain.config.js"), []byte("export default {};\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		url := viteDev(t, dir, "--config", "plain.config.js", "--force")
		b := newBrowser(t, http.NotFoundHandler())
		res := b.open(t, url)
		if len(res.Log) == 0 || !strings.HasPrefix(res.Log[0], "not ready: ") || len(res.Wasm) != 1 || !strings.Contains(res.Wasm[0], "/node_modules/.vite/deps/wx.wasm") {
			t.Errorf("without optimizeDeps.exclude, Vite 7's dev server should serve wx.mjs pre-bundled, away from its wasm: %+v", res)
		}
	})
	viteBoth(t, "vite 7", dir)
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

// viteBoth runs the project in dir on Vite's dev server, then builds it.
func viteBoth(t *testing.T, how, dir string) {
	t.Run("dev", func(t *testing.T) {
		start := time.Now()
		url := viteDev(t, dir)
		b := newBrowser(t, http.NotFoundHandler())
		check(t, how, b.open(t, url), regexp.QuoteMeta(url)+`node_modules/(\.vite/deps/\.\./\.\./)?wxsocket/wx\.wasm`)
		t.Logf("dev server and page: %v", time.Since(start).Round(10*time.Millisecond))
	})
	t.Run("build", func(t *testing.T) {
		start := time.Now()
		npm(t, dir, "run", "build")
		pageAndCDN(t, how, dir, filepath.Join(dir, "dist"), `/assets/wx-[\w-]+\.wasm`)
		t.Logf("build and pages: %v", time.Since(start).Round(10*time.Millisecond))
	})
}

// viteDev starts Vite's dev server in dir on a port of 127.0.0.1 and
// returns its URL once it says it listens; the test's end stops it.
func viteDev(t *testing.T, dir string, args ...string) string {
	t.Helper()
	port := freePort(t)
	url := "http://127.0.0.1:" + port + "/"
	cmd := exec.Command(filepath.Join(dir, "node_modules", ".bin", "vite"), append([]string{"--host", "127.0.0.1", "--port", port, "--strictPort"}, args...)...)
	cmd.Dir = dir
	// Plain text: the line this waits for is matched as written, and Vite's
	// colours (which picocolors turns on whenever CI is set, as on a CI
	// machine) split the port from its host.
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	ready := make(chan struct{})
	var said strings.Builder
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			said.WriteString(sc.Text() + "\n")
			if ready != nil && strings.Contains(sc.Text(), url) {
				close(ready)
				ready = nil
			}
		}
		cmd.Wait()
		close(exited)
	}()
	select {
	case <-ready:
		return url
	case <-exited:
		t.Fatalf("vite exited before it listened:\n%s", said.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("vite did not listen on %s within a minute:\n%s", url, said.String())
	}
	return ""
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// usesReadmeLine checks that the one line the README gives for bundler
// (its first code span, on the line that starts "- **bundler**") is in
// file as it is: what the README tells users is what the test ran.
func usesReadmeLine(t *testing.T, bundler, file string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "- **"+bundler+"**") {
			line = l
			break
		}
	}
	m := codeSpan.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("the README has no line starting with - **%s** and a `setting`", bundler)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), m[1]) {
		t.Fatalf("%s does not use the README's line for %s: %s", filepath.Base(file), bundler, m[1])
	}
}
