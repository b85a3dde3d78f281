"""Scores of a text: reference-free quality, sacrebleu metrics against a reference, LanguageTool.

:mod:`repair.score.quality` turns findings into a 0-100 score, :mod:`repair.score.reference`
wraps sacrebleu, and :mod:`repair.score.languagetool` is the one module that talks to
LanguageTool.
"""
