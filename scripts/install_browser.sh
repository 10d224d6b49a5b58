#!/bin/sh
# Makes sure the browser tests have a Chromium.
# 1. a Chromium already on the machine (Debian's package, or PASAPAS_CHROMIUM) is used as it is;
# 2. otherwise Playwright downloads its own, where the network allows it;
# 3. otherwise, on Debian/Ubuntu as root, Debian's `chromium` package is installed.
set -u
PY=${1:-python3}
for candidate in "${PASAPAS_CHROMIUM:-}" chromium chromium-browser; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && {
        echo "browser: using $(command -v "$candidate")"; exit 0; }
done
if "$PY" -m playwright install chromium >/dev/null 2>&1; then
    echo "browser: using Playwright's Chromium"; exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "browser: Playwright could not download its browser; installing Debian's chromium"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null &&
    command -v chromium >/dev/null && { echo "browser: using $(command -v chromium)"; exit 0; }
fi
echo "browser: no Chromium could be installed. Install the 'chromium' package, or run" >&2
echo "         '$PY -m playwright install chromium' where the network allows it." >&2
exit 1
