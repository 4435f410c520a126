#!/usr/bin/env bash
# Scanning a GitLab-sized tree for flag references: `vexil scan` (parallel file reading with a vectorised multi-string
# search) against `git grep` for the same prefixes, on a generated tree of FILES files (default 100,000, GitLab's size)
# of mixed Ruby, JavaScript, C# and YAML with a few references each. Run it on a quiet machine; record the figures in
# docs/benchmarks.md. Usage: bench/scan/run.sh [FILES] [FOLDER]
set -euo pipefail
files=${1:-100000}
root=${2:-$(mktemp -d /tmp/vexil-scan-bench.XXXXXX)}
repo=$(cd "$(dirname "$0")/../.." && pwd)

if [ ! -f "$root/.generated-$files" ]; then
  echo "Generating $files files in $root ..."
  python3 - "$root" "$files" <<'PY'
import os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
random.seed(18)
filler = "    value = compute_something(arguments, options) # a line of ordinary code that matches nothing\n"
forms = {
    ".rb": lambda f: f"    return unless Feature.enabled?(:{f}, current_user)\n",
    ".js": lambda f: "  if (gon.features." + f.split('_')[0] + ''.join(w.title() for w in f.split('_')[1:]) + ") { render(); }\n",
    ".cs": lambda f: f"        if (await flags.IsEnabledAsync(\"{f}\")) {{ Render(); }}\n",
    ".yml": lambda f: f"feature_flag: {f}\n",
}
flags = [f"flag_{i}_rollout" for i in range(3000)]
for i in range(count):
    ext = random.choice(list(forms))
    folder = os.path.join(root, f"d{i % 500}", f"s{i % 37}")
    os.makedirs(folder, exist_ok=True)
    lines = [filler] * random.randint(20, 300)
    for _ in range(random.randint(0, 3)):
        lines.insert(random.randrange(len(lines) + 1), forms[ext](random.choice(flags)))
    with open(os.path.join(folder, f"f{i}{ext}"), "w") as handle:
        handle.writelines(lines)
PY
  (cd "$root" && git init --quiet && git add -A && git -c user.name=bench -c user.email=bench@example.com commit --quiet -m tree)
  touch "$root/.generated-$files"
fi

dotnet build "$repo/src/Vexil.Cli" -c Release --nologo -v q >/dev/null
vexil="dotnet $repo/src/Vexil.Cli/bin/Release/net10.0/vexil.dll"
sync
echo "== vexil scan (parallel reading), $(nproc) cores"
for run in 1 2 3; do /usr/bin/time -f "%e s, %M KB" $vexil scan "$root" | tail -1; done
echo "== git grep (same prefixes, work tree)"
for run in 1 2 3; do
  /usr/bin/time -f "%e s, %M KB" git -C "$root" grep -n -I -F -e 'Feature.enabled?(:' -e 'Feature.disabled?(:' -e 'feature_flag_enabled?(:' \
    -e 'push_frontend_feature_flag(:' -e 'gon.features.' -e 'glFeatures.' -e 'IsEnabled("' -e 'IsEnabledAsync("' -e 'feature_flag: ' | wc -l
done
echo "== git grep at HEAD (the server's way on the bare mirror)"
for run in 1 2 3; do
  /usr/bin/time -f "%e s, %M KB" git -C "$root" grep -z -n -I -F -e 'Feature.enabled?(:' -e 'gon.features.' -e 'IsEnabledAsync("' -e 'feature_flag: ' HEAD -- | wc -l
done
