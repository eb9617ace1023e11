#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the README's command blocks as a user would, so that a recipe that
# rots fails the test command. Every ```sh block of the README is a recipe,
# marked ```sh recipe=NAME, and each NAME below must be there:
#   first             scripts/demo.sh, run as written; its scripts/test.sh
#                     line must be what .ci/run runs (this very run)
#   htmldocs          run as written: the page it names at the end exists
#   own-machine       the lines before the first "sudo" run here, with the
#                     headers of Debian 12 backports' packaged kernel (the
#                     demo's) standing in for the running kernel's; the rest
#                     in a QEMU boot of that kernel (extra/readme-recipe.sh)
#   own-tree          in a scratch HOME whose ~/linux is a clean git tree of
#                     Debian's Linux 7.3 (the cache's pristine base)
#   own-tree-by-hand  the same, from a clean ~/linux again; then the .config
#                     has SAMPLE_KTHREAD=m, each sample compiled, and the
#                     build printed no warning
#   send              in the scratch HOME (a git identity of its own), with
#                     a b4 whose "send" is "send --dry-run": nothing is mailed
# Each line of a block must succeed (bash -e), in the repository's root.
# Prints "ok - ..." / "not ok - ..." a line each; exits 1 on any failure.
# The recipe_* functions are called by name (SC2317); the shims it writes
# are sh with their own $1 (SC2016).
# shellcheck disable=SC2317,SC2016
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

usage() { echo "usage: $0 [--readme FILE] [NAME]...   (NAME: ${RECIPES[*]})"; }

RECIPES=(first htmldocs own-machine own-tree own-tree-by-hand send)
readme=$TOP/README.md
names=()
parse_options --readme=readme:FILE '@names[]' -- "$@"
[[ -f $readme ]] || usage_error "no file $readme"
for n in "${names[@]}"; do
	[[ " ${RECIPES[*]} " == *" $n "* ]] || usage_error "no recipe '$n'"
