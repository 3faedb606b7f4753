"""`make serve`: build both languages and serve them with live reload.

One server serves site/ at http://127.0.0.1:8000/ (Japanese at /, English at
/en/), so the language switch works as on the hosted site. Any change under
docs/, overrides/, hooks/, zeronn/ or to a config rebuilds both languages and
reloads the open pages.
"""

from __future__ import annotations

import argparse
import logging

from mkdocs.livereload import LiveReloadServer
from site_builder import CONFIGS, ROOT, SITE, build_all

WATCHED = ["docs", "overrides", "hooks", "zeronn", *[p.name for p in CONFIGS.values()]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")

    url = f"http://{args.host}:{args.port}/"

    def rebuild() -> None:
        logging.info("built both languages in %.1f s", build_all(site_url=url))

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(SITE))
    for path in WATCHED:
        server.watch(str(ROOT / path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
