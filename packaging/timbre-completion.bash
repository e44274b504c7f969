# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for timbre. Sub-commands and each sub-command's options are read from the
# CLI's own --help when completing (a few milliseconds: help loads no plugin), so they never
# drift from the program; `plugins describe` completes plugin ids from `timbre plugins`;
# everything else completes file names (configs, music folders, stores).
# Installed as share/bash-completion/completions/timbre; or: source timbre-completion.bash

# The options a help text lists ("-j,--jobs UINT ..." gives -j and --jobs).
_timbre_options() {
    sed -n 's/^ \{2,\}\(-[^ ]*\).*/\1/p' | tr ',' '\n'
}

_timbre_completion() {
    local timbre=${COMP_WORDS[0]} current=${COMP_WORDS[COMP_CWORD]} subcommands subcommand="" position=0 i
    subcommands=$("$timbre" --help 2>/dev/null | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p' | tr '\n' ' ')
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ " $subcommands " == *" ${COMP_WORDS[i]} "* ]]; then
            subcommand=${COMP_WORDS[i]}
            position=$i
            break
        fi
    done
    local IFS=$'\n'
    if [[ -z $subcommand ]]; then
        if [[ $current == -* ]]; then
            COMPREPLY=($(compgen -W "$("$timbre" --help 2>/dev/null | _timbre_options)" -- "$current"))
        else
            COMPREPLY=($(compgen -W "${subcommands// /$'\n'}" -- "$current"))
        fi
        return
    fi
    if [[ $current == -* ]]; then
        COMPREPLY=($(compgen -W "$("$timbre" "$subcommand" --help 2>/dev/null | _timbre_options)" -- "$current"))
        return
    fi
    if [[ $subcommand == plugins ]]; then
        if ((COMP_CWORD == position + 1)); then
            COMPREPLY=($(compgen -W "describe" -- "$current"))
            return
        fi
        if [[ ${COMP_WORDS[position + 1]} == describe ]]; then
            COMPREPLY=($(compgen -W "$("$timbre" plugins 2>/dev/null | sed -n 's/^\([a-z][a-z0-9_.-]*\) .*/\1/p')" -- "$current"))
            return
        fi
    fi
    COMPREPLY=($(compgen -f -- "$current"))
}

complete -o filenames -o bashdefault -F _timbre_completion timbre
