#!/bin/sh
# Generates the float64 twin XxxKernelD.java of every float kernel XxxKernelF.java, by the rules
# in f64.sed, into OUT/org/nncheck/gpu/kernel. The build runs it (gpu/pom.xml, generate-sources):
# the float kernels are the only source.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: gen-f64.sh OUTPUT_SOURCE_ROOT}
src="$here/src/main/java/org/nncheck/gpu/kernel"
dst="$out/org/nncheck/gpu/kernel"
mkdir -p "$dst"
for f in "$src"/*KernelF.java; do
  d="$dst/$(basename "$f" | sed 's/KernelF\.java$/KernelD.java/')"
  sed -f "$here/f64.sed" "$f" > "$d"
done
