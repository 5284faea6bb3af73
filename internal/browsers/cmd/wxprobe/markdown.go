//go:build !js

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// printMarkdown writes one script's results as a table: a row per key of
// the object each engine returned (in the order the first engine gave
// them, keys sorted), a column per engine.
func printMarkdown(w io.Writer, script string, engines []string, results map[string]any) {
	fmt.Fprintf(w, "\n### %s\n\n| case |", script)
	for _, e := range engines {
		fmt.Fprintf(w, " %s |", e)
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---|", len(engines)))
	keys := map[string]bool{}
	for _, e := range engines {
		if m, ok := results[e].(map[string]any); ok {
			for k := range m {
				keys[k] = true
			}
		}
	}
	if len(keys) == 0 { // not objects: one row
		fmt.Fprint(w, "| result |")
		for _, e := range engines {
			fmt.Fprintf(w, " %s |", cell(results[e]))
		}
		fmt.Fprintln(w)
		return
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		fmt.Fprintf(w, "| %s |", escape(k))
		for _, e := range engines {
			m, _ := results[e].(map[string]any)
			fmt.Fprintf(w, " %s |", cell(m[k]))
		}
		fmt.Fprintln(w)
	}
}

// cell renders the shapes the probes return in few words: a thrown
// exception as "throws Name: message", a socket's events as
// "error → close 1006", anything else as compact JSON.
func cell(v any) string {
	if m, ok := v.(map[string]any); ok {
		if t, ok := m["threw"].(map[string]any); ok {
			return escape(fmt.Sprintf("throws %v: %v", t["name"], t["message"]))
		}
		if ev, ok := m["events"].([]any); ok {
			var parts []string
			for _, e := range ev {
				a, _ := e.([]any)
				if len(a) == 0 {
					continue
				}
				p := fmt.Sprint(a[0])
				if p == "close" && len(a) >= 4 {
					p = fmt.Sprintf("close %v", a[1])
					if r, _ := a[2].(string); r != "" {
						p += fmt.Sprintf(" %q", r)
					}
				}
				parts = append(parts, p)
			}
			if len(parts) == 0 {
				return "no event"
			}
			return escape(strings.Join(parts, " → "))
		}
	}
	b, _ := json.Marshal(v)
	return escape(string(b))
}

func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
