#!/bin/bash
# Waits until the partner inventory files for the business date have landed (max 2 hours).
set -euo pipefail
bizdate=${bizdate}
for i in $(seq 1 24); do
  if ossutil ls "oss://retail-dev-landing/inventory/${bizdate}/" | grep -q "_SUCCESS"; then
    echo "inventory files for ${bizdate} are complete"
    exit 0
  fi
  echo "waiting for inventory files (${i}/24)"
  sleep 300
done
echo "inventory files for ${bizdate} did not arrive" >&2
exit 1
