"""HTTP layer: the FastAPI app, REST routes and the LangServe routes for the graph."""
