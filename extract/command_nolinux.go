//go:build unix && !linux

package extract

import "syscall"

// setParentDeathSignal does nothing: only Linux sends a signal to a child
// when its parent dies. The program sees the end of its input instead.
func setParentDeathSignal(*syscall.SysProcAttr) {}
