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

func TestFailWhenAsked(t *testing.T) {
	if os.Getenv("HELLO_FAIL") != "" {
		t.Fatal("asked to fail")
	}
}
