# Mutua. `make run` opens the app; `make test` runs every test. Both install what they need.
GO   ?= go
TAGS := migrated_fynedo
BIN  := mutua
FUZZTIME ?= 60s

.PHONY: run build test bench fuzz

run: build
	./$(BIN)

build:
	@.ci/deps build
	$(GO) build -tags $(TAGS) -o $(BIN) .

# Every test, the store's concurrent reads once more under the race detector, then the
# built app in a real window.
test:
	@.ci/deps test
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) ./...
	$(GO) test -race -run '^Test.*(Roster|Plan)' ./data
	$(GO) build -tags $(TAGS) -o $(BIN) .
	.ci/smoke ./$(BIN)

bench:
	@.ci/deps build
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

# Each fuzz target for FUZZTIME (their seed inputs already run in make test).
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzMaxWeightMatching -fuzztime $(FUZZTIME) ./data/pairing
	$(GO) test -run '^$$' -fuzz FuzzCleanText -fuzztime $(FUZZTIME) ./reports
	$(GO) test -run '^$$' -fuzz FuzzImportRoster -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./data
	$(GO) test -run '^$$' -fuzz FuzzImportAll -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./data
	$(GO) test -run '^$$' -fuzz FuzzOpenDamaged -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./data
