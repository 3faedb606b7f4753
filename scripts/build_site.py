"""`make build`: the complete site into site/ (ja) and site/en/ (en), or into the directory given."""

import sys
from pathlib import Path

from site_builder import SITE, build_all

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else SITE
    seconds = build_all(out)
    print(f"built {out}/ (ja) and {out}/en/ (en) in {seconds:.1f} s")
