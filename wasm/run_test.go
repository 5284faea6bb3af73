//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"wxsocket/internal/wstest"
)

// TestBrowser runs this package's js/wasm tests in headless Chromium through
// wasmbrowsertest, against a wss server on 127.0.0.1 whose throwaway
// certificate only that Chromium trusts. WX_RUN narrows the run (-run).
func TestBrowser(t *testing.T) {
	chromium := wstest.FindChromium()
	if chromium == "" {
		t.Fatal("no Chromium on PATH: `make deps` installs Debian's chromium")
	}
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := wstest.Start("127.0.0.1:0", cert, nil)
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
	args := []string{"test", "-count=1", "-timeout=25m", "-exec", strings.TrimSpace(string(wbt))}
	if testing.Verbose() || os.Getenv("WX_VERBOSE") != "" {
		args = append(args, "-v")
	}
	if run := os.Getenv("WX_RUN"); run != "" {
		args = append(args, "-run", run)
	}
	args = append(args, ".")
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(),
		"GOOS=js", "GOARCH=wasm",
		"PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"),
		"WX_ECHO="+srv.WSS, "WX_ORIGIN="+srv.URL,
	)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("browser tests failed: %v", err)
	}
}
