#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate patches/ from samples-kthread/, Kconfig.patch and
# scripts/series.txt. The output is byte-identical from run to run: fixed
# author, dates and commit ids, no git version signature.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--kernel DIR] [--out DIR] [--signoff] [--check]
  --kernel DIR  take samples/Kconfig, samples/Makefile and the version from
                this kernel tree (default: Debian's 7.3 via get-kernel.sh)
  --out DIR     write the series there instead of patches/
  --signoff     add Signed-off-by from your git identity (user.name, user.email)
  --check       do not write: fail if patches/ differs from a fresh series
USAGE
}

# Who the patches are from by default, and their date: fixed, so that the
# committed series can be compared byte for byte. A submitter uses
# --signoff, and git send-email dates the mails when they are sent.
AUTHOR_NAME=${SERIES_AUTHOR_NAME:-kthread samples maintainers}
AUTHOR_EMAIL=${SERIES_AUTHOR_EMAIL:-kthread-samples@users.noreply.example}
SERIES_DATE="2026-11-27T00:00:00+00:00"

kernel=
out=$TOP/patches
signoff=0
check=0
while (($#)); do
	case $1 in
	--kernel) (($# > 1)) || usage_error "--kernel needs a directory"; kernel=$2; shift ;;
	--out) (($# > 1)) || usage_error "--out needs a directory"; out=$2; shift ;;
	--signoff) signoff=1 ;;
	--check) check=1 ;;
	-h | --help) usage; exit 0 ;;
	*) usage_error "unknown argument '$1'" ;;
	esac
	shift
done
need git awk
if [[ -z $kernel ]]; then
	kernel=$("$TOP/scripts/get-kernel.sh" 7.3)
fi
[[ -f $kernel/samples/Kconfig && -f $kernel/Makefile ]] || die "$kernel is not a kernel tree"

sob=
if ((signoff)); then
	name=$(git config user.name) || die "--signoff: set git config user.name"
	email=$(git config user.email) || die "--signoff: set git config user.email"
	sob="Signed-off-by: $name <$email>"
fi

# Read a file of the pristine tree: from the "base" tag when there is one.
pristine() {
	if git -C "$kernel" rev-parse -q --verify base >/dev/null 2>&1; then
		git -C "$kernel" show "base:$1"
	else
		cat "$kernel/$1"
	fi
}
base_version=$(pristine Makefile | awk '
	/^VERSION =/ { v = $3 } /^PATCHLEVEL =/ { p = $3 }
	/^SUBLEVEL =/ { s = $3 } /^EXTRAVERSION =/ { e = $3 }
	END { printf "%s.%s%s%s", v, p, (s != "" && s != "0") ? "." s : "", e }')
pkg=$(cat "$kernel/.git/debian-package-version" 2>/dev/null || true)
[[ -z $pkg ]] || base_version+=" (Debian linux-source ${pkg})"

# Drop blank lines at the start and the end of a message.
trim_blank_lines() {
	awk 'NF { while (blank-- > 0) print ""; print; seen = 1; blank = 0; next }
	     seen { blank++ }'
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
split=$work/split
mkdir -p "$split"

# Split series.txt into cover.* and NNNN.{subject,files,body}.
awk -v dir="$split" '
	/^#/ { next }
	/^%cover$/ { name = "cover"; n = 0; next }
	/^%patch$/ { name = sprintf("%04d", ++np); next }
	name == "" { next }
	/^Subject: / { sub(/^Subject: /, ""); print > (dir "/" name ".subject"); next }
	/^Files: / { sub(/^Files: /, ""); print > (dir "/" name ".files"); next }
	{ print > (dir "/" name ".body") }
' "$TOP/scripts/series.txt"
[[ -f $split/cover.subject && -f $split/0001.subject ]] || die "scripts/series.txt has no cover or no patch"

repo=$work/repo
mkdir -p "$repo/samples"
pristine samples/Kconfig >"$repo/samples/Kconfig"
pristine samples/Makefile >"$repo/samples/Makefile"
export GIT_AUTHOR_NAME="$AUTHOR_NAME" GIT_AUTHOR_EMAIL="$AUTHOR_EMAIL"
export GIT_COMMITTER_NAME="$AUTHOR_NAME" GIT_COMMITTER_EMAIL="$AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="$SERIES_DATE" GIT_COMMITTER_DATE="$SERIES_DATE"
g() { git -C "$repo" -c core.autocrlf=false -c commit.gpgsign=false "$@"; }
g init -q
g add -A
g commit -q -m base

added=()
for subject in "$split"/[0-9]*.subject; do
	n=$(basename "$subject" .subject)
	[[ -s $split/$n.files ]] || die "patch $n in scripts/series.txt has no Files: line"
	read -r -a files <"$split/$n.files"
	for f in "${files[@]}"; do
		if [[ $f == Kconfig.patch ]]; then
			g apply --whitespace=error-all "$TOP/Kconfig.patch" ||
				die "Kconfig.patch does not apply to $kernel"
		else
			[[ -f $TOP/samples-kthread/$f ]] || die "patch $n: no samples-kthread/$f"
			mkdir -p "$repo/samples/kthread"
			cp "$TOP/samples-kthread/$f" "$repo/samples/kthread/$f"
			added+=("${f%.c}.o")
		fi
	done
	# The directory's Makefile: everything but the lines of objects that
	# later patches add.
	awk -v have="${added[*]}" '
		BEGIN { split(have, h, " "); for (i in h) ok[h[i]] = 1 }
		{
			keep = 1
			for (i = 1; i <= NF; i++)
				if ($i ~ /\.o$/ && !($i in ok))
					keep = 0
			if (keep)
				print
		}' "$TOP/samples-kthread/Makefile" >"$repo/samples/kthread/Makefile"
	{
		cat "$subject"
		echo
		trim_blank_lines <"$split/$n.body"
		[[ -z $sob ]] || echo "$sob"
	} | trim_blank_lines >"$work/msg"
	g add -A
	g commit -q -F "$work/msg"
done

# Every file of samples-kthread/ must be in the series.
for f in "$TOP"/samples-kthread/*; do
	cmp -s "$f" "$repo/samples/kthread/$(basename "$f")" ||
		die "samples-kthread/$(basename "$f") is not (or not fully) in scripts/series.txt"
done

gen=$work/patches
g format-patch -q --cover-letter --zero-commit --no-signature --no-numbered-files \
	--subject-prefix=PATCH -o "$gen" HEAD~"$(find "$split" -name '[0-9]*.subject' | wc -l)" >/dev/null
cover=$gen/0000-cover-letter.patch
[[ -f $cover ]] || die "git format-patch wrote no cover letter"
{
	cat "$split/cover.body"
	[[ -z $sob ]] || printf '%s\n' "$sob"
} | sed -e "s|@BASE@|$base_version|g" | trim_blank_lines >"$work/blurb"
awk -v subj="$(cat "$split/cover.subject")" -v blurb="$work/blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
	/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < blurb) > 0) print l; next }
	{ print }
' "$cover" >"$work/cover" && mv "$work/cover" "$cover"

if ((check)); then
	if ! diff -ru "$out" "$gen" >"$work/diff"; then
		head -n 40 "$work/diff" >&2
		die "$out is stale: run scripts/gen-series.sh and commit the result"
	fi
	say "$out is up to date ($(find "$gen" -name '*.patch' | wc -l) files)"
	exit 0
fi
mkdir -p "$out"
rm -f "$out"/*.patch
cp "$gen"/*.patch "$out"/
say "wrote $(find "$gen" -name '*.patch' | wc -l) files to $out"
