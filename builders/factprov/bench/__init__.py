"""The benchmark: extraction models, gold and predictions, matching, figures, intervals and the leaderboard."""
