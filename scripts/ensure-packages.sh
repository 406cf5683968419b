# Sourced by scripts/setup.sh and tests/fuzz/run.sh.
# ensure_packages NAME PACKAGE...: installs the Debian packages that are missing (apt-get,
# when root), or prints the command to run and exits 1 (not root). NAME prefixes messages.
ensure_packages() {
  local name=$1 package
  shift
  local missing=()
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  ((${#missing[@]})) || return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "$name: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "$name: missing Debian packages: ${missing[*]}" >&2
    echo "$name: install them as root, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
}
