package main

import (
	"bytes"
	"strings"
	"testing"
)

// The file table is the request table's form on the file rows: a row per
// ratio measured, the relay's against the shim's, the diagnostic rows
// with no target.
func TestFileTable(t *testing.T) {
	res := map[string]reqFigures{
		"file_down_64m": {Times: map[string][]float64{"fetch": {100, 100}, "fetch_b": {100, 100}, "wx": {130, 140}, "parts": {135, 135}}},
		"file_up_1m":    {Times: map[string][]float64{"fetch": {5, 5}, "fetch_b": {5, 5}, "wx": {5, 5.1}, "relay": {5.5, 6}}},
	}
	var lines []line
	table := fileTable(&requestReport{Rows: res}, func(name string, v float64, unit string) { lines = append(lines, line{name, v, unit}) })
	rows := map[string][]string{}
	for _, r := range table[1:] {
		rows[r[0]+" "+r[1]] = r
	}
	if table[0][0] != "file workload" || len(rows) != 4 {
		t.Fatalf("want 4 rows (64m wx/fetch and parts/fetch, 1m up wx/fetch and relay/wx), got %q", table)
	}
	if r := rows["file_down_64m (ms) wx/fetch"]; r == nil || r[4] != "1.35 [1.30-1.40]" || r[7] != "<= 1.05" || r[8] != "missed (every run)" {
		t.Errorf("64m wx/fetch: %q", r)
	}
	if r := rows["file_down_64m (ms) parts/fetch"]; r == nil || r[7] != "-" || r[8] != "-" {
		t.Errorf("parts/fetch has no target: %q", r)
	}
	if r := rows["file_up_1m (ms) relay/wx"]; r == nil || r[4] != "1.14 [1.10-1.18]" || r[7] != "<= 1.15" || r[8] != "met (median; some runs over)" {
		t.Errorf("up relay/wx: %q", r)
	}
	found := false
	for _, l := range lines {
		found = found || (l.name == "file_down_64m_parts" && l.v == 135)
	}
	if !found {
		t.Errorf("no BENCH file_down_64m_parts 135: %v", lines)
	}
}

// The memory table reads the probe's samples against the baseline: the
// peak, held and after growth, by kind in memKinds' order, the Blob's
// files on disk, and what is over the Blob against the 32 MiB buffer.
func TestMemoryTable(t *testing.T) {
	const size = 200 << 20
	base := map[string]int64{"total": 1000 << 20, "renderer": 300 << 20, "browser": 600 << 20, "network": 100 << 20, "disk": 0}
	at := func(total, renderer, browser, disk int64) map[string]int64 {
		return map[string]int64{"total": (1000 + total) << 20, "renderer": (300 + renderer) << 20, "browser": (600 + browser) << 20, "network": 100 << 20, "disk": disk << 20}
	}
	runs := map[string]*memFigures{
		"mem_fetch": {Base: base, Peak: at(4, 1, 3, 195), Held: at(2, 0, 2, 195), After: at(0, 0, 0, 0)},
		"mem_wx":    {Base: base, Peak: at(420, 410, 200, 0), Held: at(400, 400, 0, 0), After: at(1, 1, 0, 0)},
		"mem_parts": {Base: base, Peak: at(10, 10, 0, 0)}, // no held or after: left out
	}
	var lines []line
	table := memoryTable(size, map[string]struct{ Ms float64 }{"fetch": {500}, "wx": {700}}, runs, func(name string, v float64, unit string) { lines = append(lines, line{name, v, unit}) })
	if len(table) != 3 || table[0][0] != "200 MiB download" {
		t.Fatalf("want the heading, fetch and wx, got %q", table)
	}
	want := [][]string{
		{"fetch", "500.000", "+4.0 MiB", "+2.0 MiB", "+0.0 MiB", "renderer +1.0, browser +3.0, network +0.0 MiB", "+195.0 MiB", "-1.0 MiB", "<= 32 MiB", "met"},
		{"wx", "700.000", "+420.0 MiB", "+400.0 MiB", "+1.0 MiB", "renderer +410.0, browser +200.0, network +0.0 MiB", "+0.0 MiB", "+220.0 MiB", "<= 32 MiB", "missed"},
	}
	for i, w := range want {
		if got := table[i+1]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got, w)
		}
	}
	got := map[string]float64{}
	for _, l := range lines {
		got[l.name] = l.v
	}
	if got["file_memory_wx_over_blob"] != 220<<20 || got["file_memory_fetch_held_disk"] != 195<<20 || got["file_memory_wx_peak_renderer"] != 410<<20 {
		t.Errorf("BENCH lines: %v", got)
	}
}

