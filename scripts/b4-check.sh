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

# Only samples/, MAINTAINERS and Documentation/core-api/ are checked out:
# all the series touches.
git -C "$src" worktree add -q --no-checkout --detach "$tree" base
g() { git -C "$tree" -c user.name="$name" -c user.email="$email" "$@"; }
g sparse-checkout set --no-cone /samples/ /MAINTAINERS /Documentation/core-api/
g checkout -q -b "$branch" base
g am -q "${series[@]}" || die "the series does not apply to 7.3 with git am"
g config user.name "$name"
g config user.email "$email"
(cd "$tree" && timeout 120 b4 prep -e base) >"$work/prep.log" 2>&1 ||
	die "b4 prep -e base failed: $(tail -n 3 "$work/prep.log")"

# The cover letter as b4 keeps it: the subject, the body without the
# sign-off, and the To: recipients as trailers (b4 sends every message to
# them). Each patch carries its own Cc: trailers, which b4 adds to that
# patch, and b4 sends the cover letter to everyone.
subject=$(sed -n -E 's/^Subject: \[(RFC )?PATCH 0\/[0-9]+\] //p' "$patches/0000-cover-letter.patch")
[[ -n $subject ]] || die "no '[PATCH 0/N]' or '[RFC PATCH 0/N]' subject in the cover letter"
{
	echo "$subject"
	echo
	awk 'body && /^[^ ].* \([0-9]+\):$/ { exit }
	     body && !/^Signed-off-by: / { print }
	     !body && /^$/ { body = 1 }' "$patches/0000-cover-letter.patch"
	awk '/^$/ { exit }
	     /^(To|Cc): / { hdr = $1; sub(/^(To|Cc): /, ""); sub(/,$/, ""); if (hdr == "To:") print hdr " " $0; next }
	     /^ / && hdr == "To:" { sub(/^ +/, ""); sub(/,$/, ""); print hdr " " $0 }' \
		"$patches/0000-cover-letter.patch"
} >"$work/cover"
# shellcheck disable=SC2016 # $1 is the editor script's own argument
printf '#!/bin/sh\ncp "%s" "$1"\n' "$work/cover" >"$work/editor"
chmod +x "$work/editor"
(cd "$tree" && EDITOR=$work/editor timeout 120 b4 prep --edit-cover) >"$work/edit.log" 2>&1 ||
	die "b4 prep --edit-cover failed: $(tail -n 3 "$work/edit.log")"

if grep -q '^Subject: \[RFC PATCH 0/' "$patches/0000-cover-letter.patch"; then
	(cd "$tree" && timeout 120 b4 prep --set-prefixes RFC) >"$work/prefix.log" 2>&1 ||
		die "b4 prep --set-prefixes RFC failed: $(tail -n 3 "$work/prefix.log")"
fi

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
# Who gets each message: the cover letter everyone the series names, each
# patch the To: recipients and its own Cc: trailers, nobody else (the
# sender aside). Compared address by address.
verify_recipients() {
	python3 - "$1" "$patches" "$who" <<'PY'
import email.utils, glob, os, re, sys
log, patches, sender = sys.argv[1], sys.argv[2], sys.argv[3]
def addrs(values):
    return {a.lower() for _, a in email.utils.getaddresses(values) if a}
def headers(lines):
    h, key = {}, None
    for ln in lines:
        if ln == '':
            break
        if ln[0] in ' \t' and key:
            h[key][-1] += ' ' + ln.strip()
            continue
        key, _, val = ln.partition(':')
        h.setdefault(key, []).append(val.strip())
    return h
def body_cc(text):
    return [m.group(1) for m in re.finditer(r'^Cc: (.+)$', text.split('\n---\n', 1)[0], re.M)]
files = sorted(glob.glob(os.path.join(patches, '[0-9][0-9][0-9][0-9]-*.patch')))
cover = open(files[0]).read()
ch = headers(cover.split('\n'))
to = addrs(ch.get('To', []))
want = {0: to | addrs(ch.get('Cc', []))}
for f in files[1:]:
    n = int(os.path.basename(f)[:4])
    want[n] = to | addrs(body_cc(open(f).read()))
got = {}
msgs = open(log).read().split('--- DRYRUN: message follows ---')[1:]
for m in msgs:
    lines = [ln[6:] if ln.startswith('    | ') else ln.strip(' |') for ln in m.split('\n')[1:]]
    h = headers(lines)
    subj = ' '.join(h.get('Subject', ['']))
    # b4 writes [PATCH RFC n/N], git format-patch [RFC PATCH n/N].
    mm = re.search(r'\[(?:RFC )?PATCH (?:RFC )?(\d+)/\d+\]', subj)
    if not mm:
        print(f'not ok - b4 message with an unexpected subject: {subj!r}')
        sys.exit(1)
    got[int(mm.group(1))] = addrs(h.get('To', []) + h.get('Cc', [])) - addrs([sender])
ok = True
for n in sorted(want):
    g = got.get(n)
    name = 'the cover letter' if n == 0 else f'patch {n}'
    if g == want[n]:
        print(f'ok - b4 sends {name} to exactly its {len(want[n])} recipients')
    else:
        miss = sorted(want[n] - (g or set()))
        extra = sorted((g or set()) - want[n])
        print(f'not ok - b4 sends {name} to exactly its {len(want[n])} recipients'
              f' (missing: {", ".join(miss) or "none"}; extra: {", ".join(extra) or "none"})')
        ok = False
subjects_rfc = len(re.findall(r'Subject: \[(?:RFC PATCH|PATCH RFC) \d+/', open(log).read())) == len(msgs)
print(('ok' if subjects_rfc else 'not ok') + ' - every b4 subject says RFC'
      if '[RFC PATCH 0/' in cover else 'ok - the series is not an RFC')
ok = ok and subjects_rfc if '[RFC PATCH 0/' in cover else ok
sys.exit(0 if ok else 1)
PY
}
verify_recipients "$work/send.log" || rc=1
# The check proves nothing unless it fails a dry run whose messages carry
# no Cc: header (the headers and their continuation lines dropped).
awk '/^    \| Cc: / { skip = 1; next } skip && /^    \|  / { next } { skip = 0; print }' \
	"$work/send.log" >"$work/send-nocc.log"
if verify_recipients "$work/send-nocc.log" >"$work/nocc.out" 2>&1; then
	echo "not ok - the recipient check fails a dry run without Cc: headers"
	rc=1
else
	echo "ok - the recipient check fails a dry run without Cc: headers ($(grep -c '^not ok' "$work/nocc.out") messages caught)"
fi
exit "$rc"
