# Sourced by ./perfsuite and ./run-tests: installs missing OS packages and builds only when sources changed.
# Kept cheap on the fast path: `command -v` per tool and one `find -newer`, no dotnet call (and no dotnet needed).

PERFSUITE_ROOT="${PERFSUITE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ensure_packages CMD:PACKAGE ... : installs the Debian package of every command that is missing.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  install_packages "${missing[@]}"
}

# install_packages PACKAGE ... : installs Debian packages (root and apt-get needed; otherwise says what to install).
install_packages() {
  local missing=("$@")
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
# kernel the Category=Uml tests run in (scripts/uml-run); nftables is the simulated Kubernetes cluster's kube-proxy
# (tests/Support/KubeSim: ClusterIP Services as DNAT rules) and the switch that drops what a fleet path must not carry
# (tests/EndToEnd/FleetVerificationTests). flock, setpriv (util-linux) and env (coreutils) are in every Debian.
test_packages=(ethtool:ethtool strace:strace iperf3:iperf3 sockperf:sockperf tcpdump:tcpdump ping:iputils-ping
  chromium:chromium linux.uml:user-mode-linux modprobe:kmod nft:nftables)

# What building the native binary needs besides the .NET SDK: the ILCompiler links with gcc (or clang) and strips
# the symbols with objcopy.
build_packages=(gcc:gcc objcopy:binutils)

# require_dotnet: exits 2 with a message when the .NET SDK is missing (only building needs it; bin/perfsuite does not).
require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "perfsuite: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first" >&2
    exit 2
  fi
}

# sources_changed STAMP: true when a source or build file is newer than STAMP (or STAMP is missing). Build output
# (bin/, obj/: thousands of files once the native build has run) is pruned, not walked and filtered.
sources_changed() {
  local stamp=$1
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$PERFSUITE_ROOT/src" "$PERFSUITE_ROOT/Directory.Build.props" "$PERFSUITE_ROOT/Directory.Packages.props" \
      \( -name bin -o -name obj \) -prune -o \
      -newer "$stamp" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.ttf' \) \
      -print -quit 2>/dev/null)" ]
}

# native_rid: the .NET runtime identifier of this machine (linux-x64, linux-arm64).
native_rid() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) echo "perfsuite: no Native AOT build for $(uname -m)" >&2; exit 2 ;;
  esac
}

# with_progress LABEL COMMAND...: runs COMMAND, printing "LABEL ... N s" on stderr every 30 s while it runs.
with_progress() {
  local label=$1 since=$SECONDS; shift
  (
    trap 'kill "$nap" 2>/dev/null; exit 0' TERM
    while :; do
      sleep 30 & nap=$!
      wait "$nap"
      echo "perfsuite: $label ... $((SECONDS - since)) s" >&2
    done
  ) &
  local ticker=$! rc=0
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
  return $rc
}

# build_native_if_needed BINARY: publishes src/Cli as a Native AOT executable to BINARY when BINARY is missing or a
# source is newer than it. BINARY's own modification time is the stamp: it is set to the time the build started,
# so an edit made during the build triggers the next one.
# With RID (linux-x64 or linux-arm64) other than this machine's, it cross-compiles: scripts/cross-cc links with the
# target's GCC, whose Debian packages are installed on first use.
build_native_if_needed() {
  local binary=$1 rid=${2:-}
  if [ -x "$binary" ] && ! sources_changed "$binary"; then return 0; fi
  require_dotnet
  mkdir -p "$(dirname "$binary")"
  exec 9>"$PERFSUITE_ROOT/.build-lock"
  flock 9
  if [ -x "$binary" ] && ! sources_changed "$binary"; then flock -u 9; exec 9>&-; return 0; fi
  ensure_packages "${build_packages[@]}"
  local started publish cross=()
  [ -n "$rid" ] || rid=$(native_rid)
  if [ "$rid" != "$(native_rid)" ]; then
    local triple
    case $rid in
      linux-arm64) triple=aarch64-linux-gnu ;;
      linux-x64) triple=x86_64-linux-gnu ;;
      *) echo "perfsuite: no cross build for $rid (linux-x64, linux-arm64)" >&2; exit 2 ;;
    esac
    local arch=${triple%%-*}; [ "$arch" = aarch64 ] && arch=arm64; [ "$arch" = x86_64 ] && arch=amd64
    ensure_packages "$triple-gcc:gcc-$triple" "$triple-objcopy:binutils-$triple"
    [ -f "/usr/$triple/lib/crt1.o" ] || install_packages "libc6-dev-$arch-cross"
    cross=(-p:CppCompilerAndLinker="$PERFSUITE_ROOT/scripts/cross-cc" -p:ObjCopyName="$triple-objcopy")
    export PERFSUITE_CROSS_CC=$triple-gcc
  fi
  started=$(mktemp)
  publish="$PERFSUITE_ROOT/src/Cli/bin/Release/net10.0/$rid/publish"
  echo "perfsuite: building the native binary $binary (Native AOT, $rid; a few minutes on 2 cores) ..." >&2
  local begun=$SECONDS
  if ! with_progress "building the native binary" dotnet publish "$PERFSUITE_ROOT/src/Cli/PerfSuite.Cli.csproj" \
      -c Release -r "$rid" -o "$publish" "${cross[@]}" -nologo -v quiet -clp:ErrorsOnly >&2; then
    rm -f "$started"
    echo "perfsuite: build failed" >&2
    exit 2
  fi
  install -m 755 "$publish/PerfSuite.Cli" "$binary.new"
  touch -r "$started" "$binary.new"
  mv -f "$binary.new" "$binary"
  rm -f "$started"
  echo "perfsuite: built $binary in $((SECONDS - begun)) s" >&2
  flock -u 9
  exec 9>&-
}
