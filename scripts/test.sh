#!/usr/bin/env bash
# `npm test` (or `bash scripts/test.sh`): everything from a fresh Debian machine to a verdict.
#   chromium (apt, only when missing) → npm ci (when needed) → paraglide → svelte-kit sync →
#   svelte-check → vitest → production build → Playwright (which starts server.js on a fresh database).
# Runs every step it can, exits non-zero when any step failed, and ends with one line
# "N passed, N failed" (vitest and Playwright tests added up).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RESULTS="$(mktemp -d -t meespraak-test.XXXXXX)"
FAILED_STEPS=()
PASSED=0
FAILED=0
T0=$SECONDS

step() {
	STEP_NAME="$1"
	STEP_T0=$SECONDS
	printf '\n==> %s\n' "$1"
}
step_done() {
	local rc=$1
	if [ "$rc" -ne 0 ]; then
		FAILED_STEPS+=("$STEP_NAME")
		printf '<== %s FAILED (exit %s, %ss)\n' "$STEP_NAME" "$rc" "$((SECONDS - STEP_T0))"
	else
		printf '<== %s ok (%ss)\n' "$STEP_NAME" "$((SECONDS - STEP_T0))"
	fi
	return "$rc"
}
finish() {
	printf '\n'
	if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
		printf 'Failed steps: %s\n' "$(IFS=,; echo "${FAILED_STEPS[*]}")"
	fi
	printf 'Total time: %ss\n' "$((SECONDS - T0))"
	printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
	if [ ${#FAILED_STEPS[@]} -gt 0 ] || [ "$FAILED" -gt 0 ]; then exit 1; fi
	exit 0
}
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
# Adds a runner's counts from its JSON report (vitest's Jest-style one, or Playwright's stats).
count() {
	local kind=$1 file=$2
	if [ ! -s "$file" ]; then
		echo "(no $kind report at $file)"
		return
	fi
	local counts
	counts=$(node -e '
		const [kind, file] = process.argv.slice(1);
		const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
		let passed = 0, failed = 0;
		if (kind === "vitest") { passed = r.numPassedTests ?? 0; failed = (r.numFailedTests ?? 0); }
		else { const s = r.stats ?? {}; passed = (s.expected ?? 0) + (s.flaky ?? 0); failed = s.unexpected ?? 0; }
		console.log(passed + " " + failed);
	' "$kind" "$file") || return
	read -r p f <<<"$counts"
	echo "$kind: $p passed, $f failed"
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
}

export DEBIAN_FRONTEND=noninteractive
APT_WAIT=(-o DPkg::Lock::Timeout=900)

# ---------------------------------------------------------------- system packages
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
	step "install Debian chromium (apt)"
	{ as_root apt-get "${APT_WAIT[@]}" update && as_root apt-get "${APT_WAIT[@]}" install -y --no-install-recommends chromium; }
	step_done $? || finish
fi

# ---------------------------------------------------------------- dependencies
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	if ! command -v make >/dev/null || ! command -v g++ >/dev/null || ! command -v python3 >/dev/null; then
		step "install build tools for better-sqlite3 (apt)"
		{ as_root apt-get "${APT_WAIT[@]}" update && as_root apt-get "${APT_WAIT[@]}" install -y python3 make g++; }
		step_done $? || finish
	fi
	step "npm ci"
	npm ci --no-audit --no-fund 2>&1 | tee "$RESULTS/npm-ci.log"
	rc=$?
	if [ $rc -ne 0 ] && grep -q 'can only install packages when your package.json and package-lock.json' "$RESULTS/npm-ci.log"; then
		# npm 11's ci wants a lock entry for every platform's optional binary (rollup, esbuild, …); a
		# registry mirror that only carries this platform's cannot provide them. npm install keeps every
		# locked version and leaves package-lock.json as it is.
		echo "npm ci refused the lock file (optional packages for other platforms); installing the locked versions with npm install"
		npm install --no-audit --no-fund
		rc=$?
	fi
	step_done $rc || finish
fi

# ---------------------------------------------------------------- generated code and type check
step "paraglide compile"
npx paraglide-js compile --project ./project.inlang --outdir ./src/lib/paraglide
step_done $? || finish

step "svelte-kit sync"
npx svelte-kit sync
step_done $? || finish

step "svelte-check"
npx svelte-check --tsconfig ./tsconfig.json --threshold error
step_done $?

# ---------------------------------------------------------------- unit tests
step "vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/vitest.json"
step_done $?
count vitest "$RESULTS/vitest.json"

# ---------------------------------------------------------------- production build and browser tests
step "build"
npm run build
if step_done $?; then
	step "security tests (vitest against server.js)"
	npx vitest run -c vitest.security.config.ts --reporter=default --reporter=json --outputFile.json="$RESULTS/security.json"
	step_done $?
	count vitest "$RESULTS/security.json"

	step "playwright"
	PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/playwright.json" npx playwright test --reporter=list,json
	step_done $?
	count playwright "$RESULTS/playwright.json"
fi

finish
