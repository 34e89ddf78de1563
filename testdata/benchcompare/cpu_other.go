//go:build !unix

package main

import "time"

var startTime = time.Now()

// processorSeconds falls back to clock time where the processor time is not read.
func processorSeconds() float64 { return time.Since(startTime).Seconds() }
