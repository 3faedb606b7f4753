#!/usr/bin/env bash
# Install torch, at the version pinned in requirements.lock, into the Python given as $1.
# Further arguments go to pip (the tests pass --dry-run).
#
# The CPU build comes from PyTorch's own wheel index: PyPI's Linux wheel of the same
# version brings about 3 GB of CUDA libraries. Where that index cannot be reached,
# PyPI's wheel is installed instead: it also runs on the CPU, and this says so.
set -euo pipefail
python=$1
shift
cd "$(dirname "$0")/.."
pin=$(grep -E '^torch==' requirements.lock)
index=${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}

if "$python" -m pip install --quiet --disable-pip-version-check --timeout 20 --retries 1 --index-url "$index" "$pin" "$@"; then
  exit 0
fi
echo "note: PyTorch's CPU wheel index ($index) could not be used; installing $pin from PyPI instead." >&2
echo "      On Linux that build brings CUDA libraries (about 3 GB); zeronn runs on the CPU with it all the same." >&2
"$python" -m pip install --quiet --disable-pip-version-check "$pin" "$@"
