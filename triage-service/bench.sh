#!/usr/bin/env bash
# Answer-step latency of triage-service with 200 concurrent assessments (see triage-service/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl events,rest-support,local-infra,test-support
./mvnw -B -q -pl triage-service package -DskipTests
./mvnw -B -q -pl triage-service dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java -cp "triage-service/target/test-classes:$(cat triage-service/target/test.classpath)" \
  io.switchboard.triage.bench.AnswerLatencyBenchmark "$@"
