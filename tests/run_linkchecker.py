"""Run linkchecker (10.6) as `linkchecker ARGS...`, without its switch to the `nobody` user.

Started as root, linkchecker sets its effective user to `nobody` after reading its config,
and only then looks for its plugins by listing its own package folder. In a checkout that
`nobody` cannot enter (a fresh clone in a 0700 `mktemp -d` folder, say) that listing finds
nothing and says nothing: AnchorCheck is never loaded, and broken #anchors pass. The tests
only ever point it at the site served on 127.0.0.1, so it keeps the user it was started as.
"""

from __future__ import annotations

import sys

from linkcheck.command import linkchecker as command

command.drop_privileges = lambda: None  # the function linkchecker() calls before checking

if __name__ == "__main__":
    sys.exit(command.linkchecker())
