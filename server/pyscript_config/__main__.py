"""`python -m pyscript_config` runs the command line, like the console script."""

from pyscript_config.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
