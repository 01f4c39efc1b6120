# shellcheck shell=bash
#
# eng/pg.sh — helper functions for running a private PostgreSQL cluster.
#
# Sourced by eng/test.sh (a throwaway cluster per test run) and eng/run.sh
# (a persistent local cluster under .data/). It defines functions only; it
# does not change shell options and does nothing when sourced.
#
#   pg_ensure_installed            find (or apt-get install) the PostgreSQL binaries
#   pg_ensure_user                 make sure the `postgres` OS user exists (root only)
#   pg_free_port                   print a free TCP port on 127.0.0.1
#   pg_init DIR                    initdb a new cluster in DIR (trust auth, UTF8)
#   pg_start DIR PORT SOCKDIR [name=value ...]
#                                  start the cluster on 127.0.0.1:PORT; every extra
#                                  argument becomes a `-c name=value` server option
#   pg_status DIR                  exit 0 if a server is running on DIR
#   pg_running_port DIR            print the port of the server running on DIR
#   pg_stop DIR                    stop the cluster (fast shutdown), if running
#   pg_createdb PORT NAME          create database NAME unless it already exists
#
# PostgreSQL refuses to run as root. When this script runs as root, server-side
# commands (initdb, pg_ctl) run as the `postgres` OS user via runuser, and the
# data and socket folders are handed to that user. Run as any other user, they
# simply run as that user.
#
# Settings (environment):
#   PG_BIN       folder holding initdb/pg_ctl/psql (default: found automatically)
#   PG_VERSION   major version to install when none is found (default: 15)

# Major version installed from Debian's packages when no PostgreSQL is found.
: "${PG_VERSION:=15}"

_pg_log() { echo "[pg] $*" >&2; }

# True when this shell is root (and so must drop to the postgres user).
_pg_is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the user that owns the clusters: `postgres` when we are
# root, ourselves otherwise. Runs from / so that a private working folder
# (e.g. /root/...) does not make initdb/postgres complain about getcwd.
_pg_as() {
    if _pg_is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Print an absolute version of path $1 (it need not exist).
_pg_abs() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$PWD/$1" ;;
    esac
}

# Locate a folder with initdb and pg_ctl; print it, or fail.
_pg_find_bin() {
    local d
    if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/pg_ctl" ]; then
        printf '%s\n' "$PG_BIN"; return 0
    fi
    if [ -x "/usr/lib/postgresql/$PG_VERSION/bin/pg_ctl" ]; then
        printf '%s\n' "/usr/lib/postgresql/$PG_VERSION/bin"; return 0
    fi
    # Any other Debian-installed major version, newest first.
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -rn); do
        if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
            printf '%s\n' "$d"; return 0
        fi
    done
    # Whatever is on PATH (e.g. a non-Debian install).
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"; return 0
    fi
    return 1
}

# Make sure the PostgreSQL binaries are available, installing
# postgresql-$PG_VERSION from Debian's packages if they are not, and export
# PG_BIN. Debian's post-install step is told not to create its own `main`
# cluster: we only ever run private clusters.
pg_ensure_installed() {
    local bin sudo=""
    if bin=$(_pg_find_bin); then
        export PG_BIN="$bin"
        pg_ensure_user
        return 0
    fi
    _pg_log "PostgreSQL binaries not found; installing postgresql-$PG_VERSION with apt-get"
    if ! _pg_is_root; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            _pg_log "error: not root and no sudo; install postgresql-$PG_VERSION yourself (or set PG_BIN)"
            return 1
        fi
    fi
    # No default cluster: keep (or set) `create_main_cluster = false`.
    $sudo mkdir -p /etc/postgresql-common
    local conf=/etc/postgresql-common/createcluster.conf
    if [ -f "$conf" ] && grep -qE '^[[:space:]]*#?[[:space:]]*create_main_cluster' "$conf"; then
        $sudo sed -i -E 's/^[[:space:]]*#?[[:space:]]*create_main_cluster.*/create_main_cluster = false/' "$conf"
    else
        echo 'create_main_cluster = false' | $sudo tee -a "$conf" >/dev/null
    fi
    # --force-confold keeps the createcluster.conf written above.
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "postgresql-$PG_VERSION" >&2 || return 1
    if ! bin=$(_pg_find_bin); then
        _pg_log "error: postgresql-$PG_VERSION installed but pg_ctl still not found"
        return 1
    fi
    export PG_BIN="$bin"
    pg_ensure_user
}

