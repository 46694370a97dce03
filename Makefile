# The two set-up commands of the README: `make demo` and `make test`. Everything else is for
# developers. Every target installs what it needs first (scripts/install-deps is idempotent).

BIN          := build/default/ofpra-connect
DEMO_DIR     := var/demo
DEMO_DB      := $(DEMO_DIR)/registry.db
DEMO_PERSONS ?= 20000
DEMO_LISTEN  ?= 127.0.0.1:8080
DEMO_FC_PORT ?= 8081
DEMO_PC_PORT ?= 8082
DEMO_WH_PORT ?= 8093
# The demo providers' client secrets: demo values, not keys.
DEMO_FC_SECRET := demo-only-franceconnect-client-secret
DEMO_PC_SECRET := demo-only-proconnect-client-secret

.PHONY: all deps build test unit asan fuzz demo bench format format-check lint-openapi clean

all: build

deps:
	@scripts/install-deps

build: deps
	@test -f build/default/build.ninja || cmake --preset default
	@cmake --build --preset default

# Every test: unit tests, the CLI and HTTP server from outside, the pages in Chromium, then the
# unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: build
	@ctest --preset default --output-on-failure -j2
	@$(MAKE) --no-print-directory asan

unit: build
	@ctest --preset default -L unit -j2

asan: deps
	@test -f build/asan/build.ninja || cmake --preset asan
	@cmake --build --preset asan --target auth_tests domain_tests store_tests service_tests journal_tests synth_tests http_tests web_tests matching_tests attest_tests notify_tests env_tests fault_tests fuzz_targets
	@ctest --preset asan -j2

# The fuzzing campaign: every libFuzzer target (clang) for FUZZ_SECONDS each (docs/TESTING.md).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/install-deps fuzz
	@test -f build/fuzz/build.ninja || cmake --preset fuzz
	@cmake --build --preset fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

# Creates a demo registry on first run, prints the demo logins, and serves until Ctrl-C.
demo: build
	@mkdir -p $(DEMO_DIR) && chmod 700 $(DEMO_DIR)
	@# Demos made by earlier versions left their files readable by others: the server refuses that.
	@chmod 600 $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm 2>/dev/null || true
	@if [ ! -f $(DEMO_DB) ]; then \
	  echo "Creating the demo registry ($(DEMO_PERSONS) synthetic persons)..."; \
	  (umask 077; $(BIN) seed --db sqlite:$(DEMO_DB) --persons $(DEMO_PERSONS) --demo-activity > $(DEMO_DIR)/logins.txt.tmp) \
	    && mv $(DEMO_DIR)/logins.txt.tmp $(DEMO_DIR)/logins.txt \
	    || { rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DIR)/logins.txt.tmp; exit 1; }; \
	fi
	@echo; echo "=== Ofpra Connect demo (logins kept in $(DEMO_DIR)/logins.txt) ==="; echo
	@cat $(DEMO_DIR)/logins.txt
	@echo "  One-time codes (activation, password reset) are written to $(DEMO_DIR)/outbox/."
	@# FranceConnect-like and ProConnect-like providers beside the demo; without one (port taken),
	@# the demo runs without it.
	@[ -s $(DEMO_DIR)/registry.jsonl ] || (umask 077; $(BIN) export --db sqlite:$(DEMO_DB) --operator demo > $(DEMO_DIR)/registry.jsonl)
	@rm -f $(DEMO_DIR)/franceconnect.txt $(DEMO_DIR)/proconnect.txt; \
	OFPRA_CONNECT_FRANCECONNECT_SECRET=$(DEMO_FC_SECRET) node scripts/demo-franceconnect.mjs $(DEMO_DIR)/registry.jsonl \
	  $(DEMO_FC_PORT) http://$(DEMO_LISTEN)/connexion/franceconnect/retour $(DEMO_DIR)/franceconnect.txt \
	  > $(DEMO_DIR)/franceconnect.log 2>&1 & fc=$$!; \
	OFPRA_CONNECT_PROCONNECT_SECRET=$(DEMO_PC_SECRET) node scripts/demo-proconnect.mjs \
	  $(DEMO_PC_PORT) http://$(DEMO_LISTEN) $(DEMO_DIR)/proconnect.txt > $(DEMO_DIR)/proconnect.log 2>&1 & pc=$$!; \
	node scripts/demo-webhook-receiver.mjs $(DEMO_WH_PORT) http://$(DEMO_LISTEN) $(DEMO_DIR)/logins.txt \
	  $(DEMO_DIR)/registry.jsonl $(DEMO_DIR) 2> $(DEMO_DIR)/webhook-receiver.log & wh=$$!; \
	trap 'kill $$fc $$pc $$wh 2>/dev/null' EXIT INT TERM; \
	for i in 1 2 3 4 5 6 7 8 9 10; do [ -s $(DEMO_DIR)/franceconnect.txt ] && [ -s $(DEMO_DIR)/proconnect.txt ] && break; sleep 0.5; done; \
	flags="--public-url http://$(DEMO_LISTEN)"; \
	if [ -s $(DEMO_DIR)/franceconnect.txt ]; then cat $(DEMO_DIR)/franceconnect.txt; \
	  flags="$$flags --franceconnect-issuer http://127.0.0.1:$(DEMO_FC_PORT) --franceconnect-client-id ofpra-connect-demo"; \
	else echo "  (FranceConnect demo provider not started: see $(DEMO_DIR)/franceconnect.log)"; fi; \
	if [ -s $(DEMO_DIR)/proconnect.txt ]; then cat $(DEMO_DIR)/proconnect.txt; \
	  flags="$$flags --proconnect-issuer http://127.0.0.1:$(DEMO_PC_PORT) --proconnect-client-id ofpra-connect-demo"; \
	  flags="$$flags --counter-scope-level etat_civil.famille=eidas2"; \
	else echo "  (ProConnect demo provider not started: see $(DEMO_DIR)/proconnect.log)"; fi; \
	echo; echo "Serving http://$(DEMO_LISTEN)/  (Ctrl-C to stop)"; echo; \
	OFPRA_CONNECT_FRANCECONNECT_SECRET=$(DEMO_FC_SECRET) OFPRA_CONNECT_PROCONNECT_SECRET=$(DEMO_PC_SECRET) \
	  $(BIN) serve --db sqlite:$(DEMO_DB) --listen $(DEMO_LISTEN) --access-log false --outbox-dir $(DEMO_DIR)/outbox \
	  --webhooks-allow-loopback $$flags

bench: build
	@bench/run-all

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

format-check:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
