//go:build js && wasm

package main

import (
	"embed"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The JavaScript the tests run lives in testdata/*.js, where an editor and
// a linter can read it (the page they run in is in testdata/page/); a test
// runs a file with runFile. A file is a list
// of rows, after a header:
//
//	// @group hostile use          (optional: the file is a reliability group)
//	// @each 1.7.0                 (optional: cases for the whole file, see below)
//	// @setup                      (optional: the lines after it, up to the first
//	...JavaScript...                @test, go before the body of every row)
//
//	// @test a name, with {{1}} for the first field of each @each case
//	// @each 999 | 1001            (optional: one row per line of cases)
//	// @want ["JSON", "the body must return", {{1}}]
//	...the body: an async function body run after testdata/page/prelude.js...
//
// Other header lines are comments. Each @each line is one case; its
// fields, separated by " | ", replace {{1}}, {{2}}... in the name, the
// body and the want (a field is text: a JS expression, a JSON string, the
// inside of a string literal, as the row uses it). A bare "// @each" is
// one case whose only field is empty; fields past the last one a row uses
// are free for notes; a {{n}} beyond a case's fields is an error.
// Consecutive @want lines are joined, to break a long want.
//
// @each lines in the header make the whole file run once per case, each in
// a subtest named by the case's first field, with the fields replacing
// {{1}}, {{2}}... in every row; its rows then have no @each of their own.

//go:embed testdata
var testdata embed.FS

// rowFile is one testdata file, parsed.
type rowFile struct {
	group string
	cases [][]string // file-level @each cases, if any
	rows  []scenario
}

// scenario is one row: JavaScript and the JSON it must return.
type scenario struct {
	name, js, want string
}

func readRows(name string) (rowFile, error) {
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		return rowFile{}, err
	}
	return parseRows("testdata/"+name, string(b))
}

// parseRows parses the text of the file called name.
func parseRows(name, text string) (rowFile, error) {
	var f rowFile
	type draft struct {
		name, want string
		each       [][]string
		body       []string
	}
	var (
		cur      *draft
		setup    []string
		inSetup  bool
		rowEach  bool
		lastWant bool
	)
	flush := func() {
		if cur == nil {
			return
		}
		body := strings.Join(append(append([]string(nil), setup...), cur.body...), "\n")
		cases := cur.each
		if cases == nil {
			cases = [][]string{nil}
		} else {
			rowEach = true
		}
		for _, fields := range cases {
			f.rows = append(f.rows, substitute(scenario{cur.name, body, cur.want}, fields))
		}
		cur = nil
	}
	for _, line := range strings.Split(text, "\n") {
		isWant := false
		switch {
		case cur == nil && strings.HasPrefix(line, "// @group "):
			f.group = strings.TrimPrefix(line, "// @group ")
		case cur == nil && line == "// @setup":
			inSetup = true
		case strings.HasPrefix(line, "// @test "):
			flush()
			inSetup = false
			cur = &draft{name: strings.TrimPrefix(line, "// @test ")}
		case line == "// @each" || strings.HasPrefix(line, "// @each "):
			fields := strings.Split(strings.TrimPrefix(strings.TrimPrefix(line, "// @each"), " "), " | ")
			if cur == nil {
				f.cases = append(f.cases, fields)
			} else {
				cur.each = append(cur.each, fields)
			}
		case cur != nil && strings.HasPrefix(line, "// @want "):
			if lastWant {
				cur.want += strings.TrimPrefix(line, "// @want ")
			} else {
				cur.want = strings.TrimPrefix(line, "// @want ")
			}
			isWant = true
		case cur != nil:
			cur.body = append(cur.body, line)
		case inSetup:
			setup = append(setup, line)
		}
		lastWant = isWant
	}
	flush()
	switch {
	case len(f.rows) == 0:
		return f, fmt.Errorf("%s has no rows", name)
	case f.cases != nil && rowEach:
		return f, fmt.Errorf("%s has @each cases for the file and for a row", name)
	case f.cases != nil && f.group != "":
		return f, fmt.Errorf("%s is a group with @each cases for the file", name)
	}
	cases := f.cases
	if cases == nil {
		cases = [][]string{nil}
	}
	for _, c := range cases {
		for _, r := range f.rows {
			if r := substitute(r, c); placeholder.MatchString(r.name + r.js + r.want) {
				return f, fmt.Errorf("%s: row %q has a {{n}} beyond its @each fields", name, r.name)
			}
		}
	}
	return f, nil
}

var placeholder = regexp.MustCompile(`\{\{[0-9]+\}\}`)

// substitute puts the fields of one @each case in place of {{1}}, {{2}}...
func substitute(r scenario, fields []string) scenario {
	sub := func(s string) string {
		for i, v := range fields {
			s = strings.ReplaceAll(s, fmt.Sprintf("{{%d}}", i+1), v)
		}
		return s
	}
	return scenario{sub(r.name), sub(r.js), sub(r.want)}
}

// runFile runs every row of testdata/name: as a reliability group when the
// file names one, else as plain subtests (under one subtest per case when
// the file has @each cases of its own).
func runFile(t *testing.T, name string) {
	t.Helper()
	f, err := readRows(name)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case f.group != "":
		group(t, f.group, f.rows)
	case f.cases != nil:
		for _, c := range f.cases {
			t.Run(c[0], func(t *testing.T) {
				rows := make([]scenario, len(f.rows))
				for i, r := range f.rows {
					rows[i] = substitute(r, c)
				}
				runRows(t, rows)
			})
		}
	default:
		runRows(t, f.rows)
	}
}

// runRows runs each row as a subtest: the one path from a row to a result.
func runRows(t *testing.T, rows []scenario) (passed, failed int) {
	for _, r := range rows {
		if t.Run(r.name, func(t *testing.T) { want(t, run(t, r.js), r.want) }) {
			passed++
		} else {
			failed++
		}
	}
	return passed, failed
}

// TestRowFormat pins what the format's parts do, on a file written here.
func TestRowFormat(t *testing.T) {
	f, err := parseRows("format", `// a header comment, ignored
// @each 1.7.0 | one
// @each 2.0.0 | two
// @setup
const s = 1;

// @test a {{2}}
// @want [1,
// @want "{{1}}"]
return [s, "{{1}}"];

// @test b
// @want null
return null;
`)
	if err != nil {
		t.Fatal(err)
	}
	wantRows := []scenario{
		{"a {{2}}", "const s = 1;\n\nreturn [s, \"{{1}}\"];\n", `[1,"{{1}}"]`},
		{"b", "const s = 1;\n\nreturn null;\n", "null"},
	}
	if !reflect.DeepEqual(f.cases, [][]string{{"1.7.0", "one"}, {"2.0.0", "two"}}) || !reflect.DeepEqual(f.rows, wantRows) {
		t.Fatalf("parsed\n%q\n%q", f.cases, f.rows)
	}
	if got := substitute(f.rows[0], f.cases[0]); got != (scenario{"a one", "const s = 1;\n\nreturn [s, \"1.7.0\"];\n", `[1,"1.7.0"]`}) {
		t.Errorf("substituted: %q", got)
	}

	f, err = parseRows("format", "// @group g\n// @test x {{1}}.\n// @each\n// @each a | a note\n// @want 0\nreturn 0;")
	if err != nil {
		t.Fatal(err)
	}
	if f.group != "g" || !reflect.DeepEqual(f.rows, []scenario{{"x .", "return 0;", "0"}, {"x a.", "return 0;", "0"}}) {
		t.Errorf("parsed %q %q", f.group, f.rows)
	}

	for _, bad := range []string{
		"// nothing but a comment",
		"// @each 1\n// @test x\n// @each 2\n// @want 0\nreturn 0;",
		"// @group g\n// @each 1\n// @test x\n// @want 0\nreturn 0;",
		"// @test x {{2}}\n// @each 1\n// @want 0\nreturn 0;",
		"// @each 1\n// @test x\n// @want {{2}}\nreturn 0;",
	} {
		if _, err := parseRows("format", bad); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}
