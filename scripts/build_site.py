"""`make build`: the complete site into site/ (ja) and site/en/ (en)."""

from site_builder import SITE, build_all

if __name__ == "__main__":
    seconds = build_all()
    print(f"built {SITE}/ (ja) and {SITE}/en/ (en) in {seconds:.1f} s")
