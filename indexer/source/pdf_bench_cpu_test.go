//go:build unix

package source

import (
	"syscall"
	"testing"
	"time"
)

// cpuMetric reports, when the returned function is called, the CPU time
// of this process (or of its child processes) per operation since it was
// called.
func cpuMetric(b *testing.B, children bool) func() {
	who := syscall.RUSAGE_SELF
	if children {
		who = syscall.RUSAGE_CHILDREN
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(who, &ru); err != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpu()-start)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}
