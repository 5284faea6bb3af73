package main

import (
	"fmt"
	"math"
)

// workloadTable turns the page's figures into the table's rows and the
// BENCH lines: per workload, the medians of each variant; shim/raw as the
// median and range of the per-repetition ratios; and task/global, the same
// for the two shim variants, which share one data path: the noise floor.
func workloadTable(res map[string]figures, add func(string, float64, string)) [][]string {
	table := [][]string{{"workload", "raw", "task", "global", "task/raw", "global/raw", "task/global (noise)", "verdict", "crossings/msg (task, global)", "relay", "relay/task", "relay, wss page leg", "relay wss/task"}}
	units := map[string]string{"connect": "ms", "text_rtt": "us", "binary_rtt": "us", "burst": "ms"}
	for _, w := range []string{"connect", "text_rtt", "binary_rtt", "burst"} {
		f, ok := res[w]
		if !ok {
			continue
		}
		scale := 1.0
		if units[w] == "us" {
			scale = 1000
		}
		r, t, g := median(f.Raw)*scale, median(f.Task)*scale, median(f.Global)*scale
		add(w+"_raw", round(r), units[w])
		add(w+"_task", round(t), units[w])
		add(w+"_global", round(g), units[w])
		tr, gr, tg := spreadOf(ratios(f.Task, f.Raw)), spreadOf(ratios(f.Global, f.Raw)), spreadOf(ratios(f.Task, f.Global))
		for _, x := range []struct {
			name string
			s    spread
		}{{"_ratio_task", tr}, {"_ratio_global", gr}, {"_ratio_task_global", tg}} {
			add(w+x.name, round(x.s.Median), "x")
			add(w+x.name+"_min", round(x.s.Min), "x")
			add(w+x.name+"_max", round(x.s.Max), "x")
		}
		add(w+"_ratio", round(max(tr.Median, gr.Median)), "x")
		cross := "-"
		if len(f.Crossings) > 0 {
			add(w+"_crossings_task", round(f.Crossings["task"]), "per_msg")
			add(w+"_crossings_global", round(f.Crossings["global"]), "per_msg")
			cross = fmt.Sprintf("%.3f, %.3f", f.Crossings["task"], f.Crossings["global"])
		}
		// The verdict reads the variant farther from 1.
		far := tr
		if math.Abs(gr.Median-1) > math.Abs(tr.Median-1) {
			far = gr
		}
		row := []string{w + " (" + units[w] + ")", ff(r), ff(t), ff(g), tr.String(), gr.String(), tg.String(), verdict(far, tg), cross}
		for _, x := range []struct {
			name string
			v    []float64
		}{{"relay", f.Relay}, {"relay_tls", f.RelayTLS}} {
			rel, relTask := "-", "-"
			if len(x.v) > 0 {
				rv := median(x.v) * scale
				rt := spreadOf(ratios(x.v, f.Task))
				add(w+"_"+x.name, round(rv), units[w])
				add(w+"_ratio_"+x.name+"_direct", round(rt.Median), "x")
				add(w+"_ratio_"+x.name+"_direct_min", round(rt.Min), "x")
				add(w+"_ratio_"+x.name+"_direct_max", round(rt.Max), "x")
				rel, relTask = ff(rv), rt.String()
			}
			row = append(row, rel, relTask)
		}
		table = append(table, row)
	}
	return table
}
