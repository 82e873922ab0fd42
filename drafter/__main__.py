"""`python -m drafter` runs the same CLI as the `drafter` console script."""

from drafter.cli import main

main()
