//go:build !js

package browsers

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// Every Chromium this project starts gets its switches from here, whoever
// starts it: the probes and pages of this package (startChromium), the
// browser suite through wasmbrowsertest (RunWasmBrowserTest), wxbench,
// wxserve's tests and wxrun (through chromedp, ChromedpFlags).

// chromiumNames are the names a Chromium or Chrome binary goes by, in the
// order Find tries them on PATH.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// LoopbackHosts is the host rule of the tests: every name is 127.0.0.1, so
// that no test can reach past this machine.
const LoopbackHosts = "MAP * 127.0.0.1"

// ChromiumFlags are the switches of every Chromium the project starts:
// names resolved by hostRules (LoopbackHosts in tests; wxrun sends pages
// through its proxy); the key spki (a wstest.Cert's SPKI) trusted beyond the
// system, none when ""; no background service that talks to the network
// (component updates, sync, QUIC probes) and no throttling of a page that
// runs in the background, which a headless page is.
func ChromiumFlags(spki, hostRules string) []string {
	flags := []string{
		"--host-resolver-rules=" + hostRules,
		"--no-first-run", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		"--disable-background-timer-throttling", "--disable-renderer-backgrounding",
	}
	if spki != "" {
		flags = append(flags, "--ignore-certificate-errors-spki-list="+spki)
	}
	return flags
}

// HeadlessChromiumFlags are ChromiumFlags with what a Chromium started with
// no driver needs besides (chromedp adds these itself): headless, the
// throwaway profile directory, and no sandbox when run as root, where
// Chromium refuses to start with it.
func HeadlessChromiumFlags(profile, spki, hostRules string) []string {
	flags := append([]string{"--headless", "--user-data-dir=" + profile}, ChromiumFlags(spki, hostRules)...)
	if os.Geteuid() == 0 {
		flags = append(flags, "--no-sandbox")
	}
	return flags
}

// ChromedpFlags makes switches ("--name" or "--name=value") into chromedp's
// allocator options, which add headless, the profile and the sandbox rule.
func ChromedpFlags(flags []string) []chromedp.ExecAllocatorOption {
	var opts []chromedp.ExecAllocatorOption
	for _, f := range flags {
		name, val, hasVal := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if hasVal {
			opts = append(opts, chromedp.Flag(name, val))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	return opts
}

// startChromium runs headless Chromium on a throwaway profile with
// HeadlessChromiumFlags. The test suite itself runs in Chromium through
// wasmbrowsertest (RunWasmBrowserTest); this is for probes and pages.
func (b *Browser) startChromium(url string, opt Options) error {
	bin, err := Find(Chromium)
	if err != nil {
		return err
	}
	profile, err := b.tempDir("wx-chromium-")
	if err != nil {
		return err
	}
	b.Version = chromiumVersion(bin)
	spki := ""
	if opt.Cert != nil {
		spki = opt.Cert.SPKI
	}
	// opt.ChromiumFlags come after the project's own: switches a page
	// needs besides (wxbench's gc()), never a second list of the common ones.
	args := append(HeadlessChromiumFlags(profile, spki, LoopbackHosts), opt.ChromiumFlags...)
	cmd := exec.Command(bin, append(args, url)...)
	if err := b.spawn(cmd, opt.Log, true); err != nil {
		return err
	}
	return nil
}

// chromiumVersion is what bin --version says ("Chromium 143.0.7499.169 ..."), or "".
func chromiumVersion(bin string) string {
	v, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(v))
}

// writeHeadlessShell writes dir/headless_shell, a script that starts
// chromium with flags before the driver's own. chromedp (and so
// wasmbrowsertest) looks for headless_shell on PATH before any other
// browser.
func writeHeadlessShell(dir, chromium string, flags []string) error {
	script := "#!/bin/sh\nexec " + shellQuote(chromium)
	for _, f := range flags {
		script += " " + shellQuote(f)
	}
	script += " \"$@\"\n"
	return os.WriteFile(filepath.Join(dir, "headless_shell"), []byte(script), 0o755)
}

// shellQuote quotes s for sh: in single quotes, each quote inside closed, escaped and reopened.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
