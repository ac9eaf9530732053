"""Render every page of a docs folder to plain Markdown, with no build tool involved.

This is the engine's way out of MkDocs: the output folder builds with any tool that reads
Markdown and front matter (Zensical, which ignores MkDocs plugins, or MkDocs 2). Every
check of the build runs here too, on the same pipeline.
Usage: python -m medsite prerender OUT_DIR [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path

from ..content.frontmatter import split_front_matter
from ..content.markdown_html import MarkdownRenderer
from ..content.pipeline import finish_page, prepare_page
from ..files import read_text
from ..problems import Problem, SiteError
from ..project import Project
from ..render.markers import to_markdown


def prerender(project: Project, out_dir: Path, today: date) -> int:
    """Write each published page of the project to `out_dir` with its data filled in; return
    the count. Other files are copied as they are. Raises `SiteError` on the first problem."""
    problems = project.symlink_problems()
    site, data_problems = project.load_site(today)
    if problems or site is None:
        raise SiteError(problems + data_problems)
    renderer = MarkdownRenderer(project.config.get("markdown_extensions") or [])
    docs = project.docs_dir
    count = 0
    for source in sorted(docs.rglob("*")):
        if source.is_dir():
            continue
        target = out_dir / source.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".md":
            shutil.copyfile(source, target)
            continue
        label = project.label(source)
        text, problem = read_text(source, label)
        if problem is not None or text is None:
            raise SiteError([problem or Problem(label, None, None, "cannot be read")])
        page = prepare_page(text, label, project.uri(source), site, project.settings, today,
                            use_directory_urls=project.use_directory_urls)
        if page.problems:
            raise SiteError(page.problems)
        if page.is_draft:
            continue
        finished = finish_page(renderer.html(page.markdown), page, text)
        if finished.problems:
            raise SiteError(finished.problems)
        front, _, _ = split_front_matter(text)
        target.write_text(f"---\n{front}---\n\n" + to_markdown(page.markdown, page.output),
                          encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: one line per error, exit 1 on failure."""
    parser = argparse.ArgumentParser(prog="medsite prerender",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        project = Project.load(args.config_file)
        count = prerender(project, args.out_dir, date.today())
    except SiteError as exc:
        print(exc.first, file=sys.stderr)
        return 1
    print(f"Rendered {count} pages into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
