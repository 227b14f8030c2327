//go:build !unix

package extract

import "os/exec"

// setProcessGroup does nothing where there are no process groups.
func setProcessGroup(*exec.Cmd) {}

// killProcess kills the program.
func killProcess(cmd *exec.Cmd) {
	_ = cmd.Process.Kill()
}
