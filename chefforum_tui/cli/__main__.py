"""python -m chefforum_tui.cli, as the old module's __main__ guard allowed."""

import sys

from chefforum_tui.cli import main

sys.exit(main())
