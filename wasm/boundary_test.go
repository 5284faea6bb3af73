//go:build !js

package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"wxsocket/wasm/glue"
)

// TestOneBoundary keeps contract.go the whole boundary with JavaScript (see
// its opening comment): no other file of the shim calls a JavaScript
// function, reads or writes a property, or makes a JavaScript value. What the
// rest reads of the page's own objects goes through internal/jsx, which
// catches what they throw; converting a value in hand (String, Int, Bool,
// Type) is not a call and is allowed everywhere.
func TestOneBoundary(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	// The syscall/js methods and functions that reach JavaScript.
	calls := map[string]bool{
		"Call": true, "Get": true, "Set": true, "New": true, "Invoke": true, "Index": true,
		"SetIndex": true, "Length": true, "Delete": true, "InstanceOf": true,
	}
	jsFuncs := map[string]bool{"Global": true, "ValueOf": true, "FuncOf": true, "CopyBytesToGo": true, "CopyBytesToJS": true}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "contract.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		pkgs := map[string]string{} // local name -> import path
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			local := path[strings.LastIndex(path, "/")+1:]
			if im.Name != nil {
				local = im.Name.Name
			}
			pkgs[local] = path
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && pkgs[id.Name] != "" {
				if pkgs[id.Name] == "syscall/js" && jsFuncs[sel.Sel.Name] {
					t.Errorf("%s: js.%s outside contract.go", fset.Position(call.Pos()), sel.Sel.Name)
				}
				return true // a package's function: jsx.Get and the like
			}
			if calls[sel.Sel.Name] {
				t.Errorf("%s: .%s(...) outside contract.go: JavaScript is reached through contract.go or internal/jsx", fset.Position(call.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if checked < 8 {
		t.Fatalf("checked %d files: run from the wasm directory", checked)
	}
}

// TestGlueOffersWhatGoCalls holds contract.go's calls into the glue to
// the glue (wasm/glue's parts, joined as build/wx.js has them): every glue function Go calls by name is one the glue hands Go
// (glue.name = ...), and every field Go reads of a socket record is one
// newSocket makes. A renamed function fails here, not in a browser.
func TestGlueOffersWhatGoCalls(t *testing.T) {
	goSide, err := os.ReadFile("contract.go")
	if err != nil {
		t.Fatal(err)
	}
	glueJS := []byte(glue.Source())
	newSocket := regexp.MustCompile(`(?s)glue\.newSocket = function.*?\n  };`).Find(glueJS)
	if newSocket == nil {
		t.Fatal("the glue has no glue.newSocket")
	}
	n := 0
	for _, m := range regexp.MustCompile(`g\.v\.(Call|Get|Set)\("(\w+)"|r\.v\.Get\("(\w+)"`).FindAllSubmatch(goSide, -1) {
		n++
		if field := string(m[3]); field != "" {
			if !regexp.MustCompile(`\b` + field + `\b`).Match(newSocket) {
				t.Errorf("contract.go reads S.%s, which the glue's newSocket does not make", field)
			}
			continue
		}
		if name := string(m[2]); !regexp.MustCompile(`\bglue\.`+name+` = `).Match(glueJS) && !strings.Contains(string(glueJS), "const glue = { "+name+":") {
			t.Errorf("contract.go uses glue.%s, which the glue does not hand Go", name)
		}
	}
	if n < 15 {
		t.Fatalf("found %d glue calls in contract.go: the pattern no longer matches its code", n)
	}
}
