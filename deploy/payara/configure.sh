#!/usr/bin/env bash
# Prepares an unpacked Payara's domain1 for SSP, each step once, in one start of the domain: https.asadmin
# (HTTPS listener with the TLS material in <tls-dir>), datasource.asadmin (the default H2's page cache),
# jvm.asadmin (a 768 MiB heap, as WildFly gets), listeners.asadmin (connections kept open) and a file-realm user
# in group ssp-admin.
# Usage: deploy/payara/configure.sh <payara-home> <tls-dir> <admin-user> <admin-password> [store-password]
set -euo pipefail
home=$(cd "$1" && pwd)
tls=$(cd "$2" && pwd)
user=$3
secret=$4
password=${5:-changeit}
config="$home/glassfish/domains/domain1/config"
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$config/.ssp-configured" ] && { echo "Payara already configured for SSP"; exit 0; }
sed -e "s|SSP_TLS_DIR|$tls|g" -e "s|SSP_TLS_PASSWORD|$password|g" "$here/https.asadmin" > "$config/ssp-https.asadmin"
sed -e "s|SSP_ADMIN_USER|$user|g" "$here/admin-user.asadmin" > "$config/ssp-admin-user.asadmin"
printf 'AS_ADMIN_USERPASSWORD=%s\n' "$secret" > "$config/ssp-admin-user.pw"
"$home/bin/asadmin" start-domain domain1 >/dev/null
trap '"$home/bin/asadmin" stop-domain domain1 >/dev/null; rm -f "$config/ssp-admin-user.pw"' EXIT
"$home/bin/asadmin" multimode --file "$config/ssp-https.asadmin"
"$home/bin/asadmin" multimode --file "$here/datasource.asadmin"
"$home/bin/asadmin" multimode --file "$here/jvm.asadmin"
"$home/bin/asadmin" multimode --file "$here/listeners.asadmin"
"$home/bin/asadmin" --passwordfile "$config/ssp-admin-user.pw" multimode --file "$config/ssp-admin-user.asadmin"
touch "$config/.ssp-configured"
echo "Payara configured for SSP: HTTPS with $tls, user $user in groups ssp-admin and ssp-host"
