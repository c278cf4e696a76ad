"""The built graph as a network (networkx): what kg stats and kg viz draw from."""
