#!/usr/bin/env bash
# The test command (`npm test`): copyright check, OpenAPI lint, every Jest suite, the fuzzer on both
# stores, and the loader + contract suites once more against a Neo4j with authentication on.
# One Neo4j from the Maven jars serves Jest and the fuzzer (unless one answers at NEO4J_URI, or
# SKIP_NEO4J=1); a second, auth-enabled one serves the last pass. Both are stopped at the end.
# SKIP_FUZZ=1 / SKIP_AUTH_PASS=1 leave those steps out (arguments go to Jest).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/neo4j-session.sh
source scripts/neo4j-session.sh
trap neo4j_down_all EXIT

overlap=../shared/tools/article-overlap.py
if [ -f "$overlap" ] && command -v python3 >/dev/null; then
  echo "== copyright: no sentence of the source article in our files"
  python3 "$overlap" .
else
  echo "== copyright check skipped: $overlap not found"
fi

echo "== OpenAPI: lint the committed spec"
npx --no-install redocly lint openapi.yaml --format=stylish

echo "== build the browser explorer (its e2e tests drive the built page)"
npx --no-install tsx scripts/build-explorer.ts

if [[ -z ${SKIP_NEO4J:-} && -z ${NEO4J_URI:-} ]]; then
  echo "== Neo4j for Jest and the fuzzer"
  if ! neo4j_up .neo4j; then
    [[ -n ${REQUIRE_NEO4J:-} ]] && exit 1
    echo "(Neo4j did not start: Jest's global setup decides what to skip)"
  fi
fi

# Each Jest pass has a wall-clock limit and --forceExit: a suite whose setup failed half-way may leave a
# driver open, and Jest would then wait for it forever after printing its results (CI, 2026-12-02: the run
# was cut off at its 90 minutes). With --forceExit Jest always prints "Force exiting Jest", left-open handles or not.
jest_pass() {
  local limit=$1
  shift
  timeout --kill-after=30 "$limit" npx --no-install jest --forceExit "$@"
}

echo "== Jest"
results="$(mktemp)"
status=0
jest_pass "${JEST_TIME_LIMIT:-45m}" --json --outputFile="$results" "$@" || status=$?
# Per-pass lines (worded so no reader mistakes them for the total), then one plain closing line: the sum
# of every pass, in the "N passed, N failed" form that CI readers understand.
passed=0
failed=0
summary() {
  local counts
  counts=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests);
  ' "$1" 2>/dev/null) || counts="0 1 0"
  read -r p f k <<<"$counts"
  passed=$((passed + p))
  failed=$((failed + f))
  local skipped=""
  if ((k > 0)); then skipped=", skipped $k"; fi
  lines+=("$2 — passed $p, failed $f$skipped")
}
lines=()
summary "$results" jest

if [[ -z ${SKIP_FUZZ:-} && $# -eq 0 ]]; then
  stores="memory neo4j"
  [[ -n ${SKIP_NEO4J:-} || -z ${NEO4J_URI:-} ]] && stores=memory
  echo "== fuzz: schemathesis on the $stores store(s) (scripts/fuzz.sh)"
  fuzz_status=0
  FUZZ_STORES=$stores bash scripts/fuzz.sh || fuzz_status=$?
  if ((fuzz_status == 0)); then
    lines+=("fuzz ($stores) — passed")
    passed=$((passed + 1))
  else
    lines+=("fuzz ($stores) — FAILED")
    failed=$((failed + 1))
    status=1
  fi
fi

if [[ -z ${SKIP_NEO4J:-} && -z ${SKIP_AUTH_PASS:-} && $# -eq 0 ]]; then
  echo "== Jest against a Neo4j with authentication on: loader and contract suites"
  neo4j_down .neo4j # one JVM at a time on small machines
  auth_results="$(mktemp)"
  (
    export NEO4J_AUTH_PASSWORD=${NEO4J_TEST_AUTH_PASSWORD:-kg-api-auth-test}
    unset NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD
    NEO4J_STARTED_HOMES=()
    trap neo4j_down_all EXIT
    neo4j_up .neo4j-auth || exit 1
    jest_pass "${JEST_AUTH_TIME_LIMIT:-15m}" --json --outputFile="$auth_results" tests/seed/loader.test.ts tests/contract/neo4j tests/neo4j/auth.test.ts
  ) || status=1
  summary "$auth_results" 'jest with Neo4j auth'
  rm -f "$auth_results"
fi

rm -f "$results"
printf '%s\n' "${lines[@]}"
echo "tests: $passed passed, $failed failed"
exit "$status"
