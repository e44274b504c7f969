#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders synthetic solo recordings for training the instrument models (never for scoring
# them): single notes and short phrases of 15 instruments (17 General MIDI programs) and three drums, each played by
# three General MIDI SoundFonts from Debian (FluidR3, TimGM6mb, MuseScore General) through
# FluidSynth, at random pitches in the instrument's range, random loudness and reverb. Three
# synthesisers are three more "studios", so a model also trained on them depends less on the
# one room the Philharmonia notes were recorded in.
# Usage: scripts/render-synthetic-instruments.sh [OUT_DIR]   (default: synthetic/instruments in
# the source tree, where configs/instrument*.yaml read it). Writes OUT_DIR/labels.csv and
# OUT_DIR/<instrument>/*.flac, the same files every run; does nothing when OUT_DIR already
# holds this script's rendering. Needs fluidsynth and the SoundFonts (scripts/install-deps.sh).
set -euo pipefail
out=${1:-$(dirname "$0")/../synthetic/instruments}
recipe=$(sha256sum <"$0" | cut -d' ' -f1)
if [[ -f $out/labels.csv && "$(cat "$out/.recipe" 2>/dev/null)" == "$recipe" ]]; then
  echo "$out holds this rendering already"
  exit 0
fi
# Only a folder this script rendered (whole, or interrupted: .partial) is replaced.
if [[ -e $out && ! -f $out/.recipe && ! -f $out/.partial && -n "$(ls -A "$out")" ]]; then
  echo "$0: $out holds files this script did not render; name a new or empty folder" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
touch "$out/.partial"
soundfonts=(/usr/share/sounds/sf2/FluidR3_GM.sf2 /usr/share/sounds/sf2/TimGM6mb.sf2
            /usr/share/sounds/sf3/MuseScore_General.sf3)
