s/KernelF\b/KernelD/g
s/\bfloat\b/double/g
s/\bFloat\b/Double/g
s/\([0-9]\)f\b/\1/g
s/Convert\.narrow(/Convert.narrowD(/g
s/ in float\([.,:;]\)/ in double (cl_khr_fp64)\1/g
1i // GENERATED at build time by gpu/gen-f64.sh from the float kernel of the same name ending in F: do not edit.
