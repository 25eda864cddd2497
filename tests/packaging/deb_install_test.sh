#!/usr/bin/env bash
# Builds the Debian package from a build folder with CPack, checks its control data and contents, unpacks it
# into a scratch root with dpkg-deb -x (nothing is installed on this machine) and runs the unpacked
# /usr/bin/seclevel from there with SECLEVEL_DATA_DIR unset: it must find its data in <root>/usr/share/seclevel
# and assess the shipped example exactly as the binary of the build folder does.
#
# usage: deb_install_test.sh BUILD_DIR SOURCE_DIR VERSION      (registered with CTest, label "packaging")
# needs: cpack (cmake), dpkg-deb and dpkg-shlibdeps (dpkg-dev), file
set -euo pipefail

build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
version=$3

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
# expect_in TEXT NEEDLE WHAT
expect_in() {
    if [[ $1 != *"$2"* ]]; then
        fail "$3: '$2' not found in:"
        printf '%s\n' "$1" | sed 's/^/    /' >&2
    fi
}

for tool in cpack dpkg-deb dpkg-shlibdeps file; do
    command -v "$tool" >/dev/null || {
        echo "FAIL: $tool is missing (apt-get install dpkg-dev file)" >&2
        exit 1
    }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/seclevel-deb-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# --- build the package -----------------------------------------------------------------------------------------
start=$(date +%s)
if ! (cd "$build" && cpack -G DEB -B "$scratch/out") >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    echo "FAIL: cpack -G DEB failed" >&2
    exit 1
fi
debs=("$scratch"/out/seclevel_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || { echo "FAIL: expected one seclevel_*.deb, got: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes, built in $(($(date +%s) - start)) s"

# --- control data ----------------------------------------------------------------------------------------------
info=$(dpkg-deb -I "$deb")
echo "$info"
[[ $(dpkg-deb -f "$deb" Package) == seclevel ]] || fail "Package is '$(dpkg-deb -f "$deb" Package)'"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "Version is '$(dpkg-deb -f "$deb" Version)', not $version"
[[ -n $(dpkg-deb -f "$deb" Maintainer) ]] || fail "no Maintainer"
description=$(dpkg-deb -f "$deb" Description)
expect_in "$description" "security levels of information systems" "Description (English)"
expect_in "$description" "hồ sơ đề xuất cấp độ" "Description (Vietnamese)"
depends=$(dpkg-deb -f "$deb" Depends)
# Computed by dpkg-shlibdeps from the binary: every library it links, each with a minimum version.
for library in libc6 libstdc++6 libqt6core6 libsqlite3-0 libxml2 libpugixml1v5; do
    [[ $depends =~ (^|, )"$library (>= "[^\)]+\) ]] || fail "Depends lacks '$library (>= …)': $depends"
done
for unwanted in libasan libubsan libboost; do
    [[ $depends != *"$unwanted"* ]] || fail "Depends names $unwanted: $depends"
done

# --- contents --------------------------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/seclevel \
            ./usr/share/seclevel/schemas/ruleset.xsd ./usr/share/seclevel/schemas/dossier.xsd \
            ./usr/share/seclevel/schemas/dossier-template.xsd ./usr/share/seclevel/reports/dossier.css \
            ./usr/share/seclevel/schemas/calendar.xsd ./usr/share/seclevel/calendars/vn-civil-service.xml \
            ./usr/share/man/man1/seclevel.1.gz ./usr/share/man/vi/man1/seclevel.1.gz \
            ./usr/share/bash-completion/completions/seclevel; do
    grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done
for rules in "$source"/questionnaires/*/; do
    id=$(basename "$rules")
    for file in ruleset.xml dossier.xml; do
        grep -q " ./usr/share/seclevel/questionnaires/$id/$file\$" <<<"$contents" ||
            fail "the package lacks questionnaires/$id/$file"
    done
done
outside=$(awk '{print $6}' <<<"$contents" | grep -v '^\./usr/' || true)
[[ -z $outside ]] || fail "files outside /usr: $outside"
owners=$(awk '{print $2}' <<<"$contents" | sort -u)
[[ $owners == root/root ]] || fail "owners are not root/root: $owners"

# --- unpack and run from the scratch root ----------------------------------------------------------------------
root=$scratch/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/seclevel
file "$bin" | grep -q 'ELF.*stripped' || fail "not a stripped ELF: $(file "$bin")"
if command -v readelf >/dev/null; then
    runpath=$(readelf -d "$bin" | grep -E 'RUNPATH|RPATH' || true)
    [[ -z $runpath ]] || fail "the packaged binary carries a run path: $runpath"
fi
unset SECLEVEL_DATA_DIR SECLEVEL_LANG SECLEVEL_DB SECLEVEL_ACTOR
export HOME=$scratch/home  # nothing may be written to the real user's folders
mkdir -p "$HOME"
cd "$scratch"

version_out=$("$bin" --version --lang en) || fail "--version exited with $?"
echo "$version_out"
[[ $(head -n1 <<<"$version_out") == "seclevel $version" ]] || fail "first line of --version: $(head -n1 <<<"$version_out")"
# The data is the package's, found from /usr/bin as ../share/seclevel — not the source tree, not /usr/local.
expect_in "$version_out" "data: $root/usr/share/seclevel"$'\n' "--version data folder"
build_version=$("$build/seclevel" --version --lang en)
# The rule sets and schemas the packaged binary reports are those the build folder's binary reports.
[[ $(sed -n '/^rule sets:/,$p' <<<"$version_out") == $(sed -n '/^rule sets:/,$p' <<<"$build_version") ]] ||
    fail "--version of the package and of the build differ after the data line"
for rules in "$source"/questionnaires/*/; do
    expect_in "$version_out" "  $(basename "$rules")  v" "--version rule set"
done

rulesets_out=$("$bin" rulesets --lang en --as-of 2026-11-23) || fail "rulesets exited with $?"
for rules in "$source"/questionnaires/*/; do
    expect_in "$rulesets_out" "$(basename "$rules")  v" "rulesets"
done
expect_in "$rulesets_out" "* VN-2026" "rulesets: the rule set in force on 2026-11-23"

example=$source/examples/cong-dich-vu-cong-tinh.json
assess_out=$("$bin" assess "$example" --lang en --as-of 2026-11-23) || fail "assess exited with $?"
expect_in "$assess_out" "Proposed level: 3" "assess"
expect_in "$assess_out" "NĐ331 Art 13.2.b" "assess"
for format in text json; do
    packaged=$("$bin" assess "$example" --lang en --as-of 2026-11-23 --format "$format")
    built=$("$build/seclevel" assess "$example" --lang en --as-of 2026-11-23 --format "$format")
    [[ $packaged == "$built" ]] || fail "assess --format $format: the packaged binary differs from the build's"
done

# The man pages and the completion in the package are readable and name the commands.
man_page=$(gzip -dc "$root/usr/share/man/man1/seclevel.1.gz")
expect_in "$man_page" '.SS "seclevel assess"' "man page"
expect_in "$(gzip -dc "$root/usr/share/man/vi/man1/seclevel.1.gz")" ".SH CÁC LỆNH" "Vietnamese man page"
bash -n "$root/usr/share/bash-completion/completions/seclevel" || fail "the completion script is not valid bash"

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "ok: package built, unpacked and run from $root"
