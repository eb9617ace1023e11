#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What b4 makes of a series made with gen-series.sh --signoff: apply it with
# git am onto Debian's 7.3 in a scratch worktree, enroll the branch with
# "b4 prep", give it the series' cover letter (with its To: and Cc: as b4's
# cover trailers) and run "b4 send --dry-run". It must want to send every
# patch and the cover letter, to the series' recipients. Debian 12's b4 0.12
# has no "b4 prep --check" (later b4 has it): only the dry run runs here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 --patches DIR [--keep DIR]
  --patches DIR  a series from scripts/gen-series.sh --signoff
  --keep DIR     leave the b4-enrolled worktree in DIR (for "b4 send")
USAGE
}

patches=
keep=
parse_options --patches=patches:DIR --keep=keep:DIR -- "$@"
[[ -n $patches ]] || usage_error "--patches is required"
[[ -f $patches/0000-cover-letter.patch ]] || die "$patches has no cover letter"
need b4 git
grep -q '^Signed-off-by: ' "$patches/0000-cover-letter.patch" ||
	die "$patches is not signed off: make it with scripts/gen-series.sh --signoff"

src=$("$TOP/scripts/get-kernel.sh" 7.3)
work=$(mktemp -d)
tree=${keep:-$work/tree}
branch=kthread-samples-$$
[[ ! -e $tree ]] || die "$tree exists"
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	[[ -n $keep ]] || git -C "$src" worktree remove --force "$tree" 2>/dev/null || true
	git -C "$src" worktree prune
	[[ -n $keep ]] || git -C "$src" branch -q -D "$branch" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

mapfile -t series < <(find "$patches" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | sort)
who=$(sed -n 's/^From: //p' "${series[0]}" | head -n 1)
name=${who%% <*}
name=${name//\"/}
email=${who##*<}
email=${email%>}

# Only samples/ and MAINTAINERS are checked out: all the series touches.
git -C "$src" worktree add -q --no-checkout --detach "$tree" base
g() { git -C "$tree" -c user.name="$name" -c user.email="$email" "$@"; }
g sparse-checkout set --no-cone /samples/ /MAINTAINERS
g checkout -q -b "$branch" base
g am -q "${series[@]}" || die "the series does not apply to 7.3 with git am"
g config user.name "$name"
g config user.email "$email"
(cd "$tree" && timeout 120 b4 prep -e base) >"$work/prep.log" 2>&1 ||
	die "b4 prep -e base failed: $(tail -n 3 "$work/prep.log")"

# The cover letter as b4 keeps it: the subject, the body without the
# sign-off, and the recipients as trailers.
{
	sed -n 's/^Subject: \[PATCH 0\/[0-9]*\] //p' "$patches/0000-cover-letter.patch"
	echo
	awk 'body && /^[^ ].* \([0-9]+\):$/ { exit }
	     body && !/^Signed-off-by: / { print }
	     !body && /^$/ { body = 1 }' "$patches/0000-cover-letter.patch"
	awk '/^$/ { exit }
	     /^(To|Cc): / { hdr = $1; sub(/^(To|Cc): /, ""); sub(/,$/, ""); print hdr " " $0; next }
	     /^ / && hdr { sub(/^ +/, ""); sub(/,$/, ""); print hdr " " $0 }' \
		"$patches/0000-cover-letter.patch"
} >"$work/cover"
# shellcheck disable=SC2016 # $1 is the editor script's own argument
printf '#!/bin/sh\ncp "%s" "$1"\n' "$work/cover" >"$work/editor"
chmod +x "$work/editor"
(cd "$tree" && EDITOR=$work/editor timeout 120 b4 prep --edit-cover) >"$work/edit.log" 2>&1 ||
	die "b4 prep --edit-cover failed: $(tail -n 3 "$work/edit.log")"

say "b4 $(b4 --version): b4 send --dry-run"
(cd "$tree" && timeout 300 b4 send --dry-run --no-sign) >"$work/send.log" 2>&1 ||
	die "b4 send --dry-run failed: $(tail -n 3 "$work/send.log")"
cp "$work/send.log" "$OUT/b4-send-dry-run.log"
rc=0
want=$((${#series[@]} + 1))
if grep -qx "DRYRUN: Would have sent $want messages" "$work/send.log"; then
	echo "ok - b4 send --dry-run would send $want messages"
else
	echo "not ok - b4 send --dry-run would send $want messages: $(tail -n 1 "$work/send.log")"
	rc=1
fi
to=$(sed -n 's/^To: //p' "$patches/0000-cover-letter.patch" | head -n 1)
if (($(grep -cF "| To: $to" "$work/send.log") == want)); then
	echo "ok - every message is to $to"
else
	echo "not ok - every message is to $to (log: $OUT/b4-send-dry-run.log)"
	rc=1
fi
exit "$rc"
