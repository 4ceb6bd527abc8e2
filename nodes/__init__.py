"""One module per graph step. Each exposes make_<node>(deps) returning the node function."""
