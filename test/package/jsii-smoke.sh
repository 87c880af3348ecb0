#!/usr/bin/env bash
# jsii packages (`npx projen test:jsii`): builds the Python wheel, the Java jar and the Go
# module with the toolchains this machine has (`npx projen package:<target>`, each timed),
# then smoke-tests the wheel: a fresh venv installs it with aws-cdk-lib and constructs from
# PyPI and synthesizes the two-service app test/package/python_smoke/app.py.
# A target whose toolchain is missing is skipped with the reason; the script still passes.
#
# Environment: JSII_TARGETS="python java go" (default: all three); SKIP_PACKAGE=1 reuses dist/;
# PY_AWS_CDK_LIB_VERSION / PY_CONSTRUCTS_VERSION (default: the pinned devDependencies).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
read -r -a TARGETS <<< "${JSII_TARGETS:-python java go}"
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }
start=$(date +%s)

python_missing() {
  command -v python3 >/dev/null 2>&1 || { echo "no python3 on PATH"; return; }
  python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || { echo "python3 is older than 3.9"; return; }
  python3 -m pip --version >/dev/null 2>&1 || { echo "python3 has no pip"; return; }
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || { echo "python3 has no venv/ensurepip (Debian: apt-get install python3-venv)"; return; }
}
missing_toolchain() {
  case "$1" in
    python) python_missing ;;
    java)
      command -v java >/dev/null 2>&1 || { echo "no java on PATH"; return; }
      command -v mvn >/dev/null 2>&1 || { echo "no mvn (Maven) on PATH"; return; } ;;
    go)
      command -v go >/dev/null 2>&1 || { echo "no go on PATH"; return; }
      # jsii-pacmak runs `go mod tidy`, which needs aws-cdk-go from the module proxy AND its checksum
      # from the checksum database: probe both (a second) instead of failing after a long build.
      local probe cdk error
      probe="$(mktemp -d)"
      cdk="$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")"
      if ! error="$(cd "$probe" && go mod init probe >/dev/null 2>&1 && go mod download "github.com/aws/aws-cdk-go/awscdk/v2@v$cdk" 2>&1)"; then
        echo "the Go toolchain cannot fetch and verify github.com/aws/aws-cdk-go/awscdk/v2@v$cdk ($(echo "$error" | tail -n 1 | cut -c1-300))"
      fi
      rm -rf "$probe" ;;
    *) echo "unknown target" ;;
  esac
}

if [[ ! -f .jsii ]]; then
  echo "::: compile (jsii)"
  npx projen compile
fi

built=()
for target in "${TARGETS[@]}"; do
  reason="$(missing_toolchain "$target")"
  if [[ -n "$reason" ]]; then
    echo "::: package:$target skipped: $reason"
    continue
  fi
  if [[ "${SKIP_PACKAGE:-}" != 1 ]]; then
    step=$(date +%s)
    echo "::: package:$target"
    npx projen "package:$target"
    echo "package:$target took $(elapsed "$step")"
  fi
  case "$target" in
    python) artifact="$(ls dist/python/*.whl 2>/dev/null | head -n 1)" ;;
    java) artifact="$(find dist/java -name '*.jar' -not -name '*-sources.jar' -not -name '*-javadoc.jar' 2>/dev/null | head -n 1)" ;;
    go) artifact="$(find dist/go -name go.mod 2>/dev/null | head -n 1)" ;;
  esac
  [[ -n "$artifact" ]] || { echo "package:$target produced no artifact under dist/$target" >&2; exit 1; }
  echo "  $artifact"
  built+=("$target")
done

if [[ " ${built[*]} " != *" python "* ]]; then
  echo "::: Python smoke test skipped: no wheel was built (see above)"
  exit 0
fi

step=$(date +%s)
PY_CDK="${PY_AWS_CDK_LIB_VERSION:-$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")}"
PY_CONSTRUCTS="${PY_CONSTRUCTS_VERSION:-$(node -p "require('./package.json').devDependencies.constructs")}"
WHEEL="$ROOT/$(ls dist/python/*.whl | head -n 1)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdk-microservices-python.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
echo "::: Python smoke test: $(basename "$WHEEL") with aws-cdk-lib==$PY_CDK constructs==$PY_CONSTRUCTS"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "$WHEEL" "aws-cdk-lib==$PY_CDK" "constructs==$PY_CONSTRUCTS"
(cd "$WORK" && JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 CDK_OUTDIR="$WORK/cdk.out" "$WORK/venv/bin/python" "$ROOT/test/package/python_smoke/app.py")
echo "Python smoke test took $(elapsed "$step"); test:jsii took $(elapsed "$start")"
