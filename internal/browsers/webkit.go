//go:build !js

package browsers

import (
	"bufio"
	"context"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// startWebKit runs WebKitGTK's MiniBrowser through WebKitWebDriver on a
// private Xvfb display (the MiniBrowser of WebKitGTK 2.50 has no headless
// mode). The session's capabilities carry what the engine trusts and where
// it connects:
//
//   - webkitgtk:browserOptions.certificates accepts the test leaf for each
//     of opt.TrustHosts, and no other certificate: WebKit's own per-host
//     trust (webkit_web_context_allow_tls_certificate_for_host), not its
//     ignore-TLS-errors switch;
//   - MiniBrowser's --proxy sends http, https, ws and wss through a Proxy
//     that dials 127.0.0.1 for every host name. (The WebDriver "proxy"
//     capability is not used: with httpProxy and sslProxy set, WebKitGTK
//     2.50 proxied http but sent https past the proxy, without a CONNECT.)
func (b *Browser) startWebKit(ctx context.Context, url string, opt Options) error {
	driverBin, err := Find(WebKit)
	if err != nil {
		return err
	}
	display, err := b.startXvfb(opt)
	if err != nil {
		return err
	}
	proxy, err := StartProxy()
	if err != nil {
		return err
	}
	b.onClose(func() { proxy.Close() })
	port, err := freePort()
	if err != nil {
		return err
	}
	driver := exec.Command(driverBin, "--port="+strconv.Itoa(port), "--host=127.0.0.1")
	driver.Env = append(os.Environ(), "DISPLAY="+display,
		// No accessibility bus, no GVFS, no dconf writes: nothing to talk to.
		"NO_AT_BRIDGE=1", "GTK_A11Y=none", "GIO_USE_VFS=local", "GSETTINGS_BACKEND=memory",
		"WEBKIT_DISABLE_COMPOSITING_MODE=1")
	if err := b.spawn(driver, opt.Log, true); err != nil {
		return err
	}
	wd := &webDriver{base: "http://127.0.0.1:" + strconv.Itoa(port)}
	b.onClose(wd.deleteSession)
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := wd.waitReady(wait); err != nil {
		return err
	}
	browserOpts := map[string]any{"args": []string{
		"--automation", "--enable-dns-prefetching=false", "--proxy=http://" + proxy.Addr,
	}}
	if opt.Cert != nil {
		certs, err := b.leafFiles(opt)
		if err != nil {
			return err
		}
		browserOpts["certificates"] = certs
	}
	caps, err := wd.newSession(wait, map[string]any{
		"webkitgtk:browserOptions": browserOpts,
		"pageLoadStrategy":         "none",
	})
	if err != nil {
		return fmt.Errorf("browsers: WebKitWebDriver new session: %w", err)
	}
	b.Version = fmt.Sprintf("WebKitGTK %v (%v)", caps["browserVersion"], caps["browserName"])
	return wd.navigate(wait, url)
}

// leafFiles writes the test leaf as PEM and lists it for every trusted host.
func (b *Browser) leafFiles(opt Options) ([]map[string]string, error) {
	dir, err := b.tempDir("wx-webkit-")
	if err != nil {
		return nil, err
	}
	leaf := filepath.Join(dir, "leaf.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: opt.Cert.TLS.Certificate[0]})
	if err := os.WriteFile(leaf, pemBytes, 0o600); err != nil {
		return nil, err
	}
	hosts := opt.TrustHosts
	if hosts == nil {
		hosts = DefaultTrustHosts
	}
	var certs []map[string]string
	for _, h := range hosts {
		certs = append(certs, map[string]string{"host": h, "certificateFile": leaf})
	}
	return certs, nil
}

// startXvfb starts a private X display (Xvfb picks a free number and writes
// it to -displayfd) and returns its name, ":N".
func (b *Browser) startXvfb(opt Options) (string, error) {
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		return "", fmt.Errorf("browsers: no Xvfb on PATH (Debian: apt-get install xvfb; make deps does)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	cmd := exec.Command(bin, "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "1280x1024x24")
	cmd.ExtraFiles = []*os.File{w}
	if err := b.spawn(cmd, opt.Log, false); err != nil {
		w.Close()
		return "", err
	}
	w.Close()
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			return "", fmt.Errorf("browsers: Xvfb did not start")
		}
		return ":" + n, nil
	case <-time.After(15 * time.Second):
		return "", fmt.Errorf("browsers: Xvfb did not report its display in 15 s")
	}
}

// freePort asks the kernel for a free port on 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
