#!/bin/sh
# `reconlens` on PATH for the deb (linked from /usr/bin by after-install.sh): the packaged Electron
# runs in Node mode (ELECTRON_RUN_AS_NODE) the bundled CLI, so the CLI uses the better-sqlite3 that
# was rebuilt for Electron's ABI and needs no separate Node.js installation.
here=$(dirname "$(readlink -f "$0")")
app=$(dirname "$here")
ELECTRON_RUN_AS_NODE=1 exec "$app/reconlens-app" "$here/app.asar.unpacked/dist/cli.mjs" "$@"
