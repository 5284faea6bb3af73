package wxrun

import (
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
)

// binding is the function wxrun adds to each page (Runtime.addBinding);
// page/runner.js reports the outcome through it.
const binding = "__wxrunReport"

// pageReport is what runner.js sends when the file is finished.
type pageReport struct {
	Status    string   `json:"status"` // pass or fail
	Reason    string   `json:"reason"` // wxrun.fail's argument
	Errors    int      `json:"errors"`
	Unhandled []string `json:"unhandled"`
	Wrapped   string   `json:"wrapped"` // instead of an outcome: require() loaded this file
	Alias     string   `json:"alias"`   // and a blob: URL stands for it (see runner.js)
}

// collector gathers a page's DevTools events (in order, from chromedp's
// event goroutine) into the run's console and failures. Only the execution
// contexts made while it collects are the run's (own): the host page and
// anything of an earlier file's are not, so nothing the last file left in
// flight can speak for this one. Its report counts only from the file's
// own document, where runner.js runs, not from a frame the file made.
type collector struct {
	r      *run
	t0     time.Time
	tab    target.ID // the slot's tab: its main frame (the host page) has the same id
	mu     sync.Mutex
	ctxs   map[runtime.ExecutionContextID]bool // made while this run's page was open
	frame  string                              // the file's frame
	main   runtime.ExecutionContextID          // the default context of its document
	msgs   []Message
	excs   []exception // uncaught errors and unhandled rejections
	third  []string    // exceptions the shim caught in callbacks (thirdScriptError)
	closed bool        // the outcome is known: later events are not the file's

	report  chan pageReport
	crashed chan string
	fail    chan struct{} // an uncaught error or a thirdScriptError was seen
	once    sync.Once
}

type exception struct {
	id      int64
	text    string // the first line, with where
	msg     int    // index in msgs
	revoked bool
}

func newCollector(r *run) *collector {
	return &collector{r: r, t0: time.Now(), ctxs: map[runtime.ExecutionContextID]bool{},
		report: make(chan pageReport, 1), crashed: make(chan string, 1), fail: make(chan struct{}, 1)}
}

func (c *collector) event(ev any) {
	switch e := ev.(type) {
	case *runtime.EventExecutionContextCreated:
		c.created(e.Context)
	case *runtime.EventConsoleAPICalled:
		if c.own(e.ExecutionContextID) {
			c.console(e)
		}
	case *runtime.EventExceptionThrown:
		if c.own(e.ExceptionDetails.ExecutionContextID) {
			c.exception(e.ExceptionDetails)
		}
	case *runtime.EventExceptionRevoked:
		c.revoke(e.ExceptionID)
	case *runtime.EventBindingCalled:
		if e.Name != binding || !c.fromMain(e.ExecutionContextID) {
			return
		}
		var rep pageReport
		if err := json.Unmarshal([]byte(e.Payload), &rep); err != nil {
			rep = pageReport{Status: "fail", Reason: "wxrun: the page's report could not be read: " + err.Error()}
		}
		if rep.Wrapped != "" { // not the outcome: a file require() loaded
			c.r.markWrapped(rep.Wrapped, rep.Alias)
			return
		}
		select {
		case c.report <- rep:
		default:
		}
	case *inspector.EventTargetCrashed:
		c.gone("the page crashed (its renderer process died: out of memory, or a browser bug)")
	case *inspector.EventDetached:
		c.gone("the page was detached from DevTools: " + string(e.Reason))
	}
}

// created notes a context of the run's page: its own document's, a frame's.
func (c *collector) created(d *runtime.ExecutionContextDescription) {
	var aux struct {
		IsDefault bool   `json:"isDefault"`
		FrameID   string `json:"frameId"`
	}
	json.Unmarshal(d.AuxData, &aux)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ctxs[d.ID] = true
	// The file's frame is the first frame whose document appears (a
	// frame it makes comes later); it stays the file's when it reloads.
	if aux.IsDefault && aux.FrameID != "" && aux.FrameID != string(c.tab) {
		if c.frame == "" {
			c.frame = aux.FrameID
		}
		if aux.FrameID == c.frame {
			c.main = d.ID
		}
	}
}

func (c *collector) own(id runtime.ExecutionContextID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ctxs[id]
}

func (c *collector) mainContext() runtime.ExecutionContextID {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.main
}

func (c *collector) fromMain(id runtime.ExecutionContextID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return id != 0 && id == c.main
}

func (c *collector) gone(why string) {
	c.once.Do(func() { c.crashed <- why })
}

func (c *collector) add(m Message) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return -1
	}
	m.At = time.Since(c.t0)
	c.msgs = append(c.msgs, m)
	return len(c.msgs) - 1
}

// note is a line of wxrun's own (the proxy, the file server).
func (c *collector) note(level, text string) {
	c.add(Message{Level: level, Text: text})
}

var levels = map[runtime.APIType]string{
	runtime.APITypeDebug:   "debug",
	runtime.APITypeInfo:    "info",
	runtime.APITypeWarning: "warn",
	runtime.APITypeError:   "error",
	runtime.APITypeAssert:  "error",
	runtime.APITypeTrace:   "log",
}

