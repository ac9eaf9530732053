"""Render every page of a docs folder to plain Markdown, with no build tool involved.

This is the engine's way out of MkDocs: the output folder builds with any tool that reads
Markdown and front matter (Zensical, which ignores MkDocs hooks, or a plain `mkdocs build`
with the hook switched off).
Usage: python -m medsite.prerender DOCS_DIR OUT_DIR [--data data/dosing.yml]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .errors import SiteError
from .frontmatter import split_front_matter
from .load import load_dosing_data
from .site import check_and_render
from .urls import page_url, relative_url
from .values import SiteValues, build_values


def prerender(docs_dir: Path, out_dir: Path, values: SiteValues, *,
              sources_page: str = "about/sources.md", label_root: Path | None = None) -> int:
    """Write each page of `docs_dir` to `out_dir` with its data filled in; return the count.

    Other files are copied as they are. Raises `SiteError` on the first bad page.
    """
    root = (label_root or docs_dir.parent).resolve()
    sources_url = page_url(sources_page)
    count = 0
    for source in sorted(docs_dir.rglob("*")):
        target = out_dir / source.relative_to(docs_dir)
        if source.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".md":
            shutil.copy2(source, target)
            continue
        text = source.read_text(encoding="utf-8")
        uri = source.relative_to(docs_dir).as_posix()
        page = check_and_render(text, values, page=source.resolve().relative_to(root).as_posix(),
                                sources_href=relative_url(page_url(uri), sources_url))
        front, _, _ = split_front_matter(text)
        target.write_text(f"---\n{front}---\n\n{page.markdown}", encoding="utf-8")
        count += 1
    return count


def main() -> int:
    """Command-line entry point: one line per error, exit 1 on failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--data", type=Path, default=Path("data/dosing.yml"))
    parser.add_argument("--sources-page", default="about/sources.md")
    args = parser.parse_args()
    try:
        values = build_values(load_dosing_data(args.data, args.data.as_posix()))
        count = prerender(args.docs_dir, args.out_dir, values, sources_page=args.sources_page,
                          label_root=Path.cwd())
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Rendered {count} pages into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
