#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package is real: `cpack -G DEB` packs this build for /usr, its dependencies are
# Debian's packages of the libraries timbre links (found by dpkg-shlibdeps), it holds the
# host, the plugins, the configs and the models, dpkg accepts it on this machine (a dry run,
# as root), and unpacked anywhere its timbre lists the plugins and analyses a track with the
# packaged similarity config, and its Python module, from Debian's python3 path, does too.
# Usage: debian_package_check.sh BUILD_DIR FIXTURES_DIR
set -euo pipefail
build=$1 fixtures=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cpack -G DEB -B "$scratch" --config "$build/CPackConfig.cmake" > "$scratch/cpack.log"
package=$(ls "$scratch"/timbre_*_amd64.deb)
depends=$(dpkg-deb -f "$package" Depends)
echo "Depends: $depends"
for library in libtorch1.13 libxgboost0 libavcodec59 libsqlite3-0 libyaml-cpp0.7 libmpg123-0; do
  grep -q "$library" <<< "$depends" || { echo "FAIL: $library missing from Depends"; exit 1; }
done
contents=$(dpkg-deb -c "$package" | awk '{print $6}')
for file in ./usr/bin/timbre ./usr/lib/timbre/plugins/timbre_torch.so ./usr/share/timbre/configs/similarity.yaml \
            ./usr/share/timbre/plugins/torch/models/mer4q-mood-cnn.pt \
            ./usr/share/timbre/plugins/xgboost/models/emotify-genre.ubj ./usr/lib/cmake/timbre/timbreConfig.cmake \
            ./usr/share/doc/timbre/copyright ./usr/share/timbre/plugins/torch/models/MODEL.md \
            ./usr/lib/python3/dist-packages/timbre.cpython-311-x86_64-linux-gnu.so ./usr/lib/timbre/plugins/timbre_vamp.so; do
  grep -qx "$file" <<< "$contents" || { echo "FAIL: $file not in the package"; exit 1; }
done
if [[ $(id -u) -eq 0 ]]; then
  dpkg --dry-run -i "$package" > "$scratch/dpkg.log" 2>&1 || { cat "$scratch/dpkg.log"; exit 1; }
  echo "dpkg --dry-run -i accepts the package"
fi

dpkg-deb -x "$package" "$scratch/root"
# The listing is read whole: grep -q stopping early would end timbre with SIGPIPE.
listing=$("$scratch/root/usr/bin/timbre" plugins)
grep -q "^timbre.gaussian_similarity " <<< "$listing" || { echo "FAIL: the unpacked timbre lists no gaussian_similarity"; exit 1; }
grep -q "^vamp.vamp_example_plugins.zerocrossing.counts " <<< "$listing" ||
  { echo "FAIL: the unpacked timbre's Vamp bridge lists no Vamp example plugin"; exit 1; }
"$scratch/root/usr/bin/timbre" analyze "$scratch/root/usr/share/timbre/configs/similarity.yaml" \
    "$fixtures/library/good/tone.flac" --db "$scratch/t.db" --no-summary 2> "$scratch/analyze.log" ||
  { cat "$scratch/analyze.log"; exit 1; }
echo "the unpacked package lists its plugins and analyses a track with its own similarity config"
PYTHONPATH="$scratch/root/usr/lib/python3/dist-packages" /usr/bin/python3 -c "
import sys, timbre
plugins = {p['id']: p['library'] for p in timbre.plugins()}
assert plugins['timbre.gaussian_similarity'].startswith('$scratch/root/usr/lib/timbre/plugins/'), plugins
outputs = timbre.Pipeline('$scratch/root/usr/share/timbre/configs/features.yaml').run('$fixtures/library/good/tone.flac')
assert 'loudness.integrated' in outputs, sorted(outputs)
" || exit 1
echo "the unpacked package's Python module uses the package's own plugins and analyses a track"
