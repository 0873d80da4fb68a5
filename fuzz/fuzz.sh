#!/usr/bin/env bash
# Builds and runs the fuzz targets with libFuzzer on the stable toolchain
# (fuzz/README.md). Commands:
#   fuzz.sh build                      build every target
#   fuzz.sh list                       the target names
#   fuzz.sh run TARGET [SECONDS] [ARGS] fuzz TARGET (default 600 s) from its seeds
#   fuzz.sh smoke [SECONDS]            build, then run every target SECONDS (default 15)
#   fuzz.sh repro TARGET FILE...       run TARGET once on each FILE (a crash reproduces)
#   fuzz.sh minimize TARGET FILE       minimise a crashing FILE
#   fuzz.sh merge TARGET [MAX]         merge the work corpus (inputs < MAX bytes) into the seeds
#   fuzz.sh seeds                      regenerate the seed corpora from tests/vectors
set -euo pipefail
cd "$(dirname "$0")"

TARGETS=(jws jwe jwk pem_der claims verifier inspect cli_input)
HOST=$(rustc -vV | sed -n 's/^host: //p')
BIN=target/$HOST/release

# libFuzzer's coverage instrumentation through stable codegen options (what cargo-fuzz
# passes, less its nightly-only -Z sanitizer flags), and the cfg that turns on
# jwt-core's fuzzing hooks. `--target` keeps these flags off build scripts and
# proc-macros (jwt-derive, serde_derive), which run on the host uninstrumented.
export RUSTFLAGS="${RUSTFLAGS:-} --cfg fuzzing -Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
-Cdebug-assertions -Coverflow-checks"

# The bounds of one execution: a slow input is a finding, and so is memory growth.
LIBFUZZER_ARGS=(-rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -max_len=16384)

build() {
  cargo build --release ${CARGO_LOCKED:---locked} --target "$HOST" --bins
}

run() {
  local target=$1 seconds=${2:-600}
  shift 2 || shift $#
  mkdir -p "work/$target" "artifacts/$target"
  "$BIN/$target" "${LIBFUZZER_ARGS[@]}" -max_total_time="$seconds" \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 "$@" \
    "work/$target" "corpus/$target"
}

case "${1:-}" in
  build) build ;;
  list) printf '%s\n' "${TARGETS[@]}" ;;
  run) shift; build; run "$@" ;;
  smoke)
    seconds=${2:-15}
    build
    for target in "${TARGETS[@]}"; do
      echo "== fuzz smoke: $target (${seconds}s)"
      # Seeds only (no work corpus of an earlier run), quietly; stats at the end.
      rm -rf "work/$target" && mkdir -p work
      log=work/$target.smoke.log
      if run "$target" "$seconds" -close_fd_mask=3 >"$log" 2>&1; then
        grep -E '^(#[0-9]+ +DONE|stat::(number_of_executed_units|peak_rss_mb|new_units_added))' "$log" || true
      else
        tail -n 60 "$log" >&2
        echo "fuzz target $target failed: see fuzz/README.md, 'A crash'" >&2
        exit 1
      fi
    done
    ;;
  repro) shift; target=$1; shift; build; "$BIN/$target" "${LIBFUZZER_ARGS[@]}" "$@" ;;
  minimize)
    build
    "$BIN/$2" "${LIBFUZZER_ARGS[@]}" -minimize_crash=1 -max_total_time=120 \
      -exact_artifact_path="artifacts/$2/minimized" "$3"
    ;;
  merge)
    # The committed seeds plus the work corpus's inputs under MAX bytes (default 1024),
    # reduced by libFuzzer to a small set with the same edge coverage (set cover on
    # edges, not hit counts: ~10x fewer files). The work corpus keeps everything.
    build
    target=$2 max=${3:-1024}
    rm -rf "work/merge-in-$target" "work/merged-$target"
    mkdir -p "work/merge-in-$target" "work/merged-$target" "work/$target"
    cp corpus/"$target"/* "work/merge-in-$target/"
    find "work/$target" -type f -size -"${max}"c -print0 | xargs -0 -r cp -t "work/merge-in-$target/"
    "$BIN/$target" "${LIBFUZZER_ARGS[@]}" -set_cover_merge=1 -use_counters=0 "work/merged-$target" "work/merge-in-$target"
    rm -rf "corpus/$target" "work/merge-in-$target" && mv "work/merged-$target" "corpus/$target"
    ;;
  seeds) python3 make_seeds.py ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
