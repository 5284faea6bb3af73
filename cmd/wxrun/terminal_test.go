package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file's console output and failure reason reach the text report
// escaped, so that the file cannot act on the reader's terminal (retitle
// it, print PASS over its own FAIL line); -json and -junit keep them exact.
func TestTerminalControlsEscaped(t *testing.T) {
	o := runCmd(t, "-shim", shimDir, "terminal-controls.js")
	expect(t, o, 1,
		`retitle \x1b]0;pwned\a done`,
		`FAIL is hidden\rPASS terminal-controls.js (0.01s)`,
		"two\n          lines\\r",
		`FAIL terminal-controls.js (`, `real failure\rPASS terminal-controls.js (0.01s)\x1b[2K`)
	for _, line := range strings.Split(o.stdout, "\n") {
		if i := strings.IndexFunc(line, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }); i >= 0 {
			t.Errorf("a line of the report has a control character (%q): %q", line[i], line)
		}
	}

	junit := filepath.Join(t.TempDir(), "report.xml")
	o = runCmd(t, "-shim", shimDir, "-json", "-junit", junit, "terminal-controls.js")
	var texts []string
	var reason string
	for _, line := range strings.Split(strings.TrimSpace(o.stdout), "\n") {
		var ev event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		switch ev.Action {
		case "console":
			texts = append(texts, ev.Text)
		case "fail":
			reason = ev.Reason
		}
	}
	want := []string{"retitle \x1b]0;pwned\x07 done", "FAIL is hidden\rPASS terminal-controls.js (0.01s)", "two\nlines\r"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("-json console texts %q, want %q", texts, want)
	}
	if !strings.Contains(reason, "real failure\rPASS terminal-controls.js (0.01s)\x1b[2K") {
		t.Errorf("-json reason %q: not exact", reason)
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites junitSuites
	if err := xml.Unmarshal(b, &suites); err != nil {
		t.Fatalf("-junit: %v\n%s", err, b)
	}
	if c := suites.Suites[0].Cases[0]; c.Failure == nil || !strings.Contains(c.SystemOut, "FAIL is hidden\rPASS") {
		t.Errorf("-junit case: %+v: want the console as the file wrote it", c)
	}
}