// A Chromium process is known by its --type, whether its cmdline's
// arguments are apart by NULs or (a rewritten process title) by spaces.
func TestKindOfCmdline(t *testing.T) {
	for cmd, want := range map[string]string{
		"/usr/lib/chromium/chromium\x00--headless\x00--user-data-dir=/tmp/p\x00":                                              "browser",
		"/usr/lib/chromium/chromium --type=renderer --lang=en\x00\x00":                                                        "renderer",
		"/usr/lib/chromium/chromium --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en":                 "network",
		"/usr/lib/chromium/chromium --type=utility --utility-sub-type=storage.mojom.StorageService":                           "storage",
		"/usr/lib/chromium/chromium --type=utility --utility-sub-type=audio.mojom.AudioService":                               "utility",
		"/usr/lib/chromium/chromium --type=gpu-process --no-sandbox":                                                          "gpu",
		"/usr/lib/chromium/chromium --type=zygote":                                                                            "zygote",
		"/usr/lib/chromium/chrome_crashpad_handler\x00--monitor-self\x00--monitor-self-annotation=ptype=crashpad-handler\x00": "browser",
	} {
		if got := kindOfCmdline(cmd); got != want {
			t.Errorf("%q: %q, want %q", cmd, got, want)
		}
	}
	if d := userDataDir("/usr/lib/chromium/chromium\x00--user-data-dir=/tmp/wx-chromium-1\x00--headless\x00"); d != "/tmp/wx-chromium-1" {
		t.Errorf("userDataDir: %q", d)
	}
}

// The relay's transfers print each kind's relayed figures against its
// direct ones, the relay's share, and a BENCH line each.
func TestPrintTransfers(t *testing.T) {
	var b bytes.Buffer
	printTransfers(&b, 200<<20, []transferMem{
		{kind: "download", path: "direct", bytes: 200 << 20, heapPeak: 300 << 10, rssHWM: 4 << 10, ms: 137},
		{kind: "download", path: "relay", bytes: 200 << 20, heapPeak: 600 << 10, rssHWM: 500 << 10, ms: 322},
	})
	out := b.String()
	for _, want := range []string{
		"download of 200 MiB: through the relay, live heap and stacks at most 600 KiB over before, resident set at most 500 KiB, 322 ms; direct 300 KiB, 4 KiB, 137 ms: the relay's share 300 KiB (heap), 496 KiB (resident)",
		"BENCH relay_transfer_bytes 209715200 bytes",
		"BENCH relay_download_relay_heap_peak 614400 bytes",
		"BENCH relay_download_direct_ms 137",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "upload of") {
		t.Errorf("an upload line with no upload measured:\n%s", out)
	}
}

// The relay's head line is one JSON line with the rig's secret, the URL
// and the fields given.
func TestRelayRigHead(t *testing.T) {
	r := &relayRig{secret: "s3cret"}
	got := string(r.head("https://127.0.0.1:1/http/upload", map[string]any{"method": "POST"}))
	if want := `{"method":"POST","secret":"s3cret","url":"https://127.0.0.1:1/http/upload","v":1}` + "\n"; got != want {
		t.Errorf("head %q, want %q", got, want)
	}
}

// TestBenchLinesOfSkippedRuns: a run with the leak and failed-send
// figures skipped (-cycles 0 -failed-sends 0, zero baselines) prints no
// ratio out of a division by zero (it printed -9223372036854776 x).
func TestBenchLinesOfSkippedRuns(t *testing.T) {
	c := &chromiumReport{}
	_, _, _, _, _, lines := c.bench()
	for _, l := range lines {
		if (l.v < 0 && l.name != "wasm_growth_over_last_recorded") || l.v != l.v || l.v > 1e12 {
			t.Errorf("%s = %v", l.name, l.v)
		}
	}
}
