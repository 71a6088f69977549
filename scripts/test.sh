#!/usr/bin/env bash
# npm test: every test — the unit tests (vitest) and the end-to-end tests (Playwright, on a fresh
# build of dist/) — arranged so that the tests that measure nothing fill the CPU the timed e2e tests
# leave idle (BENCHMARKS.md, "Issue 18, round 8: cifast6" and "the lead"):
# 1. the unit tests' `isolated` project (a DOM, React, the stores, waits of 1 s) and `long` (the
#    shared files with a test of ≥ 5 s: vite.config.ts), on both cores;
# 2. the build, then the e2e tests that only wait (Playwright projects waits and hall), two browsers;
# 3. the timed tail (project timed: one browser, measuring time and memory) and, beside it at nice 19
#    with one worker, the unit tests' `shared` project (node, pure computation; its time bounds count
#    CPU time, src/testing/cpu_time.ts): the browser being timed takes the CPU first.
# TEST_SEQUENTIAL=1 runs them one after the other instead (`npm run test:unit && npm run test:e2e`).
# Exits non-zero when any test fails; every log is printed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${TEST_SEQUENTIAL:-0}" = 1 ]; then
  npm run test:unit && npm run test:e2e
  exit
fi

step() { printf '\n=== npm test: %s (t=%ss)\n' "$*" "$SECONDS"; }
logs=$(mktemp -d)
# stopped early (Ctrl-C, a failure): what was started in the background stops too
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$logs"' EXIT

step "unit tests: the isolated files and the long ones (vitest projects isolated and long)"
npx vitest run --project isolated --project long || { echo "unit tests failed"; exit 1; }

step "build, then the e2e tests that only wait (playwright projects waits and hall)"
npx vite build || { echo "the build failed"; exit 1; }
waits=1
npx playwright test --project=waits --project=hall || waits=0

step "the timed e2e tail (playwright project timed); beside it at nice 19 the unit tests' shared files"
nice -n 19 npx vitest run --project shared --maxWorkers=1 >"$logs/shared.log" 2>&1 & shared=$!
ok=1
if [ "$waits" -eq 1 ]; then
  npx playwright test --project=timed --no-deps || ok=0
else
  echo "the timed tests did not run: the waits and hall tests they depend on failed"
fi
wait "$shared" || ok=0
step "unit tests: the shared files (vitest project shared), run beside the timed tail"
cat "$logs/shared.log"
[ "$waits" -eq 1 ] || echo "e2e tests (waits, hall) failed"
[ "$ok" -eq 1 ] && [ "$waits" -eq 1 ] || { echo "tests failed"; exit 1; }
step "all tests passed"
