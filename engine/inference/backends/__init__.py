"""Inference backends behind the one Backend interface: transformers, llama.cpp, OpenAI-compatible, scripted."""
