package relay_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/browsers"
)

// credServer records the Authorization of each handshake under /cred/ and
// answers:
//
//	/cred/plain    accepts, and sends the Authorization it got
//	/cred/basic    401 with a Basic challenge until it gets an
//	               Authorization, then the same as /cred/plain
//	/cred/bearer   always 401 with a Bearer challenge
type credServer struct {
	mu   sync.Mutex
	seen []string
}

func (s *credServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/cred/") {
		http.NotFound(w, r)
		return
	}
	auth := r.Header.Get("Authorization")
	s.mu.Lock()
	s.seen = append(s.seen, fmt.Sprintf("%s %q", r.URL.Path, auth))
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/cred/bearer":
		w.Header().Set("WWW-Authenticate", `Bearer realm="wx"`)
		http.Error(w, "no", http.StatusUnauthorized)
		return
	case r.URL.Path == "/cred/basic" && auth == "":
		w.Header().Set("WWW-Authenticate", `Basic realm="wx"`)
		http.Error(w, "who?", http.StatusUnauthorized)
		return
	}
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer c.CloseNow()
	c.Write(r.Context(), websocket.MessageText, []byte("auth="+auth))
	c.Read(r.Context())
}

func (s *credServer) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := s.seen
	s.seen = nil
	return seen
}

// The targets, each with credentials in its URL; /cred/basic's are
// percent-encoded ("u:x" and "p@"). /cred/basic comes last: once it has
// answered, Firefox and WebKit send its credentials unasked to the paths
// beside it.
var credTargets = []string{"u:p@HOST/cred/plain", "u:p@HOST/cred/bearer", "u%3Ax:p%40@HOST/cred/basic"}

// TestURLCredentialsAsABrowserSendsThem: a target URL with user:pass@ makes
// the upstream see what it sees from a browser's own WebSocket to that URL,
// asked of each engine here: no Authorization at first; Basic from the
// URL's credentials (percent-decoded) only when a 401 asks for Basic.
func TestURLCredentialsAsABrowserSendsThem(t *testing.T) {
	want := strings.Join([]string{
		`/cred/plain ""`, `/cred/bearer ""`, `/cred/basic ""`, `/cred/basic "Basic dTp4OnBA"`,
	}, "\n")

	// The relay.
	srv := &credServer{}
	r := newRig(t, nil)
	r.extra.Handle("/cred/", srv)
	var got []string
	for _, target := range credTargets {
		c, rep := r.send(first("wss://" + strings.Replace(target, "HOST", hostPort(r.up), 1)))
		switch {
		case strings.Contains(target, "bearer"):
			r.wantFailed(c, rep, 4502, "HTTP 401 Unauthorized")
		case rep.Type != "open":
			t.Fatalf("%s: %s", target, rep.raw)
		default:
			_, b, err := c.Read(ctxT(t))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(b))
		}
	}
	if seen := strings.Join(srv.take(), "\n"); seen != want {
		t.Errorf("through the relay, the upstream saw:\n%s\nwant:\n%s", seen, want)
	}
	if g := strings.Join(got, ","); g != "auth=,auth=Basic dTp4OnBA" {
		t.Errorf("the pages got %s", g)
	}
	if logs := r.logs.String(); strings.Contains(logs, "u:p") || strings.Contains(logs, "p%40") {
		t.Errorf("credentials reached the log:\n%s", logs)
	}

	// An Authorization in header wins: the URL's are never sent.
	m := first("wss://" + strings.Replace(credTargets[2], "HOST", hostPort(r.up), 1))
	m["header"] = map[string]string{"Authorization": "Bearer t"}
	r.open(m)
	if seen := strings.Join(srv.take(), "\n"); seen != `/cred/basic "Bearer t"` {
		t.Errorf("with header Authorization, the upstream saw:\n%s", seen)
	}

	// The engines.
	script := `const host = new URL(ECHO).host, out = [];
for (const target of ` + jsList(credTargets) + `) {
  out.push(await new Promise((ok) => {
    const ws = new WebSocket("wss://" + target.replace("HOST", host));
    ws.onmessage = (e) => { ok(e.data); ws.close(); };
    ws.onclose = () => ok("closed");
  }));
}
return out.join(",");`
	for _, e := range browsers.Engines {
		t.Run(string(e), func(t *testing.T) {
			srv := &credServer{}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			outs, version, err := browsers.Eval(ctx, e, browsers.Options{}, browsers.Probe{Scripts: []string{script}, Files: srv})
			if err != nil {
				t.Fatal(err)
			}
			if outs[0].Error != "" || string(outs[0].Value) != `"auth=,closed,auth=Basic dTp4OnBA"` {
				t.Errorf("%s: the page got %s %s", version, outs[0].Value, outs[0].Error)
			}
			if seen := strings.Join(srv.take(), "\n"); seen != want {
				t.Errorf("%s: from the browser, the server saw:\n%s\nwant (what the relay sends):\n%s", version, seen, want)
			}
		})
	}
}

func jsList(ss []string) string {
	return `["` + strings.Join(ss, `", "`) + `"]`
}
