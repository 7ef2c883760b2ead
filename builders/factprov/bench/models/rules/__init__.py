"""The ``rules`` baseline: who said what, by the cues of Indonesian news writing.

``model`` runs it; ``cues`` holds the cue words (``cues.yaml``) and patterns; ``speech`` finds what was
said and the cue; ``speakers`` who the cue names; ``names`` cleans a name (``names.yaml``);
``discourse`` follows who is speaking through the text.
"""

from factprov.bench.models.rules.model import rules

__all__ = ["rules"]
