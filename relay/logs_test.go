package relay_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestLogEscapesWhatTheUpstreamWrote: an upstream's status line with
// terminal controls (one that retitles the terminal, a carriage return that
// would let the rest overwrite the line) reaches the page exactly, in its
// "failed" reason, and the relay's log escaped.
func TestLogEscapesWhatTheUpstreamWrote(t *testing.T) {
	const status = "403 Forbidden\x1b]0;pwned\x07\rrelay: all is well"
	r := newRig(t, nil)
	r.extra.HandleFunc("/title", func(w http.ResponseWriter, req *http.Request) {
		c, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		brw.WriteString("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		brw.Flush()
	})
	c, rep := r.send(first("/title"))
	r.wantFailed(c, rep, 4502, "HTTP "+status)
	logs := r.logs.String()
	if !strings.Contains(logs, `HTTP 403 Forbidden\x1b]0;pwned\a\rrelay: all is well`) {
		t.Errorf("the log does not show the status line escaped:\n%q", logs)
	}
	for _, line := range strings.Split(logs, "\n") {
		if i := strings.IndexFunc(line, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }); i >= 0 {
			t.Errorf("a log line has a control character (%q): %q", line[i], line)
		}
	}
}
