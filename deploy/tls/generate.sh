#!/usr/bin/env bash
# Test TLS material for federating alpha.test and beta.test (and for the ITs), made with the JDK's keytool:
#   ca.p12 / ca.pem        the test CA
#   truststore.p12         trusts the test CA (give it to servers and to peers' "trustStore")
#   server.p12             alias "server": CN=localhost, SAN localhost, 127.0.0.1, alpha.test, beta.test
#   <domain>.p12           alias "client": a client certificate naming that IMPS domain (mutual TLS)
# All stores are PKCS12 with the password "changeit". Test material only: never deploy it.
# Usage: deploy/tls/generate.sh [out-dir] [client-domain ...]     (default: target/tls alpha.test beta.test gamma.test)
set -euo pipefail
out=${1:-target/tls}
shift || true
clients=("$@")
[ ${#clients[@]} -gt 0 ] || clients=(alpha.test beta.test gamma.test)
pass=changeit
mkdir -p "$out"
cd "$out"
if [ -f .complete ]; then
  echo "TLS material already in $(pwd)"
  exit 0
fi
rm -f ./*.p12 ./*.pem ./*.csr

kt() { keytool -noprompt "$@" >/dev/null 2>&1 || keytool -noprompt "$@"; }

kt -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=IMPS SSP Test CA" \
   -ext bc:c -keystore ca.p12 -storetype PKCS12 -storepass $pass
kt -exportcert -rfc -alias ca -keystore ca.p12 -storepass $pass -file ca.pem
kt -importcert -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 -storepass $pass

# issue <store> <alias> <dname> <extensions...>: a key pair signed by the test CA, with the CA in the chain
issue() {
  local store=$1 alias=$2 dname=$3
  shift 3
  kt -genkeypair -alias "$alias" -keyalg RSA -keysize 2048 -validity 825 -dname "$dname" \
     -keystore "$store" -storetype PKCS12 -storepass $pass
  kt -certreq -alias "$alias" -keystore "$store" -storepass $pass -file "$alias-$store.csr"
  kt -gencert -alias ca -keystore ca.p12 -storepass $pass -infile "$alias-$store.csr" -outfile "$alias-$store.pem" \
     -rfc -validity 825 "$@"
  kt -importcert -alias ca -file ca.pem -keystore "$store" -storepass $pass
  kt -importcert -alias "$alias" -file "$alias-$store.pem" -keystore "$store" -storepass $pass
  rm -f "$alias-$store.csr"
}

issue server.p12 server "CN=localhost" -ext "san=dns:localhost,ip:127.0.0.1,dns:alpha.test,dns:beta.test" \
      -ext eku=serverAuth,clientAuth
for d in "${clients[@]}"; do
  issue "$d.p12" client "CN=$d" -ext "san=dns:$d" -ext eku=clientAuth,serverAuth
done
touch .complete
echo "TLS material written to $(pwd)"
