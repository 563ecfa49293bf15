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

# build [extra cmake args...]: configure once, then build everything with Ninja.
build() {
    if [ ! -f "$OTADESK_BUILD_DIR/build.ninja" ]; then
        log "configuring $OTADESK_BUILD_DIR"
        cmake -S "$OTADESK_ROOT" -B "$OTADESK_BUILD_DIR" -G Ninja -DOTADESK_WERROR=ON "$@"
    fi
    log "building (ninja -C $OTADESK_BUILD_DIR)"
    cmake --build "$OTADESK_BUILD_DIR" --parallel "$(nproc)"
}
