"""Company-document retrieval: Korean-aware chunking, embeddings and a FAISS index."""
