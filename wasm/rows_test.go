//go:build js && wasm

package main

import (
	"embed"
	"fmt"
	"strings"
	"testing"
)

// The JavaScript the tests run lives in testdata/*.js, where an editor and
// a linter can read it. A file is a list of rows:
//
//	// @group hostile use          (optional, first: the file is a reliability group)
//
//	// @test a name, with {{1}} for the first field of each @each case
//	// @each 999 | 1001            (optional: one row per line of cases)
//	// @want ["JSON", "the body must return", {{1}}]
//	...the body: an async function body run with the prelude of helpers_test.go...
//
// Each @each line is one case; its fields, separated by " | ", replace
// {{1}}, {{2}}... in the name, the body and the want.

//go:embed testdata
var testdata embed.FS

// rowFile is one testdata file, parsed.
type rowFile struct {
	group string
	rows  []scenario
}

func readRows(name string) (rowFile, error) {
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		return rowFile{}, err
	}
	var f rowFile
	type draft struct {
		name, want string
		each       [][]string
		body       []string
	}
	var cur *draft
	flush := func() {
		if cur == nil {
			return
		}
		body := strings.Join(cur.body, "\n")
		cases := cur.each
		if cases == nil {
			cases = [][]string{nil}
		}
		for _, fields := range cases {
			sub := func(s string) string {
				for i, v := range fields {
					s = strings.ReplaceAll(s, fmt.Sprintf("{{%d}}", i+1), v)
				}
				return s
			}
			f.rows = append(f.rows, scenario{sub(cur.name), sub(body), sub(cur.want)})
		}
		cur = nil
	}
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "// @group "):
			f.group = strings.TrimPrefix(line, "// @group ")
		case strings.HasPrefix(line, "// @test "):
			flush()
			cur = &draft{name: strings.TrimPrefix(line, "// @test ")}
		case cur != nil && strings.HasPrefix(line, "// @each "):
			cur.each = append(cur.each, strings.Split(strings.TrimPrefix(line, "// @each "), " | "))
		case cur != nil && strings.HasPrefix(line, "// @want "):
			cur.want = strings.TrimPrefix(line, "// @want ")
		case cur != nil:
			cur.body = append(cur.body, line)
		}
	}
	flush()
	if len(f.rows) == 0 {
		return f, fmt.Errorf("testdata/%s has no rows", name)
	}
	return f, nil
}

// runFile runs every row of testdata/name: as a reliability group when the
// file names one, else as plain subtests.
func runFile(t *testing.T, name string) {
	t.Helper()
	f, err := readRows(name)
	if err != nil {
		t.Fatal(err)
	}
	if f.group != "" {
		group(t, f.group, f.rows)
		return
	}
	runAll(t, f.rows)
}
