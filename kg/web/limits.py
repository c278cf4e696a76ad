"""The network page's node limit, apart from kg.web.viz so that `kg --help` need not import networkx."""

# About as many nodes as vis-network lays out in a few seconds on a laptop and keeps responsive.
DEFAULT_MAX_NODES = 1000
MAX_NODES_HELP = (
    f"Node limit of the page [default: {DEFAULT_MAX_NODES}]. A graph with more nodes (a corpus of "
    "many departments) opens on an overview, a map of each budget year: provinces, cities and "
    "districts with their departments and each one's figures; choose a year and a department on "
    "the page to draw its projects, activities and indicators of that year."
)
