"""``python -m repair``: the same as the ``repair`` command."""

from repair.launch import main

main()
