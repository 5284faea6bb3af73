// Package termtext makes text that others wrote (an upstream's status line
// in the relay's log, a test file's console output in wxrun's) safe to
// print where a person reads it: a terminal, or a log later shown in one.
// Raw, such text can act on the terminal instead of being shown: "\x1b]0;"
// retitles it, "\r" returns to the start of the line so that what follows
// overwrites what a tool printed ("PASS" over "FAIL"), "\u202e" reverses
// what a line shows.
//
// Machine-read output (JSON, JUnit XML) keeps the text exact: escape only
// what a person reads.
package termtext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with each character a terminal acts on written as an
// escape: C0 controls other than tab (`\r`, `\n`, `\x1b`, ...), DEL, the C1
// controls (`\u009b`, which some terminals take for ESC [), the
// bidirectional controls (`\u202e`, ...), and bytes that are not UTF-8
// (`\xff`). Everything else, backslashes included, is unchanged, so text
// with nothing to escape comes back as it was. Callers that keep line
// breaks split on "\n" first.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case unsafe(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstUnsafe is the index of the first byte Escape changes, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\t' || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafe(r) {
			return i
		}
		i += n
	}
	return -1
}

// unsafe reports a rune a terminal acts on rather than shows.
func unsafe(r rune) bool {
	switch {
	case r < ' ' && r != '\t', r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional controls
	}
	return false
}

// escapeRune writes r as Go would in a quoted string: \n, \r, \x1b, \u202e.
func escapeRune(r rune) string {
	q := strconv.QuoteRuneToASCII(r) // e.g. '\x1b'
	return q[1 : len(q)-1]
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
