#!/usr/bin/env bash
# Keeps the docs true as options change: every subcommand and every option printed by
# `receiptocr --help` and `receiptocr <sub> [<subsub>] --help` must appear in the man page
# (man/receiptocr.1) and in each completion file (completions/receiptocr.bash, _receiptocr,
# receiptocr.fish). Fails with the list of what is missing where.
. "$(dirname "$0")/lib.sh"
: "${SOURCE_DIR:?SOURCE_DIR must point to the source tree}"

man_page=$SOURCE_DIR/man/receiptocr.1
bash_completion=$SOURCE_DIR/completions/receiptocr.bash
zsh_completion=$SOURCE_DIR/completions/_receiptocr
fish_completion=$SOURCE_DIR/completions/receiptocr.fish
for f in "$man_page" "$bash_completion" "$zsh_completion" "$fish_completion"; do
  [ -f "$f" ] || fail "missing $f"
done

# The subcommands listed under "Subcommands:" in a --help text.
subcommands_of() {
  awk '/^Subcommands:/ { on = 1; next } on && /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }'
}

# Option names (-x, --long) at the start of the option lines of a --help text.
options_of() {
  awk '/^ *-/ {
    split($1, names, ",")
    for (i in names) { name = names[i]; sub(/[^A-Za-z0-9-].*$/, "", name); if (name ~ /^-/) print name }
  }'
}

# "COMMAND-PATH<TAB>OPTION" for the program and every (nested) subcommand.
collect() {
  local path=$1 help
  # shellcheck disable=SC2086
  help=$("$RECEIPTOCR" $path --help) || fail "receiptocr $path --help: exit $?"
  [ -n "$help" ] || fail "receiptocr $path --help printed nothing"
  options_of <<<"$help" | sed "s|^|${path:-receiptocr}\t|"
  local sub
  for sub in $(subcommands_of <<<"$help"); do
    printf '%s\t%s\n' "${path:-receiptocr}" "subcommand:$sub"
    collect "${path:+$path }$sub"
  done
}
inventory=$(collect "")
[ "$(grep -c $'\t-' <<<"$inventory")" -ge 20 ] || fail "parsed too few options from --help; did its format change?"

# The man page with roff's escaped hyphens (\-) as plain ones.
man_text=$(sed 's/\\-/-/g' "$man_page")

# True when WORD occurs in TEXT not glued to other option characters on either side.
contains_word() {
  local text=$1 word=$2
  grep -qE -- "(^|[^A-Za-z0-9_-])$(sed 's/[][\.*^$+?(){}|/]/\\&/g' <<<"$word")([^A-Za-z0-9_-]|$)" <<<"$text"
}

# fish names options as `-l long` and `-s x` rather than --long and -x.
fish_has_option() {
  local option=$1
  case $option in
    --*) grep -qE -- "-l ${option#--}( |$)" "$fish_completion" ;;
    -*) grep -qE -- "-s ${option#-}( |$)" "$fish_completion" ;;
  esac
}

missing=()
while IFS=$'\t' read -r where item; do
  [ -n "$item" ] || continue
  if [[ $item == subcommand:* ]]; then
    name=${item#subcommand:}
    contains_word "$man_text" "$name" || missing+=("man page: subcommand '$where $name'")
    for f in "$bash_completion" "$zsh_completion" "$fish_completion"; do
      contains_word "$(cat "$f")" "$name" || missing+=("$(basename "$f"): subcommand '$where $name'")
    done
    continue
  fi
  contains_word "$man_text" "$item" || missing+=("man page: '$item' of '$where'")
  contains_word "$(cat "$bash_completion")" "$item" || missing+=("receiptocr.bash: '$item' of '$where'")
  contains_word "$(cat "$zsh_completion")" "$item" || missing+=("_receiptocr: '$item' of '$where'")
  fish_has_option "$item" || missing+=("receiptocr.fish: '$item' of '$where'")
done <<<"$inventory"

if ((${#missing[@]})); then
  printf 'missing from the docs (add it, or update the docs for the changed option):\n' >&2
  printf '  %s\n' "${missing[@]}" | sort -u >&2
  fail "${#missing[@]} option(s) or subcommand(s) of --help are not documented"
fi
pass "$(grep -c $'\t-' <<<"$inventory") option entries and $(grep -c subcommand: <<<"$inventory") subcommands documented in the man page and bash, zsh, fish completions"
