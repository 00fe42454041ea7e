"""Function tools the app runs for the model: the built-in local tools and the executor of calls."""
