# lark's build. `make test` is what CI runs (.ci/run sets CI=true, which makes
# a missing PostgreSQL a failure instead of a skip).

GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
PKGS        := ./...

.PHONY: all build test test-short bench lint fmt docs examples clean

all: build

## build: compile the lark binary into bin/lark
build:
	$(GO) build -o bin/lark ./cmd/lark

## test: download modules, vet, and run every test on real SQLite and PostgreSQL
test:
	$(GO) mod download
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 12m $(PKGS)

## bench: run the benchmarks and rewrite docs/benchmarks.md
bench:
	$(GO) run ./internal/benchreport -out docs/benchmarks.md

## lint: gofmt, go vet and staticcheck
lint:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)

## docs: regenerate docs/language.md from the builtins' specs
docs:
	$(GO) test ./builtins -run TestLanguageDoc -update

## examples: apply the example migrations to the embedded SQLite default (lark.db)
examples:
	$(GO) run ./cmd/lark --dir examples/migrations up

clean:
	rm -rf bin lark.db
