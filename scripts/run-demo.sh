#!/usr/bin/env bash
# Installs what is missing, builds, and starts mead on 127.0.0.1:50051 (gRPC)
# and 127.0.0.1:8080 (HTTP/JSON, web app) with a
# fresh demo database (data/demo.db) whose dates are relative to today.
# Stop it with Ctrl-C (SIGINT) or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p data
# Backups (`meactl backup NAME`) go into a folder of mead's own, mode 0700.
install -d -m 0700 data/backups
rm -f data/demo.db data/demo.db-wal data/demo.db-shm
echo "run-demo: in another terminal try: build/bin/meactl due"
echo "run-demo: HTTP/JSON and the web app on http://127.0.0.1:8080/"
exec build/bin/mead --listen 127.0.0.1:50051 --http_listen 127.0.0.1:8080 \
  --db data/demo.db --backup_dir data/backups --demo "$@"
