package main

import (
	"fmt"
	"strings"
)

// The wx.request rows (page/requests.js): the shim's wx.request against
// the browser's fetch, in the same page, interleaved, and read as the
// socket rows are: each ratio taken run by run and shown as its median and
// range, beside fetch/fetch_b (fetch twice in each repetition: one data
// path), the noise floor. Issue 17 gives the targets; they are printed as
// verdicts, never asserted.

// reqFigures are one request workload's times per variant, one per
// repetition (ms per request, or per batch of 100 for req_concurrent), and
// the JS->Go crossings per request of the shim's variants.
type reqFigures struct {
	Times     map[string][]float64 `json:"times"`
	Crossings map[string]float64   `json:"crossings"`
}

// requestReport is what the page's request rows measured: the rows, and
// the crossings of a socket's connect, open and close on the same page
// (absent from a build that does not count them).
type requestReport struct {
	Rows             map[string]reqFigures `json:"rows"`
	ConnectCrossings *float64              `json:"connectCrossings"`
}

// reqRatio is one comparison the table shows: num over den in the runs of
// workload, with its target (0: none given).
type reqRatio struct {
	workload, num, den string
	target             float64
}

// reqWorkloads are the workloads in the order printed, with the unit of
// their figures.
var reqWorkloads = []workload{
	{"req_small", "us"},      // per request: 1,000 small JSON requests, one after the other
	{"req_64k", "us"},        // per request: 200 64 KiB ArrayBuffers, one after the other
	{"req_4m", "ms"},         // per request: 20 4 MiB ArrayBuffers, one after the other
	{"req_concurrent", "ms"}, // per batch of 100 small requests started at once; 10 batches
}

var reqRatios = []reqRatio{
	{"req_small", "wx", "fetch", 1.05},
	{"req_64k", "wx", "fetch", 1.05},
	{"req_4m", "wx", "fetch", 1.05},
	{"req_concurrent", "wx", "fetch", 0},
	{"req_concurrent", "wx", "fetch10", 0},
	{"req_small", "relay", "wx", 1.15},
	{"req_small", "relaytls", "wx", 1.15},
}

// requestTable turns the page's request figures into the table's rows and
// the BENCH lines: each variant's median; each ratio with its range, the
// noise floor of its workload, the verdict against the noise, the target
// and the verdict against it; and the crossings per request.
func requestTable(rep *requestReport, add func(string, float64, string)) [][]string {
	return ratioTable("request workload", rep, reqWorkloads, reqRatios, add)
}

// workload is a row's workload and the unit of its figures.
type workload struct{ name, unit string }

// ratioTable is requestTable for any rows of that form (the file transfer
// rows too: files.go), their workloads and ratios given, the first
// column's heading first.
func ratioTable(heading string, rep *requestReport, workloads []workload, ratioList []reqRatio, add func(string, float64, string)) [][]string {
	var res map[string]reqFigures
	if rep != nil {
		res = rep.Rows
	}
	table := [][]string{{heading, "a/b", "a", "b", "a/b per run", "noise fetch/fetch_b", "against the noise", "target", "verdict", "crossings/request (a)"}}
	units := map[string]string{}
	for _, w := range workloads {
		units[w.name] = w.unit
		f, ok := res[w.name]
		if !ok {
			continue
		}
		for _, v := range []string{"fetch", "fetch_b", "fetch10", "wx", "parts", "tee", "xhr", "relay", "relaytls"} {
			if xs := f.Times[v]; len(xs) > 0 {
				add(w.name+"_"+v, round(median(xs)*unitScale(w.unit)), w.unit)
			}
		}
		for _, v := range []string{"wx", "relay", "relaytls"} {
			if c, ok := f.Crossings[v]; ok {
				add(w.name+"_crossings_"+v, round(c), "per_request")
			}
		}
		if len(f.Times["fetch"]) > 0 && len(f.Times["fetch_b"]) > 0 {
			noise := spreadOf(ratios(f.Times["fetch"], f.Times["fetch_b"]))
			add(w.name+"_ratio_noise", round(noise.Median), "x")
			add(w.name+"_ratio_noise_min", round(noise.Min), "x")
			add(w.name+"_ratio_noise_max", round(noise.Max), "x")
		}
	}
	for _, r := range ratioList {
		f, ok := res[r.workload]
		if !ok || len(f.Times[r.num]) == 0 || len(f.Times[r.den]) == 0 {
			continue
		}
		s := spreadOf(ratios(f.Times[r.num], f.Times[r.den]))
		noise := spreadOf(ratios(f.Times["fetch"], f.Times["fetch_b"]))
		name := r.workload + "_ratio_" + r.num + "_" + r.den
		add(name, round(s.Median), "x")
		add(name+"_min", round(s.Min), "x")
		add(name+"_max", round(s.Max), "x")
		target := "-"
		if r.target > 0 {
			target = fmt.Sprintf("<= %.2f", r.target)
		}
		cross := "-"
		if c, ok := f.Crossings[r.num]; ok {
			cross = fmt.Sprintf("%.2f", c)
		}
		sc := unitScale(units[r.workload])
		table = append(table, []string{
			r.workload + " (" + units[r.workload] + ")", r.num + "/" + r.den,
			ff(median(f.Times[r.num]) * sc), ff(median(f.Times[r.den]) * sc),
			s.String(), noise.String(), againstNoise(s, noise), target, targetVerdict(s, r.target), cross,
		})
	}
	return table
}

