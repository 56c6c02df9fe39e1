# One batch of the slow enumeration (make-slow.sh runs it with SLOW_BATCH=1 and 2 and places the
# second batch 11 minutes after the first): kerbrute-style AS-REQs from KALI for
# data/users-slow-$SLOW_BATCH.txt (6 unknown names, 1 real each).
run() {
  atk "$PY" "$LAB_ROOT/test/lab/py/kerbrute_udp.py" "$DC_IP" "$REALM" \
    "$LAB_ROOT/test/lab/data/users-slow-${SLOW_BATCH:?}.txt" --delay 0.05
}
