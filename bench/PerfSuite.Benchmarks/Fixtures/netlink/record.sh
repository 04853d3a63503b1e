#!/usr/bin/env bash
# Records the kernel's RTM_NEWLINK answers (payload after the 16-byte nlmsghdr: ifinfomsg and IFLA_* attributes)
# for the devices the lab builds, as the netlink decoding benchmarks read them. Run as root from this folder;
# everything is made in a scratch namespace that is removed on exit. Needs iproute2 and strace.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
ns="ps-brec$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add cni0 type bridge
ip -n "$ns" link add veth1 mtu 1450 type veth peer name eth0
ip -n "$ns" link set veth1 master cni0
ip -n "$ns" link add flannel.1 mtu 1450 type vxlan id 1 dstport 8472 local 198.18.0.1 nolearning
ip -n "$ns" link set cni0 up
ip -n "$ns" link set veth1 up

# record DEVICE FILE: the answer to `ip -d link show dev DEVICE`, from strace's hex dump of recvmsg.
record() {
  local trace payload
  trace=$(strace -f -X raw -s 65535 -xx -e trace=recvmsg ip -n "$ns" -d link show dev "$1" 2>&1 >/dev/null)
  payload=$(grep -oE 'nlmsg_type=0x10, [^}]*\}, "(\\x[0-9a-f]{2})*"' <<<"$trace" | tail -1 | grep -oE '"(\\x[0-9a-f]{2})*"' | tr -d '"')
  [ -n "$payload" ] || { echo "no RTM_NEWLINK for $1 in the trace" >&2; exit 1; }
  printf '%b' "$payload" >"$2"
  echo "$2: $(stat -c %s "$2") bytes"
}
record lo lo.newlink.bin
record veth1 veth.newlink.bin
record cni0 bridge.newlink.bin
record flannel.1 vxlan.newlink.bin
