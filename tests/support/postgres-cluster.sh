#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR` creates a fresh cluster in DIR, starts it listening
# only on a Unix socket in DIR/socket (no TCP port is opened), creates the database `seclevel` and prints its
# URL; `stop DIR` stops the server and removes what start created. Durability is switched off (fsync=off):
# the cluster holds test data only.
#
#   tests/support/postgres-cluster.sh start build/pg   →  postgresql:///seclevel?host=/…/build/pg/socket&port=54329&user=seclevel
#   tests/support/postgres-cluster.sh stop build/pg
#
# PostgreSQL refuses to run as root. Run as root, the server runs as the `postgres` system user (created by
# Debian's postgresql package; a dedicated `seclevel-pg` system user is created if it is missing). When that
# user cannot reach DIR (a clone under /root, which is 0700), the data and the socket live in a private
# directory under /tmp and DIR/data and DIR/socket link to it, so the URL is the same either way.
# The server binaries are taken from PATH if initdb is there, else from the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

readonly port=54329           # names the socket file only (.s.PGSQL.54329); no TCP port is opened
readonly database=seclevel
readonly superuser=seclevel   # the cluster's bootstrap superuser; local connections are trusted

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$2
[[ -n $dir ]] || usage

find_bindir() {
    local candidate
    if candidate=$(command -v initdb 2>/dev/null) && [[ -x $(dirname "$(readlink -f "$candidate")")/pg_ctl ]]; then
        dirname "$(readlink -f "$candidate")"
        return
    fi
    candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $candidate && -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
        echo "$candidate"
        return
    fi
    echo "postgres-cluster: no PostgreSQL server binaries (initdb, pg_ctl) found; apt-get install postgresql" >&2
    exit 1
}

# as_server CMD…: runs a command as the user the server runs as.
if [[ $(id -u) -eq 0 ]]; then
    if id -u postgres >/dev/null 2>&1; then
        server_user=postgres
    else
        server_user=seclevel-pg
        id -u "$server_user" >/dev/null 2>&1 ||
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$server_user"
    fi
    as_server() { (cd / && runuser -u "$server_user" -- "$@"); }
else
    server_user=$(id -un)
    as_server() { "$@"; }
fi

# Stops the server whose data directory is $1 if one runs there; quiet when none does.
stop_server() {
    local data bindir
    data=$(readlink -f "$1") || return 0  # the server user may not reach the link in DIR
    [[ -f $data/postmaster.pid ]] || return 0
    bindir=$(find_bindir)
    as_server "$bindir/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null 2>&1 ||
        as_server "$bindir/pg_ctl" stop -D "$data" -m immediate -w -t 60 >/dev/null 2>&1 || true
    if [[ -f $data/postmaster.pid ]]; then
        local pid
        pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
            echo "postgres-cluster: the server (pid $pid) in $data did not stop" >&2
            return 1
        fi
    fi
}

# Removes what start created in DIR (never anything else), following the /tmp indirection if there is one.
remove_cluster() {
    local runtime=""
    if [[ -L $dir/data ]]; then
        runtime=$(dirname "$(readlink "$dir/data")")
    fi
    rm -rf "$dir/data" "$dir/socket" "$dir/postgres.log" "$dir/url"
    if [[ -n $runtime && $runtime == /tmp/seclevel-pg.* ]]; then
        rm -rf "$runtime"
    fi
}

start() {
    local bindir runtime data socket
    bindir=$(find_bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    stop_server "$dir/data"
    remove_cluster
    # Clients connect to DIR/socket/.s.PGSQL.54329, and a Unix socket path holds at most 107 bytes.
    if [[ $(( ${#dir} + 22 )) -gt 107 ]]; then
        echo "postgres-cluster: $dir is too long a path for a Unix socket; use a shorter directory" >&2
        exit 1
    fi

    runtime=$dir
    if [[ $(id -u) -eq 0 ]]; then
        if ! runuser -u "$server_user" -- test -x "$dir" 2>/dev/null; then
            # The server user cannot reach DIR.
            runtime=$(mktemp -d /tmp/seclevel-pg.XXXXXX)
            ln -s "$runtime/data" "$dir/data"
            ln -s "$runtime/socket" "$dir/socket"
            ln -s "$runtime/postgres.log" "$dir/postgres.log"
        fi
        mkdir -p "$runtime/data" "$runtime/socket"
        chown "$server_user" "$runtime/data" "$runtime/socket"
        [[ $runtime == "$dir" ]] || chown "$server_user" "$runtime"
        touch "$runtime/postgres.log"
        chown "$server_user" "$runtime/postgres.log"
    else
        mkdir -p "$runtime/data" "$runtime/socket"
    fi
    data=$runtime/data
    socket=$runtime/socket
    chmod 700 "$data"

    if ! as_server "$bindir/initdb" -D "$data" -U "$superuser" -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/postgres.log" 2>&1; then
        cat "$dir/postgres.log" >&2
        echo "postgres-cluster: initdb failed" >&2
        exit 1
    fi
    # Socket only, and no durability: a crash loses nothing anyone needs.
    as_server tee -a "$data/postgresql.conf" >/dev/null <<EOF

# tests/support/postgres-cluster.sh
listen_addresses = ''
unix_socket_directories = '$socket'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
    if ! as_server "$bindir/pg_ctl" start -D "$data" -w -t 60 -l "$runtime/postgres.log" >/dev/null; then
        cat "$dir/postgres.log" >&2 || true
        echo "postgres-cluster: the server did not start" >&2
        exit 1
    fi
    as_server "$bindir/createdb" -h "$socket" -p "$port" -U "$superuser" "$database"

    local url="postgresql:///$database?host=$dir/socket&port=$port&user=$superuser"
    echo "$url" >"$dir/url"
    echo "$url"
}

stop() {
    [[ -d $dir ]] || return 0
    dir=$(cd "$dir" && pwd -P)
    stop_server "$dir/data"
    remove_cluster
}

case $command in
start) start ;;
stop) stop ;;
*) usage ;;
esac
