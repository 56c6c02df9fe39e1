#!/usr/bin/env bash
# Run lab scenarios, each into its own capture under test/captures/.
#
#   test/lab/scenario.sh NAME...        e.g. kerberos-enum-nmap dns-axfr-workstation
#   test/lab/scenario.sh all            every committed scenario capture, in name order (not the
#                                       building blocks `background`, `sample`, `kerberos-slow-batch`:
#                                       make-long.sh, make-sample.sh, make-slow.sh use those)
#   CAPTURE_MODE=dc-any OUT=... test/lab/scenario.sh NAME   (used by make-variants.sh for SLL2)
#
# Each scenarios/NAME.sh defines run(); it uses the helpers of lab.env (ws, atk, ns2 run a command
# on the workstation, the attacker, the secondary DNS server, each with its own host name).
# The lab must be up (test/lab/lab.sh up). Output: test/captures/NAME.pcap (Ethernet, microsecond
# pcap, frames of the lab segment; see capture.sh).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/lab.env"
OUTDIR="${OUTDIR:-$LAB_ROOT/test/captures}"
[ "$#" -ge 1 ] || { echo "usage: $0 NAME...|all" >&2; exit 2; }
names=("$@")
if [ "$1" = all ]; then names=(); for f in "$HERE"/scenarios/*.sh; do
  n=$(basename "$f" .sh); case $n in background|sample|kerberos-slow-batch) ;; *) names+=("$n") ;; esac; done; fi
ip netns list | grep -q "^$NS_DC" || { echo "lab is not up: test/lab/lab.sh up" >&2; exit 1; }
mkdir -p "$LAB_WORK/tmp"
for name in "${names[@]}"; do
  f="$HERE/scenarios/$name.sh"; [ -f "$f" ] || { echo "no scenario $name" >&2; exit 2; }
  unset -f run; source "$f"
  echo "[scenario] $name" >&2
  "$HERE/capture.sh" start "$name" "${CAPTURE_MODE:-span}"
  # a failing tool must not leave tcpdump running; the scenario's own output goes to a log
  set +e; ( set -e; cd "$LAB_WORK/tmp"; run ) >"$LAB_WORK/scenario-$name.log" 2>&1; rc=$?; set -e
  "$HERE/capture.sh" stop "$name" "${OUT:-$OUTDIR/$name.pcap}"
  [ $rc -eq 0 ] || { echo "[scenario] $name failed (rc $rc), see $LAB_WORK/scenario-$name.log" >&2; exit 1; }
done
