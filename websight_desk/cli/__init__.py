"""Command-line entry points. Each subcommand lives in its own module with `register()`."""
