//go:build unix

package extract

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the program in a process group of its own, so that
// killing it also kills what it started (`cmd:sh -c '…'` runs the real
// extractor as a child of the shell), and, where the system can, asks for it
// to be killed when arabench dies, even by SIGKILL.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setParentDeathSignal(cmd.SysProcAttr)
}

// killGroup kills the program's process group: the program, when it is still
// running, and whatever it started that is still in the group. After the
// program exited the group lives on as long as one of its members does.
func killGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
