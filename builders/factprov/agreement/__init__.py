"""How far independent annotators of the same articles agree (``factprov agreement``, the card's figures).

Owns the comparison of the annotators' own files (``seeds/<id>/annotators/<name>.yaml``):

- :mod:`.pairs`: each pair of annotators' statements matched one to one by shared quote characters,
  as the scorer matches a model's (:func:`factprov.bench.matching.match`), and what differs in each pair;
- :mod:`.alpha`: Krippendorff's alpha, from the ``krippendorff`` package, over tokens (or characters)
  for the quote, cue and mention labels, and over matched statements for the nominal labels;
- :mod:`.measure`: the figures per article and over the corpus, and the disagreements with their
  context, as plain data (the command line prints them as tables or JSON).

The adjudicated ``statements.yaml`` is never one of the annotators: it is what they are adjudicated into.
"""
