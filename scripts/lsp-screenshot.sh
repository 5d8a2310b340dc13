#!/bin/sh
# Screenshots of `argmap lsp` in Neovim for docs/editors.md: the op-ed map with a mistyped quote
# (its diagnostic in full) and a hover on an id. Needs neovim, xvfb, xterm, x11-apps, imagemagick.
# Run from the repository root, with `argmap` on PATH:  sh scripts/lsp-screenshot.sh
set -eu
here=$(pwd)
work=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r arguments seeds "$work"/ && touch "$work/.argmap.toml"
# the typo a student makes: two words misspelt in P1's quote
sed -i 's/they expressed a desire to work together/they expresed a desire to work togther/' \
  "$work/arguments/countering-external-threats.yaml"
Xvfb :97 -screen 0 1500x860x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
shoot() {  # $1: script to run in Neovim, $2: picture to write
  (cd "$work" && DISPLAY=:97 xterm -geometry 150x44+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg '#1e1e2e' -fg '#e0e0e0' \
    -e nvim -u "$here/scripts/lsp-screenshot/init.lua" -S "$here/scripts/lsp-screenshot/$1" \
    arguments/countering-external-threats.yaml) &
  term=$!
  sleep 9
  DISPLAY=:97 xwd -root -silent | convert xwd:- -crop 1356x830+0+0 +repage "$2"
  kill "$term"
}
shoot show.lua docs/lsp-neovim-diagnostic.png
shoot hover.lua docs/lsp-neovim-hover.png
