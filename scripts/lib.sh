# Shared by scripts/run-app, scripts/test and scripts/verifier: install what is missing, never more.
# Debian 12 / Ubuntu 22.04+; runs apt-get through sudo when not root.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ai-toets/target}"
export PATH="$HOME/.cargo/bin:$PATH"

BUILD_PACKAGES="libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev libxdo-dev librsvg2-dev curl"
# PDFBox Preflight (PDF/A-1b validation) needs libactivation-java and libjaxb-api-java, which
# libpdfbox2-java does not declare; xmllint (libxml2-utils) validates the MDTO files.
TEST_PACKAGES="webkit2gtk-driver xvfb xauth dbus poppler-utils imagemagick e2fsprogs sqlite3
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java libxml2-utils postgresql"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PKG...: installs the packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

need_rust() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is missing. Install it with rustup (https://rustup.rs), then run this command again." >&2
    exit 1
  fi
}

need_toolchains() {
  need_rust
  if ! command -v node >/dev/null; then
    apt_install nodejs npm
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "Node.js $(node --version) is too old; AI-toets needs Node.js 20 or newer." >&2
    exit 1
  fi
}

# Installs the UI's packages when package-lock.json changed since the last install.
ui_packages() {
  cd "$ROOT/ui"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing UI packages (npm ci)"
    npm ci --no-audit --no-fund
  fi
  cd "$ROOT"
}

build_ui() {
  say "Building the UI"
  npm --prefix "$ROOT/ui" run build --silent
}
