package wxrun

import (
	"testing"

	"github.com/chromedp/cdproto/runtime"
)

func TestFormatArgs(t *testing.T) {
	s := func(v string) *runtime.RemoteObject {
		return &runtime.RemoteObject{Type: runtime.TypeString, Value: []byte(`"` + v + `"`)}
	}
	n := func(v string) *runtime.RemoteObject {
		return &runtime.RemoteObject{Type: runtime.TypeNumber, Value: []byte(v), Description: v}
	}
	obj := &runtime.RemoteObject{Type: runtime.TypeObject, ClassName: "Object", Description: "Object", Preview: &runtime.ObjectPreview{
		Type: runtime.TypeObject, Description: "Object", Properties: []*runtime.PropertyPreview{
			{Name: "a", Type: runtime.TypeNumber, Value: "1"}, {Name: "b", Type: runtime.TypeString, Value: "x"},
		}}}
	arr := &runtime.RemoteObject{Type: runtime.TypeObject, Subtype: runtime.SubtypeArray, Description: "Array(2)", Preview: &runtime.ObjectPreview{
		Type: runtime.TypeObject, Subtype: runtime.SubtypeArray, Description: "Array(2)", Properties: []*runtime.PropertyPreview{
			{Name: "0", Type: runtime.TypeNumber, Value: "1"}, {Name: "1", Type: runtime.TypeNumber, Value: "2"},
		}}}
	for _, c := range []struct {
		args []*runtime.RemoteObject
		want string
	}{
		{[]*runtime.RemoteObject{s("hello"), n("1"), obj, arr}, `hello 1 {a: 1, b: "x"} [1, 2]`},
		{[]*runtime.RemoteObject{s("%s has %d items (%i%%)"), s("list"), n("3.7"), n("50")}, `list has 3 items (50%)`},
		{[]*runtime.RemoteObject{s("%cstyled"), s("color: red")}, `styled`},
		{[]*runtime.RemoteObject{s("%o"), obj}, `{a: 1, b: "x"}`},
		{[]*runtime.RemoteObject{s("left %s")}, `left %s`},
		{[]*runtime.RemoteObject{{Type: runtime.TypeUndefined}, {Type: runtime.TypeObject, Subtype: runtime.SubtypeNull}}, `undefined null`},
		{[]*runtime.RemoteObject{{Type: runtime.TypeNumber, UnserializableValue: "NaN"}, {Type: runtime.TypeBigint, UnserializableValue: "10n"}}, `NaN 10n`},
		{[]*runtime.RemoteObject{{Type: runtime.TypeFunction, Description: "function onOpen(res) { }"}}, `[Function onOpen]`},
		{[]*runtime.RemoteObject{{Type: runtime.TypeObject, Subtype: runtime.SubtypeError, Description: "Error: boom\n    at x.js:1:1"}}, "Error: boom\n    at x.js:1:1"},
	} {
		if got := formatArgs(c.args); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	src := "a\n\tlet x = ;\nc"
	if got, want := excerpt(src, 2, 10), "2 |  let x = ;\n  |          ^"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if excerpt(src, 9, 1) != "" || excerpt(src, 0, 1) != "" {
		t.Error("a line that is not there")
	}
}
