"""`python -m websight_desk.server` = `websight-desk-server`."""

from websight_desk.server.cli import main

raise SystemExit(main())
