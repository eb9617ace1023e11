#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate patches/ from samples-kthread/, Kconfig.patch and
# scripts/series.txt. The output is byte-identical from run to run: fixed
# author, dates and commit ids, no git version signature. Without a
# submitter (--signoff) the series is a preview: a placeholder author, no
# Signed-off-by, and a cover letter that says it is not ready to send.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<USAGE
usage: $0 [--kernel DIR] [--out DIR] [--signoff [--from 'NAME <EMAIL>']]
          [--base-commit REV] [--check]
  --kernel DIR  take samples/Kconfig, samples/Makefile, MAINTAINERS and the
                version from this kernel tree (default: Debian's 7.3 via
                get-kernel.sh)
  --out DIR     write the series there instead of patches/
  --signoff     make the series the submitter's, ready to send: every patch
                authored and signed off by them (From: = Signed-off-by:),
                and a MAINTAINERS entry naming them for samples/kthread/
  --from ID     the submitter, 'Name <email>' (default: git config
                user.name and user.email)
  --base-commit REV  the upstream commit the series applies to, for the
                cover letter's base-commit: line (default: the commit of
                the tag vVERSION in --kernel's git, else the tag's name)
  --check       do not write: fail if patches/ differs from a fresh series
USAGE
}

# Who the patches are from by default, and their date: fixed, so that the
# committed series can be compared byte for byte. A submitter uses
# --signoff, and git send-email dates the mails when they are sent.
AUTHOR_NAME=${SERIES_AUTHOR_NAME:-kthread samples maintainers}
AUTHOR_EMAIL=${SERIES_AUTHOR_EMAIL:-kthread-samples@users.noreply.example}
SERIES_DATE="2026-12-04T00:00:00+00:00"
# A request for comments: the cover letter asks the maintainers about scope.
SUBJECT_PREFIX="RFC PATCH"

kernel=
out=$TOP/patches
signoff=0
from=
base_commit=
check=0
parse_options --kernel=kernel:DIR --out=out:DIR --signoff!signoff=1 \
	"--from=from:'Name <email>'" --base-commit=base_commit:REV --check!check=1 -- "$@"
need git awk
if [[ -z $kernel ]]; then
	kernel=$("$TOP/scripts/get-kernel.sh" 7.3)
fi
[[ -f $kernel/samples/Kconfig && -f $kernel/Makefile ]] || die "$kernel is not a kernel tree"

[[ -z $from ]] || ((signoff)) || usage_error "--from is the submitter of --signoff: give both"
sob=
if ((signoff)); then
	if [[ -n $from ]]; then
		[[ $from =~ ^([^<>]*[^<> ])\ \<([^<> @]+@[^<> @]+)\>$ ]] ||
			usage_error "--from takes 'Name <email>', not '$from'"
		AUTHOR_NAME=${BASH_REMATCH[1]} AUTHOR_EMAIL=${BASH_REMATCH[2]}
	else
		AUTHOR_NAME=$(git config user.name) || die "--signoff: set git config user.name, or give --from"
		AUTHOR_EMAIL=$(git config user.email) || die "--signoff: set git config user.email, or give --from"
	fi
	sob="Signed-off-by: $AUTHOR_NAME <$AUTHOR_EMAIL>"
else
	say "no submitter (--signoff): this series is a preview, NOT READY TO SEND"
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
base_tag=v${base_version}
[[ -z $pkg ]] || base_version+=" (Debian linux-source ${pkg})"
# The upstream commit the series applies to. Debian's linux-source-7.3
# 7.3~rc7-1~exp1 is upstream's v7.3-rc7 with Debian's patches applied; its
# tarball has no git history, so without a tree that has the tag the cover
# letter names the tag.
if [[ -z $base_commit ]]; then
	base_commit=$(git -C "$kernel" rev-parse -q --verify "refs/tags/$base_tag^{commit}" 2>/dev/null) ||
		base_commit=$base_tag