for tool in fluidsynth ffmpeg; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
for soundfont in "${soundfonts[@]}"; do
  [[ -r $soundfont ]] || { echo "$0: $soundfont is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

# instrument name (Philharmonia's and Freesound's), General MIDI program (0-based; "drum"
# for the percussion channel's key), lowest and highest MIDI key played
instruments=(
  "violin 40 55 96" "viola 41 48 84" "cello 42 36 76" "double bass 43 28 60"
  "trumpet 56 55 82" "trombone 57 40 72" "french horn 60 34 77" "oboe 68 58 91"
  "cor anglais 69 52 81" "bassoon 70 34 72" "clarinet 71 50 91" "flute 73 60 96"
  "saxophone 65 49 80" "saxophone 66 44 75" "guitar 24 40 84" "guitar 25 40 84"
  "banjo 105 48 81"
  "bass drum drum 35 36" "snare drum drum 38 40" "hi-hat drum 42 46"
)
notes_per_voice=15    # single notes per instrument program and SoundFont
phrases_per_voice=15  # phrases of 3 to 8 notes per instrument program and SoundFont

# A standard MIDI file, format 0, 1 ms per tick, from a list of "delta_ms status data..." events,
# built as printf escapes without a subshell per byte (bash forks are most of the run time).
append_vlq() {  # append_vlq VALUE: appends VALUE's variable-length bytes to $track
  local value=$1 bytes byte
  printf -v bytes '\\x%02x' $((value & 0x7f))
  value=$((value >> 7))
  while ((value > 0)); do
    printf -v byte '\\x%02x' $(((value & 0x7f) | 0x80))
    bytes=$byte$bytes
    value=$((value >> 7))
  done
  track+=$bytes
}
write_midi() {  # write_midi FILE EVENT...   EVENT = "delta_ms byte byte ..."
  local file=$1 event delta bytes length header
  shift
  track=''
  append_vlq 0
  track+='\xff\x51\x03\x0f\x42\x40'  # tempo: 1,000,000 us per quarter note
  for event in "$@"; do
    read -r delta event <<<"$event"
    append_vlq "$delta"
    printf -v bytes '\\x%02x' $event
    track+=$bytes
  done
  append_vlq 1000
  track+='\xff\x2f\x00'  # end of track one second after the last event: the release
  length=$(printf '%b' "$track" | wc -c)
  printf -v header '\\x%02x' $((length >> 24 & 255)) $((length >> 16 & 255)) $((length >> 8 & 255)) $((length & 255))
  # format 0, one track, 1,000 ticks per quarter note
  printf '%b' 'MThd\x00\x00\x00\x06\x00\x00\x00\x01\x03\xe8MTrk' "$header" "$track" >"$file"
}

draw() { drawn=$(($1 + RANDOM % ($2 - $1 + 1))); }  # draw LOW HIGH: a whole number in [LOW, HIGH] into $drawn

# One voice (an instrument program in one SoundFont) is rendered as one MIDI file holding all
# its takes 1.5 s apart, then cut into one file per take: FluidSynth loads a SoundFont once
# per voice instead of once per take (MuseScore General alone takes a second to load).
# render_voice SOUNDFONT STEM WHAT CUT...: STEM.mid rendered by FluidSynth and cut into its takes.
render_voice() {
  local soundfont=$1 stem=$2 what=$3
  shift 3
  fluidsynth -n -i -q -g 0.6 -r 44100 -T wav -O s16 -F "$stem.wav" "$soundfont" "$stem.mid" >/dev/null 2>&1 ||
    { echo "$0: fluidsynth failed on $what" >&2; return 1; }
  ffmpeg -v error -y -i "$stem.wav" "$@" || { echo "$0: cutting $what failed" >&2; return 1; }
  rm "$stem.wav"
}

# The notes are drawn in one fixed order (the same files every run); the voices are rendered
# one per core at a time.
renderers=$(nproc)
voices=0
RANDOM=2026
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "path,instrument,soundfont,kind,voice" >"$out/labels.csv"
count=0
for entry in "${instruments[@]}"; do
  read -r -a fields <<<"$entry"
  n=${#fields[@]}
  name=${fields[*]:0:n-3}
  program=${fields[n-3]} low=${fields[n-2]} high=${fields[n-1]}
  if [[ $program == drum ]]; then channel=9; else channel=0; fi
  mkdir -p "$out/$name"
  for soundfont in "${soundfonts[@]}"; do
    font=$(basename "${soundfont%.*}")
    voice=$font-p$program
    events=() cuts=() rows=()
    clock=0 delta=0
    for ((i = 0; i < notes_per_voice + phrases_per_voice; i++)); do
      take_start=$((clock + delta))
      [[ $channel == 0 ]] && events+=("$delta $((0xc0)) $program") && delta=0
      draw 0 100
      events+=("$delta $((0xb0 | channel)) 91 $drawn")  # reverb send
      draw 0 40
      events+=("0 $((0xb0 | channel)) 93 $drawn")       # chorus send
      clock=$take_start delta=0
      if ((i < notes_per_voice)); then kind=note notes=1; else draw 3 8; kind=phrase notes=$drawn; fi
      for ((k = 0; k < notes; k++)); do
        draw "$low" "$high"; key=$drawn
        draw 35 120; velocity=$drawn
        if ((notes == 1)); then draw 400 2500; else draw 120 700; fi
        length=$drawn
        events+=("$delta $((0x90 | channel)) $key $velocity" "$length $((0x80 | channel)) $key 0")
        clock=$((clock + delta + length))
        draw 0 60; delta=$drawn
      done
      delta=1500  # the take's release and reverb tail, then the next take
      file="$name/$voice-$kind-$i.flac"
      printf -v start '%d.%03d' $((take_start / 1000)) $((take_start % 1000))
      printf -v seconds '%d.%03d' $(((clock + delta - take_start) / 1000)) $(((clock + delta - take_start) % 1000))
      cuts+=(-ss "$start" -t "$seconds" "$out/$file")
      rows+=("$file,$name,$font,$kind,$voice")
    done
    voices=$((voices + 1))
    write_midi "$scratch/$voices.mid" "${events[@]}"
    while (($(jobs -rp | wc -l) >= renderers)); do
      wait -n || exit 1
    done
    render_voice "$soundfont" "$scratch/$voices" "$voice ($name)" "${cuts[@]}" &
    printf '%s\n' "${rows[@]}" >>"$out/labels.csv"
    count=$((count + ${#rows[@]}))
  done
done
while (($(jobs -rp | wc -l) > 0)); do
  wait -n || exit 1
done
echo "$recipe" >"$out/.recipe"
rm "$out/.partial"
echo "rendered $count recordings into $out"
