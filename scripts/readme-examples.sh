#!/usr/bin/env bash
# Prints the README's "Questions, one call each" section from a live server (memory store), so the
# outputs shown there are real. Usage: npm run build && bash scripts/readme-examples.sh > /tmp/q.md
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-3111}
B="http://127.0.0.1:$PORT"
NEO4J_URI='' PORT=$PORT LOG_LEVEL=warn node dist/src/server.js >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -sf "$B/health" >/dev/null && break; sleep 0.2; done

ask() { # question, path, jq filter, jq flags
  printf '**%s**\n\n```console\n$ curl -s '"'"'localhost:3000%s'"'"' | jq %s '"'"'%s'"'"'\n' "$1" "$2" "$4" "$3"
  curl -s "$B$2" | jq $4 "$3"
  printf '```\n\n'
}
ask 'Who was Governor of Tokyo on 1 January 2005?' '/entities/tokyo/relations?type=HOLDS_OFFICE&direction=in&asOf=2005-01-01' \
  '.items[] | {who: .subject.name, role, validFrom, validTo}' -c
ask 'Who governed Tokyo in May 1966? Nobody is known; with possible=true, who may have (Azuma'"'"'s term is known only to end in 1967)' \
  '/entities/tokyo/relations?type=HOLDS_OFFICE&direction=in&asOf=1966-05&possible=true' \
  '.items[] | {who: .subject.name, timeMatch, time, validFrom, validTo}' -c
ask 'Whom did Masuzoe meet, and when?' '/entities/yoichi-masuzoe/relations?type=MET' \
  '.items[] | {with: .object.name, validFrom, validTo, modality, assertedBy: .assertedBy.id}' -c
ask 'How is Hu Deping connected to Shinzo Abe, and what is the evidence for each step?' '/paths?from=hu-deping&to=shinzo-abe&k=2' \
  '.paths[] | [.hops[].relation | "\(.subject.id) -\(.type)-> \(.object.id)  [p\(.evidence[0].paragraph) \(.evidence[0].start)-\(.evidence[0].end) sha256 \(.evidence[0].sha256[0:12])]"]' ''
ask 'What happened between March and May 2014?' '/timeline?since=2014-03&until=2014-05&itemType=event' \
  '.items[] | "\(.date)  \(.endDate // "-")  \(.timeMatch)  \(.label)"' -r
ask 'What does China believe or claim, according to the article?' '/relations?assertedBy=china' \
  '.items[] | "\(.subject.id) \(.type) \(.object.id)  (\(.modality)): \(.summary)"' -r
ask 'Find someone despite a typo' '/search?q=Ishihra&limit=3' '.items[] | {id: .entity.id, score}' -c
ask 'The most connected actors' '/stats?top=5' '.mostConnected[] | "\(.degree)  \(.entity.name)"' -r
