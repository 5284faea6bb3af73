//go:build !js

package wstest

import "os/exec"

var execLookPath = exec.LookPath
