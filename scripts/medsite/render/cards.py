"""Help cards: each piece of 'get help' advice, rendered the same way on every page.

The level is in words in the card's heading, not only in its colour; the signs are a list
of which any one is enough; each phone line in the action is a tap-to-call link.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.rules import PLACEHOLDER
from . import words
from .context import PageContext
from .fragments import render_fragment
from .values import ContactView, DataError, HelpCardView


def help_card(ctx: PageContext, key: str) -> Markup:
    """The help card `key` from the data file."""
    card = ctx.values.help_cards.get(key)
    if card is None:
        raise KeyError(key)
    level = ctx.settings.help_levels[card.level]
    mark = ctx.output.mark
    audience = ctx.settings.help_audiences.get(card.audience, "")
    return render_fragment(
        "help_card.html",
        key=card.key, level=card.level, style=level.style,
        card_id=ctx.unique_id(f"card-{card.key.replace('_', '-')}"),
        level_label=_with_phones(ctx, level.label, card),
        title=mark(card.title, f"{card.path}.title", card.inputs),
        audience=audience if card.audience != ctx.settings.general_audience else "",
        signs=[mark(sign, f"{card.path}.signs[{i}]", card.inputs)
               for i, sign in enumerate(card.signs)],
        lead=words.SIGNS_LEAD if level.needs_signs else "",
        action=_action(ctx, card),
        source_href=ctx.source_href(card.citation),
        source_short=mark(card.citation.source.short, f"{card.citation.source.path}.short", ()),
        section=mark(card.citation.section, f"{card.path}.section", ()),
    )


def tel_link(ctx: PageContext, contact: ContactView) -> Markup:
    """A tap-to-call link showing the number as printed."""
    return render_fragment("tel_link.html", dial=contact.dial,
                           phone=ctx.output.mark(contact.phone, contact.path, contact.inputs))


def _action(ctx: PageContext, card: HelpCardView) -> Markup:
    contacts = {c.key: c for c in card.contacts}
    return _phones_as_links(ctx, card.action, contacts, f"{card.path}.action", card.inputs)


def _with_phones(ctx: PageContext, label: str, card: HelpCardView) -> Markup:
    """A level's label, its {contact} placeholders filled from the data file's contacts."""
    contacts = dict(ctx.values.contacts.items())
    return _phones_as_links(ctx, label, contacts, f"{card.path}.level", ())


def _phones_as_links(ctx: PageContext, text: str, contacts: dict[str, ContactView], path: str,
                     inputs: tuple[str, ...]) -> Markup:
    pieces: list[Markup] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        pieces.append(ctx.output.mark(text[position:match.start()], path, inputs))
        contact = contacts.get(match.group(1))
        if contact is None:
            raise DataError(f"'{text}' names {{{match.group(1)}}}, which is not a contact in "
                            "the data file")
        pieces.append(tel_link(ctx, contact))
        position = match.end()
    pieces.append(ctx.output.mark(text[position:], path, inputs))
    return Markup("").join(pieces)
