"""Stage 4: formatters, each `render(report) -> str`."""
