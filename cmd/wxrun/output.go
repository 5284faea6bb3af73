package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"wxsocket/internal/termtext"
	"wxsocket/wxrun"
)

// report writes the outcome of each file as it finishes: text (console
// lines, then PASS or FAIL with the time) or JSON lines (-json), and keeps
// a progress line on stderr when stderr is a terminal.
type report struct {
	mu       sync.Mutex
	out      io.Writer
	err      io.Writer
	json     bool
	progress bool
	total    int
	running  int
	passed   int
	failed   int
	results  []*wxrun.Result
	start    time.Time
	shard    wxrun.Shard // the run's share of the files (-shard)
	all      int         // the files given, of which total are this shard's
}

func newReport(out, errw io.Writer, jsonOut bool, total int) *report {
	return &report{out: out, err: errw, json: jsonOut, progress: isTerminal(errw), total: total, start: time.Now()}
}

// isTerminal: a progress line is for a person watching, not for a log.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (r *report) started() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.running++
	r.drawProgress()
}

func (r *report) finished(res *wxrun.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.running--
	r.results = append(r.results, res)
	if res.Pass {
		r.passed++
	} else {
		r.failed++
	}
	r.clearProgress()
	if r.json {
		r.writeJSON(res)
	} else {
		r.writeText(res)
	}
	r.drawProgress()
}

func (r *report) writeText(res *wxrun.Result) {
	var b strings.Builder
	for _, m := range res.Console {
		b.WriteString("    " + shown(m.String(), "\n          ") + "\n")
	}
	secs := fmt.Sprintf("%.2fs", res.Elapsed.Seconds())
	if res.Pass {
		fmt.Fprintf(&b, "PASS %s (%s)\n", shown(res.Name, " "), secs)
	} else {
		fmt.Fprintf(&b, "FAIL %s (%s): %s\n", shown(res.Name, " "), secs, shown(res.Reason, "\n    "))
	}
	io.WriteString(r.out, b.String())
}

// shown is a file's text as the text report prints it: each line escaped
// (a "\r" would let a file print a PASS line over its own, "\x1b" act on
// the terminal), the lines after the first indented. -json and -junit
// keep the text exact.
func shown(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = termtext.Escape(l)
	}
	return strings.Join(lines, indent)
}

// event is one line of -json: console lines, then the file's outcome, then
// a summary at the end.
type event struct {
	Action  string   `json:"action"` // console, pass, fail, summary
	File    string   `json:"file,omitempty"`
	Level   string   `json:"level,omitempty"`
	Text    string   `json:"text,omitempty"`
	Where   string   `json:"where,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	Elapsed *float64 `json:"elapsed,omitempty"` // seconds
	Passed  *int     `json:"passed,omitempty"`
	Failed  *int     `json:"failed,omitempty"`
	Shard   string   `json:"shard,omitempty"` // -shard's i/n, in the summary
}

func (r *report) writeJSON(res *wxrun.Result) {
	enc := json.NewEncoder(r.out)
	for _, m := range res.Console {
		enc.Encode(event{Action: "console", File: res.Name, Level: m.Level, Text: m.Text, Where: m.Where})
	}
	secs := res.Elapsed.Seconds()
	ev := event{Action: "pass", File: res.Name, Elapsed: &secs}
	if !res.Pass {
		ev.Action, ev.Reason = "fail", res.Reason
	}
	enc.Encode(ev)
}

func (r *report) summary() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clearProgress()
	secs := time.Since(r.start).Seconds()
	if r.json {
		ev := event{Action: "summary", Passed: &r.passed, Failed: &r.failed, Elapsed: &secs}
		if !r.shard.Whole() {
			ev.Shard = r.shard.String()
		}
		json.NewEncoder(r.out).Encode(ev)
		return
	}
	word := "files"
	if r.total == 1 {
		word = "file"
	}
	of := ""
	if !r.shard.Whole() {
		of = fmt.Sprintf(" (shard %s, of %d)", r.shard, r.all)
	}
	fmt.Fprintf(r.out, "\n%d %s%s: %d passed, %d failed (%.2fs)\n", r.total, word, of, r.passed, r.failed, secs)
}

func (r *report) drawProgress() {
	if !r.progress {
		return
	}
	done := r.passed + r.failed
	fmt.Fprintf(r.err, "\r\x1b[K[%d/%d] %d passed, %d failed, %d running", done, r.total, r.passed, r.failed, r.running)
}

func (r *report) clearProgress() {
	if r.progress {
		io.WriteString(r.err, "\r\x1b[K")
	}
}

// JUnit XML, as CI systems read it: one testsuite, a testcase per file.
// A shard's testsuite is named for it ("wxrun shard 2/3"), so that the
// reports of a CI matrix merge into distinct suites.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Time     float64      `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Time      float64     `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      float64       `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

func (r *report) writeJUnit(file string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	secs := time.Since(r.start).Seconds()
	name := "wxrun"
	if !r.shard.Whole() {
		name += " shard " + r.shard.String()
	}
	suite := junitSuite{Name: name, Tests: len(r.results), Failures: r.failed, Time: secs,
		Timestamp: r.start.UTC().Format("2006-01-02T15:04:05")}
	for _, res := range r.results {
		c := junitCase{Name: res.Name, Classname: "wxrun", Time: res.Elapsed.Seconds(), SystemOut: res.Output()}
		if !res.Pass {
			c.Failure = &junitFailure{Message: res.Reason, Body: res.Reason + "\n\n" + res.Output()}
		}
		suite.Cases = append(suite.Cases, c)
	}
	b, err := xml.MarshalIndent(junitSuites{Tests: suite.Tests, Failures: suite.Failures, Time: secs, Suites: []junitSuite{suite}}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append([]byte(xml.Header), append(b, '\n')...), 0o644)
}
