#!/usr/bin/env bash
# Apache Jena's `riot`, from Debian's libapache-jena-java, which ships the jars but no launcher.
# Usage: tests/interop/riot.sh [riot arguments...], e.g. `riot.sh --validate FILE...`.
#
# The classpath is the jars in /usr/share/java of libapache-jena-java and of the packages it
# depends on (directly or not), each once, with one logging setup: slf4j-api and slf4j-simple
# (and commons-logging, for httpclient). The other slf4j bindings and bridges that
# libslf4j-java ships (slf4j-jcl, -jdk14, -log4j12, -nop, -migrator, jcl-over-slf4j,
# jul-to-slf4j, log4j-over-slf4j) and any log4j or logback jar are left out: several bindings
# make slf4j warn and pick one at random, and jcl-over-slf4j clashes with commons-logging.
#
# Debian's jena-core (4.5.0) has Jena's shaded Xerces classes as `xerces.*` but leaves their
# message bundles under `org/apache/jena/ext/xerces/`. Without them riot cannot start: building
# the XSD datatypes dies in xerces.impl.dv.xs.XSSimpleTypeDecl.applyFacets1 ("internal error",
# an ExceptionInInitializerError). A small jar with the bundles under `xerces/` (built once into
# a cache directory) goes first on the classpath.
set -euo pipefail

java_dir=/usr/share/java
cache="${TMPDIR:-/tmp}/newskg-riot"

if ! command -v java >/dev/null 2>&1; then
  echo "riot.sh: java is missing (apt-get install default-jre-headless)" >&2
  exit 127
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "riot.sh: dpkg-query is missing: the classpath comes from Debian's package database" >&2
  exit 127
fi
if [[ ! -f $java_dir/jena-cmds.jar ]]; then
  echo "riot.sh: $java_dir/jena-cmds.jar is missing (apt-get install libapache-jena-java)" >&2
  exit 127
fi

# The Debian packages that libapache-jena-java needs, transitively.
packages() {
  local todo=(libapache-jena-java) seen=" " p d
  while ((${#todo[@]})); do
    p=${todo[0]}
    todo=("${todo[@]:1}")
    [[ $seen == *" $p "* ]] && continue
    seen+="$p "
    echo "$p"
    for d in $(dpkg-query -W -f='${Depends}' "$p" 2>/dev/null \
      | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g'); do
      todo+=("$d")
    done
  done
}

logging_jar_kept() {
  case $1 in
    slf4j-api.jar | slf4j-simple.jar | commons-logging.jar) return 0 ;;
    *slf4j* | log4j* | logback* | commons-logging*) return 1 ;;
    *) return 0 ;;
  esac
}

classpath() {
  local jar name
  # Each jar once: Debian installs `name.jar` and `name-VERSION.jar`, one a link to the other.
  for p in $(packages); do
    dpkg -L "$p" 2>/dev/null | grep -E "^$java_dir/[^/]+\.jar$" || true
  done | while read -r jar; do
    readlink -f "$jar"
  done | sort -u | while read -r jar; do
    name=$(basename "$jar")
    # Names without a version, so that the filter reads the same whatever the link points to.
    name=$(sed -E 's/-[0-9][0-9.]*[^/]*\.jar$/.jar/' <<<"$name")
    if logging_jar_kept "$name"; then
      printf '%s:' "$jar"
    fi
  done
}

bundles="$cache/xerces-messages.jar"
if [[ ! -f $bundles || $bundles -ot $java_dir/jena-core.jar ]]; then
  mkdir -p "$cache"
  python3 - "$java_dir/jena-core.jar" "$bundles.tmp.$$" <<'EOF'
import sys, zipfile
prefix = "org/apache/jena/ext/xerces/"
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as out:
    names = [n for n in src.namelist() if n.startswith(prefix) and not n.endswith("/")]
    if not names:
        sys.exit(f"riot.sh: no {prefix} resources in {sys.argv[1]}")
    for name in names:
        out.writestr("xerces/" + name[len(prefix):], src.read(name))
EOF
  mv "$bundles.tmp.$$" "$bundles"
fi

cp="$bundles:$(classpath)"
exec java -Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "${cp%:}" riotcmd.riot "$@"
