"""Scores of a text: reference-free quality and sacrebleu metrics against a reference.

:mod:`repair.score.quality` turns findings into a 0-100 score and :mod:`repair.score.reference`
wraps sacrebleu. Metrics only: LanguageTool, whose grammar findings enter the score as any
rule's do, is reached through :mod:`repair.languagetool`.
"""
