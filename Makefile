# The two commands of the README:
#   make demo   builds Veritee and the hello_world TAs (C and Go), then runs
#               them end to end through the daemon's socket.
#   make test   runs the whole test suite (what CI runs).
# And for C client applications (docs/libteec.md):
#   make libteec              builds libteec.so.2, libteec.a and teec.pc
#                             into libteec/build with the system cc.
#   make install PREFIX=/usr/local [DESTDIR=]
#                             installs bin/veritee, include/, lib/ (libteec,
#                             pkgconfig/teec.pc) and the C TA dev kit as
#                             export-ta_wasm32/: TEEC_EXPORT=$(PREFIX) and
#                             TA_DEV_KIT_DIR=$(PREFIX)/export-ta_wasm32.
# Both install the C TA toolchain (clang, lld, wasi-libc, clang's wasm32
# runtime) from Debian's packages when it is missing and they run as root;
# otherwise they say what to install.

GO       ?= go
BIN      := bin/veritee
TA_OUT   := build/ta
GOTEST_FLAGS ?= -race -count=1 -timeout 25m
PREFIX   ?= /usr/local
DESTDIR  ?=

.PHONY: all demo test toolchain tas veritee clean libteec install

all: veritee tas

veritee:
	$(GO) build -o $(BIN) ./cmd/veritee

toolchain:
	@scripts/ensure-toolchain.sh

tas: toolchain veritee
	$(BIN) build -o $(TA_OUT) examples/hello_world/ta
	$(BIN) build -o $(TA_OUT) examples/hello_world_go/ta

demo: tas
	$(BIN) demo -ta-dir $(TA_OUT)

test: toolchain
	$(GO) vet ./...
	$(GO) test $(GOTEST_FLAGS) ./...

libteec:
	$(MAKE) -C libteec

install: veritee
	$(MAKE) -C libteec install PREFIX=$(abspath $(PREFIX)) DESTDIR=$(DESTDIR) VERITEE_BIN=$(abspath $(BIN))

clean:
	rm -rf bin build
	$(MAKE) -C libteec clean
