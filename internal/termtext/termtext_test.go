package termtext

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"plain text, tabs\tand \\backslashes\\ stay", "plain text, tabs\tand \\backslashes\\ stay"},
		{"中文 and emoji 🙂 stay", "中文 and emoji 🙂 stay"},
		{"HTTP 403 \x1b]0;pwned\x07Forbidden", `HTTP 403 \x1b]0;pwned\aForbidden`},
		{"ok\rPASS other.js (0.01s)", `ok\rPASS other.js (0.01s)`},
		{"two\nlines", `two\nlines`},
		{"\x00\x08\x7f", `\x00\b\x7f`},
		{"c1 \u009b31m red", `c1 \u009b31m red`},
		{"abc\u202eFAIL\u2066x\u2069", `abc\u202eFAIL\u2066x\u2069`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Nothing a terminal acts on survives, whatever the input: every rune of
// the first 0x3000 and every byte value.
func TestEscapeLeavesNoControl(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		b.WriteRune(r)
	}
	for c := 0; c < 256; c++ {
		b.WriteByte(byte(c))
	}
	for _, r := range Escape(b.String()) {
		if unsafe(r) || r == '\uFFFD' {
			t.Fatalf("%U survived", r)
		}
	}
}

// Text with nothing to escape is the same string, not a copy.
func TestEscapeSafeTextUnchanged(t *testing.T) {
	s := strings.Repeat("relay: 127.0.0.1:5: open wss://api.example.com/ws in 1.2 ms ", 10)
	if got := Escape(s); got != s {
		t.Fatal("changed")
	}
	if n := testing.AllocsPerRun(100, func() { Escape(s) }); n != 0 {
		t.Errorf("%v allocations for text with nothing to escape", n)
	}
}
