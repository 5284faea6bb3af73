package glue

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestFilesListed: every part in the directory is in Files once, and every
// name in Files is a part, so nothing is left out of build/wx.js or joined
// twice.
func TestFilesListed(t *testing.T) {
	onDisk, err := fs.Glob(parts, "*.js")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]int{}
	for _, f := range Files {
		listed[f]++
		if listed[f] > 1 {
			t.Errorf("Files lists %s twice", f)
		}
		if _, err := fs.Stat(parts, f); err != nil {
			t.Errorf("Files lists %s, which is not in wasm/glue", f)
		}
	}
	for _, f := range onDisk {
		if listed[f] == 0 {
			t.Errorf("wasm/glue/%s is not in Files: build/wx.js would leave it out", f)
		}
	}
}

// TestOneFunction: the joined parts are one IIFE, opened by the first part
// and closed by the last, so they share one scope as the glue always did.
func TestOneFunction(t *testing.T) {
	s := Source()
	if !strings.Contains(s[:strings.Index(s, "\n  \"use strict\";")+1], "(function () {\n") {
		t.Errorf("the first part, %s, does not open the glue's function", Files[0])
	}
	if !strings.HasSuffix(s, "\n})();\n") {
		t.Errorf("the last part, %s, does not close the glue's function", Files[len(Files)-1])
	}
	if n := strings.Count(s, "\n})();\n"); n != 1 {
		t.Errorf("the glue's function is closed %d times; want once, at the end", n)
	}
}

// TestGatesWritten: Source puts internal/rules' gates where contract.js
// marks them, once, so the glue's CONTRACT.gates has every one.
func TestGatesWritten(t *testing.T) {
	s := Source()
	if strings.Contains(s, gatesMarker) {
		t.Fatal("the gates marker is still in the glue: Source did not replace it")
	}
	if !strings.Contains(s, "gates: Object.freeze({\n      promises: [2, 10, 2], protocols: [1, 4, 0],") {
		t.Errorf("CONTRACT.gates does not open with internal/rules' gates: %q", s[strings.Index(s, "gates:"):][:200])
	}
}

// TestNoNameDeclaredTwice: the parts share one scope, so a function or
// constant a part declares at the glue's top level under a name another
// part declares too replaces it without a word (request.js's send once
// replaced send.js's, and every SocketTask.send broke).
func TestNoNameDeclaredTwice(t *testing.T) {
	decl := regexp.MustCompile(`(?m)^  (?:async function|function|const|let|class) (\w+)`)
	seen := map[string]string{}
	for _, f := range Files {
		p, err := parts.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllSubmatch(p, -1) {
			name := string(m[1])
			if other, ok := seen[name]; ok {
				t.Errorf("%s declares %s, which %s declares too", f, name, other)
			}
			seen[name] = f
		}
	}
	if len(seen) < 50 {
		t.Fatalf("found %d top-level names: the pattern no longer matches the parts", len(seen))
	}
}