done
((${#names[@]})) || names=("${RECIPES[@]}")
need git timeout python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
result() { # result OK NAME [LOGFILE]: a line, and the log's tail on failure
	if (($1)); then
		echo "ok - $2"
	else
		echo "not ok - $2"
		failed=1
		[[ -z ${3:-} || ! -f $3 ]] || tail -n 25 "$3" | sed 's/^/    # /'
	fi
}

# The blocks: $work/recipe-NAME.sh each, and every ```sh block must have a
# name (a block without one would be a command nobody runs).
python3 - "$readme" "$work" <<'EOF'
import re, sys
readme, work = sys.argv[1], sys.argv[2]
block = None
bad = []
for n, line in enumerate(open(readme), 1):
    if block is None:
        m = re.match(r'^```(\S*)\s*(.*)$', line.rstrip('\n'))
        if not m:
            continue
        lang, info = m.groups()
        name = re.fullmatch(r'recipe=([a-z-]+)', info)
        if lang in ('sh', 'bash', 'shell', 'console') and not name:
            bad.append(f'{readme}:{n}: a ```{lang} block with no recipe=NAME')
        block = (name.group(1) if name else None, [])
    elif line.startswith('```'):
        if block[0]:
            with open(f'{work}/recipe-{block[0]}.sh', 'w') as f:
                f.write(''.join(block[1]))
        block = None
    else:
        block[1].append(line)
with open(f'{work}/unnamed', 'w') as f:
    f.write(''.join(b + '\n' for b in bad))
EOF
if [[ -s $work/unnamed ]]; then
	result 0 "every shell block of $(basename "$readme") is a recipe (\`\`\`sh recipe=NAME)" "$work/unnamed"
else
	result 1 "every shell block of $(basename "$readme") is a recipe (\`\`\`sh recipe=NAME)"
fi

# run_block FILE LOG [ENV...]: FILE's lines with bash -e in the repository's
# root, the environment changed by ENV (VAR=VALUE); its output in LOG. The
# cache stays this run's, in a scratch HOME too.
run_block() {
	local file=$1 log=$2
	shift 2
	(cd "$TOP" && env KTHREAD_CACHE="$CACHE" "$@" timeout 3600 bash -euo pipefail "$file") >"$log" 2>&1
}

# The scratch HOME of the own-tree and send recipes: a git identity, and
# ~/linux a clean git tree of Linux 7.3 at its pristine base.
scratch_home() {
	[[ -d $work/home/linux ]] && return 0
	mkdir -p "$work/home"
	git config --file "$work/home/.gitconfig" user.name "README Recipe"
	git config --file "$work/home/.gitconfig" user.email "recipe@example.org"
	local src
	src=$("$TOP/scripts/get-kernel.sh" 7.3) || return 1
	say "a clean git tree of Linux 7.3 in the scratch HOME (git clone of $src)"
	git clone -q --branch base "$src" "$work/home/linux" 2>"$work/clone.log" || { cat "$work/clone.log"; return 1; }
}
clean_tree() {
	git -C "$work/home/linux" am --abort >/dev/null 2>&1 || true
	git -C "$work/home/linux" checkout -q -f base && git -C "$work/home/linux" clean -q -fdx
}

recipe_first() {
	local f=$work/recipe-first.sh
	mapfile -t lines < <(grep -v '^[[:space:]]*\(#\|$\)' "$f")
	local demo=${lines[0]%%#*} testcmd=${lines[1]%%#*}
	demo=${demo%"${demo##*[![:space:]]}"} testcmd=${testcmd%"${testcmd##*[![:space:]]}"}
	result "$([[ ${#lines[@]} == 2 && $testcmd == scripts/test.sh ]] && grep -qx 'exec scripts/test.sh' "$TOP/.ci/run" && echo 1 || echo 0)" \
		"README first: its second command ('$testcmd') is the one .ci/run runs, this run"
	printf '%s\n' "$demo" >"$work/first-demo.sh"
	say "README first: $demo"
	local rc=0
	run_block "$work/first-demo.sh" "$work/first.log" || rc=$?
	cp "$work/first.log" "$OUT/readme-first.log"
	result "$((rc == 0))" "README first: '$demo' runs as written (log: out/readme-first.log)" "$work/first.log"
	result "$(grep -q '^==> demo done in ' "$work/first.log" && echo 1 || echo 0)" \
		"README first: the demo ran to its end (\"demo done\")" "$work/first.log"
}

recipe_htmldocs() {
	local rc=0 html
	say "README htmldocs: $(grep -v '^[[:space:]]*\(#\|$\)' "$work/recipe-htmldocs.sh")"
	run_block "$work/recipe-htmldocs.sh" "$work/htmldocs.log" || rc=$?
	cp "$work/htmldocs.log" "$OUT/readme-htmldocs.log"
	result "$((rc == 0))" "README htmldocs: runs as written, and the htmldocs check passes (log: out/readme-htmldocs.log)" "$work/htmldocs.log"
	html=$(sed -n 's/^==> the guide as HTML: //p' "$work/htmldocs.log" | tail -n 1)
	result "$([[ $html == */core-api/kthread.html && -s $html ]] && echo 1 || echo 0)" \
		"README htmldocs: it names the page it built, and the page is there ($html)" "$work/htmldocs.log"
	# The kept build is large: the recipe told the user where it is; the
	# test has seen it.
	local kept
	kept=$(sed -n 's/^==> scratch directory kept: //p' "$work/htmldocs.log" | tail -n 1)
	[[ -z $kept || $kept != /*/check-htmldocs.* ]] || rm -rf "$kept"
}

recipe_own_machine() {
	local f=$work/recipe-own-machine.sh distro=debian12-bpo d release rc=0
	awk '/^[[:space:]]*sudo /{g=1} !g' "$f" >"$work/om-host.sh"
	awk '/^[[:space:]]*sudo /{g=1} g' "$f" >"$work/om-guest.sh"
	result "$([[ -s $work/om-host.sh && -s $work/om-guest.sh ]] && echo 1 || echo 0)" \
		"README own-machine: a part to run here and a sudo part for the machine"
	load_distro "$distro" || die "no tests/distro/$distro.conf"
	d=$("$TOP/scripts/get-distro-kernel.sh" "$distro" 2>"$work/distro.log" | tail -n 1) || { cat "$work/distro.log"; return 1; }
	release=$(cat "$d/headers/include/config/kernel.release")
	# The running kernel, as build-oot.sh finds it: uname -r and
	# /lib/modules/RELEASE/build.
	mkdir -p "$work/bin" "$work/lib-modules/$release"
	ln -s "$d/headers" "$work/lib-modules/$release/build"
	printf '#!/bin/sh\n[ "$1" = -r ] && { echo %s; exit 0; }\nexec /bin/uname "$@"\n' "$release" >"$work/bin/uname"
	chmod +x "$work/bin/uname"
	# Its headers missing: build-oot.sh says which package to install.
	if (cd "$TOP" && env PATH="$work/bin:$PATH" KT_LIB_MODULES="$work/none" scripts/build-oot.sh) >"$work/om-missing.log" 2>&1; then
		result 0 "README own-machine: without the running kernel's headers build-oot.sh fails" "$work/om-missing.log"
	else
		result "$(grep -q "apt install linux-headers-$release" "$work/om-missing.log" && echo 1 || echo 0)" \
			"README own-machine: without the running kernel's headers build-oot.sh fails and names the package (linux-headers-$release)" "$work/om-missing.log"
	fi
	printf '%s\necho "dir=$dir"\n' "$(cat "$work/om-host.sh")" >"$work/om-host-run.sh"
	run_block "$work/om-host-run.sh" "$work/om-host.log" PATH="$work/bin:$PATH" KT_LIB_MODULES="$work/lib-modules" || rc=$?
	local dir
	dir=$(sed -n 's/^dir=//p' "$work/om-host.log" | tail -n 1)
	result "$((rc == 0))" "README own-machine: '$(tr '\n' ';' <"$work/om-host.sh")' runs as written (headers of Linux $release)" "$work/om-host.log"
	local want have
	want=$(find "$TOP/samples-kthread" -name '*.c' | wc -l)
	have=$(find "${dir:-/nonexistent}" -maxdepth 1 -name 'kthread-*-sample.ko' 2>/dev/null | wc -l)
	result "$((have == want))" "README own-machine: \$dir holds the $want sample modules ($have in '$dir')" "$work/om-host.log"
	((have == want)) || return 0
	"$TOP/scripts/boot-test.sh" --image "$d/vmlinuz" --modules "$dir" --floor-build "$d/headers" \
		--taint "$TAINT" --suites readme-recipe --recipe "$work/om-guest.sh" --name readme-own-machine \
		>"$work/om-boot.log" 2>&1 || rc=$?
	result "$((rc == 0))" "README own-machine: its sudo lines run as written as root in Linux $release (QEMU; out/readme-own-machine)" "$work/om-boot.log"
}

recipe_own_tree() {
	local rc=0
	scratch_home || { result 0 "README own-tree: a clean Linux 7.3 tree for ~/linux"; return 0; }
	clean_tree
	say "README own-tree: $(grep -v '^[[:space:]]*\(#\|$\)' "$work/recipe-own-tree.sh" | tr '\n' ';')"
	run_block "$work/recipe-own-tree.sh" "$work/own-tree.log" HOME="$work/home" || rc=$?
	cp "$work/own-tree.log" "$OUT/readme-own-tree.log"
	result "$((rc == 0))" "README own-tree: runs as written on a clean ~/linux (log: out/readme-own-tree.log)" "$work/own-tree.log"
	result "$(grep -q '^==> demo done in ' "$work/own-tree.log" && echo 1 || echo 0)" \
		"README own-tree: the samples were built and loaded in that tree's kernel (\"demo done\")" "$work/own-tree.log"
}

recipe_own_tree_by_hand() {
	local rc=0 t=$work/home/linux c missing=
	scratch_home || { result 0 "README own-tree-by-hand: a clean Linux 7.3 tree for ~/linux"; return 0; }
	clean_tree
	say "README own-tree-by-hand: $(grep -v '^[[:space:]]*\(#\|$\)' "$work/recipe-own-tree-by-hand.sh" | tr '\n' ';')"
	run_block "$work/recipe-own-tree-by-hand.sh" "$work/by-hand.log" HOME="$work/home" || rc=$?
	cp "$work/by-hand.log" "$OUT/readme-own-tree-by-hand.log"
	result "$((rc == 0))" "README own-tree-by-hand: runs as written on a clean ~/linux (log: out/readme-own-tree-by-hand.log)" "$work/by-hand.log"
	result "$(grep -qx 'CONFIG_SAMPLE_KTHREAD=m' "$t/.config" 2>/dev/null && echo 1 || echo 0)" \
		"README own-tree-by-hand: its .config has CONFIG_SAMPLE_KTHREAD=m"
	for c in "$TOP"/samples-kthread/*.c; do
		[[ -f $t/samples/kthread/$(basename "${c%.c}").o ]] || missing+=" $(basename "$c")"
	done
	result "$([[ -z $missing ]] && echo 1 || echo 0)" "README own-tree-by-hand: every sample was compiled${missing:+ (not:$missing)}"
	result "$(grep -q 'CHECK .*samples/kthread/' "$work/by-hand.log" && echo 1 || echo 0)" \
		"README own-tree-by-hand: sparse checked them (CHECK lines)" "$work/by-hand.log"
	result "$(grep -Eq '(warning|error):|Error [0-9]' "$work/by-hand.log" && echo 0 || echo 1)" \
		"README own-tree-by-hand: the build printed no warning or error" "$work/by-hand.log"
	clean_tree
}

recipe_send() {
	local rc=0 b4
	scratch_home || { result 0 "README send: a scratch HOME"; return 0; }
	b4=$(command -v b4) || { result 0 "README send: b4 is installed (scripts/install-deps.sh)"; return 0; }
	mkdir -p "$work/bin"
	printf '#!/bin/sh\n[ "$1" = send ] && { shift; exec %s send --dry-run "$@"; }\nexec %s "$@"\n' "$b4" "$b4" >"$work/bin/b4"
	chmod +x "$work/bin/b4"
	rm -rf /tmp/kthread-series "$work/home/kthread-b4"
	run_block "$work/recipe-send.sh" "$work/send.log" HOME="$work/home" PATH="$work/bin:$PATH" || rc=$?
	cp "$work/send.log" "$OUT/readme-send.log"
	result "$((rc == 0))" "README send: runs as written, with b4 send as --dry-run (log: out/readme-send.log)" "$work/send.log"
	result "$(grep -q 'DRYRUN: Would have sent' "$work/send.log" && echo 1 || echo 0)" \
		"README send: b4 send would have sent the series" "$work/send.log"
	# What the recipe left: the series, and b4-check.sh's kept worktree and
	# branch in the cache's Linux 7.3 tree.
	rm -rf /tmp/kthread-series
	local src br
	src=$("$TOP/scripts/get-kernel.sh" 7.3)
	br=$(git -C "$work/home/kthread-b4" symbolic-ref --short HEAD 2>/dev/null || true)
	git -C "$src" worktree remove --force "$work/home/kthread-b4" 2>/dev/null || true
	git -C "$src" worktree prune
	[[ $br != kthread-samples-* ]] || git -C "$src" branch -q -D "$br" 2>/dev/null || true
}

for n in "${names[@]}"; do
	if [[ ! -s $work/recipe-$n.sh ]]; then
		result 0 "README has the recipe $n (\`\`\`sh recipe=$n)"
		continue
	fi
	"recipe_${n//-/_}"
done
exit "$failed"
