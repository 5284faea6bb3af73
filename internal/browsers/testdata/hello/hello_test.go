//go:build js && wasm

// Package hello is the program browsers_test.go runs in each engine: it
// writes to stdout and stderr in a known order and fails when asked to.
package hello

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestOutput(t *testing.T) {
	fmt.Println("stdout 1, HELLO_WHO=" + os.Getenv("HELLO_WHO"))
	fmt.Fprintln(os.Stderr, "stderr 2")
	fmt.Print("stdout 3 ")
	fmt.Println("with a multi-byte rune: é 世界")
	fmt.Println("args " + strings.Join(os.Args[1:], " "))
}

// TestFiles reads its testdata through the runner's read-only file system;
// a write is refused.
func TestFiles(t *testing.T) {
	b, err := os.ReadFile("testdata/greeting.txt")
	fmt.Printf("read %q %v\n", b, err)
	entries, err := os.ReadDir("testdata")
	for _, e := range entries {
		fmt.Println("entry " + e.Name())
	}
	if err != nil {
		fmt.Println("readdir:", err)
	}
	fmt.Println("write refused:", os.WriteFile("testdata/new.txt", []byte("x"), 0o644) != nil)
	_, err = os.ReadFile("../../browsers.go")
	fmt.Println("outside refused:", err != nil)
}

func TestFailWhenAsked(t *testing.T) {
	if os.Getenv("HELLO_FAIL") != "" {
		t.Fatal("asked to fail")
	}
}
