"""drafter — 讲话稿起草器: drafts Chinese leadership speeches from YAML configs into official-layout Word."""

__version__ = "0.1.0"
