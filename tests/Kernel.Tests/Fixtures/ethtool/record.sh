#!/usr/bin/env bash
# Re-records the ethtool fixtures: raw SIOCETHTOOL answers (*.bin, by EthtoolFixtureRecorder) and what the real
# ethtool prints for the same devices (*.ethtool-*.txt), for the host's eth0 and lo and for the device kinds this
# machine can make, in a throw-away namespace. Run as root from the repository root after a Release build.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
dll="tests/Kernel.Tests/bin/Release/net10.0/PerfSuite.Kernel.Tests.dll"
ns="ps-rec$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT

texts() { # PREFIX-COMMAND... IFACE
  local iface=${*: -1}; local run=("${@:1:$#-1}")
  "${run[@]}" ethtool -k "$iface" >"$out/$iface.ethtool-k.txt"
  "${run[@]}" ethtool -i "$iface" >"$out/$iface.ethtool-i.txt" 2>/dev/null || true
  "${run[@]}" ethtool "$iface" >"$out/$iface.ethtool.txt" 2>/dev/null || true
  "${run[@]}" ethtool -g "$iface" >"$out/$iface.ethtool-g.txt" 2>/dev/null || rm -f "$out/$iface.ethtool-g.txt"
  "${run[@]}" ethtool -l "$iface" >"$out/$iface.ethtool-l.txt" 2>/dev/null || rm -f "$out/$iface.ethtool-l.txt"
  "${run[@]}" ethtool -c "$iface" >"$out/$iface.ethtool-c.txt" 2>/dev/null || rm -f "$out/$iface.ethtool-c.txt"
  find "$out" -name "$iface.*.txt" -empty -delete
}

rm -f "$out"/*.bin "$out"/*.txt
host_ifaces="eth0 lo"
for i in $host_ifaces; do texts env "$i"; done
PERFSUITE_RECORD_FIXTURES="$out" PERFSUITE_RECORD_IFACES="$host_ifaces" \
  dotnet "$dll" -noColor -method '*.Record_raw_ethtool_answers' | grep -E 'FAIL|Exception|Total' 

ip netns add "$ns"
ip -n "$ns" link add veth0 type veth peer name veth1
ip -n "$ns" link add br0 type bridge
ip -n "$ns" link set veth1 master br0
ip -n "$ns" link add vxlan0 type vxlan id 42 dstport 8472 nolearning
ip netns exec "$ns" ip tuntap add tun0 mode tun
ip -n "$ns" link add macvlan0 link veth0 type macvlan
ip -n "$ns" link set veth0 up
ip -n "$ns" link set veth1 up
# veth0: scatter-gather off drops TSO and GSO, then asking for TSO again leaves "[requested on]".
ip netns exec "$ns" ethtool -K veth0 sg off >/dev/null
ip netns exec "$ns" ethtool -K veth0 tso on >/dev/null 2>&1 || true
ip netns exec "$ns" ethtool -K veth1 gro on rx-udp-gro-forwarding on >/dev/null
ns_ifaces="veth0 veth1 br0 vxlan0 tun0 macvlan0"
for i in $ns_ifaces; do texts ip netns exec "$ns" "$i"; done
PERFSUITE_RECORD_FIXTURES="$out" PERFSUITE_RECORD_IFACES="$ns_ifaces" \
  ip netns exec "$ns" dotnet "$dll" -noColor -method '*.Record_raw_ethtool_answers' | grep -E 'FAIL|Exception|Total' 
ls "$out"
