#!/usr/bin/env bash
# The long no-panic run: the anju-fuzz crate (tests/fuzz/) over 1,000,000 generated inputs (share
# links, saved state, every typed-input parser, Date::parse, the router, and the engine on
# whatever they accept). Prints the counts per kind and outcome and the inputs per second; exits
# 1 if any input panicked, and names it with the command that replays it.
#
#   bash tests/bench/fuzz.sh                       1,000,000 inputs, seed 0x616e6a75
#   bash tests/bench/fuzz.sh --n 5000000 --seed 7  any anju-fuzz options
#
# The release profile aborts on panic, which would end the run at the first one instead of
# counting it; so this builds the root Cargo.toml's "fuzz" profile (under target/fuzz/):
# optimised, unwinding, and with overflow checks and debug assertions on, stricter than the
# shipped build (an overflow that wraps silently in the browser is reported here). `cargo test`
# runs the same generators over 20,000 inputs (tests/fuzz/tests/short.rs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$root"
threads="$(nproc 2>/dev/null || echo 1)"
exec cargo run -q -p anju-fuzz --profile fuzz -- --threads "$threads" "$@"
