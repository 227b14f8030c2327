//go:build unix

package extract

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the program in a process group of its own, so that
// killing it also kills what it started (`cmd:sh -c '…'` runs the real
// extractor as a child of the shell).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killProcess kills the program's process group.
func killProcess(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
