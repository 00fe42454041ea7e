"""Developer tools: README screenshots (``python -m tools.screenshots``), the benchmark page
(``python -m tools.benchmarks``) and the translations (``python -m tools.i18n``). Not part of the installed app."""