fi

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
	name == "cover" && /^(To|Cc): / { print > (dir "/cover.recipients"); next }
	name != "cover" && /^Cc: / { print > (dir "/" name ".cc"); next }
	/^Files: / { sub(/^Files: /, ""); print > (dir "/" name ".files"); next }
	{ print > (dir "/" name ".body") }
' "$TOP/scripts/series.txt"
[[ -f $split/cover.subject && -f $split/0001.subject ]] || die "scripts/series.txt has no cover or no patch"
[[ -s $split/cover.recipients ]] || die "scripts/series.txt: the cover has no To: or Cc: line"

# Recipients: "To: Name <email> | why" in the cover's section. The To:
# recipients get every mail; the cover letter goes to everyone (its Cc:
# header lists every Cc: line), each patch only to the To: recipients and
# the people its own "Cc: Name <email> | why" lines name, which become Cc:
# trailers of its message (git send-email and b4 send read them). The
# reasons make a line each in the cover letter.
to=()
cover_cc=()
: >"$work/why"
parse_recipient() {
	[[ $1 =~ ^(To|Cc):\ ([^|]*[^|\ ])\ \|\ (.+)$ ]] ||
		die "scripts/series.txt: a recipient line must read 'To: Name <email> | why': $1"
}
while IFS= read -r line; do
	parse_recipient "$line"
	if [[ ${BASH_REMATCH[1]} == To ]]; then
		to+=("--to=${BASH_REMATCH[2]}")
	else
		cover_cc+=("${BASH_REMATCH[2]}")
	fi
	who=${BASH_REMATCH[2]%% <*}
	printf '  %s: %s\n' "${who//\"/}" "${BASH_REMATCH[3]}" >>"$work/why"
