package text

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// The helpers stand in for strings and strconv in the wasm: each is
// checked here against the standard one, on a table and on random input.

func TestStringsTable(t *testing.T) {
	for _, s := range []string{"", "a", "ABC", "MiXeD-09", "wss://API.Example.COM", "é", "\x00\xff", " \t x \n"} {
		if got, want := Lower(s), asciiLower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
		if got, want := TrimSpace(s), strings.Trim(s, " \t\n\r\f\v"); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
		for _, p := range []string{"", "a", "wss://", "x", "AB"} {
			if HasPrefix(s, p) != strings.HasPrefix(s, p) || HasSuffix(s, p) != strings.HasSuffix(s, p) ||
				Contains(s, p) != strings.Contains(s, p) || Index(s, p) != strings.Index(s, p) {
				t.Errorf("prefix/suffix/contains/index disagree for %q, %q", s, p)
			}
			if HasPrefixFold(s, p) != strings.HasPrefix(asciiLower(s), p) {
				t.Errorf("HasPrefixFold(%q, %q)", s, p)
			}
		}
	}
}

// asciiLower lowers ASCII letters only, which is what the shim needs.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestSplitAgainstStrings(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		s := randString(r, ".:ab1", 12)
		got, want := Split(s, '.'), strings.Split(s, ".")
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("Split(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestItoaAtoiAgainstStrconv(t *testing.T) {
	for _, n := range []int{0, 1, -1, 9, 10, 99999, -123456789, 1 << 40, -(1 << 62)} {
		if got, want := Itoa(n), strconv.Itoa(n); got != want {
			t.Errorf("Itoa(%d) = %q, want %q", n, got, want)
		}
	}
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		n := r.Intn(2_000_000_000) - 1_000_000_000
		if got, want := Itoa(n), strconv.Itoa(n); got != want {
			t.Fatalf("Itoa(%d) = %q, want %q", n, got, want)
		}
	}
	for i := 0; i < 20000; i++ {
		s := randString(r, "0123456789abcdefABCDEFxg-+ ", 11)
		for _, base := range []int{10, 16} {
			n, ok := Atoi(s, base)
			w, err := strconv.ParseUint(s, base, 64)
			// Atoi takes digits only (no sign, no prefix, no underscore) and at most 9 of them.
			wantOK := err == nil && len(s) <= 9 && !strings.ContainsAny(s, "+-_xX ")
			if ok != wantOK || ok && uint64(n) != w {
				t.Fatalf("Atoi(%q, %d) = %d, %v; strconv: %d, %v", s, base, n, ok, w, err)
			}
		}
	}
}

func randString(r *rand.Rand, alphabet string, max int) string {
	n := r.Intn(max + 1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}
