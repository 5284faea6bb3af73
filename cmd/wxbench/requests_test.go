package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// The request table has a row per ratio the page measured, with the
// per-run spread, the noise floor and the target's verdict, and a BENCH
// line per figure; a ratio whose sides the page did not run is left out.
func TestRequestTable(t *testing.T) {
	res := map[string]reqFigures{
		"req_small": {
			Times: map[string][]float64{
				"fetch": {1, 1, 1}, "fetch_b": {1, 1.02, 0.98}, "wx": {1.01, 1.03, 1.04},
				"relay": {1.5, 1.6, 1.1}, // relay/wx 1.485, 1.553, 1.058
			},
			Crossings: map[string]float64{"wx": 2, "relay": 2.5},
		},
		"req_4m": {Times: map[string][]float64{"fetch": {10, 10}, "fetch_b": {10, 10}, "wx": {11, 12}}, Crossings: map[string]float64{"wx": 2}},
	}
	var lines []line
	table := requestTable(&requestReport{Rows: res}, func(name string, v float64, unit string) { lines = append(lines, line{name, v, unit}) })
	rows := map[string][]string{}
	for _, r := range table[1:] {
		rows[r[0]+" "+r[1]] = r
	}
	if len(table) != 4 || len(rows) != 3 {
		t.Fatalf("want the heading and 3 rows (relaytls and the workloads not run left out), got %q", table)
	}
	small := rows["req_small (us) wx/fetch"]
	if small == nil || small[2] != "1030.000" || small[3] != "1000.000" || small[4] != "1.03 [1.01-1.04]" ||
		small[5] != "1.00 [0.98-1.02]" || small[7] != "<= 1.05" || small[8] != "met (every run)" || small[9] != "2.00" {
		t.Errorf("req_small wx/fetch: %q", small)
	}
	if r := rows["req_small (us) relay/wx"]; r == nil || r[4] != "1.49 [1.06-1.55]" || r[7] != "<= 1.15" || r[8] != "missed (median; some runs under)" || r[9] != "2.50" {
		t.Errorf("req_small relay/wx: %q", r)
	}
	if r := rows["req_4m (ms) wx/fetch"]; r == nil || r[4] != "1.15 [1.10-1.20]" || r[6] != "a 15% slower" || r[8] != "missed (every run)" {
		t.Errorf("req_4m wx/fetch: %q", r)
	}
	got := map[string]line{}
	for _, l := range lines {
		if _, dup := got[l.name]; dup {
			t.Errorf("BENCH %s twice", l.name)
		}
		got[l.name] = l
	}
	for name, want := range map[string]float64{
		"req_small_fetch": 1000, "req_small_wx": 1030, "req_4m_wx": 11.5,
		"req_small_ratio_wx_fetch": 1.03, "req_small_ratio_wx_fetch_min": 1.01, "req_small_ratio_wx_fetch_max": 1.04,
		"req_small_ratio_relay_wx": 1.485, "req_small_ratio_noise_max": 1.02,
		"req_small_crossings_wx": 2, "req_4m_crossings_wx": 2,
	} {
		if l, ok := got[name]; !ok || l.v != want {
			t.Errorf("BENCH %s: %v, want %v", name, l.v, want)
		}
	}
	if got["req_small_wx"].unit != "us" || got["req_4m_wx"].unit != "ms" || got["req_small_crossings_wx"].unit != "per_request" {
		t.Errorf("units: %+v", got)
	}
}

