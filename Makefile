# The two commands: `make run` (install, build, load the demo, serve) and `make test`.
BUILD ?= build
DATA ?= var
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: run test setup build server web demo serve bench fuzz format clean

run: setup build demo serve

test:
	scripts/setup.sh test
	scripts/test-all.sh

setup:
	scripts/setup.sh run

build: server web

server:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) --target hearth -j$(JOBS)

web:
	cd web && npm run build

demo:
	$(BUILD)/hearth demo --data $(DATA)

serve:
	$(BUILD)/hearth serve --data $(DATA) --port $(PORT) --static web/dist

bench:
	scripts/setup.sh bench
	bench/run.sh
	bench/accounts.sh
	cmake --build $(BUILD) --target hearth_bench_seed -j$(JOBS)
	bench/schedule.sh $(BUILD)/hearth $(BUILD)/hearth_bench_seed
	cmake --build $(BUILD) --target hearth_chat_seed -j$(JOBS)
	bench/chat.sh $(BUILD)/hearth $(BUILD)/hearth_chat_seed

# A longer fuzzing run on demand: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 300
fuzz:
	scripts/setup.sh test
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

format:
	git ls-files 'server/*.cpp' 'server/*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-fuzz web/dist
