package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestWxrunFromNpm: wxrun's package and this platform's binary package,
// installed from their tarballs into an empty folder, with no Go on PATH
// and no registry (npm --offline, an empty cache), run the README's wxrun
// examples and examples/socket as `go run ./cmd/wxrun` does (the same
// program, built here once: its shim is built from the source it
// carries, with this Go): the same output, times aside, and the same exit
// status; a failing file and a usage error too.
func TestWxrunFromNpm(t *testing.T) {
	needNPM(t)
	start := time.Now()
	pl := hostPlatform(t)
	tmp := t.TempDir()
	app := filepath.Join(tmp, "app")
	if err := os.MkdirAll(app, 0o755); err != nil {
		t.Fatal(err)
	}
	npm(t, app, "install", "--offline", "--cache", filepath.Join(tmp, "npm-cache"),
		tarball(t, "wxrun"), tarball(t, "wxrun-"+pl.Name()))
	if err := os.CopyFS(filepath.Join(app, "examples", "socket"), os.DirFS(filepath.Join(root, "examples", "socket"))); err != nil {
		t.Fatal(err)
	}
	readme := readmeScripts(t, app)
	if err := os.WriteFile(filepath.Join(app, "fails.test.js"), []byte(`console.log("about to fail"); wxrun.fail("on purpose");`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	examples, err := filepath.Glob(filepath.Join(app, "examples", "socket", "*.test.*"))
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples/socket/*.test.*: %v", err)
	}
	for i, e := range examples {
		examples[i], _ = filepath.Rel(app, e)
	}

	goWxrun := filepath.Join(tmp, "go-wxrun")
	build := exec.Command("go", "build", "-o", goWxrun, "./cmd/wxrun")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/wxrun: %v\n%s", err, out)
	}
	// The npm side: no go on PATH, and a home and cache of its own, so
	// that no shim built before can be found.
	noGo := environ(map[string]string{"PATH": pathWithout("go"), "HOME": filepath.Join(tmp, "home"),
		"XDG_CACHE_HOME": filepath.Join(tmp, "cache"), "GOROOT": "", "npm_config_cache": filepath.Join(tmp, "npm-cache"),
		"npm_config_offline": "true", "npm_config_update_notifier": "false"})

	for _, c := range []struct {
		name string
		args []string
		exit int
	}{
		{"the README's example", append([]string{"-serve"}, readme...), 0},
		{"examples/socket", append([]string{"-serve", "-project", "examples/socket/project.config.json"}, examples...), 0},
		{"a failing file", []string{"fails.test.js"}, 1},
		{"no file", nil, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			viaNPM := runIn(t, app, noGo, "npx", append([]string{"wxrun"}, c.args...)...)
			viaGo := runIn(t, app, os.Environ(), goWxrun, c.args...)
			if viaNPM.exit != c.exit || viaGo.exit != c.exit {
				t.Errorf("exit %d from npx wxrun, %d from go run ./cmd/wxrun, want %d\nnpx:\n%s%s", viaNPM.exit, viaGo.exit, c.exit, viaNPM.stdout, viaNPM.stderr)
			}
			if a, b := untimed(viaNPM.stdout), untimed(viaGo.stdout); a != b {
				t.Errorf("npx wxrun wrote\n%s\ngo run ./cmd/wxrun wrote\n%s", a, b)
			}
			if a, b := untimed(viaNPM.stderr), untimed(viaGo.stderr); a != b {
				t.Errorf("npx wxrun said\n%s\ngo run ./cmd/wxrun said\n%s", a, b)
			}
			t.Logf("npx wxrun %s: exit %d, %d lines", strings.Join(c.args, " "), viaNPM.exit, strings.Count(viaNPM.stdout, "\n"))
		})
	}

	t.Run("the shim is the binary's own", func(t *testing.T) {
		o := runIn(t, app, noGo, "npx", append([]string{"wxrun", "-v", "-serve"}, readme...)...)
		if o.exit != 0 || !strings.Contains(o.stderr, "shim from this binary (make pack embedded it)") {
			t.Errorf("exit %d; -v should say the shim came from the binary:\n%s", o.exit, o.stderr)
		}
	})

	t.Run("no Chromium", func(t *testing.T) {
		// PATH has node, npx and the sh npx runs scripts with, and nothing else.
		bin := filepath.Join(tmp, "bin-node-only")
		os.MkdirAll(bin, 0o755)
		for _, c := range []string{"node", "npx", "sh"} {
			p, err := exec.LookPath(c)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(p, filepath.Join(bin, c)); err != nil {
				t.Fatal(err)
			}
		}
		env := environ(map[string]string{"PATH": bin, "HOME": filepath.Join(tmp, "home"), "npm_config_cache": filepath.Join(tmp, "npm-cache"),
			"npm_config_offline": "true", "npm_config_update_notifier": "false"})
		o := runIn(t, app, env, "npx", append([]string{"wxrun", "-serve"}, readme...)...)
		lines := strings.Split(strings.TrimSpace(o.stderr), "\n")
		if o.exit != 2 || len(lines) != 1 || !strings.Contains(lines[0], "apt-get install chromium") || o.stdout != "" {
			t.Errorf("exit %d, want 2 and one line that says how to install Chromium; stderr:\n%s\nstdout:\n%s", o.exit, o.stderr, o.stdout)
		}
		t.Logf("without Chromium: %s", lines[0])
	})
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

// hostPlatform is the platform package of this machine.
func hostPlatform(t *testing.T) platform {
	t.Helper()
	for _, p := range platforms {
		if p.GOOS == runtime.GOOS && p.Arch == runtime.GOARCH {
			return p
		}
	}
	t.Fatalf("make pack builds no wxrun package for %s/%s", runtime.GOOS, runtime.GOARCH)
	return platform{}
}

// readmeScripts writes the README's wxrun examples (its `js wxrun`
// blocks, each named on its first line) into dir, and returns their names.
func readmeScripts(t *testing.T, dir string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, block := range strings.Split(string(b), "```js wxrun\n")[1:] {
		code, _, _ := strings.Cut(block, "```")
		name := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(code, "\n", 2)[0], "//"))
		if !strings.HasSuffix(name, ".js") {
			t.Fatalf("a wxrun block of the README has no file name on its first line:\n%s", code)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		t.Fatal("the README has no wxrun example")
	}
	return names
}

// pathWithout is PATH less every folder that holds an executable named cmd.
func pathWithout(cmd string) string {
	var keep []string
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if st, err := os.Stat(filepath.Join(d, cmd)); err == nil && st.Mode()&0o111 != 0 {
			continue
		}
		keep = append(keep, d)
	}
	return strings.Join(keep, string(filepath.ListSeparator))
}

// environ is this process's environment with set's variables replaced
// (an empty value removes one).
func environ(set map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; !ok {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		if v != "" {
			out = append(out, k+"="+v)
		}
	}
	return out
}

type ran struct {
	stdout, stderr string
	exit           int
}

// runIn runs a command in dir with env, within two minutes.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) ran {
	t.Helper()
	if name == "npx" {
		// The npx of the PATH in env, not of this process's.
		for _, kv := range env {
			if p, ok := strings.CutPrefix(kv, "PATH="); ok {
				name = lookIn(p, "npx")
			}
		}
	}
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("%s %s: still running after two minutes", name, strings.Join(args, " "))
	}
	r := ran{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func lookIn(path, cmd string) string {
	for _, d := range filepath.SplitList(path) {
		if st, err := os.Stat(filepath.Join(d, cmd)); err == nil && st.Mode()&0o111 != 0 {
			return filepath.Join(d, cmd)
		}
	}
	return cmd
}

// times are what differ from run to run: a file's time, the run's.
var times = regexp.MustCompile(`\((\d+m)?\d+(\.\d+)?(µs|ms|s)\)`)

func untimed(s string) string { return times.ReplaceAllString(s, "(time)") }
