//go:build !js

package browsers

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOneChromiumFlagList: no Go file outside this package lists Chromium's
// switches or looks for its binary; they call ChromiumFlags and Find. A
// switch that only a launcher writes, or a binary's name, in a string of
// any other file fails it (comments and messages that tell a person how to
// start Chromium name no such switch).
func TestOneChromiumFlagList(t *testing.T) {
	launcherOnly := []string{"disable-quic", "disable-background-networking", "disable-component-update",
		"headless_shell", "chromium-browser", "google-chrome"}
	root, _ := filepath.Abs("../..")
	here, _ := filepath.Abs(".")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == here || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "build" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, w := range launcherOnly {
				if strings.Contains(s, w) {
					rel, _ := filepath.Rel(root, path)
					t.Errorf("%s names %q: use browsers.ChromiumFlags / browsers.Find", rel, w)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHeadlessShell: the wrapper wasmbrowsertest starts passes Chromium
// exactly ChromiumFlags, then the driver's own switches, each one word
// whatever it holds.
func TestHeadlessShell(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "fake chromium's")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	flags := ChromiumFlags("spki'key", LoopbackHosts)
	if err := writeHeadlessShell(dir, fake, flags); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(filepath.Join(dir, "headless_shell"), "--headless", "about:blank").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	want := append(append([]string(nil), flags...), "--headless", "about:blank")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Chromium got\n%q\nwant\n%q", got, want)
	}
	for _, f := range []string{"--host-resolver-rules=MAP * 127.0.0.1", "--ignore-certificate-errors-spki-list=spki'key", "--disable-quic"} {
		if !contains(got, f) {
			t.Errorf("no %s in %q", f, got)
		}
	}
}

// TestRunWasmBrowserTest: the Chromium suite's runner gives the program its
// arguments and environment, brings back its output whole and its failure.
func TestRunWasmBrowserTest(t *testing.T) {
	wasm := filepath.Join(t.TempDir(), "hello.wasm")
	build := exec.Command("go", "test", "-c", "-o", wasm, "./testdata/hello")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	for _, fail := range []string{"", "1"} {
		var out bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		res, err := RunWasmBrowserTest(ctx, Options{}, Job{
			Wasm: wasm,
			Args: []string{"-test.v=true", "-test.run=^(TestOutput|TestFailWhenAsked)$"},
			Env:  map[string]string{"HELLO_WHO": "wasmbrowsertest", "HELLO_FAIL": fail},
			Dir:  "testdata/hello",
		}, &out)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, want := range []string{
			"stdout 1, HELLO_WHO=wasmbrowsertest\nstderr 2\nstdout 3 with a multi-byte rune: é 世界\n",
			"args -test.v=true -test.run=^(TestOutput|TestFailWhenAsked)$\n",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("output:\n%s\nwant it to contain:\n%s", got, want)
			}
		}
		if wantExit := map[string]int{"": 0, "1": 1}[fail]; res.Exit != wantExit {
			t.Errorf("HELLO_FAIL=%q: exit %d, want %d; output:\n%s", fail, res.Exit, wantExit, got)
		}
		if !strings.HasPrefix(res.Version, "Chromium") && !strings.Contains(res.Version, "Chrome") {
			t.Errorf("version %q", res.Version)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
