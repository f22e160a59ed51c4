package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles is a diagnostic for measuring where a command's time and
// memory go (docs/benchmarks.md, "Where the cost goes"): SEISAKU_CPUPROFILE
// names a file for a CPU profile of the whole run, SEISAKU_MEMPROFILE a file
// for a heap profile (allocations since start, and what is live) written at
// the end. The returned function stops and writes them.
func startProfiles(getenv func(string) string) func() {
	cpuPath, memPath := getenv("SEISAKU_CPUPROFILE"), getenv("SEISAKU_MEMPROFILE")
	var cpu *os.File
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "seisaku: cpu profile:", err)
		} else {
			cpu = f
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if memPath != "" {
			f, err := os.Create(memPath)
			if err == nil {
				runtime.GC()
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "seisaku: memory profile:", err)
			}
		}
	}
}
