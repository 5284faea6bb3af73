//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var groupNotes = map[string]string{
	"faults":                                 "refused handshakes (403, 500), a handshake never answered (connect timeout), TCP dropped mid-message, closes right after open with 1000/1001/1008/1011/3000/4999, 16 MiB text and binary both ways, delayed echo, a 100,000-message flood; each: onError/onClose exactly once, then a new connectSocket works",
	"bad input":                              "wrong types, missing values, NaN, negative and huge numbers, BigInt, Symbol, Proxy traps and getters that throw, revoked proxies, frozen objects, non-function callbacks, TypedArray/DataView/Blob/number/object data, across every function and setting; nothing thrown, the runtime alive at the end",
	"hostile URLs":                           "against a legal-domain list holding good.example.com: look-alike hosts, userinfo, fragments, queries, backslashes, trailing dots, IDN and punycode, percent-encoding, IPv4 forms, IPv6 literals, ports, whitespace and control characters, ws://, localhost and loopback, LAN addresses; each decision compared with the host the browser's own URL parser gives; no bypass",
	"load and order":                         "100,000 messages each way (text; mixed text and binary through the global API) with none lost, duplicated or reordered; 1,000 rapid connectSocket calls at 1.6.0; six concurrent sockets at 1.7.0",
	"hostile use":                            "failed sends (not open, closed, not connected, unknown data) hand Go no payload; rewrites match the parsed origin (case, percent-encoding, tabs, default port) and leave longer hosts alone; timeouts above 2^31 ms wait; 5,000 listeners cost no crossing; a task is CLOSED in its onError and a reconnect there works; settings cannot be changed in place; refused sockets do not count; maxConnections must be whole; warnings stop at 1,000 distinct ones",
	"callbacks that throw, recurse or close": "close inside onMessage, listeners that throw hostile values, connectSocket inside success, nested callbacks into the shim, reconnect inside onClose",
	"hostile requests":                       "wx.request: wrong types at every option, Proxies and throwing getters as options, data, header and callbacks; header names and values with CR, LF or NUL refused, never sent; 10,000 requests queued then aborted, 10,000 sent through the queue; abort storms at every stage; URL variants (case, percent-encoding, fullwidth, ports, trailing dots, userinfo, fragments, backslashes, IPv4 forms, IPv6 and IPv4-in-IPv6 loopback) against requestDomains; bodies of 64 MiB and 128 MiB against a 1 MiB maxResponseBytes; fail and success recursion; 5,000 listeners cost no crossing",
	"hostile use, second run": "issue 19; each fix has rows that failed before it (before → after). A reconnect loop in fail (invalid url, max count; connect in success at 1.6.0) asked 5,000 and 10,000 deep: " +
		"the wasm stack overflowed at depth 364-381 and Go exited, in all three engines → callbacks run after Go returns, JavaScript frames only: 2,700-3,800 deep in Chromium, 3,900-4,600 in Firefox, all 10,000 in WebKit, " +
		"then the engine's own stack-overflow error, reported, and Go alive; a page's own recursion calling connectSocket: Go exited (Chromium, WebKit) → the page catches its RangeError. " +
		"networkTimeout with a cycle, throwing getters, nesting over four levels: stored as given, settings() unprintable, no warning → copied once into plain values, one warning (50 throwing keys: 1); " +
		"a throwing getter in configure(): silent → warned. A relay URL off this machine (a name, 10/8, 0.0.0.0, [::], look-alikes of localhost and 127.0.0.1, ::ffff:127.0.0.1): taken, the secret sent, " +
		"after one warning that the 1,000-warning cap could hide → refused before anything is sent, its warning never capped. A header of 10,000 keys: 1,000 warnings, then none of any kind → 1. " +
		"Through the relay, %2e, a tab, ideographic full stops, upper case, a backslash before @: the raw string, refused or looked up past -map → the URL as the browser parsed it",
}

// reportPaths are where the run's RELIABILITY.md goes: WX_OUTPUT (make
// test: test-output/, ignored by git) and WX_RELIABILITY_MD (make
// reliability: the committed one).
func reportPaths() []string {
	var paths []string
	if dir := os.Getenv("WX_OUTPUT"); dir != "" {
		paths = append(paths, filepath.Join(dir, "RELIABILITY.md"))
	}
	if p := os.Getenv("WX_RELIABILITY_MD"); p != "" {
		paths = append(paths, p)
	}
	return paths
}

// groupCounts are the RELIABILITY|group|cases|passed|failed lines of a run.
type groupCounts struct {
	cases, passed, failed int
}

func groups(out string) (names []string, counts map[string]groupCounts) {
	counts = map[string]groupCounts{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(strings.TrimSpace(line), "|")
		if len(f) != 5 || f[0] != "RELIABILITY" {
			continue
		}
		var c groupCounts
		fmt.Sscan(f[2], &c.cases)
		fmt.Sscan(f[3], &c.passed)
		fmt.Sscan(f[4], &c.failed)
		if _, seen := counts[f[1]]; !seen {
			names = append(names, f[1])
		}
		counts[f[1]] = c
	}
	return names, counts
}

// keptReport is the RELIABILITY.md whose hand-written sections a run
// keeps: the one make reliability rewrites, else the committed one beside
// this package (go test runs in wasm/).
func keptReport() string {
	p := os.Getenv("WX_RELIABILITY_MD")
	if p == "" {
		p = filepath.Join("..", "RELIABILITY.md")
	}
	b, _ := os.ReadFile(p) // none yet: nothing to keep
	return handWritten(string(b))
}

