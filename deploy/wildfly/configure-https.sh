#!/usr/bin/env bash
# Applies https.cli to an unpacked WildFly, offline (embedded server), once.
# Usage: deploy/wildfly/configure-https.sh <wildfly-home> <tls-dir> [store-password]
set -euo pipefail
home=$(cd "$1" && pwd)
tls=$(cd "$2" && pwd)
password=${3:-changeit}
marker="$home/standalone/configuration/.ssp-https"
[ -f "$marker" ] && { echo "WildFly HTTPS already configured"; exit 0; }
here=$(cd "$(dirname "$0")" && pwd)
{
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  cat "$here/https.cli"
  echo "stop-embedded-server"
} > "$home/standalone/configuration/ssp-https.cli"
JAVA_OPTS="-Dssp.tls.dir=$tls -Dssp.tls.password=$password" \
  "$home/bin/jboss-cli.sh" --resolve-parameter-values --file="$home/standalone/configuration/ssp-https.cli"
touch "$marker"
echo "WildFly HTTPS configured with $tls"
