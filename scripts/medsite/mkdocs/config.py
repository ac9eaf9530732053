"""The plugin's settings as MkDocs config options, validated by the engine's own model.

Each option checks its value with the type `SiteSettings` declares for it, and the whole
block is then checked by `SiteSettings` itself, so MkDocs reports a wrong setting as a clean
config error, and `make check` (which reads mkdocs.yml without MkDocs) agrees with it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Annotated, Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError
from pydantic_core import ErrorDetails

from ..data.pydantic_messages import explain_all
from ..settings import SiteSettings


class SettingOption(base.BaseConfigOption[Any]):
    """One field of `SiteSettings`, validated with the type the model gives it."""

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field
        info = SiteSettings.model_fields[field]
        annotation: Any = Annotated[info.annotation, *info.metadata] if info.metadata else \
            info.annotation
        self._adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        self.default = info.get_default(call_default_factory=True)

    def run_validation(self, value: object) -> Any:
        if value is None:
            # A setting written as null means none where the model allows none (for
            # example `spelling: null`); elsewhere it means the default.
            try:
                return self._adapter.validate_python(None)
            except PydanticError:
                return copy.deepcopy(self.default)
        try:
            return self._adapter.validate_python(value)
        except PydanticError as exc:
            # Name the field itself where pydantic gives no place, and show a misspelt key
            # first: it also explains a key reported missing.
            errors = [cast(ErrorDetails, {**e, "loc": (self.field, *e["loc"])})
                      for e in exc.errors()]
            errors.sort(key=lambda e: e["type"] != "extra_forbidden")
            loc, message = explain_all(errors, SiteSettings, {self.field: value})[0]
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
            raise base.ValidationError(f"{where.lstrip('.')}: {message}" if where else message)\
                from None


def _option(name: str) -> SettingOption:
    return SettingOption(name)


class MedsiteConfig(base.Config):  # type: ignore[no-untyped-call]
    """`plugins: - medsite:` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    data_file = _option("data_file")
    schema_file = _option("schema_file")
    sources_page = _option("sources_page")
    edition = _option("edition")
    language = _option("language")
    spelling = _option("spelling")
    reading_grade_max = _option("reading_grade_max")
    review_due_soon_days = _option("review_due_soon_days")
    dose_page_review_years = _option("dose_page_review_years")
    page_types = _option("page_types")
    help_levels = _option("help_levels")
    help_audiences = _option("help_audiences")
    general_audience = _option("general_audience")
    urgent_first_pages = _option("urgent_first_pages")
    feedback = _option("feedback")
    authorities = _option("authorities")

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """MkDocs' checks of each option, then the whole block through `SiteSettings`."""
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        try:
            self._settings = SiteSettings.model_validate(self.raw_settings())
        except PydanticError as exc:
            loc, message = explain_all(exc.errors(), SiteSettings, self.raw_settings())[0]
            failed.append((str(loc[0]) if loc else "medsite", base.ValidationError(message)))
            return failed, warnings
        root = Path(self.config_file_path or ".").resolve().parent
        if not (root / self.settings.data_file).is_file():
            failed.append(("data_file", base.ValidationError(
                f"no data file '{self.settings.data_file}' next to mkdocs.yml")))
        return failed, warnings

    @property
    def settings(self) -> SiteSettings:
        """The validated settings (after `validate`)."""
        return self._settings

    def raw_settings(self) -> dict[str, Any]:
        """The options as `SiteSettings` takes them."""
        values = {name: self[name] for name in self._schema_keys if name != "enabled"}
        if hasattr(values.get("feedback"), "model_dump"):
            values["feedback"] = values["feedback"].model_dump()
        values["page_types"] = {k: v.model_dump() if hasattr(v, "model_dump") else v
                                for k, v in values["page_types"].items()}
        values["help_levels"] = {k: v.model_dump() if hasattr(v, "model_dump") else v
                                 for k, v in values["help_levels"].items()}
        return values
