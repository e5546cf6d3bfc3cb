#!/bin/sh
# Generates the float64 twin XxxKernelD.java of every float kernel XxxKernelF.java.
# The twins are checked in; F64TwinsTest fails when one is out of date. Run from gpu/.
set -e
cd src/main/java/org/nncheck/gpu/kernel
for f in *KernelF.java; do
  d=$(echo "$f" | sed 's/KernelF\.java$/KernelD.java/')
  sed -f ../../../../../../../f64.sed "$f" > "$d"
done
