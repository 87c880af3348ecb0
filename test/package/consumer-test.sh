#!/usr/bin/env bash
# The published npm package, tested as a consumer gets it (`npx projen test:package`):
#   1. compile (jsii: lib/ and .jsii), then `npm pack`;
#   2. check the tarball: only lib/, .jsii and the docs; main/types exist; aws-cdk-lib and
#      constructs are peer dependencies only; the .jsii declares the public API and the
#      python/java/go targets;
#   3. for the pinned aws-cdk-lib floor (devDependencies) AND the newest aws-cdk-lib 2.x
#      (`npm view aws-cdk-lib version`): install the tarball into a fresh app whose only
#      other dependencies are aws-cdk-lib and constructs (strict peer dependencies, one
#      copy of aws-cdk-lib), compile test/package/consumer-app/app.ts with tsc against
#      the packed .d.ts files, synthesize it, and check the two services and the
#      library's synth-time artifacts (docker-compose, topology, secrets env) in cdk.out.
#
# Environment: SKIP_COMPILE=1 reuses lib/ and .jsii; AWS_CDK_LIB_VERSIONS="2.257.0 2.276.0"
# overrides the versions; KEEP_WORK=1 keeps the temporary directory.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdk-microservices-consumer.XXXXXX")"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "work directory (kept): $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
verify() { "$ROOT/node_modules/.bin/ts-node" -P "$ROOT/tsconfig.dev.json" --transpile-only "$ROOT/test/package/verify.ts" "$@"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

start=$(date +%s)
if [[ "${SKIP_COMPILE:-}" != 1 ]]; then
  echo "::: compile (jsii)"
  npx projen compile
fi
[[ -f .jsii && -f lib/index.js && -f lib/index.d.ts ]] || { echo "lib/ or .jsii missing: run npx projen compile" >&2; exit 1; }

echo "::: npm pack"
TARBALL="$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -n 1)"
verify tarball "$TARBALL" "$WORK/extracted"

PINNED_CDK="$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")"
PINNED_CONSTRUCTS="$(node -p "require('./package.json').devDependencies.constructs")"
if [[ -n "${AWS_CDK_LIB_VERSIONS:-}" ]]; then
  read -r -a VERSIONS <<< "$AWS_CDK_LIB_VERSIONS"
else
  # The newest 2.x release (what `npm view aws-cdk-lib version` gives while 2.x is the latest line).
  NEWEST_CDK="$(npm view 'aws-cdk-lib@^2' version --json | node -e "
    const all = [].concat(JSON.parse(require('fs').readFileSync(0, 'utf8')));
    const key = (v) => v.split('.').map(Number);
    all.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    console.log(all[all.length - 1]);")"
  VERSIONS=("$PINNED_CDK")
  [[ "$NEWEST_CDK" != "$PINNED_CDK" ]] && VERSIONS+=("$NEWEST_CDK")
fi

for version in "${VERSIONS[@]}"; do
  step=$(date +%s)
  app="$WORK/app-$version"
  echo "::: consumer app with aws-cdk-lib $version"
  mkdir -p "$app"
  cp test/package/consumer-app/app.ts test/package/consumer-app/tsconfig.json "$app/"
  constructs="$PINNED_CONSTRUCTS"
  [[ "$version" != "$PINNED_CDK" ]] && constructs="^$PINNED_CONSTRUCTS"
  cat > "$app/package.json" <<EOF
{
  "name": "consumer-app",
  "version": "0.0.0",
  "private": true,
  "dependencies": {
    "aws-cdk-lib": "$version",
    "constructs": "$constructs",
    "cdk-microservices": "file:$TARBALL"
  }
}
EOF
  (
    cd "$app"
    # Strict: a peer range that excludes this aws-cdk-lib fails the install instead of warning.
    npm install --strict-peer-deps --no-package-lock --loglevel=error
    copies="$(find node_modules -name package.json -path '*/aws-cdk-lib/package.json' -not -path '*/aws-cdk-lib/node_modules/*' | wc -l)"
    [[ "$copies" == 1 ]] || { echo "expected one copy of aws-cdk-lib, found $copies" >&2; exit 1; }
    installed="$(node -p "require('aws-cdk-lib/package.json').version")"
    [[ "$installed" == "$version" ]] || { echo "installed aws-cdk-lib $installed, expected $version" >&2; exit 1; }
    node -e "if (typeof require('aws-cdk-lib').attachCustomSynthesis !== 'function') { console.error('aws-cdk-lib $version has no attachCustomSynthesis'); process.exit(1); }"
    "$ROOT/node_modules/.bin/tsc" -p tsconfig.json
    CDK_OUTDIR=cdk.out node app.js
  )
  verify assembly "$app/cdk.out" ConsumerShop Shop
  echo "aws-cdk-lib $version: OK ($(elapsed "$step"))"
done
echo "::: test:package passed for aws-cdk-lib ${VERSIONS[*]} in $(elapsed "$start")"
