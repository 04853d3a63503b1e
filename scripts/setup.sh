# Sourced by ./perfsuite and ./run-tests: installs missing OS packages and builds only when sources changed.
# Kept cheap on the fast path: `command -v` per tool and one `find -newer`, no dotnet call.

PERFSUITE_ROOT="${PERFSUITE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ensure_packages CMD:PACKAGE ... : installs the Debian package of every command that is missing.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "perfsuite: missing OS packages: ${missing[*]} (run as root once, or: sudo apt-get install ${missing[*]})" >&2
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "perfsuite: missing OS packages ${missing[*]} and no apt-get to install them" >&2
    return 0
  fi
  echo "perfsuite: installing ${missing[*]} ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || echo "perfsuite: could not install ${missing[*]}; the features that need them will say so" >&2
}

# What the product itself runs: iproute2 is not needed by the code but is what users check the lab with;
# wireguard-go is the userspace WireGuard where the kernel has no module.
runtime_packages=(ip:iproute2 wireguard-go:wireguard-go)
# What the tests use as oracles and comparisons. chromium renders the HTML report in a headless browser test
# (tests/Report.Tests, BrowserRenderingTests); user-mode-linux (with kmod's modprobe for its modules) is the second
# kernel the Category=Uml tests run in (scripts/uml-run).
test_packages=(ethtool:ethtool strace:strace iperf3:iperf3 sockperf:sockperf tcpdump:tcpdump ping:iputils-ping
  chromium:chromium linux.uml:user-mode-linux modprobe:kmod)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "perfsuite: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first" >&2
  exit 2
fi

# sources_changed STAMP: true when a source or build file is newer than STAMP (or STAMP is missing).
sources_changed() {
  local stamp=$1
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$PERFSUITE_ROOT/src" "$PERFSUITE_ROOT/Directory.Build.props" "$PERFSUITE_ROOT/Directory.Packages.props" \
      -newer "$stamp" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.ttf' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]
}

# build_if_needed PROJECT STAMP DLL: builds PROJECT in Release when DLL is missing or sources changed.
build_if_needed() {
  local project=$1 stamp=$2 dll=$3
  if [ -f "$dll" ] && ! sources_changed "$stamp"; then return 0; fi
  exec 9>"$PERFSUITE_ROOT/.build-lock"
  flock 9
  if [ -f "$dll" ] && ! sources_changed "$stamp"; then flock -u 9; return 0; fi
  local started; started=$(mktemp)
  echo "perfsuite: building $(basename "$project") (Release) ..." >&2
  if ! dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2; then
    rm -f "$started"
    echo "perfsuite: build failed" >&2
    exit 2
  fi
  # The stamp takes the time the build started, so an edit made during the build triggers the next one.
  mv "$started" "$stamp"
  flock -u 9
}