// crossingsVerdict reads the crossings per request against issue 17's
// target: the order of a socket's (connect, open and close: met at no more
// than twice its count), and nothing per byte (4 MiB costs what a small
// request costs, within half a crossing). It adds the BENCH line of the
// socket's figure.
func crossingsVerdict(rep *requestReport, add func(string, float64, string)) string {
	if rep == nil || rep.ConnectCrossings == nil {
		return ""
	}
	conn := *rep.ConnectCrossings
	add("socket_life_crossings", round(conn), "per_socket")
	small, okS := rep.Rows["req_small"].Crossings["wx"]
	big, okB := rep.Rows["req_4m"].Crossings["wx"]
	if !okS {
		return fmt.Sprintf("JS->Go crossings: a socket's connect, open and close take %.0f\n", conn)
	}
	most := small
	for _, f := range rep.Rows {
		for _, c := range f.Crossings {
			most = max(most, c)
		}
	}
	v := "met"
	if most > 2*conn {
		v = "missed"
	}
	perByte := ""
	if okB {
		perByte = fmt.Sprintf("; 4 MiB %.2f: ", big)
		if big-small < 0.5 {
			perByte += "nothing per byte"
		} else {
			perByte += "MORE than a small one"
			v = "missed"
		}
	}
	return fmt.Sprintf("JS->Go crossings per request: %.2f for a small one, %.2f at most in any row%s; a socket's connect, open and close take %.0f on the same page: target (the same order, nothing per byte) %s\n",
		small, most, perByte, conn, v)
}

func unitScale(unit string) float64 {
	if unit == "us" {
		return 1000
	}
	return 1
}

// againstNoise is verdict's reading, in the words of a comparison of any
// two sides, a and b: "a 5% slower", not "shim 5% slower".
func againstNoise(r, noise spread) string {
	return strings.Replace(verdict(r, noise), "shim ", "a ", 1)
}

// targetVerdict reads a ratio against its target: met or missed, by the
// median, and whether every run agrees.
func targetVerdict(r spread, target float64) string {
	switch {
	case target <= 0 || r.N == 0:
		return "-"
	case r.Max <= target:
		return "met (every run)"
	case r.Median <= target:
		return "met (median; some runs over)"
	case r.Min > target:
		return "missed (every run)"
	}
	return "missed (median; some runs under)"
}

// requestNote says how the request table is read.
const requestNote = `wx: wx.request; fetch: fetch() and json() or arrayBuffer(); fetch_b: fetch again in the same run; fetch10: fetch
with 10 in flight (the shim's queue); relay, relaytls: wx.request through the relay, the page's leg ws or wss.
req_small: 1,000 small JSON requests in turn (us per request); req_64k, req_4m: 200 and 20 ArrayBuffers in turn
(per request); req_concurrent: 10 batches of 100 small requests started at once (ms per batch). Same server, on
the page's origin (no CORS), cache "no-store", credentials "omit" and no Referer on both sides; interleaved, the
order rotated each run. a/b per run: the median of the per-run ratios [their range]; fetch/fetch_b, one data path
twice, is the noise floor. Targets are issue 17's. Crossings: JS->Go calls per request (the test build counts
them).
`
