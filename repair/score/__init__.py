"""Scores of a text: reference-free quality and sacrebleu metrics against a reference.

:mod:`repair.score.quality` turns findings into a 0-100 score, :mod:`repair.score.reference`
wraps sacrebleu, and :mod:`repair.score.files` scores files and record corpora before and
after their safe fixes. Metrics only: LanguageTool, whose grammar findings enter the score as any
rule's do, is reached through :mod:`repair.languagetool`.
"""
