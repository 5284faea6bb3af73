//go:build !js

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"wxsocket/internal/wstest"
)

// TestBrowser runs this package's js/wasm tests in headless Chromium through
// wasmbrowsertest, against a wss server on 127.0.0.1 whose throwaway
// certificate only that Chromium trusts, and that resolves every name to
// 127.0.0.1. WX_RUN narrows the run (-run); WX_VERBOSE prints every test;
// WX_RELIABILITY_MD names the RELIABILITY.md to write from the run.
func TestBrowser(t *testing.T) {
	chromium := wstest.FindChromium()
	if chromium == "" {
		t.Fatal("no Chromium on PATH: `make deps` installs Debian's chromium")
	}
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	rl, err := startRelayRig(cert)
	if err != nil {
		t.Fatal(err)
	}
	defer rl.down()
	srv, err := wstest.Start("127.0.0.1:0", cert, rl.control(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	bin := t.TempDir()
	if err := cert.WriteChromeWrapper(bin, chromium); err != nil {
		t.Fatal(err)
	}
	wbt, err := exec.Command("go", "tool", "-n", "wasmbrowsertest").Output()
	if err != nil {
		t.Fatalf("go tool -n wasmbrowsertest: %v (is it pinned in go.mod with go get -tool?)", err)
	}
	args := []string{"test", "-count=1", "-timeout=40m", "-v", "-exec", strings.TrimSpace(string(wbt))}
	if run := os.Getenv("WX_RUN"); run != "" {
		args = append(args, "-run", run)
	}
	args = append(args, ".")
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(),
		"GOOS=js", "GOARCH=wasm",
		"PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"),
		"WX_ECHO="+srv.WSS, "WX_ORIGIN="+srv.URL, "WX_RELAY="+rl.URL, "WX_RELAY_SECRET="+rl.Secret,
	)
	var out bytes.Buffer
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	done := make(chan struct{})
	go func() {
		defer close(done)
		show(io.TeeReader(pr, &out), testing.Verbose() || os.Getenv("WX_VERBOSE") != "")
	}()
	err = cmd.Run()
	pw.Close()
	<-done
	passed, failed := strings.Count(out.String(), "--- PASS"), strings.Count(out.String(), "--- FAIL")
	t.Logf("browser tests: %d passed, %d failed (subtests included)", passed, failed)
	if path := os.Getenv("WX_RELIABILITY_MD"); path != "" && os.Getenv("WX_RUN") == "" {
		if werr := writeReliability(path, out.String(), chromium, passed, failed); werr != nil {
			t.Error(werr)
		}
	}
	if err != nil {
		t.Fatalf("browser tests failed: %v", err)
	}
}

// show prints the inner run, leaving out per-test chatter unless verbose.
func show(r io.Reader, verbose bool) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.Contains(line, "IPAddressSpace") {
			continue
		}
		if !verbose && (strings.HasPrefix(trimmed, "=== RUN") || strings.HasPrefix(trimmed, "--- PASS") ||
			strings.HasPrefix(trimmed, "=== PAUSE") || strings.HasPrefix(trimmed, "=== CONT")) {
			continue
		}
		fmt.Println(line)
	}
}

var groupNotes = map[string]string{
	"faults":                                 "refused handshakes (403, 500), a handshake never answered (connect timeout), TCP dropped mid-message, closes right after open with 1000/1001/1008/1011/3000/4999, 16 MiB text and binary both ways, delayed echo, a 100,000-message flood; each: onError/onClose exactly once, then a new connectSocket works",
	"bad input":                              "wrong types, missing values, NaN, negative and huge numbers, BigInt, Symbol, Proxy traps and getters that throw, revoked proxies, frozen objects, non-function callbacks, TypedArray/DataView/Blob/number/object data, across every function and setting; nothing thrown, the runtime alive at the end",
	"hostile URLs":                           "against a legal-domain list holding good.example.com: look-alike hosts, userinfo, fragments, queries, backslashes, trailing dots, IDN and punycode, percent-encoding, IPv4 forms, IPv6 literals, ports, whitespace and control characters, ws://, localhost and loopback, LAN addresses; each decision compared with the host the browser's own URL parser gives; no bypass",
	"load and order":                         "100,000 messages each way (text; mixed text and binary through the global API) with none lost, duplicated or reordered; 1,000 rapid connectSocket calls at 1.6.0; six concurrent sockets at 1.7.0",
	"hostile use":                            "failed sends (not open, closed, not connected, unknown data) hand Go no payload; rewrites match the parsed origin (case, percent-encoding, tabs, default port) and leave longer hosts alone; timeouts above 2^31 ms wait; 5,000 listeners cost no crossing; a task is CLOSED in its onError and a reconnect there works; settings cannot be changed in place; refused sockets do not count; maxConnections must be whole",
	"callbacks that throw, recurse or close": "close inside onMessage, listeners that throw hostile values, connectSocket inside success, nested callbacks into the shim, reconnect inside onClose",
}

// writeReliability writes RELIABILITY.md from the RELIABILITY lines of a run.
func writeReliability(path, out, chromium string, passed, failed int) error {
	version, _ := exec.Command(chromium, "--version").Output()
	var b strings.Builder
	b.WriteString("# Reliability\n\n")
	b.WriteString("Generated by `make test` from the browser test run (`wasm/run_test.go` collects the\n")
	b.WriteString("`RELIABILITY|group|cases|passed|failed` lines the groups print); do not edit by hand.\n\n")
	fmt.Fprintf(&b, "Last run: %s, %s, %s %s/%s, headless %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"),
		"real Chromium against a real wss server on 127.0.0.1", runtime.Version(), runtime.GOOS, runtime.GOARCH, strings.TrimSpace(string(version)))
	b.WriteString("| group | cases | passed | failed | what it covers |\n|---|---:|---:|---:|---|\n")
	total := [3]int{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(strings.TrimSpace(line), "|")
		if len(f) != 5 || f[0] != "RELIABILITY" {
			continue
		}
		var n [3]int
		for i := range n {
			fmt.Sscan(f[i+2], &n[i])
			total[i] += n[i]
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s |\n", f[1], n[0], n[1], n[2], groupNotes[f[1]])
	}
	fmt.Fprintf(&b, "| **all groups** | **%d** | **%d** | **%d** | |\n\n", total[0], total[1], total[2])
	fmt.Fprintf(&b, "The whole browser run (spec rows, versions, settings and the groups above): %d tests and subtests passed, %d failed.\n", passed, failed)
	b.WriteString("After every group the live js.Func count is checked against its value before the group.\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
