"""Developer tools: README screenshots (``python -m tools.screenshots``) and the benchmark page
(``python -m tools.benchmarks``). Not part of the installed app."""
