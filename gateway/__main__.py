"""`python -m gateway` runs the command line, like `alumni-gateway`."""

from gateway.cli import main

main()
