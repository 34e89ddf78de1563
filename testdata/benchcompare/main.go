// Command benchcompare times Mutua's maximum-weight matching against LEMON 1.3's
// MaxWeightedMatching (C++, the reference implementation) on the same graphs, in one run, and
// prints a table: the family, N, the edges, the minimum time of each over several runs, the
// ratio LEMON/ours (above 1: ours is faster) and whether both found the same total weight.
// LEMON is a measuring stick only; nothing of it goes into the app.
//
// Run it with `make bench-compare` (which builds LEMON's harness first), or:
//
//	go run ./testdata/benchcompare -lemon build/bench/lemon_solve [-quick] [-family score,sparse] [-n 1000,5000] [-cap 60s] [-reps 3] [-cpu]
//
// Times are clock time, as LEMON's harness reports them. With -cpu they are processor time
// instead, which a machine busy with other work disturbs less: ours from the child's resource
// usage around the call, LEMON's from a copy of its harness whose timer reads clock()
// (-lemon-cpu; make bench-compare builds it).
//
// Each family's graph is made from a fixed seed and written in the harness's format for LEMON;
// ours solves the same edges in a child process (so a hopeless case can be stopped at -cap
// and its peak memory read), timing the call to pairing.MaxWeightMatching alone.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"mutua/data/pairing"
)

const seed = 1

// processorTime says that times are processor time (-cpu) rather than clock time.
var processorTime bool

