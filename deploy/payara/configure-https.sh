#!/usr/bin/env bash
# Applies https.asadmin to an unpacked Payara's domain1, once: starts the domain, runs the commands, stops it.
# Usage: deploy/payara/configure-https.sh <payara-home> <tls-dir> [store-password]
set -euo pipefail
home=$(cd "$1" && pwd)
tls=$(cd "$2" && pwd)
password=${3:-changeit}
marker="$home/glassfish/domains/domain1/config/.ssp-https"
[ -f "$marker" ] && { echo "Payara HTTPS already configured"; exit 0; }
here=$(cd "$(dirname "$0")" && pwd)
commands="$home/glassfish/domains/domain1/config/ssp-https.asadmin"
sed -e "s|SSP_TLS_DIR|$tls|g" -e "s|SSP_TLS_PASSWORD|$password|g" "$here/https.asadmin" > "$commands"
"$home/bin/asadmin" start-domain domain1 >/dev/null
trap '"$home/bin/asadmin" stop-domain domain1 >/dev/null' EXIT
"$home/bin/asadmin" multimode --file "$commands"
touch "$marker"
echo "Payara HTTPS configured with $tls"
