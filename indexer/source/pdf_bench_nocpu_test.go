//go:build !unix

package source

import "testing"

// cpuMetric: no CPU time is measured here.
func cpuMetric(b *testing.B, children bool) func() { return func() {} }
