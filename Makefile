# Mutua. `make run` opens the app, `make test` runs every test and `make package` makes the
# release packages. Each installs what it needs.
GO   ?= go
TAGS := migrated_fynedo
BIN  := mutua
PKG  := build/package
FUZZTIME ?= 60s

# Every build trims file paths. -trimpath is part of Go's cache keys, so with it everywhere the
# tests, the smoke build and the packages share one build cache. GOFLAGS from `go env` are kept.
export GOFLAGS := $(strip $(filter-out -trimpath,$(shell $(GO) env GOFLAGS 2>/dev/null)) -trimpath)

# The commit built from, for `mutua --version`: "-dirty" when the tree has changes.
COMMIT  = $(shell git describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null)
LDFLAGS = -X=main.commit=$(COMMIT)

.PHONY: run build test bench bench-compare fuzz package package-check

run: build
	./$(BIN)

build:
	@.ci/deps build
	$(GO) build -tags $(TAGS) -ldflags '$(LDFLAGS)' -o $(BIN) .

# Every test, a roster import and a round plan once more under the race detector, then the
# built app in a real window.
test:
	@.ci/deps test
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) ./...
	$(GO) test -race -run '^Test(ImportRoster|PreviewRoster|PlanRound)$$' ./data/sqlite
	$(GO) build -tags $(TAGS) -ldflags '$(LDFLAGS)' -o $(BIN) .
	.ci/smoke ./$(BIN)

bench:
	@.ci/deps build
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

# Our matching against LEMON 1.3's (C++, the reference implementation) on the same graphs in one
# run: a table of times, their ratio and whether both found the same total. LEMON's headers and
# harness stay in LEMON_DIR; its harness is built into build/bench. The full run takes many
# minutes; BENCH_ARGS="-quick" takes seconds, -family picks families, -cap bounds each solve, -cpu
# reports processor time (LEMON's from a copy of its harness timed by clock(), built beside it).
LEMON_DIR  ?= ../shared/bench/lemon
BENCH_ARGS ?=
bench-compare:
	@.ci/deps bench
	@test -f $(LEMON_DIR)/build.sh || { echo "LEMON's harness is not in $(LEMON_DIR): set LEMON_DIR to the folder holding build.sh"; exit 1; }
	$(GO) test ./testdata/benchcompare
	@mkdir -p build/bench
	@test build/bench/lemon_solve -nt $(LEMON_DIR)/lemon_solve.cc || sh $(LEMON_DIR)/build.sh $(CURDIR)/build/bench/lemon_solve
	@test build/bench/lemon_solve_cpu -nt $(LEMON_DIR)/lemon_solve.cc || { \
		sed -e 's|^#include <chrono>|#include <chrono>\n#include <ctime>|' \
		    -e 's|return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();|return (double)clock() / CLOCKS_PER_SEC;|' \
		    $(LEMON_DIR)/lemon_solve.cc > build/bench/lemon_solve_cpu.cc && \
		grep -q 'clock() / CLOCKS_PER_SEC' build/bench/lemon_solve_cpu.cc && \
		g++ -O2 -std=c++11 -I$(LEMON_DIR) -o build/bench/lemon_solve_cpu build/bench/lemon_solve_cpu.cc; }
	$(GO) build -o build/bench/benchcompare ./testdata/benchcompare
	build/bench/benchcompare -lemon build/bench/lemon_solve $(BENCH_ARGS)

# Each fuzz target for FUZZTIME (their seed inputs already run in make test).
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzMaxWeightMatching -fuzztime $(FUZZTIME) ./data/pairing
	$(GO) test -run '^$$' -fuzz FuzzCleanText -fuzztime $(FUZZTIME) ./reports
	$(GO) test -run '^$$' -fuzz FuzzImportRoster -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./data/sqlite
	$(GO) test -run '^$$' -fuzz FuzzImportAll -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./data/sqlite
	$(GO) test -run '^$$' -fuzz FuzzOpenDamaged -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./data/sqlite
	$(GO) test -run '^$$' -fuzz FuzzRead -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./forms

# The release packages, in build/package: Mutua.tar.xz for Linux (the binary, its desktop entry
# and icon, and a Makefile that installs them) and mutua.exe for Windows (cross-compiled with
# MinGW-w64, with its icon and version embedded), made by Fyne's packaging tool (pinned in
# go.mod). The tool writes into the folder it builds from (a metadata file, the Windows
# resources, and FyneApp.toml with its build number raised by one), so it works on a copy of
# the sources in build/src, each run from the FyneApp.toml of the tree. `go tool` builds the
# tool itself without cgo, so CC can name the Windows compiler; the tool turns cgo on for Mutua.
FYNE_PACKAGE = cd build/src && cp ../../FyneApp.toml . && GOFLAGS='$(GOFLAGS) -ldflags=$(LDFLAGS)' CGO_ENABLED=0
package:
	@.ci/deps package
	rm -rf build/src $(PKG)
	mkdir -p build/src $(PKG)
	git ls-files -z --cached --others --exclude-standard | tar -c --null -T - --ignore-failed-read -f - | tar -x -C build/src
	$(FYNE_PACKAGE) $(GO) tool fyne package -os linux -release
	$(FYNE_PACKAGE) CC=x86_64-w64-mingw32-gcc GOARCH=amd64 $(GO) tool fyne package -os windows -release
	mv build/src/Mutua.tar.xz $(PKG)/
	mv build/src/Mutua.exe $(PKG)/mutua.exe
	rm -rf build/src
	@ls -l $(PKG)

# Builds the packages, then checks what a coach would install: the archive's contents and
# desktop entry, and that the Windows program is a 64-bit GUI program with icon and version.
package-check: package
	.ci/package-check $(PKG)
