"""The ``rules`` baseline: who said what, by the cues of Indonesian news writing."""
