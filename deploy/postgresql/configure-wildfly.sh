#!/usr/bin/env bash
# Puts a WildFly server's SSP state on PostgreSQL, offline: runs deploy/postgresql/wildfly.cli in an embedded
# server against <server-base-dir> (default <wildfly-home>/standalone). The driver module is added once per
# WildFly home (the script leaves out wildfly.cli's "module add" when the module is there already).
# Usage: PG_JDBC_JAR=... SSP_PG_URL=jdbc:postgresql://host:port/db SSP_PG_USER=... SSP_PG_PASSWORD=... \
#        deploy/postgresql/configure-wildfly.sh <wildfly-home> [server-base-dir]
set -euo pipefail
home=$(cd "$1" && pwd)
base=$(cd "${2:-$home/standalone}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
: "${PG_JDBC_JAR:?}" "${SSP_PG_URL:?}" "${SSP_PG_USER:?}" "${SSP_PG_PASSWORD:?}"
script="$base/configuration/ssp-postgresql.cli"
{
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  if [ -d "$home/modules/org/postgresql/main" ]; then
    grep -v '^module add ' "$here/wildfly.cli"
  else
    cat "$here/wildfly.cli"
  fi
  echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --resolve-parameter-values --file="$script"
echo "WildFly at $base now keeps SSP state on $SSP_PG_URL"
