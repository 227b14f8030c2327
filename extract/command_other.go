//go:build !unix

package extract

import "os/exec"

// setProcessGroup does nothing where there are no process groups.
func setProcessGroup(*exec.Cmd) {}

// killGroup kills the program, when it is still running.
func killGroup(cmd *exec.Cmd) {
	_ = cmd.Process.Kill()
}
