package main

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wxsocket/wxrun"
)

// TestShards: three -shard runs over the same files, as a CI matrix runs
// them, take every file once between them; their JUnit reports merge into
// three distinct testsuites; a shard given the files in another order,
// with one more, keeps its files; an empty shard passes without a browser.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 9 {
		f := filepath.Join(dir, "tests", fmt.Sprintf("f%d.test.js", i))
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, []byte(fmt.Sprintf("console.log(%q);\n", filepath.Base(f))), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	type suite struct {
		Name  string `xml:"name,attr"`
		Tests int    `xml:"tests,attr"`
		Cases []struct {
			Name string `xml:"name,attr"`
		} `xml:"testcase"`
	}
	var merged []suite
	seen := map[string]int{}
	byShard := map[int][]string{}
	for i := 1; i <= 3; i++ {
		report := filepath.Join(dir, fmt.Sprintf("shard-%d.xml", i))
		o := runCmd(t, append([]string{"-shim", shimDir, "-root", dir, "-p", "2", "-shard", fmt.Sprintf("%d/3", i), "-junit", report}, files...)...)
		expect(t, o, 0, fmt.Sprintf("(shard %d/3, of 9)", i))
		b, err := os.ReadFile(report)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Suites []suite `xml:"testsuite"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil || len(doc.Suites) != 1 {
			t.Fatalf("shard %d: %v: %s", i, err, b)
		}
		merged = append(merged, doc.Suites[0])
		for _, c := range doc.Suites[0].Cases {
			seen[c.Name]++
			byShard[i] = append(byShard[i], c.Name)
			if !strings.Contains(o.stdout, "PASS "+c.Name) {
				t.Errorf("shard %d: the report has %s, the output does not", i, c.Name)
			}
		}
	}
	for _, f := range files {
		if seen[f] != 1 {
			t.Errorf("%s ran %d times in the three shards, want once", f, seen[f])
		}
	}
	names := map[string]bool{}
	for _, s := range merged {
		names[s.Name] = true
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d, %d cases", s.Name, s.Tests, len(s.Cases))
		}
	}
	if len(names) != 3 || !names["wxrun shard 2/3"] {
		t.Errorf("the shards' suites are not distinct: %v", names)
	}

	// Reversed, with a file more: shard 2 keeps every file it had.
	extra := filepath.Join(dir, "tests", "new.test.js")
	os.WriteFile(extra, []byte("console.log('new');\n"), 0o644)
	again := append(slices.Clone(files), extra)
	slices.Reverse(again)
	o := runCmd(t, append([]string{"-shim", shimDir, "-root", dir, "-p", "2", "-shard", "2/3"}, again...)...)
	for _, f := range byShard[2] {
		if !strings.Contains(o.stdout, "PASS "+f) {
			t.Errorf("%s left shard 2/3 when the list changed:\n%s", f, o.stdout)
		}
	}

	// An empty shard: nothing runs, and that passes.
	empty := 0
	for i := 1; i <= 20 && empty == 0; i++ {
		if got, _ := (wxrun.Shard{Index: i, Count: 20}).Pick(files, dir); len(got) == 0 {
			empty = i
		}
	}
	if empty == 0 {
		t.Fatal("no empty shard of 20 for 9 files")
	}
	report := filepath.Join(dir, "empty.xml")
	o = runCmd(t, append([]string{"-shim", shimDir, "-root", dir, "-shard", fmt.Sprintf("%d/20", empty), "-junit", report}, files...)...)
	expect(t, o, 0, fmt.Sprintf("0 files (shard %d/20, of 9): 0 passed, 0 failed", empty))
	if b, err := os.ReadFile(report); err != nil || !strings.Contains(string(b), `name="wxrun shard `+fmt.Sprint(empty)+`/20" tests="0"`) {
		t.Errorf("the empty shard's report: %v\n%s", err, b)
	}
}

func TestShardUsage(t *testing.T) {
	for _, bad := range []string{"0/3", "4/3", "3", "a/b"} {
		o := runCmd(t, "-shim", shimDir, "-shard", bad, "ok.js")
		expect(t, o, 2, "want i/n with 1 <= i <= n")
	}
}
