"""`python -m medsite COMMAND`: the same as the `medsite` command."""

import sys

from .cli.main import main

sys.exit(main())
