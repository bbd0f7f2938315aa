#!/bin/sh
# Makes sure `chromium` (the Debian package) is installed: the console's browser tests drive /usr/bin/chromium
# headless through playwright-core. Installs it with apt-get when absent (as root, or through sudo).
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then run=""; elif command -v sudo >/dev/null 2>&1; then run="sudo"; else
  echo "chromium is missing and neither root nor sudo is available: install the chromium package" >&2
  exit 1
fi
$run apt-get update -qq
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
