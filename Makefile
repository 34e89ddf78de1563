# Mutua. `make run` opens the app; `make test` runs every test. Both install what they need.
GO   ?= go
TAGS := migrated_fynedo
BIN  := mutua

.PHONY: run build test bench fuzz vet deps

run: build
	./$(BIN)

build:
	@.ci/deps build
	$(GO) build -tags $(TAGS) -o $(BIN) .

test:
	@.ci/deps test
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) ./...
	$(GO) build -tags $(TAGS) -o $(BIN) .
	.ci/smoke ./$(BIN)

bench:
	@.ci/deps build
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...
