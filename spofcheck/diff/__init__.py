"""PR diffs: scan the tree at a git ref and the working tree, and compare the two reports."""
