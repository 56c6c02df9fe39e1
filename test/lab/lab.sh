#!/usr/bin/env bash
# ReconLens test lab: a Samba AD DC, a workstation, an attacker and a secondary DNS server (bind9),
# each in its own network namespace, joined by a bridge that lives in a namespace of its own
# (rl-sw). No address, route or interface is added to the host's namespace.
#
#   test/lab/lab.sh up       build (idempotent: an existing, healthy lab is reused)
#   test/lab/lab.sh down     stop daemons, delete namespaces (keeps the provisioned DC on disk)
#   test/lab/lab.sh purge    down + delete .lab-work/ (the next `up` provisions again, ~1 min)
#   test/lab/lab.sh status   what runs
# See test/lab/README.md.
set -euo pipefail
source "$(dirname "$0")/lab.env"

log() { echo "[lab] $*" >&2; }

ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

net_up() {
  mkdir -p "$LAB_WORK"
  ns_exists "$NS_SW" || ip netns add "$NS_SW"
  ip -n "$NS_SW" link set lo up
  ip -n "$NS_SW" link show br0 >/dev/null 2>&1 || ip -n "$NS_SW" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$NS_SW" link set br0 up
  local spec ns ip mac port
  for spec in "$NS_DC $DC_IP $MAC_DC sw-dc" "$NS_WS $WS_IP $MAC_WS sw-ws" \
              "$NS_ATK $ATK_IP $MAC_ATK sw-atk" "$NS_NS2 $NS2_IP $MAC_NS2 sw-ns2"; do
    read -r ns ip mac port <<<"$spec"
    ns_exists "$ns" || ip netns add "$ns"
    ip -n "$ns" link set lo up
    # IPv4 only: no link-local IPv6 chatter (router/neighbour solicitations, MLD) in the captures
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
      # create the pair inside the switch namespace, then move one end to the host namespace
      ip -n "$NS_SW" link add "$port" type veth peer name eth0
      ip -n "$NS_SW" link set eth0 netns "$ns"
      ip -n "$NS_SW" link set "$port" master br0
    fi
    ip -n "$ns" link set eth0 address "$mac"
    # no offloads: captures then carry correct checksums and real segment sizes
    ip netns exec "$ns" ethtool -K eth0 tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
    ip -n "$ns" addr replace "$ip/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$NS_SW" link set "$port" up
    ip netns exec "$NS_SW" ethtool -K "$port" tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
  done
}

