package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// wxrunBench times the wxrun command as a person runs it (go run ./cmd/wxbench
// -only wxrun): a fresh process each time, its own Chromium, files on disk.
//
//   - cold start: from starting the process to the first line of the first
//     file running (the file logs performance.timeOrigin + performance.now(),
//     the same clock as Go's time.Now);
//   - per extra file: (time for 11 files - time for 1 file) / 10, each file
//     a round trip through the shim to -serve's echo endpoint;
//   - the processor time per extra file, the same way: it bounds what
//     parallel pages can gain (each file is a frame of a host page, which
//     compiled the wasm once: wxrun/slot.go);
//   - 100 such files at -p 1 and at -p 4.
//
// Each repetition runs every variant once, in a rotated order; figures are
// medians. The target: 150 ms or less per file once the browser is up.
func wxrunBench(build string, reps int) error {
	dir, err := os.MkdirTemp("", "wxbench-wxrun-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "wxrun")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/wxrun").CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/wxrun: %v\n%s", err, out)
	}
	shim, err := filepath.Abs(build)
	if err != nil {
		return err
	}
	first := filepath.Join(dir, "first.js")
	if err := os.WriteFile(first, []byte(`console.log("first-script-at", String(performance.timeOrigin + performance.now()));`+"\n"), 0o644); err != nil {
		return err
	}
	var echo []string
	for i := range 100 {
		f := filepath.Join(dir, fmt.Sprintf("echo%03d.js", i))
		src := `wx.connectSocket({url: wxrun.serve.echo});
wx.onSocketOpen(() => wx.sendSocketMessage({data: "hello"}));
wx.onSocketError((res) => wxrun.fail(res.errMsg));
wx.onSocketMessage(() => wx.closeSocket());
`
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			return err
		}
		echo = append(echo, f)
	}
	base := []string{"-shim", shim, "-serve"}
	// cpu is the last run's processor time: wxrun and every process of its
	// Chromium (wait4 counts the descendants a process reaped).
	var cpu time.Duration
	wall := func(args ...string) (time.Duration, string, error) {
		t0 := time.Now()
		cmd := exec.Command(bin, append(append([]string(nil), base...), args...)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		if err != nil {
			return 0, "", fmt.Errorf("wxrun %v: %v\n%s", args, err, out.String())
		}
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		return time.Since(t0), out.String(), nil
	}
	cold := func() (float64, error) {
		t0 := time.Now()
		_, out, err := wall(first)
		if err != nil {
			return 0, err
		}
		i := strings.Index(out, "first-script-at ")
		if i < 0 {
			return 0, fmt.Errorf("the first script's line is missing:\n%s", out)
		}
		at, err := strconv.ParseFloat(strings.Fields(out[i+len("first-script-at "):])[0], 64)
		if err != nil {
			return 0, err
		}
		return at - float64(t0.UnixNano())/1e6, nil
	}

	var colds, one, eleven, p1, p4, cpu1, cpu11 []float64
	variants := []func() error{
		func() error { ms, err := cold(); colds = append(colds, ms); return err },
		func() error {
			d, _, err := wall(echo[0])
			one, cpu1 = append(one, ms(d)), append(cpu1, ms(cpu))
			return err
		},
		func() error {
			d, _, err := wall(echo[:11]...)
			eleven, cpu11 = append(eleven, ms(d)), append(cpu11, ms(cpu))
			return err
		},
		func() error {
			d, _, err := wall(append([]string{"-p", "1"}, echo...)...)
			p1 = append(p1, ms(d))
			return err
		},
		func() error {
			d, _, err := wall(append([]string{"-p", "4"}, echo...)...)
			p4 = append(p4, ms(d))
			return err
		},
	}
	fmt.Fprintf(os.Stderr, "wxbench: wxrun, %d repetitions of 5 variants (cold start, 1, 11, 100 at -p 1, 100 at -p 4 files)...\n", reps)
	for r := range reps {
		for i := range variants {
			if err := variants[(i+r)%len(variants)](); err != nil {
				return err
			}
		}
	}
	perFile := (median(eleven) - median(one)) / 10
	cpuPerFile := (median(cpu11) - median(cpu1)) / 10
	fmt.Println()
	printTable(os.Stdout, [][]string{
		{"wxrun", "median", "runs"},
		{"start to the first script running (cold browser)", ff(median(colds)) + " ms", fmt.Sprint(colds)},
		{"1 file, whole command", ff(median(one)) + " ms", fmt.Sprint(one)},
		{"11 files, whole command", ff(median(eleven)) + " ms", fmt.Sprint(eleven)},
		{"per extra file (target <= 150 ms)", ff(perFile) + " ms", ""},
		{"processor time per extra file (wxrun and Chromium)", ff(cpuPerFile) + " ms", ""},
		{"100 files, -p 1", ff(median(p1)/1000) + " s", fmt.Sprint(p1)},
		{"100 files, -p 4", ff(median(p4)/1000) + " s", fmt.Sprint(p4)},
	})
	fmt.Println()
	for _, l := range []line{
		{"wxrun_cold_first_script_ms", round(median(colds)), "ms"},
		{"wxrun_one_file_ms", round(median(one)), "ms"},
		{"wxrun_eleven_files_ms", round(median(eleven)), "ms"},
		{"wxrun_per_extra_file_ms", round(perFile), "ms"},
		{"wxrun_cpu_per_extra_file_ms", round(cpuPerFile), "ms"},
		{"wxrun_100_files_p1_s", round(median(p1) / 1000), "s"},
		{"wxrun_100_files_p4_s", round(median(p4) / 1000), "s"},
		{"wxrun_100_files_p1_per_file_ms", round(median(p1) / 100), "ms"},
		{"wxrun_100_files_p4_per_file_ms", round(median(p4) / 100), "ms"},
		{"wxrun_100_files_ratio_p4_p1", round(median(p4) / median(p1)), "x"},
	} {
		fmt.Printf("BENCH %s %s %s\n", l.name, trim(l.v), l.unit)
	}
	return nil
}

func ms(d time.Duration) float64 { return round(float64(d) / 1e6) }

// withoutWxrun takes "wxrun" out of -only's list, and says whether it was
// asked for (an empty list asks for everything).
func withoutWxrun(only string) (rest string, wxrun bool) {
	if only == "" {
		return "", true
	}
	var keep []string
	for _, w := range strings.Split(only, ",") {
		if w == "wxrun" {
			wxrun = true
		} else if w != "" {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, ","), wxrun
}
