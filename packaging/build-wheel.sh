#!/usr/bin/env bash
# Builds the Linux wheel of unitpress into target/wheels/ (or the folder given as $1).
#
# maturin packs the release binary into a wheel that installs it on PATH (pyproject.toml,
# bindings = "bin"). With zig as the linker (PyPI's ziglang) the binary is linked against glibc
# 2.17, so the wheel is tagged manylinux2014 and installs on any Linux from 2014 on. Both tools
# come from PyPI into a virtual environment under target/, so nothing is installed system-wide;
# no toolchain is downloaded besides them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/wheels}
tools=target/wheel-tools

if [ ! -x "$tools/bin/maturin" ] || ! "$tools/bin/python" -m ziglang version >/dev/null 2>&1; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet "maturin>=1.9,<2" "ziglang<1"
fi
export PATH="$PWD/$tools/bin:$PATH"

rm -f "$out"/unitpress-*.whl
maturin build --release --zig --compatibility manylinux2014 --out "$out"
ls "$out"/unitpress-*.whl