write_client_confs() {
  cat >"$LAB_WORK/krb5.conf" <<KRB
[libdefaults]
  default_realm = $REALM
  dns_lookup_kdc = false
  dns_lookup_realm = false
  rdns = false
[realms]
  $REALM = {
    kdc = $DC_IP
    admin_server = $DC_IP
  }
[domain_realm]
  .$DNSDOMAIN = $REALM
KRB
  local h n d
  for h in ws:$WS_NAME atk:$ATK_NAME ns2:$NS2_NAME; do
    n=${h#*:}; h=${h%%:*}; d="$LAB_WORK/client-$h"
    mkdir -p "$d"/{lock,state,cache,private,pid,ncalrpc}
    cat >"$(clientconf "$h")" <<CONF
[global]
  netbios name = $n
  workgroup = $NBDOMAIN
  realm = $REALM
  security = ads
  client min protocol = SMB2_02
  name resolve order = host
  lock directory = $d/lock
  state directory = $d/state
  cache directory = $d/cache
  private dir = $d/private
  pid directory = $d/pid
  ncalrpc dir = $d/ncalrpc
  log level = 0
CONF
  done
}

dc_dir() { echo "$LAB_WORK/dc"; }

dc_provision() {
  local d; d=$(dc_dir)
  if [ -f "$d/etc/smb.conf" ] && [ -f "$d/private/sam.ldb" ]; then return; fi
  log "provisioning Samba AD DC $DC_NAME ($REALM) under $d"
  rm -rf "$d"; mkdir -p "$d"/{pid,ncalrpc,winbindd,log}
  install -d -m 0750 "$d/ntp_signd"   # samba insists on 0750
  host_exec "$NS_DC" "$DC_NAME" samba-tool domain provision \
    --targetdir="$d" --realm="$REALM" --domain="$NBDOMAIN" --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --host-name="${DC_NAME,,}" --host-ip="$DC_IP" \
    --adminpass="$ADMIN_PASS" --use-rfc2307 \
    --option="netbios name = $DC_NAME" \
    --option="interfaces = lo eth0" --option="bind interfaces only = yes" \
    --option="dns forwarder = 127.0.0.9" \
    --option="pid directory = $d/pid" --option="ncalrpc dir = $d/ncalrpc" \
    --option="winbindd socket directory = $d/winbindd" \
    --option="ntp signd socket directory = $d/ntp_signd" \
    --option="log file = $d/log/samba.log" --option="max log size = 2000" \
    --option="prefork children = 1" \
    --option="dns update command = /bin/true" \
    --option="load printers = no" --option="disable spoolss = yes" \
    --option="server min protocol = SMB2_02" \
    >"$LAB_WORK/provision.log" 2>&1 || { tail -30 "$LAB_WORK/provision.log"; exit 1; }
  DC_PROVISIONED_NOW=1
}

dc_running() { local p; p=$(cat "$(dc_dir)/pid/samba.pid" 2>/dev/null) && kill -0 "$p" 2>/dev/null; }

dc_start() {
  dc_running && return
  log "starting samba (AD DC) in $NS_DC"
  # libwbclient (used by smbd to map SIDs to unix ids) only looks for winbindd's socket in the
  # compiled-in /run/samba/winbindd; without it every SMB session setup fails with
  # NT_STATUS_INTERNAL_ERROR. So samba runs in a private mount namespace where a small tmpfs covers
  # /run and the lab's winbindd socket directory is bind-mounted at /run/samba/winbindd (the host's
  # /run is neither seen nor touched).
  #
  # In the same mount namespace the DC sees its own /etc/krb5.conf, the one provisioning wrote (as a
  # real DC has it), instead of the host's.
  cp "$(dc_dir)/private/krb5.conf" "$(dc_dir)/etc/krb5.conf"
  ip netns exec "$NS_DC" unshare --uts --mount --propagation private -- sh -c '
    hostname "$0"
    mount -t tmpfs -o size=4m,mode=0755 rl-dc-run /run
    mkdir -p /run/samba/winbindd
    mount --bind "$1/winbindd" /run/samba/winbindd
    mount --bind "$1/etc/krb5.conf" /etc/krb5.conf
    exec samba -s "$1/etc/smb.conf" -D' "$DC_NAME" "$(dc_dir)"
  local i
  for i in $(seq 1 60); do
    if ip netns exec "$NS_DC" bash -c "exec 3<>/dev/tcp/$DC_IP/445" 2>/dev/null &&
       ip netns exec "$NS_DC" bash -c "exec 3<>/dev/tcp/$DC_IP/88" 2>/dev/null; then return; fi
    sleep 1
  done
  log "samba did not come up; see $(dc_dir)/log"; exit 1
}

samba_tool() { host_exec "$NS_DC" "$DC_NAME" samba-tool "$@" -s "$(dc_dir)/etc/smb.conf"; }

dc_populate() {
  [ -f "$LAB_WORK/.populated" ] && return
  log "adding lab users, groups and DNS records"
  samba_tool domain passwordsettings set --complexity=off --min-pwd-age=0 --history-length=0 >/dev/null
  local u
  # ordinary users; alice and bob hold SMB sessions open during session enumeration
  for u in alice bob carol dave erin frank; do
    samba_tool user create "$u" "$USER_PASS" >/dev/null
  done
  samba_tool user create helpdesk "$USER_PASS" >/dev/null
  samba_tool user create svc-legacy "$USER_PASS" >/dev/null     # no Kerberos preauth: AS-REP roastable
  samba_tool user create olduser "$USER_PASS" >/dev/null        # disabled: KDC answers CLIENT_REVOKED
  samba_tool user create tadmin "$ADMIN_PASS" >/dev/null        # second administrator (Domain Admins)
  samba_tool group addmembers "Domain Admins" tadmin >/dev/null
  samba_tool user disable olduser >/dev/null
  # svc-legacy: DONT_REQUIRE_PREAUTH (AS-REP roastable), set through Samba's own database layer
  ip netns exec "$NS_DC" "$PY" "$LAB_ROOT/test/lab/py/set_uac.py" "$(dc_dir)/etc/smb.conf" \
    svc-legacy UF_DONT_REQUIRE_PREAUTH on >/dev/null
  samba_tool group create "Sales" >/dev/null
  samba_tool group addmembers "Sales" alice,bob,carol >/dev/null
  local name ip
  for name in ws01:$WS_IP kali:$ATK_IP ns2:$NS2_IP; do
    ip=${name#*:}; name=${name%%:*}
    samba_tool dns add "$DC_IP" "$DNSDOMAIN" "$name" A "$ip" -U "Administrator%$ADMIN_PASS" >/dev/null
  done
  samba_tool dns add "$DC_IP" "$DNSDOMAIN" files CNAME "${DC_NAME,,}.$DNSDOMAIN" -U "Administrator%$ADMIN_PASS" >/dev/null
  # a file share everyone may read (benign traffic)
  touch "$LAB_WORK/.populated"
}

dc_add_share() {
  local conf; conf="$(dc_dir)/etc/smb.conf"
  mkdir -p "$LAB_WORK/share"
  echo "quarterly numbers" >"$LAB_WORK/share/report.txt"
  grep -q '^\[public\]' "$conf" || printf '\n[public]\n\tpath = %s\n\tread only = yes\n' "$LAB_WORK/share" >>"$conf"
}

ns2_zone() {  # $1 = serial; the secondary's copy of the lab zone (what a successful AXFR returns)
  cat <<ZONE
\$TTL 3600
@       IN SOA  ns2.$DNSDOMAIN. hostmaster.$DNSDOMAIN. ( $1 900 600 86400 3600 )
        IN NS   ${DC_NAME,,}.$DNSDOMAIN.
        IN NS   ns2.$DNSDOMAIN.
${DC_NAME,,}     IN A    $DC_IP
ws01    IN A    $WS_IP
kali    IN A    $ATK_IP
ns2     IN A    $NS2_IP
files   IN CNAME ${DC_NAME,,}
_ldap._tcp      IN SRV 0 100 389 ${DC_NAME,,}.$DNSDOMAIN.
_kerberos._tcp  IN SRV 0 100 88  ${DC_NAME,,}.$DNSDOMAIN.
_kerberos._udp  IN SRV 0 100 88  ${DC_NAME,,}.$DNSDOMAIN.
_gc._tcp        IN SRV 0 100 3268 ${DC_NAME,,}.$DNSDOMAIN.
printer01       IN A    $LAB_NET.40
nas01           IN A    $LAB_NET.41
ZONE
}

ns2_start() {
  local d="$LAB_WORK/ns2"
  if [ -f "$d/named.pid" ] && kill -0 "$(cat "$d/named.pid")" 2>/dev/null; then return; fi
  mkdir -p "$d"
  ns2_zone 2026120401 >"$d/lab.zone"
  rm -f "$d"/lab.zone.jnl
  cat >"$d/named.conf" <<CONF
options {
  directory "$d";
  pid-file "$d/named.pid";
  session-keyfile "$d/session.key";
  listen-on { $NS2_IP; };
  listen-on-v6 { none; };
  recursion no;
  allow-transfer { any; };      // the lab wants successful transfers to exist
  ixfr-from-differences yes;    // a reload with a new serial writes a journal -> real IXFR answers
  notify no;
  dnssec-validation no;
};
controls { };
zone "$DNSDOMAIN" { type primary; file "$d/lab.zone"; };
CONF
  log "starting bind9 (named) in $NS_NS2"
  host_exec "$NS_NS2" "$NS2_NAME" named -c "$d/named.conf" -L "$d/named.log"
  local i; for i in $(seq 1 20); do
    ip netns exec "$NS_NS2" dig +short +time=1 +tries=1 @"$NS2_IP" "$DNSDOMAIN" SOA >/dev/null 2>&1 && return
    sleep 0.5
  done
  log "named did not come up; see $d/named.log"; exit 1
}

ns2_bump_serial() {  # new serial + one new record, reload: named writes an IXFR journal
  local d="$LAB_WORK/ns2"
  { ns2_zone "$1"; echo "ws02    IN A    $LAB_NET.22"; } >"$d/lab.zone"
  kill -HUP "$(cat "$d/named.pid")"
  local i; for i in $(seq 1 20); do
    ip netns exec "$NS_NS2" dig +short @"$NS2_IP" "$DNSDOMAIN" SOA | grep -q " $1 " && return
    sleep 0.5
  done
}

stop_pidfile() {
  local f=$1 p
  [ -f "$f" ] || return 0
  p=$(cat "$f"); kill "$p" 2>/dev/null || true
  local i; for i in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$p" 2>/dev/null || true
  rm -f "$f"
}

down() {
  # samba's children exit with the parent; stop by pid files only (never by name)
  stop_pidfile "$(dc_dir)/pid/samba.pid"
  stop_pidfile "$LAB_WORK/ns2/named.pid"
  local f; for f in "$LAB_WORK"/pids/*.pid; do [ -e "$f" ] && stop_pidfile "$f"; done
  # anything still living in a lab namespace was started by the lab
  local ns p
  for ns in "$NS_DC" "$NS_WS" "$NS_ATK" "$NS_NS2" "$NS_SW"; do
    ns_exists "$ns" || continue
    for p in $(ip netns pids "$ns"); do kill "$p" 2>/dev/null || true; done
    sleep 0.5
    for p in $(ip netns pids "$ns"); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns"
  done
  log "lab down"
}

status() {
  local ns; for ns in "$NS_SW" "$NS_DC" "$NS_WS" "$NS_ATK" "$NS_NS2"; do
    if ns_exists "$ns"; then echo "$ns: $(ip -n "$ns" -br addr show eth0 2>/dev/null || echo bridge) pids: $(ip netns pids "$ns" | tr '\n' ' ')"
    else echo "$ns: absent"; fi
  done
}

case "${1:-}" in
  up)
    net_up; write_client_confs; dc_provision; dc_add_share; dc_start; dc_populate; ns2_start
    log "lab up: $DC_NAME $DC_IP, $WS_NAME $WS_IP, $ATK_NAME $ATK_IP, $NS2_NAME $NS2_IP" ;;
  down) down ;;
  purge) down; rm -rf "$LAB_WORK"; log "purged $LAB_WORK" ;;
  status) status ;;
  ns2-bump) ns2_bump_serial "${2:?serial}" ;;
  *) echo "usage: $0 up|down|purge|status" >&2; exit 2 ;;
esac
