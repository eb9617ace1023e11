# SPDX-License-Identifier: GPL-2.0
# The guest part of a README recipe (tests/host/readme-recipes.sh puts it
# in /tests/recipe.sh with scripts/boot-test.sh --recipe): each line runs
# as written, in order, in one shell, and must succeed. The guest is root:
# "sudo" runs its command. dir is where the host part's build-oot.sh put
# the modules, /modules here. A line's output is printed as diagnostics.
# shellcheck shell=sh
recipe=/tests/recipe.sh
if [ ! -s "$recipe" ]; then
	plan 1
	check "the recipe is in /tests/recipe.sh (scripts/boot-test.sh --recipe)" false
	return 0
fi
# The lines that run: all but blank lines and comments.
grep -v '^[[:space:]]*$' "$recipe" | grep -v '^[[:space:]]*#' >/tmp/recipe-lines
plan "$(wc -l </tmp/recipe-lines)"
sudo() { "$@"; }
# shellcheck disable=SC2034 # the recipe's lines use it
dir=$MODDIR
# run_line LINE: LINE in this shell (its variables stay), its output shown.
run_line() {
	eval "$1" </dev/null >/tmp/recipe-line.out 2>&1
	_rc=$?
	sed 's/^/    # /' /tmp/recipe-line.out
	[ "$_rc" = 0 ] || diag "exit status $_rc"
	return "$_rc"
}
while IFS= read -r line <&3; do
	check "README: $(echo "$line" | sed 's/^[[:space:]]*//')" run_line "$line"
done 3</tmp/recipe-lines
