#!/bin/sh
# Makes sure `redis-server` (the Debian package) is installed: the Redis tests start their own servers with it,
# each on an ephemeral loopback port. Installs it with apt-get when absent (as root, or through sudo).
set -eu
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then run=""; elif command -v sudo >/dev/null 2>&1; then run="sudo"; else
  echo "redis-server is missing and neither root nor sudo is available: install the redis-server package" >&2
  exit 1
fi
$run apt-get update -qq
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# The package starts a system service; the tests do not use it.
(command -v service >/dev/null 2>&1 && $run service redis-server stop >/dev/null 2>&1) || true
redis-server --version
