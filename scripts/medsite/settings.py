"""The site's settings and policy, validated once: the MkDocs plugin and every command share it.

They are written under `plugins: - medsite:` in mkdocs.yml. MkDocs checks them through the
plugin's config options (which call this model), and the commands that do not import MkDocs
(`make check`, `make review`, the pre-render) read the same block and validate it here.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageTypePolicy(_Strict):
    """One type of page: where new ones go, their nav group and how often they are reviewed."""

    review_years: int = Field(ge=1, le=5, description="longest time between clinical reviews")
    folder: str = Field("", description="folder under the docs folder for new pages")
    nav_group: str | None = Field(None, description="nav group that new pages join")
    template: str | None = Field(None, description="page template `make page` starts from")
    description: str = Field(
        "${name}: what this page tells you about ${medicine}.",
        description="pattern of a new page's description",
    )


class HelpLevel(_Strict):
    """An urgency level of the help cards, most urgent first."""

    label: Label = Field(description="the level in words, shown on every card of this level")
    style: Literal["emergency", "urgent", "soon", "routine"] = Field(
        description="how the card looks (colour and icon); the words carry the meaning")
    needs_signs: bool = Field(True, description="cards of this level must list their signs")


class Feedback(_Strict):
    """Where a reader reports a mistake: a mailto: or an issue-tracker address."""

    url: Annotated[str, StringConstraints(pattern=r"^(mailto:[^\s]+|https://[^\s]+)$")] = Field(
        description="a mailto: or https:// address; {title} and {url} are filled in with the "
        "page's")
    label: Label = Field("Report a mistake on this page", description="the link's words")


_DEFAULT_PAGE_TYPES = {
    "home": PageTypePolicy(review_years=1),
    "condition": PageTypePolicy(review_years=3, folder="conditions", nav_group="Conditions",
                                template="condition"),
    "dosing": PageTypePolicy(review_years=1, folder="dosing", nav_group="Dosing",
                             template="dosing"),
    "safety": PageTypePolicy(review_years=3, folder="safety", nav_group="Safety",
                             template="safety"),
    "about": PageTypePolicy(review_years=3, folder="about", nav_group="About",
                            template="about"),
}

_DEFAULT_LEVELS = {
    "emergency": HelpLevel(label="Emergency", style="emergency"),
    "urgent": HelpLevel(label="Urgent: get help now", style="urgent"),
    "today": HelpLevel(label="Call today", style="soon"),
    "routine": HelpLevel(label="Good to know", style="routine", needs_signs=False),
}

_DEFAULT_AUDIENCES = {
    "everyone": "Everyone",
    "pump": "People with a pump",
    "children": "Children",
    "pregnancy": "Pregnancy and breastfeeding",
}


class SiteSettings(_Strict):
    """Everything the engine needs to know about one site, beyond its pages and data."""

    data_file: str = Field("data/dosing.yml", description="the data file, relative to mkdocs.yml")
    schema_file: str | None = Field(None, description="the data file's JSON Schema; default: "
                                    "the data file's name with .schema.json")
    sources_page: str = Field("about/sources.md", description="the page that lists sources")
    edition: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        "US", description="the jurisdiction whose labels the site follows")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = Field(
        "en-US", description="the language of the pages (JSON-LD inLanguage, spelling)")
    spelling: str | None = Field("en-US", description="word list of spellings refused on "
                                 "this edition (scripts/medsite/content/wordlists/), or none")
    reading_grade_max: float = Field(8.0, gt=0, le=20, description="the highest reading grade "
                                     "(Flesch-Kincaid) `make check` lets a page have")
    review_due_soon_days: int = Field(60, ge=1, le=365, description="`make review` flags a "
                                      "page as due soon this many days before its review")
    dose_page_review_years: int = Field(1, ge=1, le=5, description="a page that shows any "
                                        "dose value is reviewed at least this often")
    page_types: dict[Key, PageTypePolicy] = Field(default_factory=lambda: dict(
        _DEFAULT_PAGE_TYPES), description="the types a page's `type:` may name, each with its "
        "own settings (below)")
    help_levels: dict[Key, HelpLevel] = Field(default_factory=lambda: dict(_DEFAULT_LEVELS),
                                              description="the urgency levels of help cards, "
                                              "most urgent first, each with its own settings "
                                              "(below)")
    help_audiences: dict[Key, Label] = Field(default_factory=lambda: dict(_DEFAULT_AUDIENCES),
                                             description="who a help card may be for, each "
                                             "with the words a card shows")
    general_audience: Key | None = Field("everyone", description="the audience a card does "
                                         "not name on the page, as it is for every reader")
    urgent_first_pages: list[str] = Field(
        default_factory=list, description="pages about danger: their most urgent help card "
        "must come before their first section heading")
    feedback: Feedback | None = Field(None, description="the 'report a mistake' link on every "
                                      "page (below), or none")
    authorities: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], Label] = Field(
        default_factory=dict, description="the medicines regulator of each jurisdiction, by "
        "its two-letter code; the pages' structured data (JSON-LD) names it as the "
        "recognizing authority of that jurisdiction's doses")

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("data_file", "schema_file", "sources_page")
    @classmethod
    def _path_stays_inside(cls, value: str | None) -> str | None:
        if value is not None and _escapes(value):
            raise ValueError(f"'{value}' must be a path inside the project")
        return value

    @field_validator("help_levels")
    @classmethod
    def _some_level(cls, value: dict[str, HelpLevel]) -> dict[str, HelpLevel]:
        if not value:
            raise ValueError("give at least one level")
        return value

    @property
    def schema_path(self) -> str:
        """The JSON Schema file of the data file."""
        if self.schema_file:
            return self.schema_file
        data = PurePosixPath(self.data_file)
        return str(data.with_name(data.stem + ".schema.json"))

    @property
    def level_order(self) -> list[str]:
        """Help levels, most urgent first."""
        return list(self.help_levels)


def _escapes(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return path.startswith("/") or ".." in parts or not parts
