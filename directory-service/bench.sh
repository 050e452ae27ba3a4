#!/usr/bin/env bash
# Runs the directory search benchmark (see README): directory-service/bench.sh [--services 100000] [--rate 500] ...
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl events,rest-support,local-infra,test-support
./mvnw -B -q test-compile dependency:build-classpath -pl directory-service -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cp="directory-service/target/test-classes:directory-service/target/classes:$(cat directory-service/target/bench.classpath)"
exec java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$cp" io.switchboard.directory.bench.SearchBenchmark --work directory-service/target/search-bench "$@"
