#!/usr/bin/env bash
# Build build/sample/reconlens-sample.pcapng, the capture the app shows on first run: runs the
# `sample` scenario (scenarios/sample.sh) and converts it to pcapng with a capture comment.
# The lab must be up. Then update build/sample/README.md if the facts changed (it lists them).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/lab.env"
raw="$LAB_WORK/captures/sample.pcap"; out="$LAB_ROOT/build/sample/reconlens-sample.pcapng"
mkdir -p "$(dirname "$raw")" "$(dirname "$out")"
OUT="$raw" "$HERE/scenario.sh" sample
editcap -F pcapng --capture-comment "ReconLens sample: made by test/lab/make-sample.sh in the ReconLens test lab (Samba AD DC $DC_NAME $DC_IP, workstation $WS_NAME $WS_IP, attacker $ATK_NAME $ATK_IP, secondary DNS $NS2_NAME $NS2_IP). See build/sample/README.md." "$raw" "$out"
echo "[sample] $out: $(capinfos -M -c "$out" | sed -n 's/^Number of packets: *//p') packets, $(stat -c %s "$out") bytes; sha256 $(sha256sum "$out" | cut -d' ' -f1)"
