package wxrun

import (
	"fmt"
	"strings"
	"time"
)

// Result is how one file went.
type Result struct {
	Name    string        // the file, as given (or Script.Name)
	Pass    bool          // see the package doc for what passing means
	Reason  string        // why it failed, one line when it can be
	Console []Message     // console output, uncaught errors and wxrun's own notes, in order
	Elapsed time.Duration // from the start of the run to its outcome
}

// Message is one line of a page's output.
type Message struct {
	Level string        `json:"level"`           // debug, log, info, warn or error
	Text  string        `json:"text"`            // as the console would show it
	Where string        `json:"where,omitempty"` // file:line:column, when known
	At    time.Duration `json:"-"`               // since the run started
}

func (m Message) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-5s ", m.Level)
	if m.Where != "" {
		b.WriteString(m.Where + ": ")
	}
	b.WriteString(m.Text)
	return b.String()
}

// Output is the console as text, a line per message (messages of more than
// one line are indented).
func (r *Result) Output() string {
	var b strings.Builder
	for _, m := range r.Console {
		b.WriteString(strings.ReplaceAll(m.String(), "\n", "\n      "))
		b.WriteByte('\n')
	}
	return b.String()
}
