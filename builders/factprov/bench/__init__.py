"""The benchmark: extraction models, gold and predictions, matching, figures, intervals, model runs and the
baselines' leaderboard, and the development and layout texts the baselines are measured on."""