done <"$split/cover.recipients"
# A patch's Cc: must be among the cover's recipients.
for f in "$split"/[0-9]*.cc; do
	[[ -e $f ]] || continue
	pn=${f##*/}
	while IFS= read -r line; do
		parse_recipient "$line"
		[[ ${BASH_REMATCH[1]} == Cc && " ${cover_cc[*]/%/|} " == *" ${BASH_REMATCH[2]}|"* ]] ||
			die "scripts/series.txt: patch ${pn%.cc}: '${BASH_REMATCH[2]}' is not a Cc: of the cover"
	done <"$f"
done

# Mail bodies wrap at 75 columns (submitting-patches.rst); subjects too.
long=$(cat "$split"/*.body "$split"/*.subject | awk 'length > 75' | head -n 3)
[[ -z $long ]] || die "scripts/series.txt has lines over 75 columns: $long"

repo=$work/repo
mkdir -p "$repo/samples"
pristine samples/Kconfig >"$repo/samples/Kconfig"
pristine samples/Makefile >"$repo/samples/Makefile"
pristine MAINTAINERS >"$repo/MAINTAINERS"
mkdir -p "$repo/Documentation/core-api"
pristine Documentation/core-api/index.rst >"$repo/Documentation/core-api/index.rst"
export GIT_AUTHOR_NAME="$AUTHOR_NAME" GIT_AUTHOR_EMAIL="$AUTHOR_EMAIL"
export GIT_COMMITTER_NAME="$AUTHOR_NAME" GIT_COMMITTER_EMAIL="$AUTHOR_EMAIL"

# add_maintainers_entry: the submitter maintains samples/kthread/, in the
# first patch, among MAINTAINERS' sections in alphabetical order.
MAINTAINERS_TITLE="KERNEL THREAD SAMPLES"
add_maintainers_entry() {
	LC_ALL=C awk -v title="$MAINTAINERS_TITLE" -v who="$AUTHOR_NAME <$AUTHOR_EMAIL>" '
		{ line[NR] = $0 }
		END {
			# Section titles come after a blank line, before a
			# "X:<tab>" line. Ours goes before the title that follows
			# the greatest title that sorts before it (the file is
			# sorted, nearly: "greatest" copes with the odd
			# misplaced section).
			for (i = 2; i < NR; i++)
				if (line[i - 1] == "" && line[i] ~ /^[0-9A-Z]/ &&
				    line[i + 1] ~ /^[A-Z]:\t/) {
					if (after)
						at = i
					after = 0
					if (line[i] < title && line[i] > best) {
						best = line[i]
						after = 1
					}
				}
			if (!at)
				exit 1
			for (i = 1; i <= NR; i++) {
				if (i == at)
					printf "%s\nM:\t%s\nL:\t%s\nS:\tMaintained\nF:\tsamples/kthread/\n\n",
						title, who, "linux-kernel@vger.kernel.org"
				print line[i]
			}
		}
	' "$repo/MAINTAINERS" >"$work/MAINTAINERS" || die "no place for $MAINTAINERS_TITLE in MAINTAINERS"
	mv "$work/MAINTAINERS" "$repo/MAINTAINERS"
}
# add_maintainers_file FILE: the entry covers FILE too (the guide), among
# its F: lines in alphabetical order.
add_maintainers_file() {
	LC_ALL=C awk -v title="$MAINTAINERS_TITLE" -v file="$1" '
		$0 == title { in_entry = 1 }
		in_entry && /^F:\t/ && !added && substr($0, 4) > file { print "F:\t" file; added = 1 }
		in_entry && $0 == "" { if (!added) print "F:\t" file; added = 1; in_entry = 0 }
		{ print }
	' "$repo/MAINTAINERS" >"$work/MAINTAINERS"
	cmp -s "$repo/MAINTAINERS" "$work/MAINTAINERS" && die "no $MAINTAINERS_TITLE entry for $1"
	mv "$work/MAINTAINERS" "$repo/MAINTAINERS"
}
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
			[[ -z $sob ]] || add_maintainers_entry
		elif [[ $f == Documentation.patch ]]; then
			g apply --whitespace=error-all "$TOP/Documentation.patch" ||
				die "Documentation.patch does not apply to $kernel"
		elif [[ $f == Documentation/* ]]; then
			[[ -f $TOP/$f ]] || die "patch $n: no $f"
			mkdir -p "$repo/$(dirname "$f")"
			cp "$TOP/$f" "$repo/$f"
			[[ -z $sob ]] || add_maintainers_file "$f"
		else
			[[ -f $TOP/samples-kthread/$f ]] || die "patch $n: no samples-kthread/$f"
			mkdir -p "$repo/samples/kthread"
			cp "$TOP/samples-kthread/$f" "$repo/samples/kthread/$f"
			added+=("${f%.c}.o")
		fi
	done
	# The directory's Makefile: its object lists (continued with "\\")
	# with only the objects added so far, wrapped as samples-kthread/
	# Makefile wraps them (before column 80, continued with tabs).
	awk -v have="${added[*]}" '
		BEGIN { split(have, h, " "); for (i in h) ok[h[i]] = 1 }
		# The columns a line takes, its leading tabs 8 each.
		function cols(l,   m) {
			m = match(l, /^\t*/)
			return length(l) + 7 * RLENGTH
		}
		function flush(   n, t, i, out, line, k) {
			n = split(stmt, t, " ")
			line = ""
			k = 0
			for (i = 1; i <= n; i++) {
				if (t[i] ~ /\.o$/ && !(t[i] in ok))
					continue
				if (t[i] ~ /\.o$/)
					k++
				if (line != "" && cols(line " " t[i]) > 77) {
					out = out line " \\\n"
					line = "\t\t\t\t" t[i]
				} else {
					line = (line == "" || line ~ /^\t+$/) ? line t[i] : line " " t[i]
				}
			}
			if (k)
				print out line
			stmt = ""
		}
		stmt != "" || /\.o( *\\)?$/ {
			l = $0
			cont = sub(/ *\\$/, "", l)
			stmt = stmt " " l
			if (!cont)
				flush()
			next
		}
		{ print }
	' "$TOP/samples-kthread/Makefile" >"$repo/samples/kthread/Makefile"
	{
		cat "$subject"
		echo
		trim_blank_lines <"$split/$n.body"
		if [[ -f $split/$n.cc ]]; then
			sed -E 's/^Cc: ([^|]*[^| ]) \| .*/Cc: \1/' "$split/$n.cc"
		fi
		[[ -z $sob ]] || echo "$sob"
	} | trim_blank_lines >"$work/msg"
	g add -A
	g commit -q -F "$work/msg"
