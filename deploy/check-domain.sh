#!/bin/sh
# "Check a domain" from a shell: asks a running SSP deployment to run its federation check against a peer domain
# and prints the report (the admin API's POST check?format=text; role ssp-admin, over HTTPS).
#
#   deploy/check-domain.sh [--peer-initiates [seconds]] <deployment URL> <domain> [user there] [endpoint URL]
#   deploy/check-domain.sh https://ssp.alpha.example:8443/ssp beta.example bob
#
# --peer-initiates: instead of sending M1, wait (30 s, at most 120) for the peer to start a session with us, and
# report its handshake from our side; have a user there send a message to a user here meanwhile.
# Credentials: SSP_ADMIN_USER and SSP_ADMIN_PASSWORD (the password is asked for when unset). A private CA for the
# deployment's certificate: SSP_CA=/path/to/ca.pem. Exit status: 0 when the verdict is PASS or WARN, 1 when a step
# failed, 2 when the check could not be run.
set -eu
initiator=
wait=
if [ "${1:-}" = --peer-initiates ]; then
  initiator=peer
  shift
  case "${1:-}" in
    ''|*[!0-9]*) ;;
    *) wait=$1; shift ;;
  esac
fi
if [ $# -lt 2 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base=${1%/}
domain=$2
user=${3:-}
url=${4:-}
admin=${SSP_ADMIN_USER:-ssp-operator}
if [ -z "${SSP_ADMIN_PASSWORD+x}" ]; then
  printf 'password of %s: ' "$admin" >&2
  stty -echo 2>/dev/null || true
  read -r SSP_ADMIN_PASSWORD
  stty echo 2>/dev/null || true
  echo >&2
fi
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
body="{\"domain\":$(json_string "$domain")"
[ -n "$user" ] && body="$body,\"user\":$(json_string "$user")"
[ -n "$url" ] && body="$body,\"url\":$(json_string "$url")"
[ -n "$initiator" ] && body="$body,\"initiator\":\"$initiator\""
[ -n "$wait" ] && body="$body,\"waitSeconds\":$wait"
body="$body}"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=$(curl -sS ${SSP_CA:+--cacert "$SSP_CA"} --max-time 300 -o "$report" -w '%{http_code}' \
  -u "$admin:$SSP_ADMIN_PASSWORD" -H 'Content-Type: application/json' --data "$body" \
  "$base/api/admin/check?format=text") || { echo "cannot reach $base" >&2; exit 2; }
cat "$report"
echo
[ "$status" = 200 ] || { echo "HTTP $status" >&2; exit 2; }
head -1 "$report" | grep -q ': FAIL$' && exit 1
exit 0
