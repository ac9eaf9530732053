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
        level_label=level.label,
        title=mark(card.title, f"{card.path}.title", card.inputs),
        audience=audience if card.audience != "everyone" else "",
        signs=[mark(sign, f"{card.path}.signs[{i}]", card.inputs)
               for i, sign in enumerate(card.signs)],
        lead=words.SIGNS_LEAD if level.needs_signs else "",
        action=_action(ctx, card),
        source_href=ctx.source_href(card.citation),
        source_short=mark(card.citation.source.short, f"{card.citation.source.path}.short", ()),
        section=mark(card.citation.section, f"{card.path}.section", ()),
    )


def card_plain_text(card: HelpCardView, level_label: str) -> str:
    """A card's words without markup: the same on every page it is on."""
    contacts = {c.key: c.phone for c in card.contacts}
    action = PLACEHOLDER.sub(lambda m: contacts.get(m.group(1), m.group(0)), card.action)
    signs = " ".join(f"- {sign}" for sign in card.signs)
    return f"{level_label}: {card.title} {signs} {action}".strip()


def tel_link(ctx: PageContext, contact: ContactView) -> Markup:
    """A tap-to-call link showing the number as printed."""
    return render_fragment("tel_link.html", dial=contact.dial,
                           phone=ctx.output.mark(contact.phone, contact.path, contact.inputs))


def _action(ctx: PageContext, card: HelpCardView) -> Markup:
    contacts = {c.key: c for c in card.contacts}
    pieces: list[Markup] = []
    position = 0
    for match in PLACEHOLDER.finditer(card.action):
        pieces.append(ctx.output.mark(card.action[position:match.start()],
                                      f"{card.path}.action", card.inputs))
        contact = contacts.get(match.group(1))
        if contact is None:
            raise DataError(f"{card.path} names {{{match.group(1)}}}, which is not one of its "
                            "contacts")
        pieces.append(tel_link(ctx, contact))
        position = match.end()
    pieces.append(ctx.output.mark(card.action[position:], f"{card.path}.action", card.inputs))
    return Markup("").join(pieces)
