# LiveLine — the two commands of the README:
#   make demo   set up, build, and run the main job on the bundled data
#   make test   set up, build, and run the whole test suite
SWIFT ?= swift
LIVELINE = .build/release/liveline

.PHONY: setup build demo test bench clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product liveline

demo: build
	$(LIVELINE) validate networks/rbts-bus2.json
	$(LIVELINE) info networks/rbts-bus2.json
	$(LIVELINE) reliability networks/rbts-bus2.json --by feeder
	$(LIVELINE) plan networks/rbts-bus2.json scenarios/rbts-bus2-quarter.json --out out/rbts-bus2-quarter
	$(LIVELINE) report networks/rbts-bus2.json --plan out/rbts-bus2-quarter --plan-day 2027-02-17 --reliability --simulate -o out/rbts-bus2-report.html

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: setup
	$(SWIFT) build -c release --product LiveLineBench
	.build/release/LiveLineBench

clean:
	rm -rf .build
