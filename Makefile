# LiveLine — the two commands of the README:
#   make demo   set up, build, and run the main job on the bundled data
#   make test   set up, build, and run the whole test suite
SWIFT ?= swift
LIVELINE = .build/release/liveline

FUZZ_SECONDS ?= 600
PREFIX ?= /usr/local

.PHONY: setup build install uninstall demo test bench fuzz fuzz-smoke clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product liveline

# The binary on PATH: $(PREFIX)/bin/liveline (PREFIX=$$HOME/.local for a user install).
install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(LIVELINE) "$(DESTDIR)$(PREFIX)/bin/liveline"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/liveline"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/liveline"

demo: build
	$(LIVELINE) validate networks/rbts-bus2.json
	$(LIVELINE) info networks/rbts-bus2.json
	$(LIVELINE) reliability networks/rbts-bus2.json --by feeder
	$(LIVELINE) plan networks/rbts-bus2.json scenarios/rbts-bus2-quarter.json --out out/rbts-bus2-quarter
	$(LIVELINE) report networks/rbts-bus2.json --plan out/rbts-bus2-quarter --plan-day 2027-02-17 --reliability --simulate -o out/rbts-bus2-report.html

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) fuzz-smoke

# Every fuzz target for FUZZ_SECONDS (default 600) each; saved regressions replayed first.
fuzz: setup
	SWIFT_BACKTRACE=enable=no tools/fuzz.sh $(FUZZ_SECONDS)

# The short fuzz run of `make test` and CI: 20 s per target.
fuzz-smoke:
	SWIFT_BACKTRACE=enable=no tools/fuzz.sh 20

bench: setup
	$(SWIFT) build -c release --product LiveLineBench
	.build/release/LiveLineBench

clean:
	rm -rf .build
