package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// untar reads a tarball's files, by their path under package/.
func untar(t *testing.T, tgz string) map[string][]byte {
	t.Helper()
	files, _ := untarModes(t, tgz)
	return files
}

// untarModes is untar, and each file's mode.
func untarModes(t *testing.T, tgz string) (map[string][]byte, map[string]os.FileMode) {
	t.Helper()
	f, err := os.Open(tgz)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	files, modes := map[string][]byte{}, map[string]os.FileMode{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, modes
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(h.Name, "package/")
		files[name], modes[name] = b, os.FileMode(h.Mode)
	}
}

// orderedKeys lists a JSON object's keys in their order (conditions in
// exports are tried in order: types first, default last).
func orderedKeys(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestShimPackage: what the shim's tarball holds, as a bundler and a
// registry read it: the production wasm of make build, wx.js starting with
// the wasm_exec.js of the Go that built it, and a package.json whose
// entries all exist.
func TestShimPackage(t *testing.T) {
	files := untar(t, tarball(t, "wxsocket"))
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"README.md", "package.json", "wx.d.ts", "wx.js", "wx.mjs", "wx.wasm", "wxshim.d.ts"}
	if !slices.Equal(names, want) {
		t.Errorf("files %q, want %q (no LICENSE: the repository has none)", names, want)
	}
	var pkg struct {
		Name, Version, License, Main, Module, Types string
		Exports                                     map[string]json.RawMessage
		Files, SideEffects                          []string
		Dependencies                                map[string]string
	}
	if err := json.Unmarshal(files["package.json"], &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "wxsocket" || pkg.Version != version(t) {
		t.Errorf("name %q version %q, want wxsocket %s (VERSION)", pkg.Name, pkg.Version, version(t))
	}
	if pkg.License != license {
		t.Errorf("license %q", pkg.License)
	}
	if keys := orderedKeys(t, pkg.Exports["."]); !slices.Equal(keys, []string{"types", "import", "default"}) {
		t.Errorf(`exports["."] conditions %q, want types, import, default in that order`, keys)
	}
	var dot map[string]string
	json.Unmarshal(pkg.Exports["."], &dot)
	var wasmExport, jsExport string
	json.Unmarshal(pkg.Exports["./wx.wasm"], &wasmExport)
	json.Unmarshal(pkg.Exports["./wx.js"], &jsExport)
	for _, p := range []string{dot["types"], dot["import"], dot["default"], wasmExport, jsExport, pkg.Main, pkg.Module, pkg.Types} {
		if files[strings.TrimPrefix(p, "./")] == nil {
			t.Errorf("package.json names %q, which is not in the tarball", p)
		}
	}
	if !slices.Equal(pkg.SideEffects, []string{"./wx.js", "./wx.mjs"}) {
		t.Errorf("sideEffects %q, want the two entries", pkg.SideEffects)
	}
	if pkg.Dependencies["miniprogram-api-typings"] == "" {
		t.Errorf("no miniprogram-api-typings among the dependencies: %v", pkg.Dependencies)
	}

	built, err := os.ReadFile(filepath.Join(root, "build", "wx.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files["wx.wasm"], built) || bytes.Contains(files["wx.wasm"], []byte(testHookMarker)) {
		t.Errorf("wx.wasm is not build/wx.wasm, the production build")
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	exec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"wx.js", "wx.mjs"} {
		if !bytes.HasPrefix(files[f], exec) {
			t.Errorf("%s does not start with this Go's wasm_exec.js", f)
		}
	}
	if !bytes.Contains(files["wx.mjs"], []byte(`new URL("./wx.wasm", import.meta.url)`)) {
		t.Errorf("wx.mjs does not find its wasm in the form bundlers follow")
	}
	if !bytes.Contains(files["wx.d.ts"], []byte(`/// <reference types="miniprogram-api-typings" />`)) {
		t.Errorf("wx.d.ts does not bring miniprogram-api-typings")
	}
}

// TestTypes: TypeScript code that imports the package type-checks, with
// wx from miniprogram-api-typings; and a wrong setting does not.
func TestTypes(t *testing.T) {
	start := time.Now()
	dir := project(t, "types", "src")
	os.Remove(filepath.Join(dir, "src", "scenario.js"))
	npm(t, dir, "run", "check")
	// The @ts-expect-error lines are errors: without them, tsc fails.
	use := filepath.Join(dir, "src", "use.ts")
	b, err := os.ReadFile(use)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(use, bytes.ReplaceAll(b, []byte("// @ts-expect-error"), []byte("//")), 0o644)
	cmd := exec.Command("npm", "run", "check")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), `"never"`) || !strings.Contains(string(out), "url") {
		t.Errorf("tsc accepted a wrong closeBeforeOpen and a connectSocket with no url: %v\n%s", err, out)
	}
	t.Logf("in all: %v", time.Since(start).Round(10*time.Millisecond))
}

