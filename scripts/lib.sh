# Shared by scripts/run and scripts/test: Debian packages, build directory, build function.
# shellcheck shell=bash
set -euo pipefail

OTADESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OTADESK_BUILD_DIR="${OTADESK_BUILD_DIR:-$OTADESK_ROOT/build}"

# Everything the build, the app and the tests need, from Debian 12.
OTADESK_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config file dpkg-dev
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6sql6-sqlite libqt6sql6-psql
    qt6-svg-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-serialport-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libgl-dev libxkbcommon-dev libssl-dev zlib1g-dev
    clang libclang-rt-dev binutils srecord python3 python3-cbor2 python3-cryptography
    xvfb xauth imagemagick fonts-dejavu-core appstream desktop-file-utils
    postgresql nginx wrk qtkeychain-qt6-dev bsdiff xdelta3 zstd
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        log "need root to run: $*  (run this script as root or install sudo)"; return 1; fi
}

ensure_packages() {
    local missing=()
    local p
    for p in "${OTADESK_PACKAGES[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# node + npm for the cose-js interop test. Debian's nodejs/npm only when there is no node at all: a node from
# elsewhere (e.g. nodesource, which bundles its npm) conflicts with Debian's npm package.
ensure_node() {
    if ! command -v node >/dev/null; then
        ensure_packages nodejs npm
    elif ! command -v npm >/dev/null; then
        log "warning: node is installed but npm is not; install the npm that belongs to $(command -v node)" \
            "(the cose-js interop test will fail)"
    fi
}

# npm ci of tests/interop/cose-js into the build directory (never the source tree); skipped when the
# lock file is unchanged since the last install. A failure (e.g. offline) is reported; the test then fails.
install_node_modules() {
    local src="$OTADESK_ROOT/tests/interop/cose-js"
    local dir="$OTADESK_BUILD_DIR/tests/interop/cose-js"
    mkdir -p "$dir"
    cp "$src/package.json" "$src/package-lock.json" "$dir/"
    if [ -f "$dir/node_modules/cose-js/package.json" ] && cmp -s "$src/package-lock.json" "$dir/.installed-lock.json"; then
        return 0
    fi
    if ! command -v npm >/dev/null; then
        log "warning: npm is missing; cannot install cose-js for the interop test"
        return 0
    fi
    log "installing cose-js (npm ci) into $dir"
    if (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null); then
        cp "$src/package-lock.json" "$dir/.installed-lock.json"
    else
        log "warning: npm ci failed in $dir; the cose-js interop test will fail"
    fi
}

# build [extra cmake args...]: configure once, then build everything with Ninja.
build() {
    if [ ! -f "$OTADESK_BUILD_DIR/build.ninja" ]; then
        log "configuring $OTADESK_BUILD_DIR"
        cmake -S "$OTADESK_ROOT" -B "$OTADESK_BUILD_DIR" -G Ninja -DOTADESK_WERROR=ON "$@"
    fi
    log "building (ninja -C $OTADESK_BUILD_DIR)"
    cmake --build "$OTADESK_BUILD_DIR" --parallel "$(nproc)"
}

# A throwaway PostgreSQL cluster for the tests, under $OTADESK_BUILD_DIR/pg, on a free port of 127.0.0.1 with
# trust authentication (except the role otadesk_password_test, which needs its password "right-password").
# Exports OTADESK_TEST_POSTGRES (a URL of the empty database otadesk_test). The store tests give every test
# case a schema of its own in that database and drop it afterwards.
# PostgreSQL refuses to run as root: as root the cluster belongs to, and runs as, the postgres user.
OTADESK_PG_DIR="${OTADESK_PG_DIR:-$OTADESK_BUILD_DIR/pg}"

pg_bin_dir() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
        log "PostgreSQL is not installed (Debian: postgresql); no initdb under /usr/lib/postgresql/*/bin"
        return 1
    fi
    printf '%s\n' "$d"
}

pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_tcp_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_postgres() {
    local bin port data="$OTADESK_PG_DIR/data"
    bin="$(pg_bin_dir)" || return 1
    stop_postgres
    rm -rf "$OTADESK_PG_DIR"
    mkdir -p "$OTADESK_PG_DIR"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$OTADESK_PG_DIR"
    fi
    log "creating a PostgreSQL cluster in $data"
    if ! pg_as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >"$OTADESK_PG_DIR/initdb.log" 2>&1; then
        cat "$OTADESK_PG_DIR/initdb.log" >&2
        log "initdb failed"
        return 1
    fi
    # One role must log in with a password, so that the tests can see how a refused login is reported.
    pg_as_owner sed -i '1i host all otadesk_password_test 127.0.0.1/32 scram-sha-256' "$data/pg_hba.conf"
    port="$(free_tcp_port)"
    # fsync off: the cluster only lives for one test run.
    if ! pg_as_owner "$bin/pg_ctl" -D "$data" -l "$OTADESK_PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=300" start >/dev/null; then
        cat "$OTADESK_PG_DIR/server.log" >&2
        log "PostgreSQL did not start"
        return 1
    fi
    echo "$port" >"$OTADESK_PG_DIR/port"
    if ! pg_as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres otadesk_test ||
        ! pg_as_owner "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d otadesk_test \
            -c "CREATE ROLE otadesk_password_test LOGIN PASSWORD 'right-password'"; then
        stop_postgres
        return 1
    fi
    export OTADESK_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/otadesk_test"
    log "PostgreSQL running: $OTADESK_TEST_POSTGRES"
}

stop_postgres() {
    local bin data="$OTADESK_PG_DIR/data"
    [ -f "$data/postmaster.pid" ] || return 0
    bin="$(pg_bin_dir)" || return 0
    log "stopping PostgreSQL ($data)"
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || true
}
