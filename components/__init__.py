"""Streamlit pieces of the atlas, one per concern; each takes plain values and renders."""
