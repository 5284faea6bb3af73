// Command wxpack writes make pack's npm packages, each as a folder under
// build/npm/ and a tarball (npm pack of that folder) in build/:
//
//   - wxsocket: the shim for pages and bundlers (shim.go): the production
//     build of make build, never build/test/;
//   - wxrun: a bin script that starts the native wxrun of its platform,
//     and @wxrun/<os>-<cpu> for five platforms, each with that binary,
//     cross-compiled here with the shim embedded (wxrun.go).
//
// Every package has the version in the repository's VERSION file. Run it
// from the repository's root after make build (make pack does both):
//
//	go run ./cmd/wxpack
package main

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wxpack:", err)
		os.Exit(1)
	}
}

// license is what every package.json says: the repository has no LICENSE
// file, and a licence is its owner's choice, not this tool's.
const license = "UNLICENSED"

//go:embed npm
var templates embed.FS

// pack is what every template is given.
type pack struct {
	Version   string
	License   string
	Platforms []platform
	Platform  platform // the platform package being written
}

func run() error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository's root (make pack does)")
	}
	version, err := readVersion("VERSION")
	if err != nil {
		return err
	}
	build := "build"
	out := filepath.Join(build, "npm")
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(build, "*.tgz"))
	for _, f := range old {
		os.Remove(f)
	}
	p := pack{Version: version, License: license, Platforms: platforms}
	dirs := []string{}
	dir, err := shimPackage(p, build, out)
	if err != nil {
		return err
	}
	dirs = append(dirs, dir)
	more, err := wxrunPackages(p, build, out)
	if err != nil {
		return err
	}
	dirs = append(dirs, more...)
	for _, d := range dirs {
		tgz, size, err := npmPack(d, build)
		if err != nil {
			return err
		}
		fmt.Printf("%-36s %s\n", tgz, megabytes(size))
	}
	return nil
}

var versionRE = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// readVersion is the one version of every package: the file's only line.
func readVersion(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	v := strings.TrimSpace(string(b))
	if !versionRE.MatchString(v) {
		return "", fmt.Errorf("%s: %q is not a semver version (1.2.3)", file, v)
	}
	return v, nil
}

// write renders the template name into file.
func write(file, name string, p pack) error {
	t, err := template.ParseFS(templates, "npm/"+name)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, p); err != nil {
		return err
	}
	if strings.HasSuffix(file, ".json") && !json.Valid(b.Bytes()) {
		return fmt.Errorf("%s: the template gives invalid JSON:\n%s", name, b.Bytes())
	}
	mode := os.FileMode(0o644)
	if strings.HasSuffix(file, ".js") && bytes.HasPrefix(b.Bytes(), []byte("#!")) {
		mode = 0o755
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, b.Bytes(), mode)
}

// copyFile copies src to dst with mode.
func copyFile(dst, src string, mode os.FileMode) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, mode)
}

// npmPack packs dir into a tarball in dest: the path and size of it.
func npmPack(dir, dest string) (string, int64, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", 0, err
	}
	cmd := exec.Command("npm", "pack", "--json", "--pack-destination", abs)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return "", 0, fmt.Errorf("npm pack in %s: %v\n%s", dir, err, stderr.Bytes())
	}
	var res []struct {
		Filename string `json:"filename"`
	}
	if err := json.Unmarshal(b, &res); err != nil || len(res) != 1 {
		return "", 0, fmt.Errorf("npm pack in %s: cannot read its answer %q", dir, b)
	}
	tgz := filepath.Join(dest, res[0].Filename)
	st, err := os.Stat(tgz)
	if err != nil {
		return "", 0, err
	}
	return tgz, st.Size(), nil
}

func megabytes(n int64) string { return fmt.Sprintf("%5.2f MB", float64(n)/1e6) }
