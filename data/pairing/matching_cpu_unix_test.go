//go:build unix

package pairing

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time the process has used, which on a
// shared machine says more than the time on the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
