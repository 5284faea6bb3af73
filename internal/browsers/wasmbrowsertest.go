//go:build !js

package browsers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// RunWasmBrowserTest runs job in Chromium through wasmbrowsertest, the
// runner the design names for the Chromium suite (pinned in go.mod with go
// get -tool). Unlike Run, it drives the page over DevTools; the suite
// asserts no timings, so that costs it nothing. Chromium gets
// ChromiumFlags, opt.Cert's key trusted and every name on 127.0.0.1,
// through a headless_shell wrapper first on PATH, which chromedp looks for
// before any other browser; a Watch fails the run if it opens anything but
// loopback. The program gets this process's environment with job.Env over
// it, runs in job.Dir, and (as under go test -exec) may read the whole disk.
//
// What the program and wasmbrowsertest write goes to out. The exit code is
// 0 or 1 (wasmbrowsertest's): whether the program failed, not how.
func RunWasmBrowserTest(ctx context.Context, opt Options, job Job, out io.Writer) (Result, error) {
	res := Result{Exit: -1}
	chromium, err := Find(Chromium)
	if err != nil {
		return res, err
	}
	res.Version = chromiumVersion(chromium)
	wasm, err := filepath.Abs(job.Wasm)
	if err != nil {
		return res, err
	}
	tool := exec.Command("go", "tool", "-n", "wasmbrowsertest")
	tool.Dir = job.Dir
	wbt, err := tool.Output()
	if err != nil {
		return res, fmt.Errorf("browsers: go tool -n wasmbrowsertest: %v (is it pinned in go.mod with go get -tool?)", err)
	}
	bin, err := os.MkdirTemp("", "wx-headless-shell-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(bin)
	// SIGINT or SIGTERM ends this process before the defer would run.
	defer OnSignal(func() { os.RemoveAll(bin) })()
	spki := ""
	if opt.Cert != nil {
		spki = opt.Cert.SPKI
	}
	if err := writeHeadlessShell(bin, chromium, ChromiumFlags(spki, LoopbackHosts)); err != nil {
		return res, err
	}
	cmd := exec.Command(strings.TrimSpace(string(wbt)), append([]string{wasm}, job.Args...)...)
	cmd.Dir = job.Dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"))
	for k, v := range job.Env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = out, out
	// Started as a browser is (Spawn): in a process group and a TMPDIR of
	// its own, which an ended ctx, or SIGINT or SIGTERM to this process,
	// ends and removes. Chromium is wasmbrowsertest's child: ending
	// wasmbrowsertest alone left it running, with its profile.
	b, err := Spawn(cmd)
	if err != nil {
		return res, err
	}
	w := Watch(b.Pid())
	stop := context.AfterFunc(ctx, func() { b.Close() })
	<-b.Done()
	stop()
	bad := w.Stop()
	b.Close() // what wasmbrowsertest left in its group and TMPDIR
	err = b.Err()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return res, fmt.Errorf("browsers: chromium: %w", ctx.Err())
	case errors.As(err, &exit):
		res.Exit = exit.ExitCode()
	case err != nil:
		return res, err
	default:
		res.Exit = 0
	}
	if len(bad) > 0 {
		return res, fmt.Errorf("browsers: chromium opened connections to non-loopback addresses: %s", strings.Join(bad, ", "))
	}
	return res, nil
}
