package wxrun

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/runtime"
)

// This file turns DevTools' remote objects into the text a console shows:
// strings as they are at the top level and quoted inside objects, objects
// from their previews, errors with their stacks.

// formatArgs is console.log's formatting: a first string argument may
// carry %s %d %i %f %o %O %c, and the rest follow, space-separated.
func formatArgs(args []*runtime.RemoteObject) string {
	var parts []string
	if len(args) > 0 && args[0].Type == runtime.TypeString {
		f := str(args[0])
		rest := args[1:]
		var b strings.Builder
		for i := 0; i < len(f); i++ {
			if f[i] != '%' || i+1 == len(f) {
				b.WriteByte(f[i])
				continue
			}
			verb := f[i+1]
			switch {
			case verb == '%':
				b.WriteByte('%')
			case strings.IndexByte("sdifoOc", verb) >= 0 && len(rest) > 0:
				a := rest[0]
				rest = rest[1:]
				switch verb {
				case 's':
					b.WriteString(format(a, true))
				case 'd', 'i':
					b.WriteString(number(a, true))
				case 'f':
					b.WriteString(number(a, false))
				case 'o', 'O':
					b.WriteString(format(a, false))
				case 'c': // CSS: nothing to show in a terminal
				}
			default:
				b.WriteByte('%')
				b.WriteByte(verb)
			}
			i++
		}
		parts = append(parts, b.String())
		args = rest
	}
	for _, a := range args {
		parts = append(parts, format(a, true))
	}
	return strings.Join(parts, " ")
}

func str(o *runtime.RemoteObject) string {
	var s string
	if json.Unmarshal(o.Value, &s) == nil {
		return s
	}
	return string(o.Value)
}

func number(o *runtime.RemoteObject, integer bool) string {
	var f float64
	if o.Type == runtime.TypeNumber && json.Unmarshal(o.Value, &f) == nil {
		if integer {
			return strconv.FormatInt(int64(f), 10)
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return "NaN"
}

// format is one value; top says it is an argument of its own (strings are
// shown bare) rather than inside an object (strings are quoted).
func format(o *runtime.RemoteObject, top bool) string {
	switch o.Type {
	case runtime.TypeString:
		if top {
			return str(o)
		}
		return strconv.Quote(str(o))
	case runtime.TypeUndefined:
		return "undefined"
	case runtime.TypeNumber, runtime.TypeBoolean, runtime.TypeBigint:
		if o.UnserializableValue != "" {
			return string(o.UnserializableValue)
		}
		if len(o.Value) > 0 {
			return string(o.Value)
		}
		return o.Description
	case runtime.TypeSymbol:
		return o.Description
	case runtime.TypeFunction:
		return "[Function " + funcName(o.Description) + "]"
	}
	switch o.Subtype {
	case runtime.SubtypeNull:
		return "null"
	case runtime.SubtypeError, runtime.SubtypeRegexp, runtime.SubtypeDate:
		return o.Description
	}
	if o.Preview != nil {
		return preview(o.Preview)
	}
	if len(o.Value) > 0 {
		return string(o.Value)
	}
	return o.Description
}

func funcName(src string) string {
	src = strings.TrimSpace(src)
	for _, p := range []string{"async function", "function", "class"} {
		if rest, ok := strings.CutPrefix(src, p); ok {
			rest = strings.TrimLeft(rest, " *")
			if i := strings.IndexAny(rest, "( {"); i > 0 {
				return rest[:i]
			}
		}
	}
	return "(anonymous)"
}

func preview(p *runtime.ObjectPreview) string {
	var items []string
	switch p.Subtype {
	case runtime.SubtypeArray, runtime.SubtypeTypedarray:
		for _, pp := range p.Properties {
			items = append(items, propValue(pp))
		}
		if p.Overflow {
			items = append(items, "…")
		}
		s := "[" + strings.Join(items, ", ") + "]"
		if p.Subtype == runtime.SubtypeTypedarray || (p.Description != "" && !strings.HasPrefix(p.Description, "Array(")) {
			return p.Description + " " + s
		}
		return s
	case runtime.SubtypeMap, runtime.SubtypeSet:
		for _, e := range p.Entries {
			v := preview(e.Value)
			if e.Key != nil {
				v = preview(e.Key) + " => " + v
			}
			items = append(items, v)
		}
		if p.Overflow {
			items = append(items, "…")
		}
		return p.Description + " {" + strings.Join(items, ", ") + "}"
	case runtime.SubtypeError, runtime.SubtypeRegexp, runtime.SubtypeDate, runtime.SubtypeNull:
		return p.Description
	}
	if p.Type != runtime.TypeObject {
		return p.Description
	}
	for _, pp := range p.Properties {
		items = append(items, pp.Name+": "+propValue(pp))
	}
	if p.Overflow {
		items = append(items, "…")
	}
	s := "{" + strings.Join(items, ", ") + "}"
	if p.Description != "" && p.Description != "Object" {
		return p.Description + " " + s
	}
	return s
}

func propValue(pp *runtime.PropertyPreview) string {
	switch {
	case pp.ValuePreview != nil:
		return preview(pp.ValuePreview)
	case pp.Type == runtime.TypeString:
		return strconv.Quote(pp.Value)
	case pp.Type == runtime.TypeFunction:
		return "[Function]"
	case pp.Type == runtime.TypeAccessor:
		return "(getter)"
	}
	return pp.Value
}

// excerpt is line (1-based) of src with a caret under column (1-based), for
// a syntax error: the browser says where, this shows what is there.
func excerpt(src string, line, col int) string {
	if line < 1 {
		return ""
	}
	lines := strings.Split(src, "\n")
	if line > len(lines) {
		return ""
	}
	text := strings.TrimRight(strings.ReplaceAll(lines[line-1], "\t", " "), "\r")
	if len(text) > 200 {
		return ""
	}
	num := strconv.Itoa(line)
	pad := strings.Repeat(" ", len(num))
	caret := ""
	if col >= 1 && col <= len(text)+1 {
		caret = fmt.Sprintf("\n%s | %s^", pad, strings.Repeat(" ", col-1))
	}
	return fmt.Sprintf("%s | %s%s", num, text, caret)
}
