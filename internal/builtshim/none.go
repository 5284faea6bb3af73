//go:build !wxrunshim

package builtshim

// Files has nothing to give without the wxrunshim tag.
func Files() (wxJS, wxWasm []byte, ok bool) { return nil, nil, false }
