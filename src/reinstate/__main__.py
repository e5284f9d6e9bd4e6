from reinstate.cli import main

raise SystemExit(main())
