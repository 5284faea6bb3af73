package wxrun

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"wxsocket"
	"wxsocket/internal/builtshim"
	"wxsocket/wasm/glue"
)

// The shim a page loads is two files: wx.js (wasm_exec.js of the Go that
// built the wasm, the glue, then the loader: make build's recipe) and
// wx.wasm. They come from one of:
//
//   - a directory given in Options.Shim (-shim): what `make build` leaves in
//     build/, or any copy of it;
//   - otherwise the files make pack embedded (internal/builtshim), in the
//     binaries of wxrun's npm packages, which run where there is no Go;
//   - otherwise a build of the source this binary carries (wxsocket.ShimSource),
//     made once with the go command on PATH and kept in
//     $XDG_CACHE_HOME/wxrun (os.UserCacheDir), keyed by the source and the Go
//     version, so that `go install ./cmd/wxrun` gives a tool that works from
//     any directory. The first run pays for one `go build` of the wasm.

// shim is the two files, read into memory: every page of a run loads them.
type shim struct {
	js, wasm []byte
	dir      string // where they came from, for -v
}

func loadShim(dir string) (*shim, error) {
	if js, wasm, ok := builtshim.Files(); ok && dir == "" {
		return &shim{js: js, wasm: wasm, dir: "this binary (make pack embedded it)"}, nil
	}
	if dir == "" {
		var err error
		if dir, err = buildShim(); err != nil {
			return nil, err
		}
	}
	s := &shim{dir: dir}
	var err error
	if s.js, err = os.ReadFile(filepath.Join(dir, "wx.js")); err != nil {
		return nil, fmt.Errorf("shim: %w (make build puts wx.js and wx.wasm in build/)", err)
	}
	if s.wasm, err = os.ReadFile(filepath.Join(dir, "wx.wasm")); err != nil {
		return nil, fmt.Errorf("shim: %w (make build puts wx.js and wx.wasm in build/)", err)
	}
	if !bytes.HasPrefix(s.wasm, []byte("\x00asm")) {
		return nil, fmt.Errorf("shim: %s is not WebAssembly", filepath.Join(dir, "wx.wasm"))
	}
	return s, nil
}

// buildShim returns the cache directory holding wx.js and wx.wasm built from
// the embedded source, building them first when they are not there.
func buildShim() (string, error) {
	goCmd, err := goCommand()
	if err != nil {
		return "", err
	}
	env := append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK=off", "GOFLAGS=")
	ver, err := exec.Command(goCmd, "env", "GOVERSION").Output()
	if err != nil {
		return "", fmt.Errorf("shim: %s env GOVERSION: %v", goCmd, err)
	}
	key, err := sourceKey(strings.TrimSpace(string(ver)))
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("shim: no cache directory to build it in (%v); pass -shim DIR with wx.js and wx.wasm", err)
	}
	root := filepath.Join(cache, "wxrun")
	final := filepath.Join(root, "shim-"+key)
	if fileExists(filepath.Join(final, "wx.wasm")) && fileExists(filepath.Join(final, "wx.js")) {
		return final, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", fmt.Errorf("shim: %w", err)
	}
	work, err := os.MkdirTemp(root, "build-")
	if err != nil {
		return "", fmt.Errorf("shim: %w", err)
	}
	defer os.RemoveAll(work)
	src := filepath.Join(work, "src")
	if err := writeSource(src); err != nil {
		return "", err
	}
	out := filepath.Join(work, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command(goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(out, "wx.wasm"), "./wasm")
	cmd.Dir, cmd.Env = src, env
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("shim: building the wasm: %v\n%s", err, b)
	}
	execJS, err := wasmExecJS(goCmd)
	if err != nil {
		return "", err
	}
	// As make build: wasm_exec.js, then the glue (its parts joined by the
	// one recipe, glue.Source), then the loader.
	loader, err := wxsocket.ShimSource.ReadFile("js/wx.js")
	if err != nil {
		return "", err
	}
	js := append(append(execJS, glue.Source()...), loader...)
	if err := os.WriteFile(filepath.Join(out, "wx.js"), js, 0o644); err != nil {
		return "", err
	}
	// Another wxrun may have finished the same build meanwhile: either copy is good.
	if err := os.Rename(out, final); err != nil && !fileExists(filepath.Join(final, "wx.wasm")) {
		return "", fmt.Errorf("shim: %w", err)
	}
	return final, nil
}

// sourceKey names a build: the embedded files and the Go version.
func sourceKey(goVersion string) (string, error) {
	h := sha256.New()
	h.Write([]byte(goVersion + "\x00"))
	err := fs.WalkDir(wxsocket.ShimSource, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := wxsocket.ShimSource.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// writeSource writes the embedded module (without its tests) to dir, with a
// go.mod that keeps only the module and go lines: the wasm needs no
// dependency, so the build runs offline.
func writeSource(dir string) error {
	return fs.WalkDir(wxsocket.ShimSource, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := wxsocket.ShimSource.ReadFile(p)
		if err != nil {
			return err
		}
		if p == "go.mod" {
			b = minimalGoMod(b)
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

func minimalGoMod(b []byte) []byte {
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && (f[0] == "module" || f[0] == "go") {
			out = append(out, line)
		}
	}
	return []byte(strings.Join(out, "\n") + "\n")
}

// wasmExecJS is the wasm_exec.js of the Go that builds the wasm: the two
// must match.
func wasmExecJS(goCmd string) ([]byte, error) {
	root, err := exec.Command(goCmd, "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("shim: go env GOROOT: %v", err)
	}
	r := strings.TrimSpace(string(root))
	for _, p := range []string{path.Join("lib", "wasm", "wasm_exec.js"), path.Join("misc", "wasm", "wasm_exec.js")} {
		if b, err := os.ReadFile(filepath.Join(r, filepath.FromSlash(p))); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("shim: no wasm_exec.js under %s", r)
}

func goCommand() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p, nil
	}
	return "", errors.New("shim: building wx.wasm needs the go command on PATH; or pass -shim DIR with the wx.js and wx.wasm of make build")
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