// TestWxrunPackages: wxrun's tarball names each platform package at the
// one version; each platform's tarball holds a binary of its OS and CPU,
// executable, with the production shim of build/ inside it.
func TestWxrunPackages(t *testing.T) {
	v := version(t)
	files := untar(t, tarball(t, "wxrun"))
	var pkg struct {
		Name, Version        string
		Bin                  map[string]string
		OptionalDependencies map[string]string
	}
	if err := json.Unmarshal(files["package.json"], &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "wxrun" || pkg.Version != v || files[pkg.Bin["wxrun"]] == nil {
		t.Errorf("wxrun's package.json: %+v", pkg)
	}
	wasm, err := os.ReadFile(filepath.Join(root, "build", "wx.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range platforms {
		if pkg.OptionalDependencies[pl.Package()] != v {
			t.Errorf("wxrun does not depend on %s@%s: %v", pl.Package(), v, pkg.OptionalDependencies)
		}
		t.Run(pl.Name(), func(t *testing.T) {
			tgz := tarball(t, "wxrun-"+pl.Name())
			files, modes := untarModes(t, tgz)
			var p struct {
				Name, Version string
				OS, CPU       []string
			}
			if err := json.Unmarshal(files["package.json"], &p); err != nil {
				t.Fatal(err)
			}
			if p.Name != pl.Package() || p.Version != v || !slices.Equal(p.OS, []string{pl.OS}) || !slices.Equal(p.CPU, []string{pl.CPU}) {
				t.Errorf("package.json: %+v", p)
			}
			exe := "bin/" + pl.Exe()
			bin := files[exe]
			if modes[exe]&0o111 == 0 {
				t.Errorf("%s is not executable in the tarball (mode %v)", exe, modes[exe])
			}
			if goos, arch := binaryKind(bin); goos != pl.GOOS || arch != pl.Arch {
				t.Errorf("%s is a %s/%s binary, want %s/%s", exe, goos, arch, pl.GOOS, pl.Arch)
			}
			if !bytes.Contains(bin, wasm) {
				t.Errorf("%s does not carry build/wx.wasm", exe)
			}
		})
	}
}

// binaryKind reads an executable's OS and CPU, as Go names them.
func binaryKind(b []byte) (goos, arch string) {
	r := bytes.NewReader(b)
	if f, err := elf.NewFile(r); err == nil {
		switch f.Machine {
		case elf.EM_X86_64:
			return "linux", "amd64"
		case elf.EM_AARCH64:
			return "linux", "arm64"
		}
		return "linux", f.Machine.String()
	}
	if f, err := macho.NewFile(r); err == nil {
		switch f.Cpu {
		case macho.CpuAmd64:
			return "darwin", "amd64"
		case macho.CpuArm64:
			return "darwin", "arm64"
		}
		return "darwin", f.Cpu.String()
	}
	if f, err := pe.NewFile(r); err == nil {
		if f.Machine == pe.IMAGE_FILE_MACHINE_AMD64 {
			return "windows", "amd64"
		}
		return "windows", fmt.Sprint(f.Machine)
	}
	return "unknown", "unknown"
}

// TestImportOutsideABrowser: a server-side render or a test runner in
// Node that imports the package (its ES module, or the classic script
// through require) gets a wxshim.ready that rejects, saying why, and no
// exception: the shim is for browsers, and a build that touches it on the
// server must not crash.
func TestImportOutsideABrowser(t *testing.T) {
	needNPM(t)
	dir := t.TempDir()
	pkg := filepath.Join(dir, "node_modules", "wxsocket")
	for name, b := range untar(t, tarball(t, "wxsocket")) {
		os.MkdirAll(filepath.Dir(filepath.Join(pkg, name)), 0o755)
		if err := os.WriteFile(filepath.Join(pkg, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ kind, code string }{
		{"module", `const { wxshim } = await import("wxsocket");`},
		{"commonjs", `require("wxsocket"); const wxshim = globalThis.wxshim;`},
	} {
		script := c.code + `
wxshim.ready.then(() => { console.log("ready outside a browser?"); process.exit(3); },
  (e) => console.log("rejected: " + e.message));`
		if c.kind == "commonjs" {
			script = "(async () => {" + script + "})();"
		}
		cmd := exec.Command("node", "--input-type="+c.kind, "-e", script)
		cmd.Dir = dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil || !strings.HasPrefix(stdout.String(), "rejected: wxshim could not start: ") {
			t.Errorf("%s: %v\nstdout: %s\nstderr: %s", c.kind, err, stdout.String(), stderr.String())
		}
		t.Logf("%s: %s", c.kind, strings.TrimSpace(stdout.String()))
	}
}
