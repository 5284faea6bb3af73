package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Every code block of the README runs here. HTML and JavaScript blocks run
// in Chromium against this test server, which is api.example.com for them
// (the README's server, port included) and answers /ws as an echo; the
// relay block's placeholders (URLs, secret, token) are filled in with the
// test server's relay. A block passes when it throws nothing, rejects
// nothing, and every socket it opens reaches OPEN. Shell blocks are
// checked command by command: each make target exists in the Makefile and
// each `go run` names a command of this repository (their own tests run
// them).

type block struct {
	lang, code string
	line       int
}

func readmeBlocks(t *testing.T) []block {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []block
	var cur *block
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```"), line: i + 1}
		case cur != nil && strings.HasPrefix(line, "```"):
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.code += line + "\n"
		}
	}
	if len(out) == 0 {
		t.Fatal("the README has no code blocks")
	}
	return out
}

// pageFor makes a page that runs a README block: an HTML block as it is, a
// JavaScript block after the loader. Before either, a watch on WebSocket
// and on errors.
func pageFor(b block, relayURL, plainURL, secret string) string {
	const watch = `<script>
window.problems = []; window.opened = 0; window.made = 0;
addEventListener("error", (e) => problems.push("uncaught: " + e.message));
addEventListener("unhandledrejection", (e) => problems.push("unhandled rejection: " + (e.reason && e.reason.errMsg || e.reason)));
{ const Real = WebSocket;
  window.WebSocket = function (url, p) {
    const ws = p === undefined ? new Real(url) : new Real(url, p);
    made++;
    if (!String(url).endsWith("/relay")) ws.addEventListener("open", () => opened++);
    else ws.addEventListener("message", (e) => { try { if (JSON.parse(e.data).type === "open") opened++; } catch (x) {} }, {once: true});
    return ws;
  };
  window.WebSocket.prototype = Real.prototype; }
window.token = "readme-token";
</script>`
	if b.lang == "html" {
		return "<!doctype html><meta charset=utf-8>" + watch + b.code
	}
	code := strings.ReplaceAll(b.code, `"wss://127.0.0.1:8443/relay"`, `"`+relayURL+`"`)
	code = strings.ReplaceAll(code, `"ws://127.0.0.1:8444/relay"`, `"`+plainURL+`"`)
	code = strings.ReplaceAll(code, `secret: "…"`, `secret: "`+secret+`"`)
	return "<!doctype html><meta charset=utf-8>" + watch + `<script src="/wx.js"></script><script type="module">` + code + "</script>"
}

func TestReadmeBlocks(t *testing.T) {
	r := newRig(t)
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for i, b := range readmeBlocks(t) {
		name := "README line " + strconv.Itoa(b.line) + " (" + b.lang + ")"
		switch b.lang {
		case "html", "js":
			page := "readme-" + strconv.Itoa(i) + ".html"
			pages[page] = pageFor(b, r.srv.WSS+"/relay", r.relays.plainURL(), r.relaySecret)
			var problems []string
			var made, opened int
			r.run(t,
				chromedp.Navigate(r.srv.URL+"/t/"+page),
				chromedp.Evaluate(`wxshim.ready`, nil, awaitPromise),
				// Until every socket the block made has opened (a loaded
				// machine takes its time; 10 s at most), then a moment more
				// for any it makes later.
				settle(b.code),
				chromedp.Sleep(300*time.Millisecond),
				chromedp.Evaluate(`problems`, &problems),
				chromedp.Evaluate(`made`, &made),
				chromedp.Evaluate(`opened`, &opened),
			)
			if len(problems) > 0 || opened != made || strings.Contains(b.code, "connectSocket") && made == 0 {
				t.Errorf("%s: problems %q; %d sockets made, %d opened", name, problems, made, opened)
			}
			t.Logf("%s: %d sockets made, %d opened", name, made, opened)
			ran++
		case "sh", "":
			for _, line := range strings.Split(strings.TrimSpace(b.code), "\n") {
				checkCommand(t, name, strings.TrimSpace(strings.SplitN(line, "#", 2)[0]), string(makefile))
			}
			ran++
		case "go":
			ran++ // Go blocks are the examples' own code: examples/ runs them.
		case "js wxrun":
			ran++ // a wxrun script: cmd/wxrun's TestReadmeExample runs it with the command.
		default:
			t.Errorf("%s: a block of a kind this test cannot run", name)
		}
	}
	t.Logf("%d README blocks checked", ran)
}

var makeTarget = regexp.MustCompile(`(?m)^([a-z][a-z-]*):`)

// checkCommand checks that a shell line of the README names what exists.
func checkCommand(t *testing.T, where, line, makefile string) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return
	}
	switch {
	case f[0] == "make":
		for _, m := range makeTarget.FindAllStringSubmatch(makefile, -1) {
			if len(f) > 1 && m[1] == f[1] {
				return
			}
		}
		t.Errorf("%s: %q: no such make target", where, line)
	case f[0] == "go" && len(f) > 2 && (f[1] == "run" || f[1] == "install"):
		pkg := strings.TrimSuffix(strings.TrimPrefix(f[2], "./"), "@latest")
		if _, err := os.Stat(filepath.Join(root, pkg)); err != nil {
			t.Errorf("%s: %q: %v", where, line, err)
		}
	default:
		if _, err := exec.LookPath(f[0]); err != nil && !strings.HasPrefix(f[0], "./") {
			t.Errorf("%s: %q: %s is not a command here", where, line, f[0])
		}
	}
}

// settle waits, in a block that connects, until the page's sockets have all
// opened (at least one made), or 10 s, whichever comes first.
func settle(code string) chromedp.Action {
	if !strings.Contains(code, "connectSocket") {
		return chromedp.Sleep(200 * time.Millisecond)
	}
	return chromedp.Evaluate(settled, nil, awaitPromise)
}

const settled = `new Promise((done) => {
  const t0 = Date.now();
  const check = () => (made > 0 && opened === made) || Date.now() - t0 > 10000 ? done(true) : setTimeout(check, 50);
  setTimeout(check, 200);
})`
