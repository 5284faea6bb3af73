//go:build !js

package browsers

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed firefox-user.js
var firefoxPrefs []byte

// startFirefox runs firefox-esr --headless on a throwaway profile: the prefs
// of firefox-user.js (every name is 127.0.0.1, no background networking)
// and, when opt.Cert is set, an NSS database holding the test CA, trusted
// for websites. That is the profile's own trust store, the one a person
// fills through Settings > Certificates: no global switch is turned.
func (b *Browser) startFirefox(url string, opt Options) error {
	bin, err := Find(Firefox)
	if err != nil {
		return err
	}
	profile, err := b.tempDir("wx-firefox-")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), firefoxPrefs, 0o644); err != nil {
		return err
	}
	if opt.Cert != nil {
		if err := trustCA(profile, opt.Cert.CAPEM); err != nil {
			return err
		}
	}
	if v, err := exec.Command(bin, "--version").Output(); err == nil {
		b.Version = strings.TrimSpace(string(v))
	}
	cmd := exec.Command(bin, "--headless", "--no-remote", "--profile", profile, url)
	cmd.Env = append(os.Environ(),
		"MOZ_CRASHREPORTER_DISABLE=1",
		"MOZ_DISABLE_AUTO_SAFE_MODE=1",
		"MOZ_HEADLESS=1",
	)
	if err := b.spawn(cmd, opt.Log, true); err != nil {
		return err
	}
	return nil
}

// trustCA makes the profile's NSS database (cert9.db) and imports caPEM
// into it as a CA for websites ("C,,"), with certutil from libnss3-tools.
func trustCA(profile string, caPEM []byte) error {
	certutil, err := exec.LookPath("certutil")
	if err != nil {
		return fmt.Errorf("browsers: no certutil on PATH (Debian: apt-get install libnss3-tools; make deps does)")
	}
	ca := filepath.Join(profile, "wx-test-ca.pem")
	if err := os.WriteFile(ca, caPEM, 0o600); err != nil {
		return err
	}
	db := "sql:" + profile
	for _, args := range [][]string{
		{"-N", "-d", db, "--empty-password"},
		{"-A", "-d", db, "-n", "wxshim throwaway test CA", "-t", "C,,", "-i", ca},
	} {
		if out, err := exec.Command(certutil, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("browsers: certutil %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}
