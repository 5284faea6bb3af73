//go:build !js

package browsers

import (
	"os"
	"os/exec"
	"strings"
)

// startChromium runs headless Chromium on a throwaway profile with the
// switches of wstest.WriteChromeWrapper: only the test leaf's key is
// trusted beyond the system, every name is 127.0.0.1, and the background
// services are off. The test suite itself runs in Chromium through
// wasmbrowsertest; this is for probes and pages.
func (b *Browser) startChromium(url string, opt Options) error {
	bin, err := Find(Chromium)
	if err != nil {
		return err
	}
	profile, err := b.tempDir("wx-chromium-")
	if err != nil {
		return err
	}
	if v, err := exec.Command(bin, "--version").Output(); err == nil {
		b.Version = strings.TrimSpace(string(v))
	}
	args := []string{
		"--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
		"--host-resolver-rules=MAP * 127.0.0.1",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-quic", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
	}
	if opt.Cert != nil {
		args = append(args, "--ignore-certificate-errors-spki-list="+opt.Cert.SPKI)
	}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox") // Chromium refuses to run as root with its sandbox
	}
	args = append(args, opt.ChromiumFlags...)
	cmd := exec.Command(bin, append(args, url)...)
	if err := b.spawn(cmd, opt.Log, true); err != nil {
		return err
	}
	return nil
}
