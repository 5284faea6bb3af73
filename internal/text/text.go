// Package text holds the small string and number helpers the shim and the
// rules package need, hand-written because strings, strconv and net/netip
// cost 76 KB to 155 KB of wasm (their Unicode tables and generic code), and
// every string the shim compares by case (URL schemes, header names, host
// names from the URL parser) is ASCII. It has no build tags: text_test.go
// checks it against strings and strconv in a plain `go test`. (Host
// addresses, a rule, live in internal/rules.)
package text

// Lower is strings.ToLower for ASCII letters; other bytes stay as they are.
//
//go:noinline
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// HasPrefix is strings.HasPrefix.
func HasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// HasSuffix is strings.HasSuffix.
func HasSuffix(s, p string) bool { return len(s) >= len(p) && s[len(s)-len(p):] == p }

// HasPrefixFold is HasPrefix with ASCII letters matched in either case.
func HasPrefixFold(s, p string) bool { return len(s) >= len(p) && Lower(s[:len(p)]) == p }

// Contains is strings.Contains.
func Contains(s, sub string) bool { return Index(s, sub) >= 0 }

// Index is strings.Index.
//
//go:noinline
func Index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TrimSpace trims ASCII white space (strings.TrimSpace without Unicode spaces).
func TrimSpace(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' }
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// Split is strings.Split with a one-byte separator.
//
//go:noinline
func Split(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// Itoa is strconv.Itoa.
func Itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Atoi reads a decimal number of at most 9 digits; ok is false otherwise.
func Atoi(s string, base int) (n int, ok bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		d := Digit(s[i])
		if d < 0 || d >= base {
			return 0, false
		}
		n = n*base + d
	}
	return n, true
}

// Digit is c's value as a digit of base up to 16, or -1 (the URL and host
// parsers of internal/rules read hex with it too).
func Digit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
