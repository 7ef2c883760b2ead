"""Contributing: add-article, suggest, show and release."""
