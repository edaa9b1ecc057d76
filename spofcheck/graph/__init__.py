"""Stage 2: the architecture as a networkx graph, and the queries rules ask of it."""
