package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// wxrunMode is `wxbench wxrun`: it times the wxrun command as a person
// runs it: a fresh process each time, its own Chromium, files on disk.
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
func wxrunMode(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("wxrun", flag.ContinueOnError)
	build := fl.String("build", "build", "where make build put wx.wasm, wx.js and wasm_exec.js (wxrun's -shim)")
	reps := fl.Int("reps", 3, "repetitions of the timings")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	rep, err := wxrunTimes(ctx, *build, *reps)
	if err != nil {
		return err
	}
	rep.print(out)
	return nil
}

// wxrunReport is what `wxbench wxrun` measured, in ms, one figure per
// repetition.
type wxrunReport struct {
	colds, one, eleven, p1, p4 []float64 // wall time
	cpu1, cpu11                []float64 // processor time of wxrun and its Chromium
}

func wxrunTimes(ctx context.Context, build string, reps int) (*wxrunReport, error) {
	dir, err := os.MkdirTemp("", "wxbench-wxrun-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "wxrun")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/wxrun").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/wxrun: %v\n%s", err, out)
	}
	shim, err := filepath.Abs(build)
	if err != nil {
		return nil, err
	}
	first, echo, err := wxrunFiles(dir)
	if err != nil {
		return nil, err
	}
	base := []string{"-shim", shim, "-serve"}
	// cpu is the last run's processor time: wxrun and every process of its
	// Chromium (wait4 counts the descendants a process reaped).
	var cpu time.Duration
	wall := func(args ...string) (time.Duration, string, error) {
		t0 := time.Now()
		cmd := exec.CommandContext(ctx, bin, append(append([]string(nil), base...), args...)...)
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

	rep := &wxrunReport{}
	variants := []func() error{
		func() error { ms, err := cold(); rep.colds = append(rep.colds, ms); return err },
		func() error {
			d, _, err := wall(echo[0])
			rep.one, rep.cpu1 = append(rep.one, ms(d)), append(rep.cpu1, ms(cpu))
			return err
		},
		func() error {
			d, _, err := wall(echo[:11]...)
			rep.eleven, rep.cpu11 = append(rep.eleven, ms(d)), append(rep.cpu11, ms(cpu))
			return err
		},
		func() error {
			d, _, err := wall(append([]string{"-p", "1"}, echo...)...)
			rep.p1 = append(rep.p1, ms(d))
			return err
		},
		func() error {
			d, _, err := wall(append([]string{"-p", "4"}, echo...)...)
			rep.p4 = append(rep.p4, ms(d))
			return err
		},
	}
	fmt.Fprintf(os.Stderr, "wxbench: wxrun, %d repetitions of 5 variants (cold start, 1, 11, 100 at -p 1, 100 at -p 4 files)...\n", reps)
	for r := range reps {
		for i := range variants {
			if err := variants[(i+r)%len(variants)](); err != nil {
				return nil, err
			}
		}
	}
	return rep, nil
}

// wxrunFiles writes the files the timings run: one that logs when it
// starts, and 100 that each make one round trip to -serve's echo endpoint.
func wxrunFiles(dir string) (first string, echo []string, err error) {
	first = filepath.Join(dir, "first.js")
	if err := os.WriteFile(first, []byte(`console.log("first-script-at", String(performance.timeOrigin + performance.now()));`+"\n"), 0o644); err != nil {
		return "", nil, err
	}
	for i := range 100 {
		f := filepath.Join(dir, fmt.Sprintf("echo%03d.js", i))
		src := `wx.connectSocket({url: wxrun.serve.echo});
wx.onSocketOpen(() => wx.sendSocketMessage({data: "hello"}));
wx.onSocketError((res) => wxrun.fail(res.errMsg));
wx.onSocketMessage(() => wx.closeSocket());
`
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			return "", nil, err
		}
		echo = append(echo, f)
	}
	return first, echo, nil
}

func (rep *wxrunReport) print(w io.Writer) {
	perFile := (median(rep.eleven) - median(rep.one)) / 10
	cpuPerFile := (median(rep.cpu11) - median(rep.cpu1)) / 10
	p1, p4 := median(rep.p1), median(rep.p4)
	fmt.Fprintln(w)
	printTable(w, [][]string{
		{"wxrun", "median", "runs"},
		{"start to the first script running (cold browser)", ff(median(rep.colds)) + " ms", fmt.Sprint(rep.colds)},
		{"1 file, whole command", ff(median(rep.one)) + " ms", fmt.Sprint(rep.one)},
		{"11 files, whole command", ff(median(rep.eleven)) + " ms", fmt.Sprint(rep.eleven)},
		{"per extra file (target <= 150 ms)", ff(perFile) + " ms", ""},
		{"processor time per extra file (wxrun and Chromium)", ff(cpuPerFile) + " ms", ""},
		{"100 files, -p 1", ff(p1/1000) + " s", fmt.Sprint(rep.p1)},
		{"100 files, -p 4", ff(p4/1000) + " s", fmt.Sprint(rep.p4)},
	})
	fmt.Fprintln(w)
	printLines(w, []line{
		{"wxrun_cold_first_script_ms", round(median(rep.colds)), "ms"},
		{"wxrun_one_file_ms", round(median(rep.one)), "ms"},
		{"wxrun_eleven_files_ms", round(median(rep.eleven)), "ms"},
		{"wxrun_per_extra_file_ms", round(perFile), "ms"},
		{"wxrun_cpu_per_extra_file_ms", round(cpuPerFile), "ms"},
		{"wxrun_100_files_p1_s", round(p1 / 1000), "s"},
		{"wxrun_100_files_p4_s", round(p4 / 1000), "s"},
		{"wxrun_100_files_p1_per_file_ms", round(p1 / 100), "ms"},
		{"wxrun_100_files_p4_per_file_ms", round(p4 / 100), "ms"},
		{"wxrun_100_files_ratio_p4_p1", round(p4 / p1), "x"},
	})
}

func ms(d time.Duration) float64 { return round(float64(d) / 1e6) }