func (c *collector) console(e *runtime.EventConsoleAPICalled) {
	level := levels[e.Type]
	if level == "" {
		level = "log"
	}
	switch e.Type {
	case runtime.APITypeEndGroup, runtime.APITypeClear, runtime.APITypeProfile, runtime.APITypeProfileEnd:
		return
	}
	text := formatArgs(e.Args)
	if e.Type == runtime.APITypeAssert {
		text = "Assertion failed: " + text
	}
	// The shim reports an exception thrown by a user callback as the phone
	// does (thirdScriptError, spec section 5): the callback threw, so the
	// file fails, as with any uncaught error.
	if e.Type == runtime.APITypeError && len(e.Args) > 0 && e.Args[0].Type == runtime.TypeString &&
		strings.HasPrefix(str(e.Args[0]), "thirdScriptError") {
		text = c.r.display(str(e.Args[0]))
		c.mu.Lock()
		c.third = append(c.third, thirdReason(text))
		c.mu.Unlock()
		c.add(Message{Level: "error", Text: text})
		c.failing()
		return
	}
	c.add(Message{Level: level, Text: c.r.display(text), Where: c.where(e.StackTrace)})
}

func (c *collector) where(st *runtime.StackTrace) string {
	f := c.userFrame(st)
	if f == nil {
		return ""
	}
	return c.r.location(f.URL, int(f.LineNumber)+1, int(f.ColumnNumber)+1)
}

// userFrame is the first frame of st in the user's files, or else the first.
func (c *collector) userFrame(st *runtime.StackTrace) *runtime.CallFrame {
	if st == nil || len(st.CallFrames) == 0 {
		return nil
	}
	for _, f := range st.CallFrames {
		if strings.HasPrefix(f.URL, c.r.fileURL) {
			return f
		}
	}
	return st.CallFrames[0]
}

func (c *collector) exception(d *runtime.ExceptionDetails) {
	text := d.Text
	if d.Exception != nil {
		desc := d.Exception.Description
		if desc == "" {
			desc = format(d.Exception, false)
		}
		// "Uncaught" + "Error: boom": one line, as the console shows it.
		text = strings.TrimSuffix(text, " ") + " " + desc
	}
	text = c.r.display(text)
	url, line, col := c.r.unalias(d.URL), int(d.LineNumber)+1, int(d.ColumnNumber)+1
	if f := c.userFrame(d.StackTrace); f != nil {
		url, line, col = f.URL, int(f.LineNumber)+1, int(f.ColumnNumber)+1
	}
	where := c.r.location(url, line, col)
	if src, ok := c.r.source(url); ok && !strings.Contains(text, "\n    at ") {
		// No stack (a syntax error): show the line.
		if ex := excerpt(src, line, c.r.column(url, line, col)); ex != "" {
			text += "\n" + ex
		}
	}
	i := c.add(Message{Level: "error", Text: text, Where: where})
	if i < 0 {
		return
	}
	first := firstLines(text, 1)
	if where != "" {
		first += " (" + where + ")"
	}
	c.mu.Lock()
	c.excs = append(c.excs, exception{id: d.ExceptionID, text: first, msg: i})
	c.mu.Unlock()
	c.failing()
}

// failing tells Run that the file has failed: a page that keeps busy (a
// heartbeat) would otherwise run to its timeout before saying so.
func (c *collector) failing() {
	select {
	case c.fail <- struct{}{}:
	default:
	}
}

// thirdReason makes the shim's report of a callback's exception one line:
// "thirdScriptError: Error: boom (app.js:3:9, in wx.onSocketOpen)".
func thirdReason(text string) string {
	lines := strings.Split(text, "\n")
	if len(lines) < 2 {
		return text
	}
	msg, where, in := lines[1], "", strings.TrimPrefix(strings.TrimSpace(lines[len(lines)-1]), "at ")
	for _, l := range lines[2 : len(lines)-1] {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "at ") {
			where = strings.TrimPrefix(t, "at ")
			if i := strings.LastIndex(where, "("); i >= 0 && strings.HasSuffix(where, ")") {
				where = where[i+1 : len(where)-1]
			}
			break
		}
	}
	if where != "" {
		return "thirdScriptError: " + msg + " (" + where + ", in " + in + ")"
	}
	return "thirdScriptError: " + msg + " (in " + in + ")"
}

// revoke: a rejection that was unhandled got a handler after all.
func (c *collector) revoke(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.excs {
		if c.excs[i].id == id && !c.excs[i].revoked {
			c.excs[i].revoked = true
			if m := c.excs[i].msg; m >= 0 && m < len(c.msgs) {
				c.msgs[m].Level = "warn"
				c.msgs[m].Text += "\n(handled later: not a failure)"
			}
		}
	}
}

// failure is why the file failed, from what the page showed, or "".
func (c *collector) failure() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.excs {
		if !e.revoked {
			return e.text
		}
	}
	if len(c.third) > 0 {
		return c.third[0]
	}
	return ""
}

// finish ends collection and hands over the console.
func (c *collector) finish() []Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	return c.msgs
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " ")
}
