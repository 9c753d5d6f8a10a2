# Sourced by scripts/test.sh and scripts/fuzz.sh: a Neo4j from the Maven jars (scripts/neo4j.sh) for the
# rest of the calling script.
#   neo4j_up [home]    reuse the instance of that home dir when it runs, else start one on a free port;
#                      exports NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD when NEO4J_AUTH_PASSWORD is set)
#   neo4j_down [home]  stop it again if neo4j_up started it
#   neo4j_down_all     stop every instance neo4j_up started (call it from an EXIT trap)

NEO4J_STARTED_HOMES=()

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

neo4j_up() {
  local home=${1:-.neo4j} out port=''
  if out=$(NEO4J_HOME_DIR=$home bash scripts/neo4j.sh status 2>/dev/null); then
    port=$(sed -n 's/.*bolt:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' <<<"$out")
  fi
  if [[ -z $port ]]; then
    port=$(free_port)
    NEO4J_HOME_DIR=$home NEO4J_BOLT_PORT=$port NEO4J_OWNER=script bash scripts/neo4j.sh start
    NEO4J_STARTED_HOMES+=("$home")
  fi
  export NEO4J_URI="bolt://127.0.0.1:$port"
  if [[ -n ${NEO4J_AUTH_PASSWORD:-} ]]; then
    export NEO4J_USERNAME=neo4j NEO4J_PASSWORD=$NEO4J_AUTH_PASSWORD
  fi
}

neo4j_down() {
  local home=${1:-.neo4j} h kept=()
  for h in "${NEO4J_STARTED_HOMES[@]}"; do
    if [[ $h == "$home" ]]; then NEO4J_HOME_DIR=$h bash scripts/neo4j.sh stop || true; else kept+=("$h"); fi
  done
  NEO4J_STARTED_HOMES=("${kept[@]}")
}

neo4j_down_all() {
  local h
  for h in "${NEO4J_STARTED_HOMES[@]}"; do NEO4J_HOME_DIR=$h bash scripts/neo4j.sh stop || true; done
  NEO4J_STARTED_HOMES=()
}
