//go:build !unix

package pairing

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