func main() {
	quick := flag.Bool("quick", false, "smaller graphs, for a quick look")
	only := flag.String("family", "", "comma-separated families to run (default all): "+familyKeys())
	capRun := flag.Duration("cap", 60*time.Second, "longest one solve may take before it is reported as \"> cap\"")
	reps := flag.Int("reps", 3, "solves of each graph by each solver; the minimum counts")
	lemon := flag.String("lemon", "build/bench/lemon_solve", "LEMON's harness (../shared/bench/lemon/build.sh builds it)")
	sizes := flag.String("n", "", "comma-separated N to run (default each family's own)")
	lemonCPU := flag.String("lemon-cpu", "build/bench/lemon_solve_cpu", "LEMON's harness timing processor time, for -cpu")
	flag.BoolVar(&processorTime, "cpu", false, "report processor time rather than clock time")
	child := flag.String("ours", "", "internal: solve family:N in this process and report each run")
	flag.Parse()

	if *child != "" {
		if err := runOurs(*child); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	clock := "clock time"
	if processorTime {
		*lemon, clock = *lemonCPU, "processor time"
	}
	if _, err := os.Stat(*lemon); err != nil {
		fmt.Fprintf(os.Stderr, "LEMON's harness is not at %s: build it with ../shared/bench/lemon/build.sh %s\n", *lemon, *lemon)
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "benchcompare")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)

	want := map[string]bool{}
	for _, k := range strings.Split(*only, ",") {
		if k = strings.TrimSpace(k); k != "" {
			if _, ok := findFamily(k); !ok {
				fmt.Fprintf(os.Stderr, "no family %q; the families are: %s\n", k, familyKeys())
				os.Exit(2)
			}
			want[k] = true
		}
	}

	fmt.Printf("Maximum-weight matching, ours vs LEMON 1.3: %s, minimum of %d runs, cap %s per run, %s, %s/%s, %d CPUs\n\n",
		clock, *reps, *capRun, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Println("| graph | N | edges | ours | LEMON | LEMON/ours | same total | ours peak RSS |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, f := range families {
		if len(want) > 0 && !want[f.key] {
			continue
		}
		ns, extra := f.sizes, f.oursOnly
		if *quick {
			ns, extra = f.quick, nil
		}
		for _, n := range ns {
			if pickN(*sizes, n) {
				row(f, n, dir, *lemon, *reps, *capRun, true)
			}
		}
		for _, n := range extra {
			if pickN(*sizes, n) {
				row(f, n, dir, *lemon, *reps, *capRun, false)
			}
		}
	}
}

// pickN reports whether n is in the comma-separated list, or the list is empty.
func pickN(list string, n int) bool {
	if list == "" {
		return true
	}
	for _, x := range strings.Split(list, ",") {
		if strings.TrimSpace(x) == strconv.Itoa(n) {
			return true
		}
	}
	return false
}

func familyKeys() string {
	var keys []string
	for _, f := range families {
		keys = append(keys, f.key)
	}
	return strings.Join(keys, ", ")
}

// result is one solver's outcome on one graph.
type result struct {
	best     float64 // seconds, minimum over the runs
	card     int
	weight   int64
	capped   bool
	failed   string
	peakRSS  int64 // bytes; ours only
	complete bool
}

func row(f family, n int, dir, lemon string, reps int, capRun time.Duration, withLemon bool) {
	edges := f.gen(n, seed)
	m := len(edges)
	var ours, lem result
	path := ""
	if withLemon {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.txt", f.key, n))
		if err := writeGraph(path, n, edges); err != nil {
			lem.failed = err.Error()
		}
		defer os.Remove(path)
	}
	edges = nil
	child, err := startOurs(f.key, n, capRun)
	if err != nil {
		ours.failed = err.Error()
	}
	// The two take turns, run for run, so a machine busy with other work slows both alike.
	ours.best, lem.best = math.Inf(1), math.Inf(1)
	for k := 0; k < reps; k++ {
		if withLemon && lem.failed == "" && !lem.capped {
			lem.add(lemonOnce(lemon, path, f.oursMC, capRun))
		}
		if ours.failed == "" && !ours.capped {
			ours.add(child.once(capRun))
		}
	}
	if child != nil {
		ours.peakRSS = child.finish()
	}
	ours.complete = ours.failed == "" && !ours.capped
	lem.complete = withLemon && lem.failed == "" && !lem.capped

	same := "—"
	if withLemon {
		switch {
		case ours.complete && lem.complete && ours.weight == lem.weight && ours.card == lem.card:
			same = "yes"
		case ours.complete && lem.complete:
			same = fmt.Sprintf("NO (ours %d pairs, %d; LEMON %d pairs, %d)", ours.card, ours.weight, lem.card, lem.weight)
		}
	}
	ratio := "—"
	if ours.complete && lem.complete && ours.best > 0 {
		ratio = fmt.Sprintf("%.2f", lem.best/ours.best)
	} else if ours.capped && lem.complete {
		ratio = fmt.Sprintf("< %.3g", lem.best/capRun.Seconds())
	} else if lem.capped && ours.complete && ours.best > 0 {
		ratio = fmt.Sprintf("> %.3g", capRun.Seconds()/ours.best)
	}
	lemText := "—"
	if withLemon {
		lemText = show(lem, capRun)
	}
	rss := "—"
	if ours.peakRSS > 0 {
		rss = fmt.Sprintf("%d MB", ours.peakRSS>>20)
	}
	fmt.Printf("| %s | %d | %d | %s | %s | %s | %s | %s |\n", f.name, n, m, show(ours, capRun), lemText, ratio, same, rss)
}

// run is one solve: its time, pairs and total weight, or why there is none.
type run struct {
	sec    float64
	card   int
	weight int64
	capped bool
	failed string
}

func (r *result) add(x run) {
	switch {
	case x.failed != "":
		r.failed = x.failed
	case x.capped:
		r.capped = true
	default:
		r.best = math.Min(r.best, x.sec)
		r.card, r.weight = x.card, x.weight
	}
}

func show(r result, capRun time.Duration) string {
	switch {
	case r.failed != "":
		return "failed: " + r.failed
	case r.capped:
		return "> " + capRun.String()
	case r.best < 0.1:
		return fmt.Sprintf("%.1f ms", r.best*1000)
	}
	return fmt.Sprintf("%.2f s", r.best)
}

// writeGraph writes one graph in the harness's format: "n m", then "i j w" per edge.
func writeGraph(path string, n int, edges []pairing.Edge) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, "%d %d\n", n, len(edges))
	var buf []byte
	for _, e := range edges {
		buf = strconv.AppendInt(buf[:0], int64(e.I), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(e.J), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, e.W, 10)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// lemonOnce runs the harness once under the cap and takes its time of building LEMON's graph
// and solving (the same work ours does from an edge list).
func lemonOnce(lemon, path string, mc bool, capRun time.Duration) run {
	ctx, cancel := context.WithTimeout(context.Background(), capRun+10*time.Second)
	defer cancel()
	args := []string{"-reps", "1", path}
	if mc {
		args = append([]string{"-mc"}, args...)
	}
	out, err := exec.CommandContext(ctx, lemon, args...).Output()
	switch {
	case ctx.Err() != nil:
		return run{capped: true}
	case err != nil:
		return run{failed: err.Error()}
	}
	var j struct {
		Card   int       `json:"card"`
		Weight int64     `json:"weight"`
		Times  []float64 `json:"times"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.Times) == 0 {
		return run{failed: "unreadable output: " + strings.TrimSpace(string(out))}
	}
	return run{sec: j.Times[0], card: j.Card, weight: j.Weight, capped: j.Times[0] > capRun.Seconds()}
}

// oursProc is a child process of this program that has made one graph and solves it each time
// it is asked, printing a line per solve.
type oursProc struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
	peak  int64
}

// startOurs starts the child for family:N and waits until it has made its graph.
func startOurs(key string, n int, capRun time.Duration) (*oursProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"-ours", fmt.Sprintf("%s:%d", key, n)}
	if processorTime {
		args = append([]string{"-cpu"}, args...)
	}
	p := &oursProc{cmd: exec.Command(exe, args...), lines: make(chan string)}
	p.cmd.Stderr = os.Stderr
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	// Making a graph of scores for thousands of people takes a while; it is not capped as tightly.
	if line, ok := p.next(capRun + 2*time.Minute); line != "ready" {
		p.kill()
		if ok {
			return nil, fmt.Errorf("unexpected output: %s", line)
		}
		return nil, errors.New("the graph was not made in time")
	}
	return p, nil
}

func (p *oursProc) next(limit time.Duration) (string, bool) {
	select {
	case line, ok := <-p.lines:
		return line, ok
	case <-time.After(limit):
		return "", true
	}
}

// once asks for one solve and waits for it, at most the cap.
func (p *oursProc) once(capRun time.Duration) run {
	if _, err := fmt.Fprintln(p.in, "go"); err != nil {
		return run{failed: err.Error()}
	}
	line, ok := p.next(capRun + 5*time.Second)
	f := strings.Fields(line)
	switch {
	case !ok:
		return run{failed: "the solver stopped"}
	case line == "":
		p.kill()
		return run{capped: true}
	case len(f) != 4 || f[0] != "run":
		return run{failed: "unexpected output: " + line}
	}
	var r run
	r.sec, _ = strconv.ParseFloat(f[1], 64)
	r.card, _ = strconv.Atoi(f[2])
	r.weight, _ = strconv.ParseInt(f[3], 10, 64)
	r.capped = r.sec > capRun.Seconds()
	return r
}

// finish ends the child and returns its peak memory in bytes (0 when not known).
func (p *oursProc) finish() int64 {
	if p.cmd.ProcessState != nil { // killed
		return p.peak
	}
	p.in.Close()
	for line := range p.lines {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "peak" {
			p.peak, _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	p.cmd.Wait()
	return p.peak
}

// kill stops the child, first reading its peak memory so far.
func (p *oursProc) kill() {
	p.peak = peakRSS(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	p.cmd.Process.Kill()
	p.in.Close()
	for range p.lines {
	}
	p.cmd.Wait()
}

// runOurs is the child: it makes the graph, says "ready", then solves it once for each line
// read from its input, printing "run seconds pairs weight"; at the end of its input it prints
// "peak bytes": the graph, its edge list (24 bytes an edge) and the solver's memory together.
func runOurs(spec string) error {
	key, ns, ok := strings.Cut(spec, ":")
	f, found := findFamily(key)
	n, err := strconv.Atoi(ns)
	if !ok || !found || err != nil {
		return errors.New("-ours wants family:N")
	}
	edges := f.gen(n, seed)
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		runtime.GC()
		start, cpu := time.Now(), processorSeconds()
		mate := pairing.MaxWeightMatching(n, edges, f.oursMC)
		sec := time.Since(start).Seconds()
		if processorTime {
			sec = processorSeconds() - cpu
		}
		card, weight := total(mate, edges)
		fmt.Printf("run %.6f %d %d\n", sec, card, weight)
	}
	if peak := peakRSS("/proc/self/status"); peak > 0 {
		fmt.Println("peak", peak)
	}
	return nil
}

// peakRSS is a process's peak resident memory in bytes (Linux's VmHWM, from the process's
// status file), or 0 when not known. The rusage of a child is no good here: Linux carries the
// parent's peak into it.
func peakRSS(status string) int64 {
	data, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// total is the number of pairs and their total weight; the generators list each pair once.
func total(mate []int, edges []pairing.Edge) (int, int64) {
	var card int
	var weight int64
	for _, e := range edges {
		if e.I != e.J && mate[e.I] == e.J {
			card++
			weight += e.W
		}
	}
	return card, weight
}
