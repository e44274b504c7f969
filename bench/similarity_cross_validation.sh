#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A learned similarity metric scored on every clip of its collection, each clip by a network
# that never trained on it or on its artist: the network's config is trained five times, each
# time holding out another fifth of the collection (`train --held-out-part`, artist-disjoint),
# and `evaluate-similarity` scores each part with the network that held it out (it leaves out
# the clips that network trained on, as queries and as neighbours, so each part's clips are
# compared among themselves). The five parts' figures are pooled, clip-weighted, beside the
# metrics without trained parameters scored on the same parts, with their intervals over the
# artists (bench/pooled_neighbour_intervals.py). A benchmark of quality, not a test; results
# in docs/similarity.md.
# Usage: bench/similarity_cross_validation.sh mood|mood-cnn|genre|pooled-genre [WORK_DIR]
#   mood:     configs/mood-metric.yaml (triplet_mood) on ../shared/data/audio/mer4q, by quadrant
#   mood-cnn: configs/mood-cnn.yaml (learned_mood, the mood classifier's embedding), the same
#   genre: configs/genre-cnn.yaml (learned_genre) on ../shared/data/audio/emotify, by genre
#   pooled-genre: configs/genre-pooled-cnn.yaml (pooled_genre; each part also holds out the
#             4-quadrant set's same part, which this scoring does not read), the same
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  mood) collection=mer4q label=quadrant train=mood-metric.yaml node=mood_triplet model=mer4q-mood-triplet.pt
        learned=triplet_mood ;;
  mood-cnn) collection=mer4q label=quadrant train=mood-cnn.yaml node=mood_cnn model=mer4q-mood-cnn.pt
            learned=learned_mood ;;
  genre) collection=emotify label=genre train=genre-cnn.yaml node=genre_cnn model=emotify-genre-cnn.pt
         learned=learned_genre ;;
  pooled-genre) collection=emotify label=genre train=genre-pooled-cnn.yaml node=pooled_genre_cnn
                model=pooled-genre-cnn.pt learned=pooled_genre ;;
  *) echo "usage: $0 mood|mood-cnn|genre|pooled-genre [WORK_DIR]" >&2; exit 1 ;;
esac
work=${2:-$(mktemp -d)}
mkdir -p "$work"
timbre="$root/build/bin/timbre"
labels="$root/../shared/data/audio/$collection/labels.csv"
# The hybrids: timbre:stats:musical 2:1:0.5 (docs/similarity.md's metrics without trained
# parameters), and the same with the learned metric at weight 1, as the shipped mix weighs it.
without="timbre:2,stats:1,musical:0.5"
with="$without,$learned:1"
for part in 0 1 2 3 4; do
  dir="$work/part$part"
  if [ ! -f "$dir/$model" ]; then
    "$timbre" train "$root/configs/$train" --held-out-part "$part" --model-dir "$dir" --report "$dir/train" \
      --log-level warn > "$dir.train.txt" 2>&1 || { cat "$dir.train.txt" >&2; exit 1; }
  fi
  "$timbre" evaluate-similarity "$root/configs/similarity.yaml" --dataset "$labels" --label "$label" \
    --group-by artist --metric timbre --metric stats --metric musical --metric "$learned" \
    --hybrid "$without" --hybrid "$with" --set "$node.model=$dir/$model" --report "$dir/similarity" \
    --log-level warn > "$dir.similarity.txt" 2>&1 || { cat "$dir.similarity.txt" >&2; exit 1; }
  echo "part $part: $(jq '.[0].tracks' "$dir/similarity.json") clips scored" >&2
done
echo "$collection, $label, k = 5, mutual proximity; five artist-disjoint parts, each scored with the network that"
echo "held it out, neighbours within the part; pooled over $(jq -s 'map(.[0].tracks) | add' "$work"/part*/similarity.json) clips"
echo
echo "| metric | accuracy | precision@5 | artist-filtered accuracy | precision@5 |"
echo "|---|---|---|---|---|"
jq -r -s '
  def pooled(f): (map(.tracks * f) | add) / (map(.tracks) | add) * 100 | . * 10 | round / 10;
  [.[] | .[] | {node, tracks, row: (.normalisations | last)}]
  | group_by(.node)[]
  | "| \(.[0].node) | \(pooled(.row.all.accuracy)) % | \(pooled(.row.all.precision_at_k) / 100 | . * 1000 | round / 1000) | \(pooled(.row.group_filtered.accuracy)) % | \(pooled(.row.group_filtered.precision_at_k) / 100 | . * 1000 | round / 1000) |"
' "$work"/part*/similarity.json
echo
echo "The pooled accuracies' 95 % intervals, drawn over artists as timbre's reports draw them:"
echo
/usr/bin/python3 "$root/bench/pooled_neighbour_intervals.py" "$work"/part*/similarity.json
