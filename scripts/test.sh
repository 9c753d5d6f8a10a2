#!/usr/bin/env bash
# The test command (`npm test`): copyright check, OpenAPI drift + lint, then every Jest suite.
# Jest's global setup starts Neo4j from Maven jars when none answers at NEO4J_URI (scripts/neo4j.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

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

echo "== Jest"
results="$(mktemp)"
status=0
npx --no-install jest --json --outputFile="$results" "$@" || status=$?
# One plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results" || true
rm -f "$results"
exit "$status"
