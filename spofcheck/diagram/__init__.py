"""Review diagrams: graphviz and Mermaid."""
