import sys

from regionkit.cli import main

sys.exit(main())