// The crossings line reads a request's against a socket's life on the
// same page, and a 4 MiB request's against a small one's.
func TestCrossingsVerdict(t *testing.T) {
	four := 4.0
	rows := func(small, big float64) map[string]reqFigures {
		return map[string]reqFigures{
			"req_small": {Crossings: map[string]float64{"wx": small, "relay": small}},
			"req_4m":    {Crossings: map[string]float64{"wx": big}},
		}
	}
	for _, c := range []struct {
		rep  *requestReport
		want string
	}{
		{&requestReport{Rows: rows(2, 2), ConnectCrossings: &four}, "2.00 for a small one, 2.00 at most in any row; 4 MiB 2.00: nothing per byte; a socket's connect, open and close take 4 on the same page: target (the same order, nothing per byte) met"},
		{&requestReport{Rows: rows(2, 40), ConnectCrossings: &four}, "4 MiB 40.00: MORE than a small one; a socket's connect, open and close take 4 on the same page: target (the same order, nothing per byte) missed"},
		{&requestReport{Rows: rows(9, 9), ConnectCrossings: &four}, "target (the same order, nothing per byte) missed"},
		{&requestReport{Rows: rows(2, 2)}, ""},
		{nil, ""},
	} {
		var lines []line
		got := crossingsVerdict(c.rep, func(n string, v float64, u string) { lines = append(lines, line{n, v, u}) })
		if !strings.Contains(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("%+v: %q, want %q", c.rep, got, c.want)
		}
		if c.want != "" && (len(lines) != 1 || lines[0] != (line{"socket_life_crossings", 4, "per_socket"})) {
			t.Errorf("BENCH lines %+v", lines)
		}
	}
}

func TestTargetVerdict(t *testing.T) {
	for _, c := range []struct {
		r      spread
		target float64
		want   string
	}{
		{spread{Median: 1.01, Min: 0.98, Max: 1.04, N: 5}, 1.05, "met (every run)"},
		{spread{Median: 1.03, Min: 0.98, Max: 1.09, N: 5}, 1.05, "met (median; some runs over)"},
		{spread{Median: 1.2, Min: 1.1, Max: 1.3, N: 5}, 1.15, "missed (median; some runs under)"},
		{spread{Median: 1.2, Min: 1.16, Max: 1.3, N: 5}, 1.15, "missed (every run)"},
		{spread{Median: 1.2, Min: 1.16, Max: 1.3, N: 5}, 0, "-"},
		{spread{}, 1.05, "-"},
	} {
		if got := targetVerdict(c.r, c.target); got != c.want {
			t.Errorf("%+v against %v: %q, want %q", c.r, c.target, got, c.want)
		}
	}
}

// The page runs what the table reads: each workload the table knows is one
// of page/requests.js's, and each ratio's two sides are among its variants.
func TestRequestPageHasTheTablesWorkloads(t *testing.T) {
	b, err := page.ReadFile("page/requests.js")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^  (req_\w+): \{ variants: (\[[^\]]*\])`)
	variants := map[string][]string{}
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		var vs []string
		if err := json.Unmarshal([]byte(m[2]), &vs); err != nil {
			t.Fatalf("%s: %v", m[0], err)
		}
		variants[m[1]] = vs
	}
	if len(variants) != len(reqWorkloads) {
		t.Errorf("the page has %v, the table %v", variants, reqWorkloads)
	}
	for _, r := range reqRatios {
		vs := strings.Join(variants[r.workload], ",") + ","
		for _, v := range []string{r.num, r.den, "fetch", "fetch_b"} {
			if !strings.Contains(vs, v+",") {
				t.Errorf("%s: the page runs %v, not %s", r.workload, variants[r.workload], v)
			}
		}
	}
	bench, _ := page.ReadFile("page/bench.html")
	if !strings.Contains(string(bench), `<script src="/requests.js">`) || !strings.Contains(string(bench), `kind: "requests"`) {
		t.Error("bench.html does not run the request workloads")
	}
}

// The relay's load of requests at once, small: none lost, and a figure per
// request for each side.
func TestRequestLoad(t *testing.T) {
	rep, err := measureRequestLoad(context.Background(), 20)
	if err != nil {
		t.Fatal(err)
	}
	if rep.lost != 0 || rep.lostDirect != 0 || rep.firstErr != nil {
		t.Fatalf("lost %d, %d direct: %v", rep.lost, rep.lostDirect, rep.firstErr)
	}
	if rep.direct <= 0 || rep.relayed <= 0 || rep.relayGor <= 0 {
		t.Errorf("%+v", rep)
	}
	var sb strings.Builder
	rep.print(&sb)
	for _, want := range []string{"lost 0 through the relay", "BENCH relay_requests_lost 0 count", "BENCH relay_request_bytes_in_flight "} {
		if !strings.Contains(sb.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, sb.String())
		}
	}
	if _, err := measureRequestLoad(context.Background(), 2000); err == nil || !strings.Contains(err.Error(), "MaxRequests") {
		t.Errorf("2,000 at once: %v", err)
	}
}