# As root, make sure the `postgres` OS user exists (the package creates it;
# a hand-copied install may not have).
pg_ensure_user() {
    _pg_is_root || return 0
    if ! id -u postgres >/dev/null 2>&1; then
        _pg_log "creating OS user postgres"
        useradd -r -m -s /bin/bash postgres
    fi
}

# As root, make every parent of $1 traversable by the postgres user
# (adds o+x where needed, e.g. on /root when the repository lives there).
_pg_make_traversable() {
    _pg_is_root || return 0
    local d
    d=$(dirname "$(_pg_abs "$1")")
    while [ "$d" != "/" ]; do
        if [ -d "$d" ] && ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
            _pg_log "chmod o+x $d (so the postgres user can reach its data folder)"
            chmod o+x "$d"
        fi
        d=$(dirname "$d")
    done
}

# Create folder $1 (if needed) owned by the cluster user, mode $2.
_pg_own_dir() {
    mkdir -p "$1"
    if _pg_is_root; then chown postgres:postgres "$1"; fi
    chmod "$2" "$1"
    _pg_make_traversable "$1"
}

# Print a TCP port that nothing listens on at 127.0.0.1.
pg_free_port() {
    local port _
    # Let the kernel pick an unused port.
    if command -v python3 >/dev/null 2>&1 &&
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) &&
        [ -n "$port" ]; then
        printf '%s\n' "$port"; return 0
    fi
    # Fallback: probe random ports in 20000-29999 with bash's /dev/tcp; a
    # refused connection means the port is free.
    for _ in $(seq 1 200); do
        port=$((20000 + (RANDOM % 10000)))
        if ! timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
            printf '%s\n' "$port"; return 0
        fi
    done
    _pg_log "error: no free TCP port found"
    return 1
}

# pg_init DIR — create a new cluster in DIR (which must be missing or empty):
# superuser `postgres`, trust authentication (local development and tests
# only, listening on 127.0.0.1), UTF8, C.UTF-8 locale.
pg_init() {
    local dir
    dir=$(_pg_abs "$1")
    _pg_own_dir "$dir" 700
    _pg_as "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || {
        _pg_log "error: initdb failed for $dir"
        return 1
    }
}

# pg_start DIR PORT SOCKDIR [name=value ...] — start the cluster in DIR,
# listening on 127.0.0.1:PORT and a Unix socket in SOCKDIR, and wait (30 s at
# most) until it accepts connections. Extra arguments are server settings,
# e.g. `fsync=off max_connections=300`. Prints the end of the server log and
# fails if the server does not come up.
pg_start() {
    local dir port sockdir opts kv
    dir=$(_pg_abs "$1"); port=$2; sockdir=$(_pg_abs "$3"); shift 3
    _pg_own_dir "$sockdir" 755
    opts="-p $port -k $sockdir -c listen_addresses=127.0.0.1"
    for kv in "$@"; do opts="$opts -c $kv"; done
    if ! _pg_as "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 start -o "$opts" >/dev/null; then
        _pg_log "error: PostgreSQL did not start (data $dir, port $port); end of $dir/server.log:"
        tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
        return 1
    fi
    if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 10; then
        _pg_log "error: PostgreSQL started but 127.0.0.1:$port does not accept connections; end of server.log:"
        tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
        return 1
    fi
}

# pg_status DIR — exit 0 if a server is running on the cluster in DIR.
pg_status() {
    local dir
    dir=$(_pg_abs "$1")
    [ -f "$dir/PG_VERSION" ] || return 1
    _pg_as "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

# pg_running_port DIR — print the port of the server running on DIR (line 4
# of postmaster.pid).
pg_running_port() {
    local dir
    dir=$(_pg_abs "$1")
    sed -n 4p "$dir/postmaster.pid" 2>/dev/null
}

# pg_stop DIR — fast shutdown (rolls back open transactions, closes client
# connections); falls back to an immediate shutdown. No-op if not running.
pg_stop() {
    local dir
    dir=$(_pg_abs "$1")
    pg_status "$dir" || return 0
    _pg_as "$PG_BIN/pg_ctl" -D "$dir" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        _pg_as "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
        _pg_log "warning: could not stop PostgreSQL in $dir"
        return 1
    }
}

# pg_createdb PORT NAME — create database NAME on 127.0.0.1:PORT unless it exists.
# (The query goes through stdin: psql does not expand :'name' in -c strings.)
pg_createdb() {
    local port=$1 name=$2 exists
    exists=$("$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XAtq \
        -v ON_ERROR_STOP=1 -v name="$name" \
        <<<"SELECT 1 FROM pg_database WHERE datname = :'name';") || return 1
    [ "$exists" = "1" ] && return 0
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
}
