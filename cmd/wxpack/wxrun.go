package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"wxsocket/internal/builtshim"
)

// platform is one of wxrun's binary packages: npm's names for the OS and
// CPU (its "os" and "cpu" fields, process.platform and process.arch) and
// Go's.
type platform struct {
	OS, CPU    string
	GOOS, Arch string
}

var platforms = []platform{
	{"linux", "x64", "linux", "amd64"},
	{"linux", "arm64", "linux", "arm64"},
	{"darwin", "x64", "darwin", "amd64"},
	{"darwin", "arm64", "darwin", "arm64"},
	{"win32", "x64", "windows", "amd64"},
}

func (p platform) Name() string    { return p.OS + "-" + p.CPU }
func (p platform) Package() string { return "@wxrun/" + p.Name() }

func (p platform) Exe() string {
	if p.GOOS == "windows" {
		return "wxrun.exe"
	}
	return "wxrun"
}

// wxrunPackages writes wxrun's folder and one per platform, each with its
// binary: wxrun cross-compiled (no cgo, so no other toolchain) with the
// shim of build/ embedded, so that it runs where there is no Go.
func wxrunPackages(p pack, build, out string) ([]string, error) {
	dir := filepath.Join(out, "wxrun")
	if err := write(filepath.Join(dir, "package.json"), "wxrun.package.json", p); err != nil {
		return nil, err
	}
	if err := write(filepath.Join(dir, "bin", "wxrun.js"), "wxrun.js", p); err != nil {
		return nil, err
	}
	if err := write(filepath.Join(dir, "README.md"), "wxrun.README.md", p); err != nil {
		return nil, err
	}
	if err := embedShim(build); err != nil {
		return nil, err
	}
	dirs := []string{dir}
	for _, pl := range platforms {
		d := filepath.Join(out, "wxrun-"+pl.Name())
		q := p
		q.Platform = pl
		if err := write(filepath.Join(d, "package.json"), "platform.package.json", q); err != nil {
			return nil, err
		}
		if err := write(filepath.Join(d, "README.md"), "platform.README.md", q); err != nil {
			return nil, err
		}
		if err := crossCompile(pl, filepath.Join(d, "bin", pl.Exe())); err != nil {
			return nil, err
		}
		dirs = append(dirs, d)
	}
	return dirs, nil
}

// embedShim puts build/wx.js and build/wx.wasm where the wxrunshim build
// of internal/builtshim embeds them from.
func embedShim(build string) error {
	dst := filepath.Join("internal", "builtshim", builtshim.Dir)
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	for _, f := range []string{"wx.js", "wx.wasm"} {
		if err := copyFile(filepath.Join(dst, f), filepath.Join(build, f), 0o644); err != nil {
			return fmt.Errorf("%v (make build writes it)", err)
		}
	}
	return nil
}

func crossCompile(pl platform, exe string) error {
	cmd := exec.Command("go", "build", "-tags", builtshim.Tag, "-trimpath", "-ldflags=-s -w", "-o", exe, "./cmd/wxrun")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+pl.GOOS, "GOARCH="+pl.Arch, "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building wxrun for %s: %v\n%s", pl.Name(), err, b)
	}
	return nil
}
