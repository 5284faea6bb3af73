//go:build !js

package browsers

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"wxsocket/internal/wstest"
)

// TestRun runs a small js/wasm test binary in each engine: its output must
// arrive whole and in order, its arguments and environment must reach it,
// and its exit code must come back.
func TestRun(t *testing.T) {
	wasm := filepath.Join(t.TempDir(), "hello.wasm")
	build := exec.Command("go", "test", "-c", "-o", wasm, "./testdata/hello")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			for _, fail := range []string{"", "1"} {
				var out bytes.Buffer
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				res, err := Run(ctx, e, Options{}, Job{
					Wasm: wasm,
					Args: []string{"-test.v=true", "-test.count=1"},
					Env:  map[string]string{"HELLO_WHO": "wasm in " + string(e), "HELLO_FAIL": fail},
					Dir:  "testdata/hello",
				}, &out)
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				got := out.String()
				for _, want := range []string{
					"stdout 1, HELLO_WHO=wasm in " + string(e) + "\nstderr 2\nstdout 3 with a multi-byte rune: é 世界\nargs -test.v=true -test.count=1\n",
					"read \"hello from a file\\n\" <nil>\nentry greeting.txt\nwrite refused: true\noutside refused: true\n",
				} {
					if !strings.Contains(got, want) {
						t.Errorf("output:\n%s\nwant it to contain:\n%s", got, want)
					}
				}
				if wantExit := map[string]int{"": 0, "1": 1}[fail]; res.Exit != wantExit {
					t.Errorf("HELLO_FAIL=%q: exit %d, want %d; output:\n%s", fail, res.Exit, wantExit, got)
				}
				if res.Version == "" {
					t.Error("no browser version")
				}
			}
		})
	}
}

// TestEvalTrustAndNames asks each engine to load an https page from the
// test server and to echo over wss through three names: the certificate
// is trusted and every name reaches 127.0.0.1.
func TestEvalTrustAndNames(t *testing.T) {
	script := `
const port = new URL(ORIGIN).port, out = [location.protocol];
for (const h of ["127.0.0.1", "good.example.com", "api.example.com"]) {
  out.push(await new Promise((ok) => {
    const ws = new WebSocket("wss://" + h + ":" + port + "/echo");
    ws.onopen = () => ws.send("hi " + h);
    ws.onmessage = (e) => { ws.close(); ok(e.data); };
    ws.onerror = () => ok("error " + h);
  }));
}
return out;`
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			outs, version, err := Eval(ctx, e, Options{}, Probe{Scripts: []string{script, `throw new TypeError("no")`}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			json.Unmarshal(outs[0].Value, &got)
			want := []string{"https:", "hi 127.0.0.1", "hi good.example.com", "hi api.example.com"}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: got %q (error %q), want %q", version, got, outs[0].Error, want)
			}
			if outs[1].Error != "TypeError: no" {
				t.Errorf("a throwing script: got %+v", outs[1])
			}
		})
	}
}

// TestProxy: CONNECT to any name tunnels to 127.0.0.1 (TLS end to end),
// and a plain request to any name is forwarded to 127.0.0.1.
func TestProxy(t *testing.T) {
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := wstest.Start("127.0.0.1:0", cert, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "host "+r.Host)
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	plain, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(plain, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "plain "+r.Host) }))
	defer plain.Close()
	p, err := StartProxy()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()

	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	client := &http.Client{Transport: &http.Transport{
		Proxy:           http.ProxyURL(&url.URL{Scheme: "http", Host: p.Addr}),
		TLSClientConfig: &tls.Config{RootCAs: pool},
	}}
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	_, plainPort, _ := net.SplitHostPort(plain.Addr().String())
	for u, want := range map[string]string{
		"https://good.example.com:" + port + "/x":   "host good.example.com:" + port,
		"http://api.example.com:" + plainPort + "/": "plain api.example.com:" + plainPort,
	} {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != want {
			t.Errorf("%s: got %q, want %q", u, b, want)
		}
	}
}

// TestWatch: a connection from a watched process to an address the
// watcher does not allow is reported. The test stays on loopback: it allows
// only 127.0.0.1 and connects to 127.0.0.2.
func TestWatch(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	w := watch(os.Getpid(), func(ip net.IP) bool { return ip.Equal(net.IPv4(127, 0, 0, 1)) })
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	// Until a sample has seen it (every 100 ms; a loaded machine may take longer).
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		w.mu.Lock()
		n := len(w.bad)
		w.mu.Unlock()
		if n > 0 {
			break
		}
	}
	c.Close()
	bad := w.Stop()
	if !strings.Contains(strings.Join(bad, "\n")+"\n", " tcp "+ln.Addr().String()+"\n") {
		t.Errorf("got %q, want the connection to %s", bad, ln.Addr())
	}
	if bad := Watch(os.Getpid()).Stop(); len(bad) != 0 {
		t.Errorf("loopback only, yet: %q", bad)
	}
}

func TestParseAddr(t *testing.T) {
	for in, want := range map[string]string{
		"0100007F:1F90":                         "127.0.0.1:8080",
		"0101A8C0:0035":                         "192.168.1.1:53",
		"00000000000000000000000001000000:01BB": "[::1]:443",
		"0000000000000000FFFF00000100007F:0050": "127.0.0.1:80",
	} {
		ip, port, ok := parseAddr(in)
		if !ok {
			t.Errorf("%s: not parsed", in)
			continue
		}
		if got := net.JoinHostPort(ip.String(), strconv.Itoa(port)); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}
