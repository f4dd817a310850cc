#!/usr/bin/env bash
# Run every cargo-fuzz target for a few seconds each, one after another.
#
#   scripts/fuzz-smoke.sh [SECONDS] [TARGET...]
#
# SECONDS defaults to 10 (or $FUZZ_SECONDS); TARGETs default to all of them.
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain
# (`rustup toolchain install nightly`); without nightly, the stable compiler
# is used with RUSTC_BOOTSTRAP=1. Extra libFuzzer options can be passed in
# $FUZZ_ARGS (e.g. FUZZ_ARGS="-max_len=65536").
#
# New interesting inputs go to fuzz/corpus/TARGET (not committed); the seeds
# in fuzz/seeds are read but never written. A crash leaves its input in
# fuzz/artifacts/TARGET and makes this script exit non-zero: copy the input to
# fuzz/regressions/TARGET/ so tests/fuzz_regressions.rs replays it, and fix.
set -euo pipefail

cd "$(dirname "$0")/../fuzz"

seconds="${1:-${FUZZ_SECONDS:-10}}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(tokenize markdown check fix)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
    exit 2
fi

toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
    toolchain=(+nightly)
else
    echo "fuzz-smoke: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
fi

# No sanitizer: copyedit is safe Rust, and ASan halves the executions per
# second. Set FUZZ_SANITIZER=address to use it anyway (needs nightly).
sanitizer="${FUZZ_SANITIZER:-none}"

cargo "${toolchain[@]}" fuzz build -s "$sanitizer"

status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    dirs=("corpus/$t" seeds)
    if [ -d "regressions/$t" ]; then
        dirs+=("regressions/$t")
    fi
    echo "=== fuzz target $t for ${seconds}s" >&2
    # One process (no -jobs): the machine is shared.
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
    if ! cargo "${toolchain[@]}" fuzz run -s "$sanitizer" "$t" "${dirs[@]}" -- \
        -max_total_time="$seconds" -print_final_stats=1 ${FUZZ_ARGS:-}; then
        echo "fuzz-smoke: target $t FAILED (input saved under fuzz/artifacts/$t)" >&2
        status=1
    fi
done
exit "$status"
