#!/usr/bin/env bash
# The producer plan's name for the payload generator: a thin wrapper over scripts/generate-payload.ts,
# taking the same flags (--check, --root <dir>). Runs with the project's Node 24 from node_modules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node_modules/.bin/node scripts/generate-payload.ts "$@"
