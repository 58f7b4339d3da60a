#!/usr/bin/env bash
# Takes assets/screenshot.png: the real window under Xvfb, with an event selected
# (→ pressed N times) and its passage highlighted. Needs Debian xvfb, x11-apps,
# imagemagick and xdotool; installs them when missing.
# Usage: .ci/screenshot.sh [N=24] [OUT=assets/screenshot.png]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-24}
out=${2:-assets/screenshot.png}
need=()
for cmd in Xvfb:xvfb xwd:x11-apps xdotool:xdotool; do
  command -v "${cmd%%:*}" >/dev/null || need+=("${cmd##*:}")
done
[ -x /usr/bin/convert ] || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" xauth >/dev/null
fi
cargo build --release -q
tmp=$(mktemp -d)
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
display=:97
Xvfb $display -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 1
DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 target/release/dateline &
app=$!
sleep 4
wid=$(DISPLAY=$display xdotool search --onlyvisible --name Dateline | head -1)
DISPLAY=$display xdotool windowmove "$wid" 0 0 windowsize "$wid" 1600 1000
DISPLAY=$display xdotool windowfocus --sync "$wid"
sleep 1
for _ in $(seq "$steps"); do DISPLAY=$display xdotool key Right; sleep 0.05; done
DISPLAY=$display xdotool mousemove 1590 990
sleep 1.5
DISPLAY=$display xwd -root -silent | /usr/bin/convert xwd:- -crop 1600x1000+0+0 "$out"
echo "wrote $out"
