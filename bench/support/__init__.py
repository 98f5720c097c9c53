"""Shared by the benchmarks: Django set-up on the scale dataset, servers (gunicorn, Redis) on
loopback started and stopped by us, and the bare Django view that gives each ratio its ceiling.
"""
