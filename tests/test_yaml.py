"""Reading YAML strictly: lines of key paths, and one line for each kind of unsafe text."""

from __future__ import annotations

import pytest

from medsite.data.yaml_lines import MAX_DEPTH, YamlRefused, format_path, parse_path, parse_yaml


def refusal(text: str) -> str:
    with pytest.raises(YamlRefused) as caught:
        parse_yaml(text, "data/x.yml")
    return str(caught.value.problem)


def test_every_key_path_has_its_line() -> None:
    document = parse_yaml("a:\n  b: 1\n  c:\n    - d: 2\n", "data/x.yml")
    assert document.lines[("a", "b")] == 2
    assert document.lines[("a", "c", 0, "d")] == 4
    assert document.line_of(("a", "c", 0, "d", "missing")) == 4


def test_dates_stay_text_so_an_impossible_date_is_reported_by_the_model() -> None:
    assert parse_yaml("day: 2026-02-30\n", "x").data == {"day": "2026-02-30"}


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("a: &x [1]\nb: *x\n", "data/x.yml:1: YAML anchors and aliases ('&' and '*') "
                 "are not allowed; write the value out in full", id="anchor"),
    pytest.param("a: !!python/object/apply:os.system ['true']\n",
                 "data/x.yml:1: YAML tags such as 'tag:yaml.org,2002:python/object/apply:"
                 "os.system' are not allowed; write a plain value", id="python-tag"),
    pytest.param("a: !custom 1\n", "data/x.yml:1: YAML tags such as '!custom' are not "
                 "allowed; write a plain value", id="local-tag"),
    pytest.param("a: 1\n!!binary aGk=: 2\n", "data/x.yml:2: YAML tags such as "
                 "'tag:yaml.org,2002:binary' are not allowed; write a plain value", id="key-tag"),
    pytest.param("a:\n  ? [1]\n  : 2\n", "data/x.yml:2: a key must be plain text",
                 id="list-as-key"),
    pytest.param("a: " + "9" * 5000 + "\n", "data/x.yml:1: a number of 5000 characters is "
                 "too long; numbers here have at most 30", id="huge-number"),
    pytest.param("a: 1\n---\nb: 2\n", "data/x.yml:2: more than one YAML document ('---'); "
                 "keep one", id="two-documents"),
    pytest.param("", "data/x.yml: the file is empty", id="empty"),
    pytest.param("a: 1\na: 2\n", "data/x.yml:2: a: duplicate key 'a' (first given on line 1)",
                 id="duplicate-key"),
    pytest.param("? [a]\n: 1\n", "data/x.yml:1: a key must be plain text", id="list-as-key"),
])
def test_unsafe_or_broken_yaml_gives_one_line(text: str, message: str) -> None:
    assert refusal(text) == message


def test_an_alias_bomb_is_refused_before_anything_is_built() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(8))
    assert "anchors and aliases" in refusal(bomb)


def test_a_recursive_alias_is_refused() -> None:
    assert "anchors and aliases" in refusal("a: &a [*a]\n")


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    deep = "a: " + "[" * 1000 + "]" * 1000 + "\n"
    assert refusal(deep) == f"data/x.yml:1: nested more than {MAX_DEPTH} levels deep"


def test_nesting_at_the_limit_is_read() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_yaml(text, "x").data["a"]


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("a:\n  b: 1\n c: 2\n", "data/x.yml:3: YAML syntax error: check the "
                 "indentation of this line against the line above", id="dedent"),
    pytest.param("a:\n  b: 1\n    c: 2\n", "data/x.yml:3: YAML syntax error: check the "
                 "indentation of this line against the line above", id="indent"),
    pytest.param("a: b: c\n", "data/x.yml:1: YAML syntax error: a value that contains ': ' "
                 "must be in double quotes (or check the indentation of this line against the "
                 "line above)", id="colon"),
    pytest.param("a:\n\tb: 1\n", "data/x.yml:2: YAML syntax error: a tab indents this line; "
                 "indent with spaces", id="tab"),
    pytest.param("a: [1, 2\n", "data/x.yml:2: YAML syntax error: expected ',' or ']', but "
                 "got '<stream end>'", id="bracket"),
])
def test_a_syntax_error_says_where_and_hints_at_the_likely_slip(text: str, message: str) -> None:
    assert refusal(text) == message


@pytest.mark.parametrize("path", ["regimens.adults.steps[2].dose", "facts.window", "a[0][1]"])
def test_a_key_path_reads_back_as_it_is_written(path: str) -> None:
    assert format_path(parse_path(path)) == path
