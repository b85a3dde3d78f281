#!/usr/bin/env bash
# A local LanguageTool server for repair's grammar checks (rule LT001), from Maven Central.
#
#   scripts/languagetool.sh fetch   download languagetool-server and language-en with Maven
#   scripts/languagetool.sh start   start the server on 127.0.0.1 and wait until it answers
#   scripts/languagetool.sh check   ask the running server about a sentence (exit 1 if down)
#   scripts/languagetool.sh url     print the running server's URL (exit 1 if none)
#   scripts/languagetool.sh stop    stop the server this script started
#
# The jars go to $REPAIR_LT_HOME (default ~/.cache/repair/languagetool), one folder per
# version, outside the package: repair finds them there by itself (languagetool = "auto")
# and starts its own server for a run that selects LT; `start` is for CI and for a server
# shared by many runs (export REPAIR_LANGUAGETOOL_URL="$(scripts/languagetool.sh url)").
# The server listens on the loopback interface only (LanguageTool's HTTPServer without
# --public); no text ever goes to a public server.
#
# Settings: REPAIR_LT_VERSION (6.8, the newest on Maven Central, built for Java 17),
# REPAIR_LT_PORT (default 8081, or a free port when that one is taken),
# REPAIR_LT_START_TIMEOUT (seconds, default 120), REPAIR_LT_HEAP (default 1g).
set -euo pipefail

VERSION="${REPAIR_LT_VERSION:-6.8}"
HOME_DIR="${REPAIR_LT_HOME:-$HOME/.cache/repair/languagetool}"
RELEASE="$HOME_DIR/$VERSION"
LIB="$RELEASE/lib"
RUN_DIR="$HOME_DIR/run"
PID_FILE="$RUN_DIR/server.pid"
URL_FILE="$RUN_DIR/server.url"
LOG_FILE="$RUN_DIR/server.log"
START_TIMEOUT="${REPAIR_LT_START_TIMEOUT:-120}"
HEAP="${REPAIR_LT_HEAP:-1g}"

say() { echo "languagetool: $*" >&2; }

# The pom whose runtime dependencies are the server and English, without the other 30
# languages languagetool-server pulls in through language-all (hundreds of MB). Spanish,
# Portuguese and Catalan stay: the server's language identifier refuses to start without them.
write_pom() {
    cat >"$RELEASE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.repair</groupId>
  <artifactId>languagetool-runtime</artifactId>
  <version>$VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>$VERSION</version>
      <exclusions>
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
$(for language in en es pt ca; do
    echo "    <dependency><groupId>org.languagetool</groupId><artifactId>language-$language</artifactId><version>$VERSION</version></dependency>"
done)
  </dependencies>
</project>
POM
}

fetch() {
    if [[ -f "$RELEASE/.complete" ]]; then
        say "LanguageTool $VERSION is in $LIB"
        return 0
    fi
    command -v mvn >/dev/null || { say "Maven (mvn) is not installed"; return 1; }
    mkdir -p "$RELEASE"
    write_pom
    rm -rf "$LIB.partial"
    say "fetching LanguageTool $VERSION with Maven into $LIB"
    mvn -q -B ${REPAIR_LT_MAVEN_ARGS:-} -f "$RELEASE/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$LIB.partial"
    rm -rf "$LIB"
    mv "$LIB.partial" "$LIB"
    touch "$RELEASE/.complete"
    say "$(find "$LIB" -name '*.jar' | wc -l) jars, $(du -sh "$LIB" | cut -f1)"
}

running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

healthy() {  # the server at $1 lists its languages
    local url="$1"
    if command -v curl >/dev/null; then
        curl -fsS --max-time 5 "$url/v2/languages" >/dev/null 2>&1
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' \
            "$url/v2/languages" >/dev/null 2>&1
    fi
}

free_port() {
    local wanted="${REPAIR_LT_PORT:-8081}"
    python3 - "$wanted" "${REPAIR_LT_PORT:+fixed}" <<'PY'
import socket, sys
wanted, fixed = int(sys.argv[1]), len(sys.argv) > 2 and sys.argv[2] == "fixed"
with socket.socket() as probe:
    try:
        probe.bind(("127.0.0.1", wanted))
    except OSError:
        if fixed:
            sys.exit(f"port {wanted} is taken")
        probe.bind(("127.0.0.1", 0))
    print(probe.getsockname()[1])
PY
}

start() {
    if pid="$(running_pid)"; then
        say "already running (pid $pid) at $(cat "$URL_FILE")"
        cat "$URL_FILE"
        return 0
    fi
    [[ -f "$RELEASE/.complete" ]] || { say "not fetched: run '$0 fetch' first"; return 1; }
    command -v java >/dev/null || { say "Java is not installed"; return 1; }
    mkdir -p "$RUN_DIR"
    local port url started
    port="$(free_port)"
    url="http://127.0.0.1:$port"
    started=$SECONDS
    # setsid: the server outlives this script, in a session of its own, until `stop`.
    setsid java "-Xmx$HEAP" -cp "$LIB/*" org.languagetool.server.HTTPServer --port "$port" \
        >"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
    echo "$url" >"$URL_FILE"
    until healthy "$url"; do
        if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
            say "the server exited; the end of $LOG_FILE:"
            tail -n 20 "$LOG_FILE" >&2
            rm -f "$PID_FILE" "$URL_FILE"
            return 1
        fi
        if (( SECONDS - started >= START_TIMEOUT )); then
            say "no answer after ${START_TIMEOUT}s; stopping it"
            stop
            return 1
        fi
        sleep 0.5
    done
    # The first request loads the English rules: pay for it here, not in the first test.
    curl -fsS --max-time "$START_TIMEOUT" "$url/v2/check" --data-urlencode "language=en-US" \
        --data-urlencode "text=The minister arrived in Brussels on Tuesday." >/dev/null || true
    say "started in $(( SECONDS - started ))s (pid $(cat "$PID_FILE")) at $url"
    echo "$url"
}

url() {
    running_pid >/dev/null || { say "no server running"; return 1; }
    cat "$URL_FILE"
}

check() {
    local url
    url="$(url)" || return 1
    healthy "$url" || { say "$url does not answer"; return 1; }
    curl -fsS --max-time 30 "$url/v2/check" --data-urlencode "language=en-US" \
        --data-urlencode "text=The minister arived in Brussels on Tuesday." \
        | python3 -c 'import json, sys
for m in json.load(sys.stdin)["matches"]:
    print(m["rule"]["id"], repr(m["context"]["text"][m["context"]["offset"]:][:m["length"]]), m["message"])'
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE" "$URL_FILE"
        return 0
    fi
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$PID_FILE" "$URL_FILE"
    say "stopped (pid $pid)"
}

case "${1:-}" in
    fetch) fetch ;;
    start) start ;;
    check) check ;;
    url) url ;;
    stop) stop ;;
    home) echo "$RELEASE" ;;
    *) echo "usage: $0 fetch|start|check|url|stop|home" >&2; exit 2 ;;
esac
