//go:build unix

package analyzers

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time this process has used, GC included. On a
// shared machine it measures throughput more steadily than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