// handWritten is what a RELIABILITY.md holds after its generated part:
// each section under a "## " heading of its own (any but the generated
// "## Failed in ..."), to the end, such as the figures of native tests the
// browser suite does not run (the relay's, wxrun's). The generator writes
// its part and then these as they were, so make reliability keeps them;
// a group the browser suite runs needs no section: it prints its
// RELIABILITY lines and gets a row, with its note from groupNotes.
func handWritten(report string) string {
	for i := 0; i < len(report); {
		end := strings.IndexByte(report[i:], '\n')
		if end < 0 {
			end = len(report) - i
		}
		if line := report[i : i+end]; strings.HasPrefix(line, "## ") && !strings.HasPrefix(line, "## Failed in ") {
			return report[i:]
		}
		i += end + 1
	}
	return ""
}

// writeReliability writes RELIABILITY.md from the runs: one column per engine.
// relayed, when not nil, is the run of the spec rows through the relay;
// kept, the hand-written sections that follow (handWritten).
func writeReliability(path string, runs []*engineRun, relayed *engineRun, kept string) error {
	var b strings.Builder
	b.WriteString("# Reliability\n\n")
	b.WriteString("Generated by `make reliability` (and into `test-output/` by `make test`) from the browser test run:\n")
	b.WriteString("`wasm/run_test.go` runs the suite in each engine and collects the `RELIABILITY|group|cases|passed|failed`\n")
	b.WriteString("lines the groups print; do not edit by hand.\n\n")
	fmt.Fprintf(&b, "Last run: %s, %s %s/%s, real browsers against a real wss server on 127.0.0.1.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.Version(), runtime.GOOS, runtime.GOARCH)

	b.WriteString("| engine | version | tests and subtests passed | failed | time |\n|---|---|---:|---:|---:|\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %s |\n", r.engine, r.version, r.passed, r.failed, r.took.Round(time.Second))
	}
	if relayed != nil {
		fmt.Fprintf(&b, "| %s, the spec rows again with every socket through the relay | %s | %d | %d | %s |\n",
			relayed.engine, relayed.version, relayed.passed, relayed.failed, relayed.took.Round(time.Second))
	}

	var names []string
	counts := make([]map[string]groupCounts, len(runs))
	for i, r := range runs {
		n, c := groups(r.out.String())
		counts[i] = c
		for _, name := range n {
			if !contains(names, name) {
				names = append(names, name)
			}
		}
	}
	b.WriteString("\nCases passed per group (after every group, the JS values Go holds in wasm_exec.js's table are checked\n" +
		"against their count before it, within 100: every js.Func is made once at start, so that table is what can leak):\n\n| group | cases |")
	for _, r := range runs {
		fmt.Fprintf(&b, " %s |", r.engine)
	}
	b.WriteString(" what it covers |\n|---|---:|" + strings.Repeat("---:|", len(runs)) + "---|\n")
	for _, name := range names {
		cases := 0
		cells := ""
		for i := range runs {
			c, ok := counts[i][name]
			switch {
			case !ok:
				cells += " did not run |"
			case c.failed > 0:
				cells += fmt.Sprintf(" %d (%d failed) |", c.passed, c.failed)
			default:
				cells += fmt.Sprintf(" %d |", c.passed)
			}
			cases = max(cases, c.cases)
		}
		fmt.Fprintf(&b, "| %s | %d |%s %s |\n", name, cases, cells, groupNotes[name])
	}

	for _, r := range runs {
		if len(r.failures) == 0 && r.err == nil {
			continue
		}
		fmt.Fprintf(&b, "\n## Failed in %s\n\n", r.engine)
		if r.err != nil {
			fmt.Fprintf(&b, "The run did not finish: %s\n\n", firstLine(r.err.Error()))
		}
		for _, f := range r.failures {
			fmt.Fprintf(&b, "- `%s`\n", f)
		}
	}
	if kept != "" {
		b.WriteString("\n" + kept)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestReportKeepsHandWrittenSections: a run's RELIABILITY.md has a row for
// every group the suite printed, and then the sections written by hand
// after the generated part, once, whatever the last run had failed; a
// second run keeps them unchanged.
func TestReportKeepsHandWrittenSections(t *testing.T) {
	const section = "## Hostile use, second run\n\nNative tests, by hand.\n\n### The relay\n\n| item | before | after |\n|---|---|---|\n| 8 | a | b |\n"
	last := "# Reliability\n\n| group |\n|---|\n| faults |\n\n## Failed in webkit\n\n- `TestX`\n\n" + section
	kept := handWritten(last)
	if kept != section {
		t.Fatalf("handWritten kept %q, want the section %q", kept, section)
	}
	r := &engineRun{engine: "chromium", version: "test", passed: 2}
	r.out.WriteString("RELIABILITY|hostile use, second run|33|33|0\nRELIABILITY|faults|5|5|0\n")
	path := filepath.Join(t.TempDir(), "RELIABILITY.md")
	for run := 0; run < 2; run++ {
		if err := writeReliability(path, []*engineRun{r}, nil, kept); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got := string(b)
		if !strings.Contains(got, "| hostile use, second run | 33 | 33 | "+groupNotes["hostile use, second run"]+" |\n") {
			t.Errorf("run %d: no row for the group hostile use, second run:\n%s", run, got)
		}
		if strings.Count(got, section) != 1 || !strings.HasSuffix(got, section) || strings.Contains(got, "Failed in") {
			t.Errorf("run %d: the hand-written section is not kept once, at the end:\n%s", run, got)
		}
		kept = handWritten(got)
	}
	if handWritten("# Reliability\n\n## Failed in chromium\n\n- `TestX`\n") != "" {
		t.Error("a generated failure section was taken for a hand-written one")
	}
}
