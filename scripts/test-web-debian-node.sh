#!/usr/bin/env bash
# Builds the web app and runs its browser tests (scripts/build-web.sh,
# scripts/test-web.sh) with Debian 12's own Node.js 18 and npm 9, also on a
# machine whose `node` is another, newer one, without installing either:
#
# 1. apt-get works out what `apt-get install nodejs npm` pulls in on a
#    stock Debian 12 (a simulation against an empty package status), and
#    downloads those packages that are not installed here, with Debian's
#    nodejs 18 itself;
# 2. dpkg -x unpacks them into one folder;
# 3. the scripts run with that folder's usr/bin first on PATH and its
#    libraries (libnode108) on LD_LIBRARY_PATH. Debian's node loads parts
#    of itself (undici, cjs-module-lexer) from /usr/share/nodejs and its
#    npm lives there too, so they run in a private mount namespace
#    (unshare, as root) in which the folder's usr/share lies over
#    /usr/share; nothing outside that namespace sees it.
#
# clients/web/node_modules is removed first, so that Debian's npm installs
# it (npm ci). Needs root, apt-get's package lists (apt-get update) and
# what scripts/test-web.sh needs (chromium, curl, build/bin/mead).
# Usage: scripts/test-web-debian-node.sh [folder, default /tmp/mea-debian-node]
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:-/tmp/mea-debian-node}"

# Debian 12's nodejs, whatever else offers a newer one.
version="$(apt-cache madison nodejs | awk -F' *[|] *' '$2 ~ /deb12/ {print $2; exit}')"
if [ -z "$version" ]; then
  echo "test-web-debian-node: no Debian 12 nodejs in apt's lists (apt-get update?)" >&2
  exit 1
fi
mkdir -p "$folder/debs" "$folder/root"
: >"$folder/empty-status"
apt-get -s -o Dir::State::status="$folder/empty-status" install \
  --no-install-recommends "nodejs=$version" npm |
  awk '/^Inst / {print $2}' >"$folder/closure.txt"
needed=("nodejs=$version")
while read -r package; do
  [ "$package" = nodejs ] && continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
    grep -q "install ok installed" || needed+=("$package")
done <"$folder/closure.txt"
echo "test-web-debian-node: nodejs $version; $(wc -l <"$folder/closure.txt")" \
  "packages in a stock install, ${#needed[@]} to unpack"
(cd "$folder/debs" && apt-get download -q "${needed[@]}" >/dev/null)
for deb in "$folder"/debs/*.deb; do dpkg -x "$deb" "$folder/root"; done

rm -rf clients/web/node_modules
# shellcheck disable=SC2016  # expanded by the inner bash
unshare --mount bash -c '
  set -euo pipefail
  folder="$1"
  mount -t overlay overlay -o "lowerdir=$folder/root/usr/share:/usr/share" /usr/share
  export PATH="$folder/root/usr/bin:$PATH"
  LD_LIBRARY_PATH="$(echo "$folder"/root/usr/lib/*-linux-gnu)"
  export LD_LIBRARY_PATH
  echo "test-web-debian-node: $(command -v node) $(node --version)," \
    "$(command -v npm) $(npm --version)"
  scripts/build-web.sh
  scripts/test-web.sh
' test-web-debian-node "$folder"
