# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced: start_throwaway_postgres DIR starts a PostgreSQL server of its own in DIR (Debian's
# postgresql: initdb and pg_ctl as the postgres user, a Unix socket only, no TCP, fsync off),
# creates the database "library" and sets $postgres_store to its libpq URI. Returns 77 where
# no server can be run here, 1 if it fails to start; DIR's parent folders must be searchable
# by the postgres user. stop_throwaway_postgres stops it: call it from the caller's EXIT trap.
start_throwaway_postgres() {
  local dir pg_bin port
  dir=$(realpath -m "$1")
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
  if [[ -z $pg_bin ]] || ! id postgres > /dev/null 2>&1 || ! command -v runuser > /dev/null; then
    echo "no PostgreSQL server here (Debian's postgresql package) or no way to run it as the postgres user"
    return 77
  fi
  rm -rf "$dir" && mkdir -p "$dir/socket"
  chown postgres "$dir" "$dir/socket"
  runuser -u postgres -- "$pg_bin/initdb" -D "$dir/data" -A trust -U timbre > "$dir/initdb.log" || return 1
  port=$((20000 + RANDOM % 20000))
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir/socket -c listen_addresses= -p $port -c fsync=off" start > /dev/null || return 1
  postgres_stop=("$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop)
  runuser -u postgres -- "$pg_bin/createdb" -h "$dir/socket" -p "$port" -U timbre library || return 1
  postgres_store="postgresql:///library?host=$dir/socket&port=$port&user=timbre"
}

stop_throwaway_postgres() {
  if [[ -n ${postgres_stop[*]:-} ]]; then
    runuser -u postgres -- "${postgres_stop[@]}" > /dev/null 2>&1 || true
  fi
}