done

# Every file of samples-kthread/, and the guide, must be in the series.
for f in "$TOP"/samples-kthread/*; do
	cmp -s "$f" "$repo/samples/kthread/$(basename "$f")" ||
		die "samples-kthread/$(basename "$f") is not (or not fully) in scripts/series.txt"
done
for f in "$TOP"/Documentation/core-api/*.rst; do
	cmp -s "$f" "$repo/Documentation/core-api/$(basename "$f")" ||
		die "Documentation/core-api/$(basename "$f") is not in scripts/series.txt"
done

gen=$work/patches
g format-patch -q --cover-letter --zero-commit --no-signature --no-numbered-files \
	--subject-prefix="$SUBJECT_PREFIX" "${to[@]}" -o "$gen" \
	HEAD~"$(find "$split" -name '[0-9]*.subject' | wc -l)" >/dev/null
cover=$gen/0000-cover-letter.patch
[[ -f $cover ]] || die "git format-patch wrote no cover letter"
# The cover letter's Cc: header: every Cc: of the cover, after its To:
# header (folded as git format-patch folds it).
if ((${#cover_cc[@]})); then
	awk -v cc="$(printf '%s\n' "${cover_cc[@]}")" '
		BEGIN { n = split(cc, c, "\n"); if (c[n] == "") n-- }
		!done && into && !/^ / {
			for (i = 1; i <= n; i++)
				printf "%s%s%s\n", (i == 1 ? "Cc: " : "    "), c[i], (i < n ? "," : "")
			done = 1
		}
		!done && /^To: / { into = 1 }
		{ print }
	' "$cover" >"$work/cover" && mv "$work/cover" "$cover"
	grep -q '^Cc: ' "$cover" || die "the cover letter got no Cc: header"
fi
{
	if [[ -z $sob ]]; then
		printf '%s\n' "*** NOT READY TO SEND: generated without a submitter; the" \
			"*** author is a placeholder and nobody has signed off. Run" \
			"*** scripts/gen-series.sh --signoff to make it yours. ***" ""
	fi
	trim_blank_lines <"$split/cover.body" | awk -v why="$work/why" -v signed="${sob:+1}" '
		/^@RECIPIENTS@$/ { while ((getline l < why) > 0) print l; next }
		/^@SIGNED@/ { if (signed) print substr($0, 9); next }
		{ print }'
	[[ -z $sob ]] || printf '\n%s\n' "$sob"
} | sed -e "s|@BASE@|$base_version|g" -e "s|@BASETAG@|$base_tag|g" |
	trim_blank_lines >"$work/blurb"
long=$(awk 'length > 75 && !/^Signed-off-by: /' "$work/blurb" | head -n 3)
[[ -z $long ]] || die "the cover letter has lines over 75 columns: $long"
awk -v subj="$(cat "$split/cover.subject")" -v blurb="$work/blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
	/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < blurb) > 0) print l; next }
	{ print }
' "$cover" >"$work/cover" && mv "$work/cover" "$cover"
# What git format-patch --base writes, for the upstream commit (the
# generator's own repository has a made-up base).
sed -i -e '$!b' -e '/^$/d' "$cover"
printf '\nbase-commit: %s\n' "$base_commit" >>"$cover"

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
