#!/usr/bin/env bash
# Screenshots of the real window under Xvfb, for the README:
#   assets/screenshot.png           bundled articles, an event selected, passage highlighted
#   assets/screenshot-search.png    a search with a field filter in progress
#   assets/screenshot-crowded.png   a crowded folder (../shared/corpora/reuters21578), zoomed out
#   assets/screenshot-crowded-zoom.png  the same, zoomed in
# Needs Debian xvfb, x11-apps, imagemagick and xdotool; installs them when missing.
# Usage: .ci/screenshots.sh [CROWDED_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
crowded=${1:-../shared/corpora/reuters21578}
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
export DISPLAY=:97 LIBGL_ALWAYS_SOFTWARE=1
Xvfb $DISPLAY -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 1

# start FOLDER [SECONDS]: run the app on FOLDER, wait, size and focus the window.
start() {
  target/release/dateline "$1" &
  app=$!
  sleep "${2:-4}"
  wid=$(xdotool search --onlyvisible --name Dateline | head -1)
  xdotool windowmove "$wid" 0 0 windowsize "$wid" 1600 1000
  xdotool windowfocus --sync "$wid"
  sleep 1
}
shot() {
  xdotool mousemove 1590 990
  sleep 1.5
  xwd -root -silent | /usr/bin/convert xwd:- -crop 1600x1000+0+0 "$1"
  echo "wrote $1"
}
stop() { kill "$app"; wait "$app" 2>/dev/null || true; }

start articles
for _ in $(seq 26); do xdotool key Right; sleep 0.05; done
shot assets/screenshot.png
xdotool key Escape slash
xdotool type --delay 40 "talks from:2024"
sleep 0.5
shot assets/screenshot-search.png
stop

if [ -d "$crowded" ]; then
  start "$crowded" 60
  shot assets/screenshot-crowded.png
  xdotool key End
  for _ in $(seq 9); do xdotool key plus; sleep 0.2; done
  shot assets/screenshot-crowded-zoom.png
  stop
else
  echo "no crowded folder at $crowded — skipped those screenshots"
fi
