//go:build !js

package main

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The native checks of the browser suite's own plumbing (run_test.go): what
// could let a row, a test or a whole run go unchecked without anyone seeing.

// TestSpecTestsAllGoThroughTheRelay: the relay pass runs every test of
// spec_test.go, read from its source, and nothing else.
func TestSpecTestsAllGoThroughTheRelay(t *testing.T) {
	names, err := specTests()
	if err != nil {
		t.Fatal(err)
	}
	run := regexp.MustCompile(onlyTests(names))
	for _, n := range names {
		if !run.MatchString(n) {
			t.Errorf("%s is in spec_test.go, yet the relay pass's -test.run %q leaves it out", n, run)
		}
	}
	for _, n := range []string{"TestRelay", "TestReliabilityFaults", "TestRowFormat", names[0] + "X"} {
		if run.MatchString(n) {
			t.Errorf("the relay pass's -test.run %q selects %s, which is not in spec_test.go", run, n)
		}
	}
	if !contains(names, "TestSmokeEcho") || contains(names, "TestRelay") {
		t.Errorf("spec tests: %q", names)
	}
}

// TestEveryRowFileRuns: each testdata/*.js is run by a runFile call of a
// test file; the page's own files are apart, in testdata/page/.
func TestEveryRowFileRuns(t *testing.T) {
	run := map[string]bool{}
	tests, _ := filepath.Glob("*_test.go")
	for _, path := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && len(c.Args) == 2 {
				if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "runFile" {
					if lit, ok := c.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						name, _ := strconv.Unquote(lit.Value)
						run[name] = true
					}
				}
			}
			return true
		})
	}
	rows, _ := filepath.Glob("testdata/*.js")
	if len(rows) == 0 {
		t.Fatal("no row files in testdata")
	}
	for _, path := range rows {
		if name := filepath.Base(path); !run[name] {
			t.Errorf("%s: no test runs it (runFile(t, %q))", path, name)
		}
	}
	for _, name := range []string{"page.js", "prelude.js"} {
		if _, err := os.Stat(filepath.Join("testdata", "page", name)); err != nil {
			t.Error(err)
		}
	}
}

// TestVerdict: what a run says beyond its failed rows. A run that crashed,
// ran nothing, or whose exit code contradicts its output fails; a run whose
// rows failed is reported by its rows, not again here.
func TestVerdict(t *testing.T) {
	const (
		passed = "=== RUN   TestA\n--- PASS: TestA (0.00s)\nPASS\n"
		failed = "=== RUN   TestA\n    a_test.go:1: got 1\n--- FAIL: TestA (0.00s)\nFAIL\n"
		none   = "testing: warning: no tests to run\nPASS\n"
		crash  = "=== RUN   TestA\npanic: boom\n"
	)
	runner := errors.New("the browser died")
	for _, c := range []struct {
		out  string
		exit int
		err  error
		want string // "" for no error
	}{
		{passed, 0, nil, ""},
		{failed, 1, nil, ""},
		{passed, 0, runner, "the browser died"},
		{crash, 2, nil, "a crash?"},
		{crash, 1, nil, "a crash?"},
		{none, 0, nil, "no test ran"},
		{failed, 0, nil, "exited with 0"},
	} {
		r := &engineRun{}
		r.out.WriteString(c.out)
		r.count()
		err := r.verdict(c.exit, c.err)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q, exit %d: %v, want no error", c.out, c.exit, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q, exit %d: %v, want an error saying %q", c.out, c.exit, err, c.want)
		}
	}
}
