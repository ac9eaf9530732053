"""Page rules: front matter, typed doses, raw HTML, spelling, reading grade, review dates."""
