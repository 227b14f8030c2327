package extract

import "syscall"

// setParentDeathSignal has the kernel send SIGKILL to the program when the
// thread that started it ends, which for a Go program that never locks
// threads is when the program ends, however it ends. The signal reaches the
// program itself, not what it started: those see the end of their input and
// a broken output pipe.
func setParentDeathSignal(attr *syscall.SysProcAttr) {
	attr.Pdeathsig = syscall.SIGKILL
}
