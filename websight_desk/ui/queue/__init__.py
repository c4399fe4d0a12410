"""The ticket queue: a lazily fetched table model, its view, and the view/search bar."""
