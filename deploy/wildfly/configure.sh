#!/usr/bin/env bash
# Prepares an unpacked WildFly for SSP, offline, each step once: datasource.cli (the default datasource in a
# file, so queued work survives a restart), https.cli (HTTPS listener with the TLS material in <tls-dir>) and an application user in roles ssp-admin (admin API, /metrics, console) and ssp-host (bridge).
# Usage: deploy/wildfly/configure.sh <wildfly-home> <tls-dir> <admin-user> <admin-password> [store-password]
set -euo pipefail
home=$(cd "$1" && pwd)
tls=$(cd "$2" && pwd)
user=$3
secret=$4
password=${5:-changeit}
config="$home/standalone/configuration"
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$config/.ssp-datasource" ]; then
  {
    echo "embed-server --server-config=standalone.xml --std-out=discard"
    cat "$here/datasource.cli"
    echo "stop-embedded-server"
  } > "$config/ssp-datasource.cli"
  # no --resolve-parameter-values: the server resolves ${jboss.server.data.dir} itself
  "$home/bin/jboss-cli.sh" --file="$config/ssp-datasource.cli"
  touch "$config/.ssp-datasource"
  echo "WildFly default datasource is now a file under standalone/data/ssp-h2"
fi
if [ ! -f "$config/.ssp-https" ]; then
  {
    echo "embed-server --server-config=standalone.xml --std-out=discard"
    cat "$here/https.cli"
    echo "stop-embedded-server"
  } > "$config/ssp-https.cli"
  JAVA_OPTS="-Dssp.tls.dir=$tls -Dssp.tls.password=$password" \
    "$home/bin/jboss-cli.sh" --resolve-parameter-values --file="$config/ssp-https.cli"
  touch "$config/.ssp-https"
  echo "WildFly HTTPS configured with $tls"
fi
if ! grep -q "^$user=" "$config/application-users.properties"; then
  "$home/bin/add-user.sh" -a -s -u "$user" -p "$secret" -g ssp-admin,ssp-host -sc "$config"
  echo "WildFly application user $user added in roles ssp-admin and ssp-host"
fi
